"""Issue 15: every lesson tells students what to do if the material upsets them; the primer is
listed wherever lessons are, and its prose names whose words it reports."""

import json

import pytest

from tests.article.test_raqqa_fairness import unnamed_reports
from tests.conftest import ROOT

LESSONS = sorted((ROOT / "notebooks").glob("0*.ipynb"))
PRIMER = "00b-background.ipynb"


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def tells_what_to_do(text: str) -> bool:
    flat = " ".join(line.lstrip("> ") for line in text.splitlines()).split()
    flat = " ".join(flat)
    return "upsets you" in flat and "talk to your teacher" in flat and "another article" in flat


def test_the_check_sees_a_note_without_what_to_do():
    assert not tells_what_to_do("> The figures in this lesson are people. Treat them with care.")
    assert tells_what_to_do("> If anything here upsets you, you can stop and talk to your\n> teacher; "
                            "you can ask for another article to practise on.")


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_lesson_opens_with_what_to_do_if_upset(lesson):
    assert tells_what_to_do("".join(_cells(lesson)[0]["source"])), lesson.name


def test_the_primer_is_listed_wherever_lessons_are():
    assert PRIMER in [p.name for p in LESSONS]
    for listing in (ROOT / "README.md", ROOT / "solutions" / "TEACHER-GUIDE.md"):
        assert "00b-background" in listing.read_text(encoding="utf-8"), listing
    start = "".join("".join(c["source"]) for c in _cells(ROOT / "notebooks" / "00-start-here.ipynb"))
    assert f"]({PRIMER})" in start


def _entries(path):
    """The glossary rows and bulleted statements of a notebook's markdown (where it reports on sources)."""
    for cell in _cells(path):
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith(("| **", "- **")):
                    yield line.replace("|", ". ")


def test_the_primer_names_whose_words_it_reports():
    entries = list(_entries(ROOT / "notebooks" / PRIMER))
    assert len(entries) >= 10 + 2           # ten glossary rows, the two stories
    assert [s for text in entries for s in unnamed_reports(text)] == []
    assert unnamed_reports("| **Raqqa** | The report says the deal was secret. |".replace("|", ". "))
