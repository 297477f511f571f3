"""``state.toml`` of a DEMO PKI: its port, the certificates it issued and those it revoked.

Certificates and keys are files next to it; this file holds what changes (revocations) and
what the responders must know (which serials exist, so OCSP can tell ``good`` from
``unknown``). It never holds a NIK, a passphrase or a key. Written atomically.

Format (version 1)::

    schema_version = 1
    port = 41234
    created = 2026-11-27T03:04:05Z

    [[issued]]
    serial = "5c1f…"            # hex
    ca = "issuing-ca"           # the issuer: "root" or "issuing-ca"
    kind = "official"           # "ca", "tsa", "ocsp" or "official"
    key = "196708271994031001"  # officials: NIP (or NIK when there is no NIP); else ""
    not_after = 2028-11-26T03:04:05Z

    [[revoked]]
    serial = "5c1f…"
    reason = "keyCompromise"
    at = 2026-11-28T08:00:00Z
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cryptography import x509

from tnde.datafile import parse_toml
from tnde.errors import PkiError
from tnde.fsutil import write_atomic
from tnde.messages import _

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["CAS", "KINDS", "STATE_VERSION", "IssuedCert", "PkiState", "read_state", "write_state"]

STATE_VERSION = 1
"""The ``state.toml`` format this code writes and understands."""
CAS = ("root", "issuing-ca")
"""The two DEMO CAs, by file stem."""
KINDS = ("ca", "tsa", "ocsp", "official")
"""What an issued certificate is for."""


@dataclass(frozen=True)
class IssuedCert:
    """One certificate a DEMO CA issued."""

    serial: int
    """Its serial number."""
    ca: str
    """The issuing CA, one of :data:`CAS`."""
    kind: str
    """One of :data:`KINDS`."""
    key: str
    """For officials the NIP (or the NIK when there is no NIP), else ``""``."""
    not_after: dt.datetime
    """End of validity (aware, UTC)."""


@dataclass
class PkiState:
    """The content of ``state.toml``."""

    port: int
    """Loopback port the certificates' URLs name."""
    created: dt.datetime
    """When the PKI was made (aware, UTC)."""
    issued: list[IssuedCert] = field(default_factory=list)
    """Every issued certificate, oldest first."""
    revoked: dict[int, tuple[dt.datetime, x509.ReasonFlags]] = field(default_factory=dict)
    """Serial → (revocation time, reason)."""


def read_state(path: Path) -> PkiState:
    """Read ``state.toml`` strictly.

    Raises:
        PkiError: ``NOT_FOUND`` (no file) or ``BAD_FILE`` naming the key that is wrong.
    """
    try:
        raw = parse_toml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PkiError(
            PkiError.NOT_FOUND, _("the DEMO PKI has no state.toml file"), path=str(path)
        ) from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PkiError(
            PkiError.BAD_FILE, _("cannot be read: {exc}", exc=exc), path=str(path)
        ) from None
    reader = _Reader(path)
    version = reader.take(raw, "schema_version", int)
    if version != STATE_VERSION:
        reader.fail(
            "schema_version",
            _(
                "unknown version {version} (must be {expected})",
                version=version,
                expected=STATE_VERSION,
            ),
        )
    port = reader.take(raw, "port", int)
    if not 1 <= port <= 65535:
        reader.fail("port", _("{port} is not a port number 1-65535", port=port))
    state = PkiState(port=port, created=reader.take(raw, "created", dt.datetime))
    for i, item in enumerate(reader.take(raw, "issued", list)):
        where = f"issued[{i}]"
        ca = reader.take(item, "ca", str, where)
        kind = reader.take(item, "kind", str, where)
        if ca not in CAS:
            reader.fail(
                f"{where}.ca", _("{ca!r} is not one of {choices}", ca=ca, choices=", ".join(CAS))
            )
        if kind not in KINDS:
            reader.fail(
                f"{where}.kind",
                _("{kind!r} is not one of {choices}", kind=kind, choices=", ".join(KINDS)),
            )
        state.issued.append(
            IssuedCert(
                serial=reader.serial(item, where),
                ca=ca,
                kind=kind,
                key=reader.take(item, "key", str, where),
                not_after=reader.take(item, "not_after", dt.datetime, where),
            )
        )
    for i, item in enumerate(reader.take(raw, "revoked", list, default=[])):
        where = f"revoked[{i}]"
        reason_text = reader.take(item, "reason", str, where)
        try:
            reason = x509.ReasonFlags(reason_text)
        except ValueError:
            reader.fail(
                f"{where}.reason",
                _("{reason_text!r} is not an RFC 5280 revocation reason", reason_text=reason_text),
            )
        at = reader.take(item, "at", dt.datetime, where)
        state.revoked[reader.serial(item, where)] = (at, reason)
    return state


def write_state(path: Path, state: PkiState) -> None:
    """Write ``state`` to ``path`` atomically."""
    lines = [
        "# TNDE DEMO PKI (sertifikat uji, bukan PSrE). Ditulis oleh TNDE Desktop.",
        f"schema_version = {STATE_VERSION}",
        f"port = {state.port}",
        f"created = {_when(state.created)}",
    ]
    for cert in state.issued:
        lines += [
            "",
            "[[issued]]",
            f'serial = "{cert.serial:x}"',
            f'ca = "{cert.ca}"',
            f'kind = "{cert.kind}"',
            f"key = {json.dumps(cert.key)}",
            f"not_after = {_when(cert.not_after)}",
        ]
    for serial, (at, reason) in state.revoked.items():
        lines += [
            "",
            "[[revoked]]",
            f'serial = "{serial:x}"',
            f'reason = "{reason.value}"',
            f"at = {_when(at)}",
        ]
    write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))


def _when(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Reader:
    """Typed access to the parsed TOML, failing with the file and the dotted key."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key: str, problem: str) -> Any:
        raise PkiError(
            PkiError.BAD_FILE, _("[{key}] {problem}", key=key, problem=problem), path=str(self.path)
        )

    def take(
        self, table: Any, key: str, kind: type, where: str = "", *, default: Any = None
    ) -> Any:
        name = f"{where}.{key}" if where else key
        if not isinstance(table, dict):
            return self.fail(where, _("must be a table"))
        if key not in table:
            if default is not None:
                return default
            return self.fail(name, _("a required key is missing"))
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, kind):
            return self.fail(
                name,
                _(
                    "must be of type {expected}, not {found}",
                    expected=kind.__name__,
                    found=type(value).__name__,
                ),
            )
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            return self.fail(name, _("a time must have a time zone (e.g. the suffix Z)"))
        return value

    def serial(self, table: Any, where: str) -> int:
        text = self.take(table, "serial", str, where)
        try:
            return int(text, 16)
        except ValueError:
            return int(
                self.fail(f"{where}.serial", _("{text!r} is not a hexadecimal number", text=text))
            )
