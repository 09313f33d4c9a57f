"""medialit packet: writes the source packet as HTML or Markdown, keeps an existing file, refuses other formats."""

from medialit.cli import main


def test_writes_html_and_markdown(tmp_path, capsys):
    assert main(["packet", "raqqa-exodus", "--out", str(tmp_path / "p.html")]) == 0
    assert main(["packet", "--out", str(tmp_path / "p.md")]) == 0       # the Raqqa article by default
    page = (tmp_path / "p.html").read_text(encoding="utf-8")
    md = (tmp_path / "p.md").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<section") == 18
    assert md.startswith("# Source packet") and md.count("\n## ") == 18
    assert "wrote the source packet of raqqa-exodus to" in capsys.readouterr().out


def test_keeps_an_existing_file_unless_forced(tmp_path, capsys):
    out = tmp_path / "p.html"
    out.write_text("the teacher's notes", encoding="utf-8")
    assert main(["packet", "--out", str(out)]) == 1
    assert "already exists: use --force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "the teacher's notes"
    assert main(["packet", "--out", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_refuses_an_unknown_format_and_a_missing_article(tmp_path, capsys):
    assert main(["packet", "--out", str(tmp_path / "p.pdf")]) == 1
    assert "unknown format '.pdf'" in capsys.readouterr().err
    assert not (tmp_path / "p.pdf").exists()
    assert main(["packet", "no-such-article", "--out", str(tmp_path / "p.md")]) == 1
    assert "no article 'no-such-article'" in capsys.readouterr().err
