"""Immutable files named by their SHA-256: rendered and signed PDFs, scans.

A blob lives at ``blobs/<first 2 hex>/<sha256>``. :meth:`BlobStore.put` makes the file durable
(temp → fsync → rename) *before* it inserts the ``blob`` row in the caller's transaction, so a
committed row always has its file; a crash in between can only leave a file without a row,
which ``tnde workspace check`` reports as a harmless orphan.
"""

from __future__ import annotations

import hashlib
import logging
import re
from typing import TYPE_CHECKING

from tnde.canonical import now_timestamp
from tnde.errors import BlobError, FileWriteError, StorageError, ValidationError
from tnde.faults import crash_point
from tnde.fsutil import fsync_directory, write_atomic
from tnde.messages import _
from tnde.workspace.storage_errors import file_error

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterator
    from pathlib import Path

log = logging.getLogger(__name__)

__all__ = ["BlobStore", "fsync_directory", "is_sha256"]

_SHA256 = re.compile(r"[0-9a-f]{64}")


def is_sha256(text: str) -> bool:
    """Whether ``text`` is a SHA-256 as blobs are named: 64 lowercase hex digits."""
    return _SHA256.fullmatch(text) is not None


class BlobStore:
    """The ``blobs/`` folder of a workspace."""

    def __init__(self, root: Path) -> None:
        self.root = root
        """The ``blobs/`` folder."""

    def path(self, sha256: str) -> Path:
        """Where the blob named ``sha256`` is (or would be) stored.

        Raises:
            ValidationError: ``sha256`` is not 64 lowercase hex digits.
        """
        if not is_sha256(sha256):
            raise ValidationError(
                "sha256", "sha256_format", _("{sha256!r} is not a SHA-256", sha256=sha256)
            )
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        """Whether a file is stored for ``sha256`` (its content is not re-hashed)."""
        return self.path(sha256).is_file()

    def put(
        self, data: bytes, media_type: str, conn: sqlite3.Connection, *, at: str | None = None
    ) -> str:
        """Store ``data`` and record it in the ``blob`` table; returns its SHA-256.

        The file is durable before the row is inserted through ``conn`` (normally inside the
        caller's transaction, so the row commits with whatever refers to it). Storing the same
        bytes again is a no-op; a damaged file under the same name is replaced.

        Raises:
            WorkspaceError: ``DISK_FULL`` or ``READ_ONLY`` when the file cannot be written;
                no partly written file is left in ``blobs/``.
        """
        if not media_type.strip():
            raise ValidationError("media_type", "required", _("a blob needs a media type"))
        sha256 = hashlib.sha256(data).hexdigest()
        path = self.path(sha256)
        if not (path.is_file() and _file_sha256(path) == sha256):
            try:
                self._make_dir(path.parent)
                self._refuse_outside(path.parent)
                write_atomic(path, data, private=True)
            except (OSError, FileWriteError) as exc:
                fault = file_error(exc, self.root.parent)
                if fault is None:
                    raise
                raise fault from exc
        crash_point("blob")
        conn.execute(
            "INSERT INTO blob (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (sha256) DO NOTHING",
            (sha256, len(data), media_type, at or now_timestamp()),
        )
        return sha256

    def get(self, sha256: str) -> bytes:
        """The bytes of a blob, re-hashed on the way.

        Raises:
            BlobError: ``MISSING`` when there is no file, ``CORRUPT`` when its content has
                another hash.
        """
        path = self.path(sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise self._missing(sha256, path) from None
        found = hashlib.sha256(data).hexdigest()
        if found != sha256:
            raise self._corrupt(sha256, path, found)
        return data

    def verify(self, sha256: str) -> BlobError | None:
        """The problem with a stored blob, or ``None`` when its file is intact (streamed)."""
        path = self.path(sha256)
        try:
            found = _file_sha256(path)
        except FileNotFoundError:
            return self._missing(sha256, path)
        return None if found == sha256 else self._corrupt(sha256, path, found)

    def files(self) -> Iterator[Path]:
        """Every file under ``blobs/``, blob or not (for finding orphans and leftovers)."""
        if self.root.is_dir():
            yield from sorted(p for p in self.root.rglob("*") if p.is_file())

    def _refuse_outside(self, directory: Path) -> None:
        """Refuse to write through a symbolic link that leads out of ``blobs/``."""
        if not directory.resolve().is_relative_to(self.root.resolve()) or self.root.is_symlink():
            raise StorageError(
                _(
                    "{folder} leads out of the workspace (a symbolic link): nothing was stored",
                    folder=directory,
                )
            )

    def _make_dir(self, directory: Path) -> None:
        if directory.is_dir():
            return
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        fsync_directory(directory.parent)  # the new folder's entry must survive a crash too

    @staticmethod
    def _missing(sha256: str, path: Path) -> BlobError:
        return BlobError(BlobError.MISSING, sha256, str(path), _("file missing: {path}", path=path))

    @staticmethod
    def _corrupt(sha256: str, path: Path, found: str) -> BlobError:
        detail = _("file {path} is damaged (its content hashes to {found})", path=path, found=found)
        return BlobError(BlobError.CORRUPT, sha256, str(path), detail)


def _file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
