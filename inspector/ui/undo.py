"""Undo for the edits made since the window opened (Ctrl+Z / Ctrl+Shift+Z), where undoing makes sense.

Field edits (a task's progress, a site's details) are commands that save through the services in both
directions, so an undo is itself recorded in the audit log. A finding's steps are events in an append-only
history and are deliberately not undoable: a mistaken step is corrected by the next one (e.g. reopen).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack

STACK = QUndoStack()


class SaveCommand(QUndoCommand):
    """Save ``new`` with ``save``; undo saves ``old`` back. ``after`` refreshes whatever shows the value."""

    def __init__(self, text: str, save: Callable[[Any], None], old: Any, new: Any,
                 after: Callable[[], None] | None = None) -> None:
        super().__init__(text)
        self.save, self.old, self.new, self.after = save, old, new, after

    def redo(self) -> None:
        self.save(self.new)
        if self.after:
            self.after()

    def undo(self) -> None:
        self.save(self.old)
        if self.after:
            self.after()


def push(text: str, save: Callable[[Any], None], old: Any, new: Any, after: Callable[[], None] | None = None) -> None:
    """Do an edit through the undo stack (it is saved at once, by the command's first redo)."""
    STACK.push(SaveCommand(text, save, old, new, after))
