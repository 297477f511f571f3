"""The archive's blob storage: immutable files named by their SHA-256.

:class:`BlobStore` is the port the HTTP layer talks to; :class:`FilesystemBlobStore` keeps
the files in a folder, and an S3-compatible store (conditional create, server-side SHA-256
check, object lock) can stand in for it later without touching the HTTP layer.

A file is written the way nothing half-written can ever carry a final name: into a temporary
file on the same volume, hashed while it is written, compared with the name it was sent
under, fsynced, renamed into place, and the folder fsynced. A wrong digest, a size over the
limit or a dropped connection removes the temporary file and leaves nothing. Only then does
the caller insert the ``blob`` row, so a row always has its file; a crash between the rename
and the row leaves a file without a row, which is harmless (uploading it again adds the row).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

from tnde.archive.errors import ArchiveError
from tnde.fsutil import fsync_directory
from tnde.messages import _

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "BlobStore",
    "BlobWriter",
    "FilesystemBlobStore",
    "check_blob_name",
    "store_stream",
]

log = logging.getLogger(__name__)

_SHA256 = re.compile(r"[0-9a-f]{64}")


def check_blob_name(name: str) -> str:
    """``name`` when it names a blob (64 lowercase hex digits of a SHA-256).

    Raises:
        ArchiveError: ``bad_blob_name``.
    """
    if _SHA256.fullmatch(name) is None:
        raise ArchiveError(
            ArchiveError.BAD_BLOB_NAME,
            _("a blob is named by its SHA-256 as 64 lowercase hexadecimal digits"),
        )
    return name


class BlobWriter(Protocol):
    """One upload in progress. Exactly one of :meth:`commit` or :meth:`abort` ends it."""

    @property
    def size(self) -> int:
        """The bytes written so far."""
        ...

    def write(self, chunk: bytes) -> None:
        """Append ``chunk``.

        Raises:
            ArchiveError: ``blob_too_large`` past the limit (the upload is aborted).
        """
        ...

    def commit(self) -> None:
        """Make the blob durable under its name.

        Raises:
            ArchiveError: ``digest_mismatch`` when the bytes hash to another name; nothing
                is stored.
        """
        ...

    def abort(self) -> None:
        """Drop the upload; nothing is stored. Harmless after :meth:`commit`."""
        ...


class BlobStore(Protocol):
    """Where the archive keeps its blobs."""

    def exists(self, sha256: str) -> bool:
        """Whether the blob's bytes are stored (not re-hashed)."""
        ...

    def size(self, sha256: str) -> int | None:
        """The stored blob's size in bytes, or ``None`` when it is not stored."""
        ...

    def open(self, sha256: str) -> BinaryIO:
        """The stored bytes, for reading.

        Raises:
            FileNotFoundError: the blob is not stored.
        """
        ...

    def local_path(self, sha256: str) -> Path | None:
        """The blob's file on this machine when the store has one (a web server can then
        send it with ranges); ``None`` for a remote store."""
        ...

    def writer(self, sha256: str, *, max_bytes: int) -> BlobWriter:
        """Start storing the blob that must hash to ``sha256``, at most ``max_bytes`` long."""
        ...


def store_stream(store: BlobStore, sha256: str, chunks: Iterable[bytes], *, max_bytes: int) -> int:
    """Store the blob ``sha256`` from ``chunks``; returns its size.

    Raises:
        ArchiveError: ``blob_too_large`` or ``digest_mismatch``; nothing is stored.
    """
    writer = store.writer(sha256, max_bytes=max_bytes)
    try:
        for chunk in chunks:
            writer.write(chunk)
        writer.commit()
    finally:
        writer.abort()
    return writer.size


class FilesystemBlobStore:
    """Blobs as files under one folder: ``sha256/ab/cd/<hex>``, uploads in ``tmp/``.

    Two levels of 256 folders keep every folder small (a province stores millions of files).
    Files are readable by the server's account only: they are official letters.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        """The store's folder (``blobs/`` in the archive folder)."""

    def path(self, sha256: str) -> Path:
        """Where the blob ``sha256`` is (or would be) stored.

        Raises:
            ArchiveError: ``bad_blob_name``.
        """
        name = check_blob_name(sha256)
        return self.root / "sha256" / name[:2] / name[2:4] / name

    @property
    def temporary(self) -> Path:
        """The folder of uploads in progress (on the same volume, so the rename is atomic)."""
        return self.root / "tmp"

    def create(self) -> None:
        """Make the store's folders (for a new archive)."""
        for folder in (self.root, self.root / "sha256", self.temporary):
            folder.mkdir(mode=0o700, exist_ok=True)

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def size(self, sha256: str) -> int | None:
        try:
            return self.path(sha256).stat().st_size
        except FileNotFoundError:
            return None

    def open(self, sha256: str) -> BinaryIO:
        return self.path(sha256).open("rb")

    def local_path(self, sha256: str) -> Path | None:
        return self.path(sha256)

    def writer(self, sha256: str, *, max_bytes: int) -> FilesystemBlobWriter:
        return FilesystemBlobWriter(self, self.path(sha256), sha256, max_bytes)


class FilesystemBlobWriter:
    """An upload into a :class:`FilesystemBlobStore` (see :class:`BlobWriter`)."""

    def __init__(self, store: FilesystemBlobStore, target: Path, sha256: str, max_bytes: int):
        self._target = target
        self._expected = sha256
        self._max_bytes = max_bytes
        self._hash = hashlib.sha256()
        self._size = 0
        self._done = False
        fd, name = tempfile.mkstemp(prefix=f"{sha256[:16]}.", suffix=".part", dir=store.temporary)
        self._temp = Path(name)
        self._file = os.fdopen(fd, "wb")  # mkstemp: 0600, the owner's only

    @property
    def size(self) -> int:
        return self._size

    def write(self, chunk: bytes) -> None:
        if self._size + len(chunk) > self._max_bytes:
            self.abort()
            raise ArchiveError(
                ArchiveError.BLOB_TOO_LARGE,
                _(
                    "the file is larger than the archive accepts in one upload ({limit} bytes)",
                    limit=self._max_bytes,
                ),
            )
        self._hash.update(chunk)
        self._file.write(chunk)
        self._size += len(chunk)

    def commit(self) -> None:
        found = self._hash.hexdigest()
        if found != self._expected:
            self.abort()
            raise ArchiveError(
                ArchiveError.DIGEST_MISMATCH,
                _(
                    "the file's content does not match its name: it hashes to {found}; "
                    "nothing was stored",
                    found=found,
                ),
            )
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        _make_folders(self._target.parent)
        os.replace(self._temp, self._target)
        self._done = True
        fsync_directory(self._target.parent)

    def abort(self) -> None:
        if self._done:
            return
        self._done = True
        self._file.close()
        with contextlib.suppress(FileNotFoundError):
            self._temp.unlink()


def _make_folders(folder: Path) -> None:
    """Make ``folder`` and its missing parents, each new entry made durable."""
    if folder.is_dir():
        return
    _make_folders(folder.parent)
    with contextlib.suppress(FileExistsError):  # another upload made it meanwhile
        folder.mkdir(mode=0o700)
    fsync_directory(folder.parent)
