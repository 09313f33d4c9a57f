"""The growth measure: a synthetic class of 30 with known pre/post answers, gains computed by hand."""

from __future__ import annotations

import csv
import math
import shutil
import statistics
from pathlib import Path

import pytest

from medialit import load_article
from medialit.article.checks import check_article
from medialit.authoring.build import exit_ticket_records
from medialit.classroom import report
from medialit.classroom.handin import make_handin
from medialit.classroom.report.growth import read_pairing, t_quantile
from medialit.errors import ArticleError
from medialit.quizzes.bank import load_bank
from medialit.quizzes.questions import BINS
from medialit.quizzes.scoring import grade

ROOT = Path(__file__).resolve().parents[2]
PRE, POST = "pretest-cycle-lane", "posttest-phone-ban"
#: A phrase of each highlight passage that is none of the key's spans (a wrong answer scoring 0).
OFF_KEY = {"pre-hl-quotes": "after the vote", "post-hl-quotes": "in a letter to parents",
           "pre-hl-framing": "Everyone knows", "post-hl-framing": "Every teenager knows",
           "pre-hl-general": "so-called", "post-hl-general": "so-called"}
T_975_29 = 2.045230          # Student's t, 0.975 quantile, 29 degrees of freedom (printed tables)


@pytest.fixture(autouse=True)
def _env(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mpl"))
    monkeypatch.setenv("MEDIALIT_TEACHER_KEYS", str(ROOT / "solutions" / "keys"))


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    for slug in (PRE, POST):
        shutil.copytree(ROOT / "seeds" / slug, folder / slug)
    shutil.copy(ROOT / "seeds" / "growth.yaml", folder / "growth.yaml")
    return folder


def _answer(question, article, right: bool):
    if question.type == "highlight":
        if right:
            return [[k.start, k.end] for k in question.key]
        at = question.passage.start + question.passage_text.index(OFF_KEY[question.id])
        return [[at, at + len(OFF_KEY[question.id])]]
    if question.type == "categorize":
        return dict(question.answer) if right else {i: list(BINS)[(list(BINS).index(b) + 1) % len(BINS)]
                                                    for i, b in question.answer.items()}
    if question.type == "multi_choice":
        return list(question.answer) if right else [o.id for o in question.options if o.id not in question.answer]
    return question.answer if right else next(o.id for o in question.options if o.id != question.answer)


def _right(student: int, item: int, side: str) -> bool:
    """Who gets which item right: a fixed pattern, more right on the post-test for most; the two
    students with only a pre-test get everything right (so leaving them out shows)."""
    if student >= 30:
        return True
    shift = 0 if side == "pre" else 2 + student % 3
    return (student * 7 + item * 3) % 10 < 3 + shift


@pytest.fixture
def klass(tmp_path, seeds):
    """30 students with both tests, 2 with only the pre-test, 1 with only the post-test."""
    folder = tmp_path / "handins"
    folder.mkdir()
    pairing = read_pairing(seeds / "growth.yaml")
    truth = {}
    for side, slug, who in (("pre", PRE, list(range(32))), ("post", POST, [*range(30), 40])):
        article = load_article(seeds / slug)
        keyed = load_bank(article, teacher_keys=True)
        for s in who:
            answers = {}
            for j, pair in enumerate(pairing.pairs):
                qid = pair[0] if side == "pre" else pair[1]
                right = _right(s, j, side)
                answers[qid] = _answer(keyed[qid], article, right)
                score = grade(keyed[qid], keyed[qid].coerce(answers[qid])).score
                assert score == (1.0 if right else 0.0), (qid, right, score)     # the answers are what we say
                truth[(side, s, j)] = score
            doc = make_handin(article, f"Student {s}", answers, created="2026-03-02T10:00:00.000Z")
            assert all(row["score"] is None for row in doc["answers"])      # recorded, not marked, in class
            (folder / f"{side}-{s}.json").write_text(__import__("json").dumps(doc), encoding="utf-8")
    return folder, pairing, truth


def _by_hand(pairing, truth, category):
    items = [j for j, pair in enumerate(pairing.pairs) if category in (pair[2], "all")]
    pre = [100 * sum(truth[("pre", s, j)] for j in items) / len(items) for s in range(30)]
    post = [100 * sum(truth[("post", s, j)] for j in items) / len(items) for s in range(30)]
    gains = [b - a for a, b in zip(pre, post)]
    half = T_975_29 * statistics.stdev(gains) / math.sqrt(30)
    return statistics.mean(pre), statistics.mean(post), statistics.mean(gains), half


def test_growth_csv_equals_the_gains_computed_by_hand(klass, tmp_path, seeds):
    folder, pairing, truth = klass
    rep = report.build(folder, seeds=[str(seeds)])
    report.write(rep, tmp_path / "out")
    rows = {r["category"]: r for r in csv.DictReader((tmp_path / "out" / "growth.csv").open(encoding="utf-8"))}
    assert list(rows) == ["quoted_reporting", "framing", "generalization", "all"]
    for category, row in rows.items():
        pre, post, gain, half = _by_hand(pairing, truth, category)
        assert int(row["students"]) == 30 and row["only_pre"] == "2" and row["only_post"] == "1"
        assert float(row["pre_mean"]) == pytest.approx(pre)
        assert float(row["post_mean"]) == pytest.approx(post)
        assert float(row["gain_pp"]) == pytest.approx(gain)
        assert float(row["ci_low"]) == pytest.approx(gain - half, abs=1e-4)
        assert float(row["ci_high"]) == pytest.approx(gain + half, abs=1e-4)
        assert "only the 30 student(s) who handed in both tests" in row["note"]
    assert {"quoted_reporting": 4, "framing": 3, "generalization": 3, "all": 10} == \
        {c: int(r["items"]) for c, r in rows.items()}
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "Growth: pre-test to post-test" in page and "Pre-test and post-test mean per category" in page
    assert "growth" in rep.summary()


def test_a_wrong_computation_does_not_match(klass, seeds):
    """The unpaired mean (every pre-test taken, the 2 without a post-test too) and a z interval
    (1.96 instead of t) both give other figures: the table is the paired t computation."""
    folder, pairing, truth = klass
    table = report.build(folder, seeds=[str(seeds)]).growth.set_index("category")
    items = range(len(pairing.pairs))
    unpaired_pre = statistics.mean(100 * sum(truth[("pre", s, j)] for j in items) / 10 for s in range(32))
    assert table.loc["all", "pre_mean"] != pytest.approx(unpaired_pre)
    pre, post, gain, half = _by_hand(pairing, truth, "all")
    assert table.loc["all", "ci_high"] != pytest.approx(gain + half / T_975_29 * 1.96, abs=1e-4)


def test_no_interval_with_one_student_and_no_growth_without_the_file(tmp_path, seeds):
    folder = tmp_path / "one"
    folder.mkdir()
    for slug in (PRE, POST):
        article = load_article(seeds / slug)
        qid = next(iter(load_bank(article)))
        doc = make_handin(article, "Solo", {qid: _answer(load_bank(article, teacher_keys=True)[qid], article, True)})
        (folder / f"{slug}.json").write_text(__import__("json").dumps(doc), encoding="utf-8")
    row = report.build(folder, seeds=[str(seeds)]).growth.set_index("category").loc["quoted_reporting"]
    assert row["students"] == 1 and row["gain_pp"] == pytest.approx(0.0) and math.isnan(row["ci_low"])
    (seeds / "growth.yaml").unlink()
    assert report.build(folder, seeds=[str(seeds)]).growth.empty


def test_t_quantile_matches_printed_tables():
    for df, value in ((1, 12.7062), (9, 2.2622), (29, 2.0452)):
        assert t_quantile(0.975, df) == pytest.approx(value, abs=5e-5)
    with pytest.raises(ValueError, match="0.5 < p < 1"):
        t_quantile(0.4, 5)


@pytest.mark.parametrize("text, needle", [
    ("pre: a\npairs: [{pre: x, post: y, category: framing}]\n", "growth.yaml:1 [post]: missing"),
    ("pre: a\npost: b\npairs:\n  - {pre: x, post: y, category: spin}\n", "growth.yaml:4 [pairs[0].category]"),
    ("pre: a\npost: b\npairs:\n  - {pre: x, post: y, category: framing}\n  - {pre: x, post: z, category: framing}\n",
     "growth.yaml:5 [pairs[1].pre]: 'x' is already paired"),
    ("pre: a\npost: a\npairs: [{pre: x, post: y, category: framing}]\n", "[post]: must be a different article"),
    ("- just a list\n", "growth.yaml:1: must be a mapping"),
])
def test_a_bad_growth_file_names_file_line_and_field(tmp_path, text, needle):
    (tmp_path / "growth.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ArticleError) as caught:
        read_pairing(tmp_path / "growth.yaml")
    assert needle in str(caught.value)


def test_a_pair_must_name_questions_of_one_type(klass, seeds):
    folder, _, _ = klass
    text = (seeds / "growth.yaml").read_text(encoding="utf-8")
    (seeds / "growth.yaml").write_text(text.replace("post: post-cut,", "post: post-sort-quoted,", 1)
                                       .replace("post: post-sort-quoted, category", "post: post-cut, category", 1),
                                       encoding="utf-8")
    with pytest.raises(ArticleError, match=r"pairs\[1\]\]: pre-sort-quoted is a categorize question but post-cut"):
        report.build(folder, seeds=[str(seeds)])
    (seeds / "growth.yaml").write_text(text.replace("post: post-cut,", "post: post-nope,"), encoding="utf-8")
    with pytest.raises(ArticleError, match="no question 'post-nope' in posttest-phone-ban"):
        report.build(folder, seeds=[str(seeds)])


@pytest.mark.parametrize("slug", [PRE, POST])
def test_the_test_articles_are_valid_invented_and_withheld_from_students(slug):
    folder = ROOT / "seeds" / slug
    assert check_article(folder) == []
    article = load_article(folder)
    assert "written for practice" in article.text.lower() and "not a real news report" in article.text.lower()
    bank = load_bank(article, teacher_keys=True)
    assert len(bank) == 10 and all(q.summative and not q.key_withheld for q in bank.values())
    assert all(q.key_withheld for q in load_bank(article).values())       # the student's kernel has no key
    withheld = exit_ticket_records(folder).withheld
    for q in bank.values():                                               # the highlight keys' records
        assert {k.id for k in getattr(q, "key", ())} <= withheld


def test_the_two_tests_are_matched_item_by_item():
    pairing = read_pairing(ROOT / "seeds" / "growth.yaml")
    pre = load_bank(load_article(ROOT / "seeds" / PRE), teacher_keys=True)
    post = load_bank(load_article(ROOT / "seeds" / POST), teacher_keys=True)
    assert {p for p, _, _ in pairing.pairs} == set(pre) and {q for _, q, _ in pairing.pairs} == set(post)
    for p, q, category in pairing.pairs:
        a, b = pre[p], post[q]
        assert (a.type, a.passage and a.passage.label) == (b.type, b.passage and b.passage.label)
        assert len(getattr(a, "options", ())) == len(getattr(b, "options", ()))
        assert len(getattr(a, "items", ())) == len(getattr(b, "items", ()))
        if a.type == "highlight":
            assert [(k.category, k.label) for k in a.key] == [(k.category, k.label) for k in b.key]
            assert {k.category for k in a.key} == {category}
    layers = [load_article(ROOT / "seeds" / s).annotations for s in (PRE, POST)]
    assert layers[0]["label"].tolist() == layers[1]["label"].tolist()
