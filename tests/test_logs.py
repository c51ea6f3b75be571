"""The log file is made when the first record is written, rotates at its size, and a folder that cannot be
written never turns a log call into an error."""

from __future__ import annotations

import logging

import pytest

from inspector import logs


@pytest.fixture
def logger():
    made = logging.getLogger("inspector.test_logs")
    made.propagate = False
    yield made
    for handler in list(made.handlers):
        made.removeHandler(handler)
        handler.close()


def test_the_file_is_made_by_the_first_record_and_holds_every_one(tmp_path, logger):
    path = tmp_path / "logs" / "inspector.log"
    handler = logs.LogFile(path)
    logger.addHandler(handler)
    assert not path.parent.exists()  # opening the window wrote nothing
    logger.warning("自动备份失败：磁盘已满")
    logger.error("意外错误：%s", "整改期限格式不对")
    text = path.read_text(encoding="utf-8")
    assert "自动备份失败：磁盘已满" in text and "意外错误：整改期限格式不对" in text


def test_the_file_rotates_at_its_size_and_keeps_five_old_ones(tmp_path, logger, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 200)
    path = tmp_path / "inspector.log"
    logger.addHandler(logs.LogFile(path))
    for n in range(40):
        logger.warning("第%d条：消防通道堵塞", n)
    assert path.stat().st_size <= 200
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inspector.log", *(f"inspector.log.{n}" for n in
                                                                             range(1, logs.BACKUPS + 1))]


def test_a_folder_that_cannot_be_made_is_reported_not_raised(tmp_path, logger, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    logger.addHandler(logs.LogFile(blocker / "logs" / "inspector.log"))
    logger.warning("无法写入的日志")  # must not raise
    assert "无法写入的日志" in capsys.readouterr().err  # logging's own report of a failed handler


def test_setting_up_twice_for_one_folder_adds_one_handler(tmp_path):
    root = logging.getLogger(logs.LOGGER)
    before = list(root.handlers)
    try:
        assert logs.setup_logging(tmp_path) == logs.setup_logging(tmp_path) == tmp_path / "inspector.log"
        assert len(root.handlers) == len(before) + 1
    finally:
        for handler in set(root.handlers) - set(before):
            root.removeHandler(handler)
            handler.close()
