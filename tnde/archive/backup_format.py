"""The archive's backup format: one portable folder, the same from SQLite and from PostgreSQL.

Layout (docs/archive.md, "Backup and restore")::

    BACKUP/
      manifest.json           what the backup holds, with the size and SHA-256 of every file
      manifest.json.sha256    the manifest's own SHA-256, as ``sha256sum`` writes it
      tables/<table>.jsonl    one JSON object per row, every column, for every table
      blobs/sha256/ab/cd/<sha256>    every blob whose row is in the backup (the store's layout)
      tls/server.crt          the archive's certificate
      tls/server.key          its private key (0600, like everything here)
      profile/<file>.toml     the office profile, when the archive keeps its own file

A folder rather than a tar: each file is written, fsynced and hashed on its own and the whole
is renamed into place at the end, a damaged file is named by its path, a restore reads only
what it needs, and rsync, tape tools or ``tar`` take a folder as easily as a file.

Values keep their type through JSON on both databases: whole numbers as JSON numbers (exact
to any size: read them with a parser that keeps 64-bit integers, as Python's does), booleans
as ``true``/``false``, dates as ``"YYYY-MM-DD"``, NULL as ``null``, text as strings
(timestamps are already ISO 8601 text in the schema). :func:`encode_row` and
:func:`decode_row` know each column's type from :data:`tnde.archive.schema.METADATA`.

:mod:`tnde.archive.backup_verify` checks a backup whole before anything uses it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from tnde.archive.errors import ArchiveError
from tnde.datafile import Table
from tnde.messages import _

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from pathlib import Path


__all__ = [
    "BACKUP_FORMAT",
    "FORMAT_VERSION",
    "MANIFEST",
    "MANIFEST_SUM",
    "BackupDamagedError",
    "FileEntry",
    "Manifest",
    "TableEntry",
    "blob_file",
    "decode_row",
    "encode_row",
    "is_sha256",
    "manifest_bytes",
    "parse_manifest",
    "problem_lines",
    "read_rows",
    "table_file",
]

log = logging.getLogger(__name__)

BACKUP_FORMAT = "tnde-archive-backup"
"""The manifest's ``format``: what kind of folder this is."""

FORMAT_VERSION = 1
"""The layout and encoding this code writes and reads; a newer backup is refused."""

MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.json.sha256"

ROLES = ("certificate", "key", "profile")
"""The settings files a backup may hold, by role."""

BLOB_CHUNK = 1024 * 1024
"""How much of a file is read at a time while it is copied or hashed."""

MAX_PROBLEMS_SHOWN = 10
"""How many damaged files a message lists before it says how many more."""

_SHA256 = re.compile(r"[0-9a-f]{64}")
_PROFILE_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.toml")


@dataclass(frozen=True)
class TableEntry:
    """One table's file, as the manifest records it."""

    name: str
    columns: tuple[str, ...]
    """Its columns, in the order of :data:`~tnde.archive.schema.METADATA`."""
    rows: int
    bytes: int
    sha256: str

    @property
    def file(self) -> str:
        """The file's path inside the backup."""
        return table_file(self.name)


@dataclass(frozen=True)
class FileEntry:
    """A settings file kept in the backup (the certificate, its key, the profile)."""

    role: str
    """``certificate``, ``key`` or ``profile``."""
    path: str
    """Its path inside the backup (``tls/server.crt``…)."""
    bytes: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """What a backup holds: ``manifest.json``."""

    backup_id: str
    archive_id: str
    epoch: int
    """The archive's epoch when the backup was taken."""
    feed_seq: int
    """The highest ``feed_seq`` of the backup's events (0 when it has none): every event up
    to it is in the backup, and none after it."""
    revision: str
    """The schema revision the rows were read at."""
    database: str
    """The kind of database they were read from (``sqlite`` or ``postgresql``)."""
    program_version: str
    created_at: str
    """When the backup started (its snapshot was taken just after)."""
    finished_at: str
    """When its last file was written."""
    profile: str
    """The archive's profile setting (a shipped id or a file name, see ``config.toml``)."""
    blob_max_bytes: int
    tables: tuple[TableEntry, ...]
    """Every table, in dependency order (the order a restore loads them in)."""
    blob_count: int
    blob_bytes: int
    files: tuple[FileEntry, ...]

    def file(self, role: str) -> FileEntry | None:
        """The settings file kept for ``role``, if any."""
        return next((f for f in self.files if f.role == role), None)

    def table(self, name: str) -> TableEntry:
        """The entry of the table ``name``."""
        return next(t for t in self.tables if t.name == name)


def table_file(name: str) -> str:
    """Where the rows of table ``name`` are inside a backup."""
    return f"tables/{name}.jsonl"


def blob_file(sha256: str) -> str:
    """Where the blob ``sha256`` is inside a backup (the blob store's own layout)."""
    return f"blobs/sha256/{sha256[:2]}/{sha256[2:4]}/{sha256}"


# -- rows -----------------------------------------------------------------------------------------


def _kind(column: sa.Column[Any]) -> str:
    """How a column's values are written: ``integer``, ``boolean``, ``date`` or ``text``."""
    kind = column.type
    if isinstance(kind, sa.Boolean):
        return "boolean"
    if isinstance(kind, sa.Date):
        return "date"
    if isinstance(kind, sa.Integer):  # BigInteger is one
        return "integer"
    if isinstance(kind, sa.String):  # Text is one
        return "text"
    # a new column type needs an encoding here before a backup can carry it
    raise TypeError(f"no backup encoding for {column.table.name}.{column.name} ({kind!r})")


def _fits(kind: str, value: object) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "date":
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    return isinstance(value, str)


def encode_row(table: sa.Table, row: Mapping[Any, Any]) -> bytes:
    """One row as a line of ``tables/<table>.jsonl``: every column, in the table's order.

    Raises:
        ValueError: a value is not of its column's type (SQLite keeps whatever was stored).
    """
    values: dict[str, Any] = {}
    for column in table.columns:
        value = row[column.name]
        kind = _kind(column)
        if value is not None and not _fits(kind, value):
            raise ValueError(
                f"{table.name}.{column.name} holds {type(value).__name__} {value!r}, not {kind}"
            )
        values[column.name] = value.isoformat() if kind == "date" and value is not None else value
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text + "\n").encode("utf-8")


def decode_row(table: sa.Table, line: bytes) -> dict[str, Any]:
    """A row of ``tables/<table>.jsonl`` with its values in their column's Python type.

    Raises:
        ValueError: the line is not a JSON object with exactly the table's columns, or a value
            does not fit its column's type.
    """
    value = json.loads(line)  # ValueError when malformed or not UTF-8
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    names = [c.name for c in table.columns]
    if sorted(value) != sorted(names):
        raise ValueError(f"columns {sorted(value)}, expected {sorted(names)}")
    row: dict[str, Any] = {}
    for column in table.columns:
        item = value[column.name]
        kind = _kind(column)
        if kind == "date" and isinstance(item, str):
            item = dt.date.fromisoformat(item)
        if item is not None and not _fits(kind, item):
            raise ValueError(f"{column.name}: {item!r} is not {kind}")
        row[column.name] = item
    return row


def read_rows(folder: Path, table: sa.Table) -> Iterator[dict[str, Any]]:
    """The rows of ``table`` in the backup ``folder``, decoded.

    Raises:
        ArchiveError: ``backup_damaged`` naming the file and line of a row that cannot be read.
    """
    name = table_file(table.name)
    with (folder / name).open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                yield decode_row(table, line)
            except ValueError as exc:
                raise BackupDamagedError(
                    folder,
                    [_("{file}, line {line}: {reason}", file=name, line=number, reason=exc)],
                ) from None


# -- the manifest ---------------------------------------------------------------------------------


def manifest_bytes(manifest: Manifest) -> bytes:
    """``manifest.json``: indented for a person, keys in a fixed order."""
    document = {
        "format": BACKUP_FORMAT,
        "format_version": FORMAT_VERSION,
        "backup_id": manifest.backup_id,
        "archive_id": manifest.archive_id,
        "epoch": manifest.epoch,
        "feed_seq": manifest.feed_seq,
        "revision": manifest.revision,
        "database": manifest.database,
        "program_version": manifest.program_version,
        "created_at": manifest.created_at,
        "finished_at": manifest.finished_at,
        "settings": {"profile": manifest.profile, "blob_max_bytes": manifest.blob_max_bytes},
        "tables": [
            {
                "name": t.name,
                "file": t.file,
                "columns": list(t.columns),
                "rows": t.rows,
                "bytes": t.bytes,
                "sha256": t.sha256,
            }
            for t in manifest.tables
        ],
        "blobs": {"count": manifest.blob_count, "bytes": manifest.blob_bytes},
        "files": [
            {"role": f.role, "path": f.path, "bytes": f.bytes, "sha256": f.sha256}
            for f in manifest.files
        ],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def manifest_sum(digest: str) -> bytes:
    """``manifest.json.sha256``, the line ``sha256sum -c`` checks."""
    return f"{digest}  {MANIFEST}\n".encode("ascii")


def role_path(role: str, profile: str) -> str:
    """Where the settings file of ``role`` is inside a backup."""
    return {"certificate": "tls/server.crt", "key": "tls/server.key"}.get(
        role, f"profile/{profile}"
    )


def is_profile_file(profile: str) -> bool:
    """Whether the profile setting names a file in the archive folder (not a shipped id)."""
    return _PROFILE_FILE.fullmatch(profile) is not None


def parse_manifest(document: dict[str, Any], source: str) -> Manifest:
    """``manifest.json`` (of the format version this program reads), read strictly.

    Raises:
        DataFileError: naming the key that is missing, unknown or of the wrong type.
    """
    top = Table(document, source)
    if top.text("format") != BACKUP_FORMAT:
        raise top.fail("format", _("not {expected}", expected=BACKUP_FORMAT))
    top.integer("format_version", minimum=1, maximum=FORMAT_VERSION)
    settings = top.table("settings", required=True)
    profile = settings.text("profile", nonempty=True)
    blob_max_bytes = settings.integer("blob_max_bytes", minimum=1)
    settings.done()
    tables = []
    for t in top.tables("tables", required=True):
        name = t.text("name", nonempty=True)
        path = t.text("file")
        if path != table_file(name):
            raise t.fail("file", _("{path!r} is not where a backup keeps it", path=path))
        entry = TableEntry(
            name=name,
            columns=t.str_list("columns"),
            rows=t.integer("rows", minimum=0),
            bytes=t.integer("bytes", minimum=0),
            sha256=_digest(t),
        )
        t.done()
        tables.append(entry)
    blobs = top.table("blobs", required=True)
    blob_count = blobs.integer("count", minimum=0)
    blob_bytes = blobs.integer("bytes", minimum=0)
    blobs.done()
    files = []
    for f in top.tables("files"):
        role = f.choice("role", ROLES)
        path = f.text("path")
        if path != role_path(role, profile) or (role == "profile" and not is_profile_file(profile)):
            raise f.fail("path", _("{path!r} is not where a backup keeps it", path=path))
        files.append(FileEntry(role, path, f.integer("bytes", minimum=0), _digest(f)))
        f.done()
    manifest = Manifest(
        backup_id=top.text("backup_id", nonempty=True),
        archive_id=top.text("archive_id", nonempty=True),
        epoch=top.integer("epoch", minimum=1),
        feed_seq=top.integer("feed_seq", minimum=0),
        revision=top.text("revision", nonempty=True),
        database=top.text("database", nonempty=True),
        program_version=top.text("program_version"),
        created_at=top.text("created_at", nonempty=True),
        finished_at=top.text("finished_at", nonempty=True),
        profile=profile,
        blob_max_bytes=blob_max_bytes,
        tables=tuple(tables),
        blob_count=blob_count,
        blob_bytes=blob_bytes,
        files=tuple(files),
    )
    top.done()
    return manifest


def is_sha256(text: str) -> bool:
    """Whether ``text`` is a SHA-256 as the backup writes it: 64 lowercase hex digits."""
    return _SHA256.fullmatch(text) is not None


def _digest(table: Table) -> str:
    value = table.text("sha256")
    if not is_sha256(value):
        raise table.fail("sha256", _("not a SHA-256 in lowercase hexadecimal"))
    return str(value)


# -- damage ---------------------------------------------------------------------------------------


def problem_lines(problems: list[str]) -> str:
    """``problems`` one per indented line, the first ten and then how many more."""
    shown = [f"  {p}" for p in problems[:MAX_PROBLEMS_SHOWN]]
    if len(problems) > MAX_PROBLEMS_SHOWN:
        shown.append("  " + _("… and {more} more", more=len(problems) - MAX_PROBLEMS_SHOWN))
    return "\n".join(shown)


class BackupDamagedError(ArchiveError):
    """A backup's files differ from its manifest (code ``backup_damaged``).

    Attributes:
        problems: one sentence per file that is missing or differs, naming it.
    """

    def __init__(self, folder: Path, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__(
            ArchiveError.BACKUP_DAMAGED,
            _(
                "the backup {folder} is damaged; nothing was restored:\n{problems}",
                folder=folder,
                problems=problem_lines(problems),
            ),
        )
