"""The log file: unexpected errors are written here (and shown by the window), so none vanishes silently.

The log lives in the user's data folder (``logs/inspector.log``, rotated at 1 MB, five old files kept); a crash
report names it so an officer can send it to whoever looks after the program.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

LOGGER = "inspector"
MAX_BYTES = 1 << 20
BACKUPS = 5


def default_log_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("Inspector", appauthor=False)) / "logs"


class LogFile(logging.Handler):
    """The rotating log file, opened when the first record is written: ``logging.handlers`` brings socket,
    pickle and queue with it (5 ms of start-up), and most runs of the program write no record at all."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path.resolve()
        self.file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.file is None:  # under the handler's lock: one file however many threads log at once
                from logging.handlers import RotatingFileHandler

                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.file = RotatingFileHandler(self.path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                                encoding="utf-8")
                self.file.setFormatter(self.formatter)
        except OSError:
            self.handleError(record)  # a folder that cannot be written: said on stderr, never raised
            return
        self.file.emit(record)

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
        super().close()


def setup_logging(folder: Path | None = None) -> Path:
    """Send the program's log to a rotating file in ``folder`` (default: the data folder); returns its path.
    Calling it again with the same folder adds no second handler."""
    folder = folder or default_log_dir()
    path = folder / "inspector.log"
    logger = logging.getLogger(LOGGER)
    logger.setLevel(logging.INFO)
    if any(isinstance(h, LogFile) and h.path == path.resolve() for h in logger.handlers):
        return path
    handler = LogFile(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    return path


def crash_report(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """A plain-text report to copy: the program and system versions and the full traceback."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    try:
        ours = version("inspector")
    except PackageNotFoundError:
        ours = "?"
    head = (f"Inspector {ours} · Python {platform.python_version()} · {platform.platform()} · "
            f"{sys.executable}")
    return head + "\n\n" + "".join(traceback.format_exception(kind, exc, tb))


def log_exception(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    logging.getLogger(LOGGER).error("意外错误：%s", exc, exc_info=(kind, exc, tb))
