"""Attachment files that belong to a transaction: kept when it commits, removed when it is refused.

A user's action that brings files (a finding step with its photos, a signature with its image) must land whole or
not at all, files included. The files are written into the content-addressed folder *before* the commit — a crash
between the two leaves at worst an unreferenced file, never a record whose file is missing — and every file and
folder the transaction created is removed again if it rolls back, so a refused step leaves the folder unchanged.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from inspector.filestore import path_for, put_bytes, put_file, sha256_bytes, sha256_file


@dataclass
class Staged:
    """What one (possibly nested) transaction added to the folder: new files, then new folders, in order."""

    files: list[Path] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)

    def absorb(self, inner: Staged) -> None:
        self.files += inner.files
        self.folders += inner.folders


def _missing_folders(target: Path) -> list[Path]:
    """The folders above ``target`` that do not exist yet, outermost first."""
    missing = []
    for folder in target.parents:
        if folder.exists():
            break
        missing.append(folder)
    return missing[::-1]


def stage_file(staged: Staged, folder: Path, source: Path) -> str:
    """Copy ``source`` into ``folder`` under its sha256 (once); returns the name."""
    digest = sha256_file(source)
    target = path_for(folder, digest)
    created = _missing_folders(target)
    if put_file(folder, source, digest):
        staged.folders += created
        staged.files.append(target)
    return digest


def stage_bytes(staged: Staged, folder: Path, data: bytes) -> str:
    """Store ``data`` in ``folder`` under its own sha256 (once); returns the name."""
    digest = sha256_bytes(data)
    target = path_for(folder, digest)
    created = _missing_folders(target)
    _, new = put_bytes(folder, data, digest)
    if new:
        staged.folders += created
        staged.files.append(target)
    return digest


def discard(staged: Staged, still_used: Callable[[str], bool]) -> None:
    """Remove what a refused transaction added, except a file another, committed record now uses."""
    for target in staged.files:
        if not still_used(target.name):
            target.unlink(missing_ok=True)
    for folder in reversed(staged.folders):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only if empty: another writer's file keeps it
