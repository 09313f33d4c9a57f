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


def test_regular_bytes_reads_a_file_and_names_a_folder_or_pipe_without_waiting(tmp_path):
    import os

    import pytest

    from medialit._io.reading import regular_bytes

    (tmp_path / "store.json").write_bytes(b"{}")
    assert regular_bytes(tmp_path / "store.json") == b"{}"
    (tmp_path / "folder.json").mkdir()
    with pytest.raises(OSError, match="is a folder"):
        regular_bytes(tmp_path / "folder.json")
    (tmp_path / "link.json").symlink_to(tmp_path / "gone.json")
    with pytest.raises(FileNotFoundError):
        regular_bytes(tmp_path / "link.json")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.json")            # an open() to read it would wait for a writer for ever
        with pytest.raises(OSError, match="not a regular file"):
            regular_bytes(tmp_path / "pipe.json")
