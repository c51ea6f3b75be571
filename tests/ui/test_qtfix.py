"""Many signal emits and queued slot calls do not bring the process down (see inspector/ui/qtfix.py)."""

from __future__ import annotations

import subprocess
import sys

PROGRAM = """
import inspector.ui  # noqa: F401
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Sender(QObject):
    sig_changed = Signal(object)
sender = Sender()
for _ in range(20000):
    sender.sig_changed.emit(None)
print("survived")
"""


def test_a_long_day_of_signals_does_not_abort_the_process():
    done = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "survived" in done.stdout, done.stderr[-500:]

