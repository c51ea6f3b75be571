"""The store's transactions: the write lock taken at once, files only inside a transaction, one write path."""

from __future__ import annotations

import threading
import time

import pytest

from inspector.db import Store, connect, open_database


def test_a_read_then_write_is_not_broken_by_a_background_write_in_between(tmp_path):
    path = tmp_path / "a.db"
    window = Store(open_database(path), path)
    site = window.insert("sites", {"name": "上海恒达餐饮店"})
    errors: list[BaseException] = []

    def background() -> None:
        worker = Store(connect(path), path, checkpoint_on_close=False)
        try:
            worker.insert("sites", {"name": "上海华安便利店"})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            worker.close()

    with window.atomic():
        window.get("sites", site)  # the read this transaction's write depends on
        thread = threading.Thread(target=background)
        thread.start()
        time.sleep(0.3)  # the worker tries to write now
        window.update("sites", site, {"town": "长寿路街道"})
    thread.join(timeout=10)
    assert errors == []
    assert window.get("sites", site)["town"] == "长寿路街道"
    assert window.scalar("SELECT count(*) FROM sites") == 2
    window.close()


def test_attachment_files_are_kept_only_inside_a_transaction(tmp_path):
    store = Store(open_database(tmp_path / "a.db"))
    source = tmp_path / "photo.jpg"
    source.write_bytes(b"jpeg")
    with pytest.raises(RuntimeError):
        store.keep_file(tmp_path / "files", source)
    assert not (tmp_path / "files").exists()
    with store.atomic():
        digest = store.keep_file(tmp_path / "files", source)
    assert (tmp_path / "files" / digest[:2] / digest).read_bytes() == b"jpeg"
    store.close()


def test_a_savepoint_that_fails_removes_only_its_own_files(tmp_path):
    store = Store(open_database(tmp_path / "a.db"))
    folder = tmp_path / "files"
    with store.atomic():
        kept = store.keep_bytes(folder, b"kept")
        with pytest.raises(ValueError), store.atomic():
            dropped = store.keep_bytes(folder, b"dropped")
            raise ValueError("refused")
    assert (folder / kept[:2] / kept).exists()
    assert not (folder / dropped[:2]).exists()
    store.close()


def test_the_plain_insert_refuses_a_table_with_bookkeeping(tmp_path):
    store = Store(open_database(tmp_path / "a.db"))
    with pytest.raises(ValueError):
        store.insert_plain("sites", [{"name": "x"}])
    store.close()
