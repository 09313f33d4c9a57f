"""The quiz engine and the store load without pandas, matplotlib or PyYAML (as in the browser's Python).

Each check runs in a fresh interpreter, so what an earlier test imported does not count.
"""

import json
import subprocess
import sys
import textwrap

import pytest

HEAVY = ("pandas", "matplotlib", "numpy", "yaml")


def _loaded_after(statement: str) -> list[str]:
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("module", ["medialit", "medialit.quizzes", "medialit.classroom.store",
                                    "medialit.classroom.recorder", "medialit.classroom.handin"])
def test_the_quiz_and_store_path_loads_none_of_the_heavy_packages(module):
    assert _loaded_after(f"import {module}") == []


def test_the_check_sees_a_module_that_does_load_pandas():
    # The same check on a module that makes tables at import time: it must report pandas.
    assert "pandas" in _loaded_after("import medialit.article.numbers")


# Under Pyodide built offline there is no pandas, matplotlib, numpy or PyYAML at all. Here they
# are made unimportable, and a question written in code is shown, checked, saved, restored in a
# new quiz and handed in: the path the JupyterLite browser test takes.
_WITHOUT_HEAVY = textwrap.dedent('''
    import importlib.abc, json, sys
    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {heavy!r}:
                raise ModuleNotFoundError(f"No module named {{name!r}} (blocked)")
    sys.meta_path.insert(0, Block())
    import medialit
    from medialit.quizzes import question
    art = medialit.load_article("raqqa-exodus")
    q = question({{"id": "lite-demo", "type": "single_choice", "lesson": 1,
                  "prompt": "Who wrote the article?", "explanation": "The byline names him.",
                  "options": [{{"id": "a", "text": "Michel Chossudovsky"}}, {{"id": "b", "text": "A reporter"}}],
                  "answer": "a"}}, art)
    widget = medialit.quiz(q, art)
    widget.answer("a"); widget.check()
    again = medialit.quiz(q, art)
    from medialit.classroom.handin import export
    written = export(sys.argv[1])
    doc = json.loads(written[0].path.read_text(encoding="utf-8"))
    print(json.dumps({{"restored": again.attempts, "answers": doc["answers"],
                      "heavy": sorted(m for m in {heavy!r} if m in sys.modules)}}))
''')


def test_a_question_written_in_code_is_saved_restored_and_handed_in_without_them(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("JUPYTERHUB_USER", "Lite Student")
    monkeypatch.delenv("MEDIALIT_PROGRESS", raising=False)
    out = subprocess.run([sys.executable, "-c", _WITHOUT_HEAVY.format(heavy=HEAVY), str(tmp_path / "handins")],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["heavy"] == []
    assert result["restored"] == 1
    [answer] = result["answers"]
    assert (answer["question"], answer["answer"], answer["correct"]) == ("lite-demo", "a", True)


def test_reading_yaml_without_pyyaml_is_a_seed_error_naming_the_file(tmp_path):
    bank = tmp_path / "quizzes.yaml"
    bank.write_text("- id: x\n", encoding="utf-8")
    code = textwrap.dedent(f'''
        import sys
        sys.modules["yaml"] = None          # what an install without PyYAML looks like to import
        from medialit._io.reading import read_yaml
        from medialit.errors import SeedError
        try:
            read_yaml({str(bank)!r})
        except SeedError as exc:
            print(exc)
    ''')
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert str(bank) in out.stdout and "needs PyYAML" in out.stdout
