"""A full disk and a read-only one, as the workspace reports them.

SQLite says ``SQLITE_FULL`` when the disk (or ``max_page_count``) leaves no room and
``SQLITE_READONLY`` when it may not write, with extended codes in the high bits; the operating
system says ``ENOSPC``/``EDQUOT`` and ``EROFS``/``EACCES``/``EPERM``. Where the workspace talks
to SQLite (its transactions) and where it writes blob files, such a failure becomes a
:class:`~tnde.errors.WorkspaceError` naming the workspace folder, so the user reads one plain
sentence whichever write failed, instead of a traceback.
"""

from __future__ import annotations

import errno
import sqlite3
from typing import TYPE_CHECKING

from tnde.errors import FileWriteError, WorkspaceError
from tnde.messages import _

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["disk_full_error", "file_error", "read_only_error", "sqlite_error"]

_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})
_READ_ONLY = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def disk_full_error(folder: Path) -> WorkspaceError:
    """``DISK_FULL`` for the workspace in ``folder``."""
    return WorkspaceError(
        WorkspaceError.DISK_FULL,
        str(folder),
        _("the disk is full: nothing was stored; free some space and try again"),
    )


def read_only_error(folder: Path) -> WorkspaceError:
    """``READ_ONLY`` for the workspace in ``folder``."""
    return WorkspaceError(
        WorkspaceError.READ_ONLY,
        str(folder),
        _(
            "the workspace is read-only (no permission to write, or a read-only disk): "
            "nothing was changed"
        ),
    )


def sqlite_error(exc: sqlite3.Error, folder: Path) -> WorkspaceError | None:
    """What an SQLite error means for the workspace in ``folder`` when the disk is full or
    read-only; ``None`` for any other error (which keeps its own words)."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code == sqlite3.SQLITE_FULL:
        return disk_full_error(folder)
    if code == sqlite3.SQLITE_READONLY:
        return read_only_error(folder)
    return None


def file_error(exc: OSError | FileWriteError, folder: Path) -> WorkspaceError | None:
    """What a failed file write inside the workspace in ``folder`` means when the disk is full
    or read-only; ``None`` for any other failure."""
    if exc.errno in _FULL:
        return disk_full_error(folder)
    if exc.errno in _READ_ONLY:
        return read_only_error(folder)
    return None
