"""Reading a PTC-layout folder and scoring the drafts on it, against figures worked by hand."""

import re
from pathlib import Path

import pytest

from medialit.authoring.flagging import ptc
from medialit.authoring.flagging.confidence import DEFAULT_MIN_CONFIDENCE
from medialit.authoring.flagging.drafts import flag_text
from medialit.authoring.flagging.evaluate import kept, ptc_predictions, score_ptc, score_rows
from medialit.cli import main
from medialit.text.spans import score_many

# Invented articles. The rules fire exactly twice in article 1 and never in article 2:
#   "Who will pay ... river?"  14..61  rhetorical_question, confidence 0.20
#   "evil"                     75..79  loaded_language,     confidence 0.25
# Article 5 (held out: its id ends in 5) fires three times:
#   "They are evil thugs!" 14..34 emphasis 0.40 (holds charged words); "evil" 23..27 loaded 0.25;
#   "thugs" 28..33 epithet 0.40
ART1 = "A plain title\nWho will pay for the new bridge over the river?\nThe plan was evil.\n"
ART2 = "Another title\nThe report was published on Monday.\n"
ART5 = "A third title\nThey are evil thugs!\n"
LABELS = (
    "1\tDoubt\t14\t61\n"              # exactly the question
    "1\tLoaded_Language\t71\t79\n"    # "was evil": the draft covers 4 of its 8 characters
    "2\tLoaded_Language\t14\t24\n"    # "The report": nothing drafted there
)


def make_corpus(folder: Path, labels: str = LABELS, held_out: bool = False) -> Path:
    (folder / "articles").mkdir(parents=True)
    (folder / "articles" / "article1.txt").write_text(ART1, encoding="utf-8")
    (folder / "articles" / "article2.txt").write_text(ART2, encoding="utf-8")
    if held_out:
        (folder / "articles" / "article5.txt").write_text(ART5, encoding="utf-8")
        labels += "5\tName_Calling,Labeling\t28\t33\n"     # "thugs"
    (folder / "labels.tsv").write_text(labels, encoding="utf-8")
    return folder


def test_the_invented_articles_fire_only_the_expected_rules():
    assert [(f.start, f.end, f.label, f.confidence) for f in flag_text(ART1)] == [
        (14, 61, "rhetorical_question", 0.2), (75, 79, "loaded_language", 0.25)]
    assert flag_text(ART2) == []
    assert [(f.start, f.end, f.label, f.confidence) for f in flag_text(ART5)] == [
        (14, 34, "emphasis", 0.4), (23, 27, "loaded_language", 0.25), (28, 33, "epithet", 0.4)]


def test_read_corpus(tmp_path):
    corpus = ptc.read_corpus(make_corpus(tmp_path))
    assert corpus.texts == {"1": ART1, "2": ART2}
    assert corpus.gold("Loaded_Language") == {"1": [(71, 79)], "2": [(14, 24)]}
    assert corpus.gold() == {"1": [(14, 61), (71, 79)], "2": [(14, 24)]}
    assert corpus.techniques == ["Loaded_Language", "Doubt"]


def test_the_held_out_part_is_the_ids_ending_in_0_or_5():
    assert ptc.split_ids(["111111111", "111111115", "999001970", "7", "10", "25", "5"]) == (
        ["111111111", "7"], ["111111115", "999001970", "10", "25", "5"])
    assert ptc.HELD_OUT_DIGITS == "05"     # fixed: the figures in the README and below depend on it


def test_scores_match_the_hand_computed_figures(tmp_path):
    corpus = ptc.read_corpus(make_corpus(tmp_path))
    rows = ptc_predictions(corpus)
    assert rows == [("1", "rhetorical_question", 14, 61, 0.2), ("1", "loaded_language", 75, 79, 0.25)]
    # Every draft: both inside gold -> P = 1; R = (1 + 4/8 + 0) / 3 gold spans = 0.5
    everything = score_ptc(rows, corpus, 0.0)
    assert (everything.overall.precision, everything.overall.recall) == (1.0, 0.5)
    assert everything.overall.f1 == pytest.approx(2 * 0.5 / 1.5)
    assert everything.written == kept(rows, 0.0) == [r[:4] for r in rows]
    # At 0.25 only "evil" is kept: P = 1, R = (4/8) / 3
    strict = score_ptc(rows, corpus, 0.25)
    assert strict.written == [("1", "loaded_language", 75, 79)]
    assert strict.overall.precision == 1.0 and strict.overall.recall == pytest.approx(0.5 / 3)
    assert (strict.overall.predicted, strict.overall.gold) == (1, 3)
    # the trade-off table holds the same scores at its thresholds
    table = {t: overall for t, overall, _train, _held in strict.trade_off}
    assert table[0.0] == everything.overall and table[0.25] == strict.overall
    # labels play no part: a draft counts wherever it lies
    assert score_rows([("2", "epithet", 14, 24)], corpus).recall == pytest.approx(1 / 3)


def test_training_and_held_out_parts_are_scored_apart(tmp_path):
    corpus = ptc.read_corpus(make_corpus(tmp_path, held_out=True))
    report = score_ptc(ptc_predictions(corpus), corpus, 0.0)
    assert report.parts == (2, 1)
    # training part (articles 1, 2): as above
    assert (report.train.precision, report.train.recall) == (1.0, 0.5)
    # held-out (article 5): the emphasis draft 14..34 holds the loaded and epithet drafts, so the
    # three merge into one span of 20 characters; gold "thugs" 28..33 -> P = 5/20, R = 1
    assert (report.held_out.precision, report.held_out.recall) == (0.25, 1.0)
    assert (report.held_out.predicted, report.held_out.gold) == (1, 1)
    # all articles: sums over both parts
    assert report.overall.precision == pytest.approx((1 + 1 + 0.25) / 3)
    assert report.overall.recall == pytest.approx((1 + 0.5 + 0 + 1) / 4)


def test_benchmark_training_only_never_flags_a_held_out_article(tmp_path, capsys, monkeypatch):
    """``flag_quality.py --training-only`` (for tuning) flags and scores the training part alone."""
    import importlib.util

    from medialit.authoring.flagging import evaluate

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "flag_quality.py"
    spec = importlib.util.spec_from_file_location("flag_quality", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    flagged = []

    def recording(text, *args, **kwargs):
        flagged.append(text)
        return flag_text(text, *args, **kwargs)

    monkeypatch.setattr(evaluate, "flag_text", recording)
    assert bench.main(["--ptc", str(make_corpus(tmp_path, held_out=True)), "--training-only"]) == 0
    out = capsys.readouterr().out
    assert sorted(flagged) == sorted([ART1, ART2])      # article 5 (held out) never flagged
    assert "held-out" not in out
    # training part as in the test above: P = 1, R = 0.5, F1 = 2/3
    assert "| drafts rated at least 0.20 | 1.000 | 0.500 | **0.667** | 2 | 3 |" in out


def printed_row(out: str, name: str) -> tuple[float, float, float, int, int]:
    """The P, R, F1, |S|, |T| printed on the line that starts with ``name``."""
    line = next(line for line in out.splitlines() if line.startswith(name))
    p, r, f1, s, t = line[len(name):].split()
    return float(p), float(r), float(f1), int(s), int(t)


def rescored(path: Path, corpus, ids=None):
    """The written file scored by the kit's SemEval scorer directly (not through the report code)."""
    ids = list(corpus.texts) if ids is None else ids
    spans, gold = ptc.group_spans(ptc.read_spans_tsv(path)), corpus.gold()
    return score_many({a: spans.get(a, []) for a in ids}, {a: gold[a] for a in ids})


def rounded(sc):
    return (round(sc.precision, 3), round(sc.recall, 3), round(sc.f1, 3), sc.predicted, sc.gold)


@pytest.mark.parametrize("threshold", [None, "0", "0.25"])
def test_cli_prints_the_score_of_exactly_the_file_it_writes(tmp_path, capsys, threshold):
    folder = make_corpus(tmp_path / "corpus", held_out=True)
    out = tmp_path / "pred.tsv"
    args = ["flag", "--ptc", str(folder), "--out", str(out)]
    if threshold is not None:
        args += ["--min-confidence", threshold]
    assert main(args) == 0
    printed = capsys.readouterr()
    assert "flagging articles: 3/3" in printed.err
    corpus = ptc.read_corpus(folder)
    expected = float(threshold) if threshold is not None else DEFAULT_MIN_CONFIDENCE
    assert f"Drafts rated at least {expected:.2f}" in printed.out
    assert printed_row(printed.out, "all articles") == rounded(rescored(out, corpus))
    train, held = ptc.split_ids(corpus.texts)
    assert printed_row(printed.out, "training part") == rounded(rescored(out, corpus, train))
    assert printed_row(printed.out, "held-out part") == rounded(rescored(out, corpus, held))
    written = out.read_text(encoding="utf-8").splitlines()
    assert f"wrote {len(written)} predicted spans" in printed.out
    every = ["1\trhetorical_question\t14\t61", "1\tloaded_language\t75\t79",
             "5\temphasis\t14\t34", "5\tloaded_language\t23\t27", "5\tepithet\t28\t33"]
    if threshold == "0.25":
        assert written == [w for w in every if "question" not in w]
    else:
        assert written == every          # 0.20 keeps the question (rated exactly 0.20)
    # the trade-off table marks the written threshold
    assert re.search(rf"^\s+{expected:.2f}\* \|", printed.out, re.MULTILINE)


def test_cli_refuses_a_threshold_outside_0_to_1(tmp_path, capsys):
    folder = make_corpus(tmp_path / "corpus")
    assert main(["flag", "--ptc", str(folder), "--min-confidence", "1.5"]) == 2
    assert "between 0 and 1" in capsys.readouterr().err


def test_labels_file_found_by_extension(tmp_path):
    folder = make_corpus(tmp_path)
    (folder / "labels.tsv").rename(folder / "train-task-si.tsv")
    assert ptc.read_corpus(folder).labels_file.name == "train-task-si.tsv"


@pytest.mark.parametrize("line, words", [
    ("1\tDoubt\t14\n", "expected 4 tab-separated fields"),
    ("1\tDoubt\tfourteen\t32\n", "whole numbers"),
    ("1\tDoubt\t32\t14\n", "0 <= start < end"),
    ("1\tDoubt\t14\t999\n", "runs past the end of article1.txt"),
    ("7\tDoubt\t1\t2\n", "article '7' has no articles/article7.txt"),
    ("1\t\t1\t2\n", "must not be empty"),
])
def test_malformed_tsv_lines_name_file_and_line(tmp_path, line, words):
    folder = make_corpus(tmp_path, LABELS + line)
    with pytest.raises(ptc.PTCError) as info:
        ptc.read_corpus(folder)
    message = str(info.value)
    assert "labels.tsv:4:" in message
    assert words in message
    assert info.value.line == 4


def test_cli_reports_a_malformed_tsv_as_an_error(tmp_path, capsys):
    folder = make_corpus(tmp_path, "1\tDoubt\t14\n")
    assert main(["flag", "--ptc", str(folder)]) == 1
    assert "labels.tsv:1:" in capsys.readouterr().err


def test_missing_pieces_are_clear_errors(tmp_path):
    with pytest.raises(ptc.PTCError, match="no articles/ folder"):
        ptc.read_corpus(tmp_path)
    folder = make_corpus(tmp_path / "c")
    (folder / "labels.tsv").unlink()
    with pytest.raises(ptc.PTCError, match="no labels.tsv"):
        ptc.read_corpus(folder)


def test_header_and_blank_lines_are_skipped(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text("id\ttechnique\tstart\tend\n\n1\tDoubt\t0\t5\n", encoding="utf-8")
    assert [(s.article_id, s.label, s.span, s.line) for s in ptc.read_spans_tsv(path)] == [
        ("1", "Doubt", (0, 5), 3)]


def test_write_then_read_round_trips(tmp_path):
    rows = [("9", "epithet", 3, 8), ("10", "loaded_language", 0, 4)]
    ptc.write_spans_tsv(tmp_path / "p.tsv", rows)
    assert [(s.article_id, s.label, s.start, s.end) for s in ptc.read_spans_tsv(tmp_path / "p.tsv")] == rows


def test_offsets_count_characters_without_newline_translation(tmp_path):
    folder = make_corpus(tmp_path)
    (folder / "articles" / "article2.txt").write_bytes("Tïtle\r\nÉvil “deal”.\r\n".encode())
    (folder / "labels.tsv").unlink()
    corpus = ptc.read_corpus(folder, require_labels=False)
    assert corpus.texts["2"] == "Tïtle\r\nÉvil “deal”.\r\n"


PTC_TRAIN = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ptc-train"

#: Span F1 of the default drafts (confidence >= 0.20) on the held-out part of ptc-train (ids
#: ending in 0 or 5), measured on 2026-12-02 after the rules, word lists and levels were chosen
#: on the training part; never tuned on. (Training part that day: 0.367. Earlier figures:
#: 0.336 with training 0.345 before the certainty and causal rules, the reported and topic-word
#: nudges and the plain news words; 0.332 before camp labels stopped matching job names.)
HELD_OUT_F1 = 0.347
MARGIN = 0.005


@pytest.mark.skipif(not (PTC_TRAIN / "labels.tsv").exists(), reason="ptc-train is not beside the checkout")
def test_real_corpus_held_out_f1_and_the_file_rescored(tmp_path, capsys):
    out = tmp_path / "pred.tsv"
    assert main(["flag", "--ptc", str(PTC_TRAIN), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    corpus = ptc.read_corpus(PTC_TRAIN)
    train, held = ptc.split_ids(corpus.texts)
    assert (len(train), len(held)) == (294, 77)
    for name, ids in (("all articles", None), ("training part", train), ("held-out part", held)):
        assert printed_row(printed, name) == rounded(rescored(out, corpus, ids))
    assert rescored(out, corpus, held).f1 >= HELD_OUT_F1 - MARGIN
