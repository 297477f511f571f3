"""The workspace's ``config.toml``: which office profile it uses and where its archive is.

The file carries ``schema_version``. Older files are upgraded step by step when read
(:data:`_UPGRADES`), and :func:`upgrade_config` writes the upgraded form back; a file from a
newer program is refused rather than guessed at. Each step is tested with a fixture of the old
file (``tests/data/upgrade/``).

Version 3 (current)::

    schema_version = 3
    profile = "diskominfo-nusantara-raya"   # "" until chosen
    demo = false
    owner = "199203152019031004"            # the official this desk acts for; "" in a demo

    [archive]                               # absent: the embedded archive
    url = "https://arsip.example.go.id"

    [signing]                               # absent: B-LT, no timestamp service set
    level = "B-LT"
    tsa_url = "http://127.0.0.1:8765/tsa"


Version 2 had no ``owner``: anyone in the org chart could act at the desk. It is read with
no owner, and a non-demo workspace without one refuses every action until one is set
(``tnde workspace owner NIP``). The version went up so that a program from before owners
existed refuses the file rather than ignoring who it belongs to.

Version 1 (the development builds before the workspace issue) had flat keys:
``profil`` for the profile and ``archive_url`` (``""`` for none), and no ``demo`` flag.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tnde.datafile import Table, load_toml
from tnde.errors import ConfigError, ValidationError
from tnde.fsutil import write_atomic
from tnde.messages import _

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

log = logging.getLogger(__name__)

__all__ = [
    "CONFIG_FILE",
    "CONFIG_VERSION",
    "WorkspaceConfig",
    "read_config",
    "upgrade_config",
    "write_config",
]

CONFIG_FILE = "config.toml"
"""The settings file's name in the workspace folder."""

CONFIG_VERSION = 3
"""The ``config.toml`` format this code writes and understands."""

_PROFILE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_NIP = re.compile(r"[0-9]{18}")
_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+")
SIGNATURE_LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")


@dataclass(frozen=True)
class WorkspaceConfig:
    """The settings of one workspace, as stored in its ``config.toml``."""

    schema_version: int = CONFIG_VERSION
    """Format version of the file this was read from or will be written as."""
    profile_id: str = ""
    """Id of the office profile (Profil TND) letters use by default; ``""`` until chosen."""
    archive_url: str | None = None
    """Base URL of the central archive server; ``None`` uses the embedded archive."""
    demo: bool = False
    """A practice workspace (test certificates and sample data are allowed in it)."""
    tsa_url: str | None = None
    """The RFC 3161 timestamp service signatures use (B-T and above); None: none set."""
    signature_level: str = "B-LT"
    """PAdES level of letter signatures: B-B, B-T, B-LT (default) or B-LTA."""
    owner: str = ""
    """NIP of the official who works at this desk: every action is taken as them (or in a
    position they hold that day). ``""``: none set; a demo workspace needs none."""

    def __post_init__(self) -> None:
        if self.tsa_url is not None and not _URL.fullmatch(self.tsa_url):
            raise ValidationError(
                "signing.tsa_url",
                "url",
                _("{tsa_url!r} is not an http(s) URL", tsa_url=self.tsa_url),
            )
        if self.signature_level not in SIGNATURE_LEVELS:
            raise ValidationError(
                "signing.level",
                "level",
                _(
                    "{signature_level!r} is not one of {choices}",
                    signature_level=self.signature_level,
                    choices=", ".join(SIGNATURE_LEVELS),
                ),
            )

        if self.owner and self.demo:
            raise ValidationError(
                "owner", "demo_owner", _("a demo workspace has no owner: anyone acts in it")
            )
        if self.owner and not _NIP.fullmatch(self.owner):
            raise ValidationError(
                "owner", "nip", _("{owner!r} is not an 18-digit NIP", owner=self.owner)
            )
        if self.profile_id and not _PROFILE_ID.fullmatch(self.profile_id):
            raise ValidationError(
                "profile",
                "profile_id",
                _("{profile_id!r} is not a profile id", profile_id=self.profile_id),
            )
        if self.archive_url is not None and not _URL.fullmatch(self.archive_url):
            raise ValidationError(
                "archive.url",
                "url",
                _("{archive_url!r} is not an http(s) URL", archive_url=self.archive_url),
            )


def read_config(path: Path) -> WorkspaceConfig:
    """Read ``config.toml`` strictly, upgrading an older format in memory.

    Raises:
        ConfigError: the file is missing, malformed, has unknown keys, or was written by a
            newer program; the message names the file and the key.
    """
    return _read(path)[0]


def upgrade_config(path: Path) -> WorkspaceConfig:
    """Read ``config.toml`` and, when it is in an older format, rewrite it in the current one."""
    config, found = _read(path)
    if found < CONFIG_VERSION:
        log.info("upgrading %s from config version %d to %d", path, found, CONFIG_VERSION)
        write_config(path, config)
    return config


def write_config(path: Path, config: WorkspaceConfig) -> None:
    """Write ``config`` to ``path`` atomically, always in the current format."""
    lines = [
        "# TNDE Desktop workspace settings. Unknown keys are errors.",
        f"schema_version = {CONFIG_VERSION}",
        f"profile = {_toml_string(config.profile_id)}",
        f"demo = {'true' if config.demo else 'false'}",
        f"owner = {_toml_string(config.owner)}",
    ]
    if config.archive_url is not None:
        lines += ["", "[archive]", f"url = {_toml_string(config.archive_url)}"]
    if config.tsa_url is not None or config.signature_level != "B-LT":
        lines += ["", "[signing]", f"level = {_toml_string(config.signature_level)}"]
        if config.tsa_url is not None:
            lines.append(f"tsa_url = {_toml_string(config.tsa_url)}")

    write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"), private=True)


def _read(path: Path) -> tuple[WorkspaceConfig, int]:
    raw = load_toml(path, ConfigError)
    found = raw.get("schema_version")
    if not isinstance(found, int) or isinstance(found, bool) or found < 1:
        raise ConfigError(str(path), "schema_version", _("required, a whole number from 1"))
    if found > CONFIG_VERSION:
        raise ConfigError(
            str(path),
            "schema_version",
            _(
                "written by a newer TNDE Desktop (config version {found}); this program "
                "understands up to version {supported}",
                found=found,
                supported=CONFIG_VERSION,
            ),
        )
    for version in range(found, CONFIG_VERSION):
        raw = _UPGRADES[version](raw)
        raw["schema_version"] = version + 1
    table = Table(raw, str(path), error=ConfigError)
    table.integer("schema_version")
    profile_id = table.text("profile", "")
    demo = table.flag("demo", False)
    owner = table.text("owner", "")
    archive = table.table("archive")
    archive_url = archive.text("url", None, nonempty=True)
    archive.done()
    signing = table.table("signing")
    tsa_url = signing.text("tsa_url", None, nonempty=True)
    level = signing.text("level", "B-LT")
    signing.done()
    table.done()
    try:
        config = WorkspaceConfig(
            CONFIG_VERSION, profile_id, archive_url, demo, tsa_url, level, owner
        )

    except ValidationError as exc:
        raise ConfigError(str(path), exc.field, exc.detail) from None
    return config, found


def _upgrade_1_to_2(raw: dict[str, Any]) -> dict[str, Any]:
    """``profil`` → ``profile``; ``archive_url`` → ``[archive] url`` (dropped when empty)."""
    new = dict(raw)
    if "profil" in new:
        new["profile"] = new.pop("profil")
    url = new.pop("archive_url", "")
    if url != "":
        new["archive"] = {"url": url}
    return new


def _upgrade_2_to_3(raw: dict[str, Any]) -> dict[str, Any]:
    """No owner yet: the desk refuses to act until one is set (see the module docstring)."""
    return dict(raw)


_UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _upgrade_1_to_2,
    2: _upgrade_2_to_3,
}
"""``_UPGRADES[n]`` turns a version ``n`` file (as parsed TOML) into version ``n + 1``."""


def _toml_string(text: str) -> str:
    # A JSON string is a TOML basic string once DEL is escaped too (TOML forbids it raw).
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")
