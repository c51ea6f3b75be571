"""The Qt values the first window needs, without building PySide6's ``Qt`` namespace.

Naming any member of ``Qt`` (``Qt.ItemDataRole.UserRole``, ``Qt.Orientation.Vertical``) builds the whole
namespace the first time: its 94 enums, each made by Python's enum module, 25–45 ms — a sixth of start-up, which
the first window does not otherwise need. So the modules on the way to it use the plain numbers Qt takes in
those places (``tests/ui/test_qtvalues.py`` checks each against Qt's own, and that showing the window builds no
``Qt``), and once the window is shown :func:`build_namespace` runs at an idle moment, so that the first click
does not pay for it.

Overloads count as well: PySide6 builds ``Qt`` while it picks between overloads when one of them takes a ``Qt``
type, as ``QSplitter(parent)`` (beside ``QSplitter(Qt.Orientation, parent)``), ``QAction.setShortcut`` and
``QSplitter.setOrientation`` do. :func:`splitter` and :func:`set_shortcut` go around them. A connection type
cannot be given as a number (PySide6 takes ``connect(slot, 2)`` as an automatic connection), so the first window
connects without one: Qt queues a signal emitted on another thread to the receiver's thread by itself.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QSplitter

FOREGROUND_ROLE = 9
"""``Qt.ItemDataRole.ForegroundRole``: an item's text colour."""
USER_ROLE = 256
"""``Qt.ItemDataRole.UserRole``: the first role an application may use for its own data."""
LOW_EVENT_PRIORITY = -1
"""``Qt.EventPriority.LowEventPriority``."""
VERTICAL = 2
"""``Qt.Orientation.Vertical``."""


def splitter(vertical: bool = False) -> QSplitter:
    """A splitter without a parent (adding it to a layout or another splitter gives it one); side by side, or
    one above the other. The orientation is set as a property: Qt converts the number itself."""
    made = QSplitter()
    if vertical:
        made.setProperty("orientation", VERTICAL)
    return made


def set_shortcut(action: QAction, keys: QKeySequence | QKeySequence.StandardKey) -> None:
    """``action.setShortcut(keys)``; a standard key brings every binding the platform has for it (Redo is
    Ctrl+Y and Ctrl+Shift+Z on Windows), as Qt's own ``setShortcuts`` does."""
    if isinstance(keys, QKeySequence.StandardKey):
        action.setShortcuts(QKeySequence.keyBindings(keys))
    else:
        action.setShortcuts([] if keys.isEmpty() else [keys])


def build_namespace() -> None:
    """Build ``Qt`` now (called at an idle moment once the window is shown)."""
    from PySide6.QtCore import Qt  # noqa: F401  (importing it is what builds it)
