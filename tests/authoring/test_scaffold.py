"""`medialit new`: a folder from plain text, and from there to an article that validates."""

import pytest
import yaml

from medialit import validate
from medialit.article.model import META_FIELDS, META_REQUIRED, load_article
from medialit.authoring.flagging.drafts import dump_records
from medialit.authoring.new import new_article
from medialit.cli import main
from medialit.errors import ScaffoldError

TEXT = (
    "Council “Secret Plan” Exposed\r\n\r\n"
    "The mayor said: “We will fix the bridge before winter.” Nobody believes her pathetic excuse.\r\n"
    "Why would anyone? All politicians are liars, according to the Daily Planet.\r\n"
    "Ünïcödé survives — and so does the CRLF.\r\n"
)


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "in.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    return path


def test_new_creates_every_file(tmp_path, source, capsys):
    assert main(["new", "bridge", "--from", str(source), "--seeds", str(tmp_path / "seeds")]) == 0
    folder = tmp_path / "seeds" / "bridge"
    assert sorted(p.name for p in folder.iterdir()) == [
        "annotations.yaml", "article.txt", "meta.yaml", "quizzes.yaml", "sources.yaml"]
    assert (folder / "article.txt").read_bytes() == source.read_bytes()  # verbatim, CRLF kept
    out = capsys.readouterr().out
    for step in ("meta.yaml", "medialit flag", "drafts.yaml", "medialit check"):
        assert step in out
    meta = yaml.safe_load((folder / "meta.yaml").read_text(encoding="utf-8"))
    assert list(meta) == list(META_FIELDS)
    assert "TODO" in (folder / "meta.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load((folder / "annotations.yaml").read_text(encoding="utf-8")) == []
    assert "- id:" in (folder / "annotations.yaml").read_text(encoding="utf-8")  # the commented example
    assert yaml.safe_load((folder / "quizzes.yaml").read_text(encoding="utf-8")) == []
    sources = yaml.safe_load((folder / "sources.yaml").read_text(encoding="utf-8"))
    assert [s["id"] for s in sources] == ["author"]


def test_check_reports_every_todo_until_filled(tmp_path, source):
    folder = new_article("bridge", source, seeds=tmp_path)
    problems = validate(folder)
    fields = {(p.file.rsplit("/", 1)[-1], p.field) for p in problems}
    assert {("meta.yaml", f) for f in META_REQUIRED} <= fields
    assert {("sources.yaml", "who"), ("sources.yaml", "says")} <= fields
    assert all(p.file.endswith(("meta.yaml", "sources.yaml")) for p in problems)


def test_refuses_to_overwrite(tmp_path, source, capsys):
    new_article("bridge", source, seeds=tmp_path)
    (tmp_path / "bridge" / "meta.yaml").write_text("title: mine\n", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="already exists"):
        new_article("bridge", source, seeds=tmp_path)
    assert main(["new", "bridge", "--from", str(source), "--seeds", str(tmp_path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "bridge" / "meta.yaml").read_text(encoding="utf-8") == "title: mine\n"


def test_non_utf8_is_a_clear_error(tmp_path, capsys):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9 cr\u00e8me".encode("latin-1"))
    assert main(["new", "cafe", "--from", str(latin), "--seeds", str(tmp_path / "seeds")]) == 1
    err = capsys.readouterr().err
    assert "not UTF-8" in err and "latin.txt" in err
    assert not (tmp_path / "seeds" / "cafe").exists()


@pytest.mark.parametrize("slug", ["Bridge", "my article", "../escape", "-x", ""])
def test_bad_slugs(tmp_path, source, slug):
    with pytest.raises(ScaffoldError, match="not a usable folder name"):
        new_article(slug, source, seeds=tmp_path)


def test_missing_or_empty_source(tmp_path):
    with pytest.raises(ScaffoldError, match="no such file"):
        new_article("x", tmp_path / "nope.txt", seeds=tmp_path)
    (tmp_path / "blank.txt").write_text("  \n", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="empty"):
        new_article("x", tmp_path / "blank.txt", seeds=tmp_path)


def test_plain_text_to_a_validated_article(tmp_path, source, capsys):
    """new -> fill the TODOs -> flag -> accept every draft -> validate() says nothing is wrong."""
    seeds = tmp_path / "seeds"
    assert main(["new", "bridge", "--from", str(source), "--seeds", str(seeds)]) == 0
    folder = seeds / "bridge"
    assert validate(folder)  # TODOs still open

    meta_path = folder / "meta.yaml"
    meta = meta_path.read_text(encoding="utf-8")
    for field, value in {"title": "Council Secret Plan Exposed", "author": "A. Writer",
                         "publisher": "The Daily Planet", "published": "2024-01-31",
                         "credit": "By A. Writer, The Daily Planet", "kind": "opinion"}.items():
        meta = meta.replace(f'{field}: ""', f'{field}: "{value}"', 1)
    meta_path.write_text(meta, encoding="utf-8")
    sources_path = folder / "sources.yaml"
    sources_path.write_text(sources_path.read_text(encoding="utf-8")
                            .replace('who: ""', 'who: "A. Writer"', 1)
                            .replace('says: ""', 'says: "The council hides its plan."', 1), encoding="utf-8")
    assert validate(folder) == []

    assert main(["flag", str(folder)]) == 0
    drafts = yaml.safe_load((folder / "drafts.yaml").read_text(encoding="utf-8"))
    assert {d["category"] for d in drafts} == {"quoted_reporting", "framing", "generalization"}
    # accept them all, as a teacher would after review (append below the template)
    annotations = folder / "annotations.yaml"
    kept = annotations.read_text(encoding="utf-8").replace("\n[]\n", "\n") + dump_records(drafts)
    annotations.write_text(kept, encoding="utf-8")

    assert validate(folder) == []
    assert main(["check", str(folder)]) == 0
    article = load_article(folder, reload=True)
    assert len(article.annotations) == len(drafts)
    # the file stays byte for byte; the kit reads it with universal newlines, as flag does
    assert article.text == TEXT.replace("\r\n", "\n")
