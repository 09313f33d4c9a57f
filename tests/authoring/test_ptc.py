"""Reading a PTC-layout folder and scoring the draft rules on it, against figures worked by hand."""

from pathlib import Path

import pytest

from medialit.authoring.flagging import ptc
from medialit.authoring.flagging.drafts import flag_text
from medialit.authoring.flagging.evaluate import PTC_MAPPING, ptc_predictions, score_ptc
from medialit.cli import main
from medialit.text.spans import score_many

# Two invented articles. The rules fire exactly twice, both in article 1:
#   "Who pays for this?"  14..32  rhetorical_question -> Doubt
#   "evil"                46..50  loaded_language     -> Loaded_Language
ART1 = "A plain title\nWho pays for this?\nThe plan was evil.\n"
ART2 = "Another title\nThe report was published on Monday.\n"
LABELS = (
    "1\tDoubt\t14\t32\n"              # exactly the question
    "1\tLoaded_Language\t42\t50\n"    # "was evil": the draft covers 4 of its 8 characters
    "2\tLoaded_Language\t14\t24\n"    # "The report": nothing drafted there
)


def make_corpus(folder: Path, labels: str = LABELS) -> Path:
    (folder / "articles").mkdir(parents=True)
    (folder / "articles" / "article1.txt").write_text(ART1, encoding="utf-8")
    (folder / "articles" / "article2.txt").write_text(ART2, encoding="utf-8")
    (folder / "labels.tsv").write_text(labels, encoding="utf-8")
    return folder


def test_the_invented_articles_fire_only_the_expected_rules():
    assert [(f.start, f.end, f.label) for f in flag_text(ART1)] == [
        (14, 32, "rhetorical_question"), (46, 50, "loaded_language")]
    assert flag_text(ART2) == []


def test_read_corpus(tmp_path):
    corpus = ptc.read_corpus(make_corpus(tmp_path))
    assert corpus.texts == {"1": ART1, "2": ART2}
    assert corpus.gold("Loaded_Language") == {"1": [(42, 50)], "2": [(14, 24)]}
    assert corpus.gold() == {"1": [(14, 32), (42, 50)], "2": [(14, 24)]}
    assert corpus.techniques == ["Loaded_Language", "Doubt"]


def test_scores_match_the_hand_computed_figures(tmp_path):
    corpus = ptc.read_corpus(make_corpus(tmp_path))
    report = score_ptc(ptc_predictions(corpus), corpus)
    # Loaded_Language: one draft wholly inside gold -> P = 1/1;
    # R = (4/8 + 0) / 2 gold spans = 0.25; F1 = 2 * 1 * 0.25 / 1.25 = 0.4
    ll = report.per_technique["Loaded_Language"]
    assert (ll.precision, ll.recall, ll.predicted, ll.gold) == (1.0, 0.25, 1, 2)
    assert ll.f1 == pytest.approx(0.4)
    # Doubt: the question is exactly the gold span.
    doubt = report.per_technique["Doubt"]
    assert (doubt.precision, doubt.recall, doubt.f1) == (1.0, 1.0, 1.0)
    # Overall: 2 drafts, both inside gold -> P = 1; gold spans 3 -> R = (1 + 0.5 + 0) / 3
    assert report.overall.precision == 1.0
    assert report.overall.recall == pytest.approx(0.5)
    assert report.overall.f1 == pytest.approx(2 * 0.5 / 1.5)
    # Only techniques with gold or with drafts mapped to them get a row.
    assert list(report.per_technique) == ["Loaded_Language", "Doubt"]
    wrong = score_ptc([("2", "epithet", 0, 7)], corpus)
    assert wrong.per_technique["Name_Calling,Labeling"].f1 == 0.0


def test_cli_prints_scores_and_out_tsv_rescores_the_same(tmp_path, capsys):
    folder = make_corpus(tmp_path / "corpus")
    out = tmp_path / "pred.tsv"
    assert main(["flag", "--ptc", str(folder), "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert "OVERALL (mapped drafts)" in printed.out
    assert "1.000  0.500  0.667" in printed.out
    assert "loaded_language" in printed.out and "-> Loaded_Language" in printed.out
    assert "flagging articles: 2/2" in printed.err
    assert out.read_text(encoding="utf-8") == "1\trhetorical_question\t14\t32\n1\tloaded_language\t46\t50\n"
    rows = [(s.article_id, s.label, s.start, s.end) for s in ptc.read_spans_tsv(out)]
    corpus = ptc.read_corpus(folder)
    again = score_ptc(rows, corpus)
    assert again.overall == score_ptc(ptc_predictions(corpus), corpus).overall


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


@pytest.mark.skipif(not (PTC_TRAIN / "labels.tsv").exists(), reason="ptc-train is not beside the checkout")
def test_end_to_end_on_five_real_articles(tmp_path, capsys):
    out = tmp_path / "pred.tsv"
    assert main(["flag", "--ptc", str(PTC_TRAIN), "--limit", "5", "--out", str(out)]) == 0
    corpus = ptc.read_corpus(PTC_TRAIN, limit=5)
    report = score_ptc(ptc_predictions(corpus), corpus)
    assert 0.0 <= report.overall.f1 <= 1.0
    rows = [(s.article_id, s.label, s.start, s.end) for s in ptc.read_spans_tsv(out)]
    assert score_ptc(rows, corpus).overall == report.overall
    assert f"{report.overall.f1:6.3f}" in capsys.readouterr().out
    # the per-technique rows use the same scorer
    mapped = ptc.group_spans(ptc.read_spans_tsv(out), [k for k, v in PTC_MAPPING.items()
                                                        if v == "Loaded_Language"])
    assert score_many(mapped, corpus.gold("Loaded_Language")) == report.per_technique["Loaded_Language"]
