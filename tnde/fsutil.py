"""File writes that never leave a half-written file behind."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from tnde.errors import FileWriteError
from tnde.messages import _


def write_atomic(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write ``data`` to ``path`` via a temporary file, fsync and rename.

    Readers see either the old file or the complete new one; a crash or an error leaves
    no partial file at ``path`` (the temporary file is removed on error).

    Args:
        private: readable by the owner only (0600 on POSIX) from the start, for keys.

    Raises:
        FileWriteError: the file cannot be written (naming why); nothing was changed.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    _refuse_special_file(path)
    try:
        _write_atomic(path, directory, data, private=private)
    except OSError as exc:
        reason = _why_not_written(exc, path, directory)
        raise FileWriteError(str(path), reason, errno=exc.errno) from None
    fsync_directory(directory)


def _refuse_special_file(path: Path) -> None:
    """Refuse a device, a named pipe or a socket at ``path``: the rename would put a regular
    file in its place (``-o /dev/null`` run as root would replace the system's /dev/null)."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return  # nothing there (or not reachable): the write itself says what is wrong
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise FileWriteError(
            str(path), _("not a regular file (a device or a pipe); give a file name")
        )


def _why_not_written(exc: OSError, path: Path, directory: Path) -> str:
    """The reason a write failed, in words the user can act on."""
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        return _("the disk is full (folder {folder})", folder=directory)
    if exc.errno == errno.EROFS:
        return _("the disk is read-only (folder {folder})", folder=directory)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("no permission to write in folder {folder}", folder=directory)
    if exc.errno == errno.EISDIR or path.is_dir():
        return _("a folder has that name; give a file name")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return _("the folder {folder} does not exist", folder=directory)
    return _("cannot be written: {strerror}", strerror=exc.strerror or exc)


def _write_atomic(path: Path, directory: Path, data: bytes, *, private: bool) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        # mkstemp makes the file private (0600); unless it must stay so, give it the mode a
        # normal new file would get.
        if not private:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp_name, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def fsync_directory(directory: Path) -> None:
    """Make new entries of ``directory`` (files renamed or created in it) durable (POSIX;
    Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def private_folder(path: Path) -> None:
    """Make ``path`` readable by its owner only (0700 on POSIX). On Windows a workspace lives in
    the user's profile folder, whose access list already keeps other users out."""
    if os.name == "posix":
        os.chmod(path, 0o700)
