"""Errors a person can act on.

Every failure that reaches the edge (window or command line) is an :class:`InspectorError` carrying what went
wrong and what to do about it, in Chinese, so the window can show it in a message box and the command line can
print it and exit non-zero with the same words.
"""

from __future__ import annotations


class InspectorError(Exception):
    """A problem the user can understand: ``message`` says what is wrong, ``hint`` what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class DatabaseError(InspectorError):
    """The database file cannot be used as it is; it has not been modified."""


class RuleError(InspectorError):
    """A workflow rule refuses an action (e.g. closing a finding that was never re-checked)."""


class ImportFailed(InspectorError):
    """A document or package could not be read; nothing was saved."""
