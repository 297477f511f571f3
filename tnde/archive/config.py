"""The archive folder's ``config.toml``: which archive it is, its database, TLS and limits.

Written once by ``tnde archive init`` and read by ``tnde archive serve``::

    schema_version = 1
    archive_id = "01923f6e-…"        # the database must carry the same id
    profile = "diskominfo-nusantara-raya"   # a shipped profile id, or a file in this folder
    database = ""                     # "" = archive.sqlite in this folder

    [tls]
    certificate = "tls/server.crt"    # relative to the folder, or absolute
    key = "tls/server.key"

    [limits]
    blob_max_bytes = 8388608

Unknown keys are errors, and a file from a newer program is refused rather than guessed at.
The database URL may name a PostgreSQL server; its password belongs in the server account's
``~/.pgpass`` (which the PostgreSQL driver reads), not in this file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tnde.datafile import Table, load_toml
from tnde.errors import ConfigError
from tnde.fsutil import write_atomic
from tnde.messages import _

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "CONFIG_FILE",
    "CONFIG_VERSION",
    "DEFAULT_BLOB_MAX_BYTES",
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "ArchiveConfig",
    "read_config",
    "write_config",
]

CONFIG_FILE = "config.toml"
"""The settings file's name inside the archive folder."""

CONFIG_VERSION = 1
"""The ``config.toml`` format this code writes and understands."""

DEFAULT_BLOB_MAX_BYTES = 8 * 1024 * 1024
"""The largest file one ``PUT /v1/blobs/…`` takes (8 MiB; a signed letter is ~150 KB)."""

DEFAULT_HOST = "127.0.0.1"
"""Where ``serve`` listens unless told otherwise: this machine only."""

DEFAULT_PORT = 8470
"""The archive's port unless told otherwise."""


@dataclass(frozen=True)
class ArchiveConfig:
    """The settings of one archive folder, as stored in its ``config.toml``."""

    archive_id: str
    """The archive's identity (a UUID), fixed at ``init`` and stored in its database too."""
    profile: str
    """The office profile: a shipped profile id, or a TOML file name inside the folder."""
    database: str = ""
    """SQLAlchemy URL of the database; ``""`` for ``archive.sqlite`` in the folder."""
    certificate: str = "tls/server.crt"
    """The TLS certificate (PEM), relative to the folder or absolute."""
    key: str = "tls/server.key"
    """The TLS private key (PEM, unencrypted, readable by the server's account only)."""
    blob_max_bytes: int = DEFAULT_BLOB_MAX_BYTES
    """The largest blob a single upload may carry."""


def read_config(folder: Path) -> ArchiveConfig:
    """Read ``folder/config.toml`` strictly.

    Raises:
        ConfigError: the file is missing, malformed, has unknown keys, or was written by a
            newer program; the message names the file and the key.
    """
    path = folder / CONFIG_FILE
    raw = load_toml(path, ConfigError)
    table = Table(raw, str(path), error=ConfigError)
    version = table.integer("schema_version", minimum=1)
    if version > CONFIG_VERSION:
        raise table.fail(
            "schema_version",
            _(
                "written by a newer TNDE archive (config version {found}); this program "
                "understands up to version {supported}",
                found=version,
                supported=CONFIG_VERSION,
            ),
        )
    archive_id = table.text("archive_id", nonempty=True)
    profile = table.text("profile", nonempty=True)
    database = table.text("database", "")
    tls = table.table("tls")
    certificate = tls.text("certificate", ArchiveConfig.certificate, nonempty=True)
    key = tls.text("key", ArchiveConfig.key, nonempty=True)
    tls.done()
    limits = table.table("limits")
    blob_max_bytes = limits.integer(
        "blob_max_bytes", DEFAULT_BLOB_MAX_BYTES, minimum=1, maximum=1 << 40
    )
    limits.done()
    table.done()
    return ArchiveConfig(archive_id, profile, database, certificate, key, blob_max_bytes)


def write_config(folder: Path, config: ArchiveConfig) -> None:
    """Write ``folder/config.toml`` atomically, readable by its owner only."""
    lines = [
        "# TNDE archive server settings (docs/archive.md). Unknown keys are errors.",
        f"schema_version = {CONFIG_VERSION}",
        f"archive_id = {_toml_string(config.archive_id)}",
        f"profile = {_toml_string(config.profile)}",
        f"database = {_toml_string(config.database)}",
        "",
        "[tls]",
        f"certificate = {_toml_string(config.certificate)}",
        f"key = {_toml_string(config.key)}",
        "",
        "[limits]",
        f"blob_max_bytes = {config.blob_max_bytes}",
    ]
    write_atomic(folder / CONFIG_FILE, ("\n".join(lines) + "\n").encode("utf-8"), private=True)


def _toml_string(text: str) -> str:
    # A JSON string is a TOML basic string: the same quotes and escapes (\" \\ \n \uXXXX);
    # TOML also wants DEL escaped, which JSON leaves alone.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")
