"""The teacher's scores file for open answers: saved at once, shared by two teachers, never lost."""

from __future__ import annotations

import json
import multiprocessing

import pytest

from medialit.classroom.scores import SCHEMA, ScoreBook, text_sha
from medialit.errors import ScoresError

FORK = multiprocessing.get_context("fork")


def test_a_score_is_saved_at_once_and_read_back_by_a_new_book(tmp_path):
    book = ScoreBook(tmp_path / "class-report" / "scores.json")
    saved = book.score("art", "Ana Lopez", "q1", level="Emerging", number=2, scorer="Ms Rivera", text="my words")
    again = ScoreBook(book.path).get("art", "ana  lopez", "q1")      # another spelling, a new reader
    assert again == saved and again["scorer"] == "Ms Rivera" and again["text"] == text_sha("my words")
    data = json.loads(book.path.read_text(encoding="utf-8"))
    assert data["schema"] == SCHEMA and len(data["scores"]) == 1


def test_a_second_teacher_sees_who_scored_and_rescoring_keeps_the_earlier_score(tmp_path):
    path = tmp_path / "scores.json"
    ScoreBook(path).score("art", "ana", "q1", level="Emerging", number=2, scorer="Ms Rivera", text="t")
    seen = ScoreBook(path).get("art", "ana", "q1")
    assert (seen["scorer"], seen["level"]) == ("Ms Rivera", "Emerging")
    ScoreBook(path).score("art", "ana", "q1", level="Proficient", number=3, scorer="Mr Okafor", text="t")
    now = ScoreBook(path).get("art", "ana", "q1")
    assert (now["scorer"], now["number"]) == ("Mr Okafor", 3)
    assert [(e["scorer"], e["level"]) for e in now["earlier"]] == [("Ms Rivera", "Emerging")]


def _score_many(path, worker: int, count: int) -> None:
    book = ScoreBook(path)
    for n in range(count):
        book.score("art", f"student-{worker}-{n}", "q1", level="Beginning", number=1,
                   scorer=f"teacher {worker}", text=str(n))
        book.score("art", "shared", "q1", level="Emerging", number=2, scorer=f"teacher {worker}", text="s")


def test_concurrent_writers_lose_nothing(tmp_path):
    path = tmp_path / "scores.json"
    workers, count = 6, 15
    procs = [FORK.Process(target=_score_many, args=(path, w, count)) for w in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert all(p.exitcode == 0 for p in procs)
    scores = ScoreBook(path).scores()
    assert len(scores) == workers * count + 1                # every student's score, and the shared one once
    shared = scores[("art", "shared", "q1")]
    assert len(shared["earlier"]) == 20                       # the latest earlier scores are kept


@pytest.mark.parametrize("content, says", [
    ("{not json", "not valid JSON"),
    ('{"schema": "other/1", "scores": []}', "not a medialit scores file"),
    (json.dumps({"schema": SCHEMA, "scores": [{"article": "a"}]}), "score #1: missing field"),
    (json.dumps({"schema": SCHEMA, "scores": [{"article": "a", "student": "s", "question": "q", "level": "L",
                                               "number": 0, "scorer": "t", "at": "x", "text": "h",
                                               "earlier": []}]}), "score #1: number"),
])
def test_a_malformed_file_is_a_clear_error_naming_it_and_is_never_written_over(tmp_path, content, says):
    path = tmp_path / "scores.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ScoresError, match=says) as caught:
        ScoreBook(path).scores()
    assert str(path) in str(caught.value)
    with pytest.raises(ScoresError, match="nothing was changed"):
        ScoreBook(path).score("art", "ana", "q1", level="L", number=1, scorer="t", text="x")
    assert path.read_text(encoding="utf-8") == content


def test_a_scorer_needs_a_usable_name(tmp_path):
    with pytest.raises(ScoresError, match="scorer"):
        ScoreBook(tmp_path / "s.json").score("art", "ana", "q1", level="L", number=1, scorer="  ", text="x")
    assert not (tmp_path / "s.json").exists()


def test_each_student_gets_a_file_with_their_own_scores_only(tmp_path):
    from medialit.classroom.names import safe_name
    from medialit.classroom.scores import write_for_students

    book = ScoreBook(tmp_path / "scores.json")
    book.score("raqqa-exodus", "Ana Lopez", "l1-reflection", level="Proficient", number=3, scorer="Ms Rivera",
               text="Ana's answer")
    book.score("raqqa-exodus", "Bo", "l1-reflection", level="Emerging", number=1, scorer="Ms Rivera",
               text="Bo's answer")
    book.score("raqqa-exodus", "ana lopez", "l2-reflection", level="Developing", number=2, scorer="Mr Okafor",
               text="Ana again")                                     # one student, another spelling
    written = write_for_students(book.path, tmp_path / "for-students")
    assert sorted(p.name for p in written) == sorted(f"{safe_name(s)}.scores.json" for s in ("Ana Lopez", "Bo"))
    ana = ScoreBook(tmp_path / "for-students" / f"{safe_name('Ana Lopez')}.scores.json")
    assert {(k[1], k[2]) for k in ana.scores()} == {("ana lopez", "l1-reflection"), ("ana lopez", "l2-reflection")}
    bo = (tmp_path / "for-students" / f"{safe_name('Bo')}.scores.json").read_text(encoding="utf-8")
    assert "Bo" in bo and "Ana" not in bo and "Proficient" not in bo
