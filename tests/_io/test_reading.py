"""Reading text files: line ends are read as text mode reads them, whatever the platform wrote."""

from medialit._io.reading import read_text, read_yaml


def test_crlf_and_cr_line_ends_read_as_newlines(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes("Title\r\n\r\nFirst “paragraph”.\rSecond line.\n".encode())
    assert read_text(path) == "Title\n\nFirst “paragraph”.\nSecond line.\n"


def test_yaml_with_crlf_line_ends_keeps_its_line_numbers(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_bytes(b"- id: a\r\n  who: A\r\n- id: b\r\n  who: B\r\n")
    records = read_yaml(path)
    assert [r["id"] for r in records] == ["a", "b"]
    assert [r.line for r in records] == [1, 3]
