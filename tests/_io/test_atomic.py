"""The one atomic writer: whole file or the old one, backups, exclusive create, no temp files left."""

import os

import pytest

from medialit._io.atomic import create_exclusive, keep_backup, locked, write_atomic


def test_write_atomic_replaces_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "sub" / "file.txt"
    assert write_atomic(target, "one") is None
    write_atomic(target, "two ✓")
    assert target.read_text(encoding="utf-8") == "two ✓"
    assert sorted(p.name for p in target.parent.iterdir()) == ["file.txt"]


def test_backup_keeps_the_old_content_beside_the_file(tmp_path):
    target = tmp_path / "annotations.yaml"
    target.write_text("old", encoding="utf-8")
    kept = write_atomic(target, "new", backup=True)
    assert kept is not None and kept.parent == tmp_path and kept.name.startswith("annotations.yaml.bak-")
    assert kept.read_text(encoding="utf-8") == "old" and target.read_text(encoding="utf-8") == "new"
    assert keep_backup(target) != kept          # a second backup in the same second gets its own name


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary(tmp_path, monkeypatch):
    target = tmp_path / "store.json"
    target.write_text("old", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["store.json"]


def test_create_exclusive_never_overwrites(tmp_path):
    target = tmp_path / "handin.json"
    assert create_exclusive(target, b"first") is True
    assert create_exclusive(target, b"second") is False
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["handin.json"]


def test_mode_is_applied(tmp_path):
    target = tmp_path / "x.json"
    write_atomic(target, "{}", mode=0o644)
    assert target.stat().st_mode & 0o777 == 0o644


def test_locked_is_reentrant_across_blocks(tmp_path):
    lock = tmp_path / "a.lock"
    with locked(lock):
        pass
    with locked(lock):
        assert lock.exists()


def test_a_platform_without_flock_or_link_still_writes_whole_files(tmp_path, monkeypatch):
    # Pyodide (JupyterLite's Python): fcntl has no flock, os has no link.
    import fcntl

    monkeypatch.delattr(fcntl, "flock")
    monkeypatch.delattr(os, "link")
    target = tmp_path / "handin.json"
    with locked(tmp_path / "x.lock"):
        assert create_exclusive(target, b"first") is True
    assert create_exclusive(target, b"second") is False
    assert target.read_bytes() == b"first"
    write_atomic(target, b"third")
    assert target.read_bytes() == b"third"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handin.json", "x.lock"]
