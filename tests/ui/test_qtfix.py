"""Many signal emits and queued slot calls do not bring the process down (see inspector/ui/qtfix.py)."""

from __future__ import annotations

import subprocess
import sys

from inspector.ui import qtfix

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



def test_cycles_are_collected_on_the_gui_thread_and_never_on_a_worker(qtbot):
    import gc
    import threading
    import weakref

    from PySide6.QtWidgets import QApplication

    qtfix.collect_on_gui_thread(QApplication.instance())
    threads: list[threading.Thread] = []
    watch = lambda phase, info: phase == "start" and threads.append(threading.current_thread())  # noqa: E731
    gc.callbacks.append(watch)
    try:
        def churn() -> None:  # a worker allocating far past every threshold
            cycles = []
            for _ in range(50_000):
                node: list = []
                node.append(node)
                cycles.append(node)

        worker = threading.Thread(target=churn)
        worker.start()
        worker.join()
        assert threads == [] and not gc.isenabled()  # nothing was collected on the worker
        node: list = []
        node.append(node)

        class Box:
            pass

        box = Box()
        box.me = box
        gone = weakref.ref(box)
        del box, node
        qtbot.waitUntil(lambda: gone() is None, timeout=5000)  # the timer on the GUI thread collected it
        assert threads and all(t is threading.main_thread() for t in threads)
    finally:
        gc.callbacks.remove(watch)


SCAN = """
import inspect, sys
import inspector.ui  # noqa: F401
read = []
original = inspect.getsource
inspect.getsource = lambda obj: read.append(obj.__name__) or original(obj)
sys.path.insert(0, sys.argv[1])
import plain_module  # noqa: F401  (a module of this run, imported after PySide6)
from inspector.ui import widgets  # noqa: F401
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("已保存")
feature = sys.modules["shibokensupport.feature"].pyside_feature_dict
print(read, feature["plain_module"], feature["inspector.ui"], label.text())
"""


def test_pyside_no_longer_reads_the_source_of_every_module_imported_after_it(tmp_path):
    (tmp_path / "plain_module.py").write_text("VALUE = 1\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", SCAN, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.split() == ["[]", "-1", "0", "已保存"]  # nothing read; Qt works as before
