"""Exit tickets: scored by the teacher, with keys no file of the student's gives away.

A student gets a copy of the kit without solutions/ (``medialit build --student-copy``).
These tests make that copy and show: the bank in it holds no key, feedback or
explanation of any exit ticket, no file in it contains the teacher's key texts, the
student's kernel records an exit-ticket answer with no score, the hand-in carries it
unscored, and the teacher's report scores it with the keys.
"""

import json
import subprocess
import sys

import pytest
import yaml

from medialit.quizzes.exit_tickets import SUMMATIVE_KEY_FIELDS
from tests.conftest import ROOT

KEYS = yaml.safe_load((ROOT / "solutions" / "keys" / "raqqa-exodus.yaml").read_text(encoding="utf-8"))
BANK = yaml.safe_load((ROOT / "seeds" / "raqqa-exodus" / "quizzes.yaml").read_text(encoding="utf-8"))
EXITS = [q for q in BANK if q.get("summative")]


OPEN_IDS = {q["id"] for q in BANK if q.get("type") == "open"}


def _key_texts():
    """Every sentence-long text in the teacher's keys (feedback, explanations, model answers)."""
    for entry in KEYS.values():
        yield " ".join(str(entry.get("explanation", "")).split())
        yield " ".join(str(entry.get("model_answer", "")).split())
        for text in (entry.get("feedback") or {}).values():
            yield " ".join(str(text).split())


@pytest.fixture(scope="module")
def student_kit(tmp_path_factory):
    dest = tmp_path_factory.mktemp("class") / "kit"
    result = subprocess.run([sys.executable, "-m", "medialit", "build", "--root", str(ROOT),
                             "--student-copy", str(dest)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "left out: solutions" in result.stdout
    return dest


def test_lesson_07_gives_the_five_exit_questions_it_promises_on_unseen_text():
    lesson = json.loads((ROOT / "notebooks" / "07-putting-it-together.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in lesson["cells"])
    assert "five-question exit ticket" in text and "five questions on a short text you" in text
    assert len(EXITS) == 5
    for question in EXITS:
        assert f'medialit.quiz("{question["id"]}")' in text, question["id"]
        assert "hint" not in question, question["id"]
        assert "practice text" in question["prompt"] or question["type"] == "categorize", question["id"]


def test_every_exit_ticket_has_a_teacher_key():
    assert len(EXITS) >= 4
    assert {q["id"] for q in EXITS} == set(KEYS) - OPEN_IDS


@pytest.mark.parametrize("question", EXITS, ids=[q["id"] for q in EXITS])
def test_the_student_bank_holds_no_key_feedback_or_explanation(question):
    assert not set(SUMMATIVE_KEY_FIELDS[question["type"]]) & set(question)
    for entry in question.get("options", []) + question.get("items", []):
        assert "feedback" not in entry and "annotation" not in entry


def test_no_file_in_the_student_copy_contains_a_key_text(student_kit):
    assert not (student_kit / "solutions").exists() and not (student_kit / "tests").exists()
    texts = [t for t in _key_texts() if len(t) > 30]
    assert len(texts) >= 10
    assert sum(1 for qid in OPEN_IDS if qid in KEYS) >= 17          # the model answers are checked too
    for path in student_kit.rglob("*"):
        if path.is_file() and path.suffix in {".yaml", ".yml", ".ipynb", ".py", ".md", ".json", ".txt", ".js"}:
            content = " ".join(path.read_text(encoding="utf-8", errors="replace").split())
            leaked = [t[:50] for t in texts if t in content]
            assert not leaked, f"{path.relative_to(student_kit)} holds a teacher key text: {leaked}"


def test_student_kernel_records_without_scoring_and_teacher_report_scores(student_kit, tmp_path):
    """In the student's copy: answer the exit tickets, hand in, then report with the teacher's kit."""
    home = tmp_path / "home"
    handins = tmp_path / "handins"
    script = f"""
import json, medialit, medialit.classroom.handin
answers = [("l7-exit-question", "evidence"), ("l7-exit-quote", "hedge-cut"),
           ("l7-exit-trace", ["trace", "others", "bold"])]
for qid, answer in answers:
    q = medialit.quiz(qid)
    q.answer(answer)
    r = q.check()
    assert r.score is None and r.correct is None and "saved for your teacher" in r.feedback, r
print(json.dumps([str(w.path) for w in medialit.classroom.handin.export({str(handins)!r})]))
"""
    env = {"HOME": str(tmp_path), "MEDIALIT_HOME": str(home), "JUPYTERHUB_USER": "student-1",
           "MEDIALIT_SEEDS": str(student_kit / "seeds"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script], cwd=student_kit / "notebooks", env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    (path,) = json.loads(done.stdout.strip().splitlines()[-1])
    doc = json.loads(open(path, encoding="utf-8").read())
    recorded = {a["question"]: a for a in doc["answers"]}
    assert all(recorded[q]["score"] is None and recorded[q]["correct"] is None for q in recorded)
    # the teacher, with solutions/keys, scores them
    from medialit.classroom import report

    rep = report.build(handins, seeds=[ROOT / "seeds"])
    scores = rep.answers.set_index("question")["score"]
    assert scores["l7-exit-question"] == 1.0 and scores["l7-exit-quote"] == 1.0
    assert 0 < scores["l7-exit-trace"] < 1            # two right ticks, one wrong: partial credit
    assert rep.skipped.empty
