"""The fixture notebook in a real kernel: stable text reprs for nbval, no stray output."""

from __future__ import annotations

import shutil

import nbformat
import pytest

from tests.conftest import RESOURCES

pytestmark = pytest.mark.slow

WIDGET = "application/vnd.jupyter.widget-view+json"


def _run(nb, folder):
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(folder)}},
                   store_widget_state=False).execute()
    return nb


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nb")
    with pytest.MonkeyPatch.context() as patch:
        # No saved answers from elsewhere put back into these quizzes, none saved.
        patch.setenv("MEDIALIT_PROGRESS", "off")
        patch.setenv("MEDIALIT_HOME", str(folder / "medialit-home"))
        return _execute(folder)


def _execute(folder):
    shutil.copytree(RESOURCES / "mini-article", folder / "mini-article")
    nb = nbformat.read(RESOURCES / "quiz-types.ipynb", as_version=4)
    extra = [
        "q = quiz('mini-single')\nq.answer('mayor')\nresult = q.check()\nassert result.correct, result.feedback",
        "result",
    ]
    nb.cells += [nbformat.v4.new_code_cell(src) for src in extra]
    return _run(nb, folder)


def test_each_quiz_shows_a_widget_with_a_short_stable_text_repr(executed):
    outputs = {cell.source: cell.outputs for cell in executed.cells if cell.cell_type == "code"}
    expected = {
        'quiz("mini-single")': ("Quiz mini-single (single_choice): "
                                "Whose words appear inside quotation marks in paragraph 2?"),
        'quiz("mini-multi")': ("Quiz mini-multi (multi_choice): "
                               "Which of these words push a reading of events before giving…"),
        'quiz("mini-sort")': "Quiz mini-sort (categorize): Sort each excerpt into what it is an example of.",
        'quiz("mini-highlight")': ("Quiz mini-highlight (highlight): "
                                   "Highlight the words in these two paragraphs that push a rea…"),
        'quiz("mini-weeks")': "Quiz mini-weeks (numeric): According to the engineer, how many weeks will the repairs…",
    }
    for source, text in expected.items():
        (out,) = outputs[source]
        assert out["output_type"] == "execute_result"
        assert out["data"]["text/plain"] == text
        assert WIDGET in out["data"]


def test_checking_from_a_cell_prints_nothing(executed):
    check_cell, result_cell = executed.cells[-2], executed.cells[-1]
    assert check_cell.outputs == []          # feedback goes to the widget, not to stdout
    assert result_cell.outputs[0]["data"]["text/plain"] == \
        "QuizResult(question='mini-single', correct=True, score=1.00)"
