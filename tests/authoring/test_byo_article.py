"""Bring your own article, end to end: plain text -> new -> flag -> review -> check -> practice quizzes."""

import yaml

from medialit import load_article, validate
from medialit.authoring.review import accept
from medialit.cli import main
from medialit.quizzes.practice import key_answer, practice_quizzes

TEXT = "\n".join([
    "Town Pool Closing Is a Disgrace",
    "",
    "By Lee Park (an invented writer, for the medialit tests)",
    "",
    "The council voted on Monday to close the town pool for the summer. "
    "“We cannot afford the repairs this year,” said councillor Ana Diaz.",
    "",
    "Clearly the council never listens to swimmers: everyone in town knows it. "
    "This shameful decision will ruin the summer for every family.",
    "",
    "The pool will reopen next year, the council said in a statement.",
    "",
])

META = """\
title: Town Pool Closing Is a Disgrace
author: Lee Park (invented)
publisher: medialit tests (invented)
published: 2025-02-01
credit: Invented text written for the medialit tests; no real town or people.
kind: opinion
"""

SOURCES = """\
- id: author
  who: Lee Park (invented)
  says: Invented for the tests; argues the council was wrong to close the pool.
  confidence: seen
- id: diaz
  who: Ana Diaz, councillor (invented)
  says: Invented for the tests; said the repairs are not affordable this year.
  confidence: not_found
"""


def test_plain_text_to_working_quizzes(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MEDIALIT_PROGRESS", "off")
    monkeypatch.setenv("MEDIALIT_HOME", str(tmp_path / "medialit-home"))
    source = tmp_path / "pool.txt"
    source.write_text(TEXT, encoding="utf-8")
    seeds = tmp_path / "seeds"

    # 1. medialit new: the folder, with TODOs that `medialit check` reports
    assert main(["new", "town-pool", "--from", str(source), "--seeds", str(seeds)]) == 0
    folder = seeds / "town-pool"
    assert (folder / "article.txt").read_text(encoding="utf-8") == TEXT
    assert main(["check", str(folder)]) == 1
    (folder / "meta.yaml").write_text(META, encoding="utf-8")
    (folder / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    assert validate(folder) == []                        # an empty annotation layer is valid

    # 2. medialit flag: drafts for the teacher to review
    assert main(["flag", str(folder)]) == 0
    drafts = yaml.safe_load((folder / "drafts.yaml").read_text(encoding="utf-8"))
    categories = {d["category"] for d in drafts}
    assert {"quoted_reporting", "framing", "generalization"} <= categories
    capsys.readouterr()

    # 3. review: accept every draft, crediting the quote and rewriting its note
    quote = next(d for d in drafts if d["label"] == "direct_quote")
    result = accept(folder, [d["id"] for d in drafts], edits={
        quote["id"]: {"source_id": "diaz", "note": "The councillor's own words, credited by name."},
    })
    assert len(result.written) == len(drafts) and result.refused == {}
    assert (folder / "drafts.yaml").exists() and yaml.safe_load((folder / "drafts.yaml").read_text()) == []
    layer = yaml.safe_load((folder / "annotations.yaml").read_text(encoding="utf-8"))
    assert all(not r["note"].startswith("DRAFT") for r in layer)
    assert next(r for r in layer if r["id"] == result.accepted[quote["id"]])["source_id"] == "diaz"

    # 4. medialit check passes
    assert validate(folder) == []
    assert main(["check", str(folder)]) == 0

    # 5. practice quizzes from the new layer, graded right
    article = load_article(folder, reload=True)
    quizzes = practice_quizzes(article)
    types = [q.question.type for q in quizzes]
    assert "highlight" in types and types[-1] == "categorize"
    covered = {k.id for q in quizzes if q.question.type == "highlight" for k in q.question.key}
    assert covered == {r["id"] for r in layer}
    for quiz in quizzes:
        quiz.answer(key_answer(quiz.question))
        result = quiz.check()
        assert result.correct and result.score == 1.0, quiz.question_id
        assert "Correct" in quiz.feedback_area.value
