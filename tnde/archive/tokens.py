"""The secrets the archive hands out: access tokens, refresh tokens, enrolment codes.

- An **access token** is stateless and short (:data:`ACCESS_TTL`):
  ``base64url(JSON {v, nip, dev, iat, exp}) "." base64url(HMAC-SHA256(key, first part))``.
  The key is 32 random bytes in the archive folder's ``token.key`` (0600), made by ``init``
  or, for an archive made before it existed, by the first ``open``. Deleting the file makes
  every access token invalid at the next start (desks then refresh); refresh tokens live in
  the database and are not affected.
- A **refresh token** is 32 random bytes in base64url; the archive keeps only its SHA-256.
- An **enrolment code** is 16 characters of Crockford's base32 (no I, L, O or U), shown in
  groups of four (``7KQ2-MX4B-9TRD-H3WC``); it is read leniently (case, dashes and spaces do
  not matter, O reads as 0 and I or L as 1), and only its SHA-256 is stored.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import dataclasses
import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import tempfile
from typing import TYPE_CHECKING

from tnde.archive.errors import ArchiveError
from tnde.fsutil import fsync_directory, write_atomic
from tnde.messages import _

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "ACCESS_TTL",
    "TOKEN_KEY_FILE",
    "AccessClaims",
    "AccessTokenError",
    "AccessTokens",
    "ensure_token_key",
    "format_code",
    "new_enrolment_code",
    "new_refresh_token",
    "normalize_code",
    "read_token_key",
    "secret_hash",
    "write_token_key",
]

TOKEN_KEY_FILE = "token.key"
"""The access-token key's file name inside the archive folder."""

KEY_BYTES = 32
ACCESS_TTL = dt.timedelta(minutes=10)
"""How long an access token is accepted."""

MAX_TOKEN_CHARS = 1024
"""Longer bearer tokens are refused unread (an access token is about 200 characters)."""

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base32: no I, L, O or U, which are read as 1, 1, 0 and refused."""
CODE_LENGTH = 16
_CODE_READING = str.maketrans({"O": "0", "I": "1", "L": "1"})


# -- the key --------------------------------------------------------------------------------------


def write_token_key(folder: Path) -> None:
    """Write a new key into ``folder`` (``init``), replacing any earlier one."""
    write_atomic(folder / TOKEN_KEY_FILE, secrets.token_bytes(KEY_BYTES), private=True)


def ensure_token_key(folder: Path) -> None:
    """Make the key in ``folder`` unless it exists (an archive made before keys existed).

    Two servers opening the folder at once must end up with the same key, so the new file is
    linked into place, which fails when the other got there first, instead of renamed over it.

    Raises:
        ArchiveError: ``folder_unusable`` when the file cannot be written.
    """
    path = folder / TOKEN_KEY_FILE
    if path.exists():
        return
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{TOKEN_KEY_FILE}.", dir=folder)  # 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(KEY_BYTES))
                handle.flush()
                os.fsync(handle.fileno())
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
        fsync_directory(folder)
    except OSError as exc:
        raise ArchiveError(
            ArchiveError.FOLDER_UNUSABLE,
            _(
                "the archive cannot write its token key {path}: {reason}",
                path=path,
                reason=exc.strerror or exc,
            ),
        ) from None


def read_token_key(folder: Path) -> bytes:
    """The key of the archive in ``folder``.

    Raises:
        ArchiveError: ``token_key_invalid`` when the file is missing, unreadable or damaged.
    """
    path = folder / TOKEN_KEY_FILE
    try:
        key = path.read_bytes()
    except OSError as exc:
        raise _bad_key(path, exc.strerror or str(exc)) from None
    if len(key) != KEY_BYTES:
        raise _bad_key(path, _("it holds {size} bytes, not {expected}", size=len(key), expected=32))
    return key


def _bad_key(path: Path, reason: str) -> ArchiveError:
    return ArchiveError(
        ArchiveError.TOKEN_KEY_INVALID,
        _(
            "the archive's token key {path} cannot be used ({reason}); delete it and the "
            "archive makes a new one when it starts (desks then sign in again within minutes)",
            path=path,
            reason=reason,
        ),
    )


# -- access tokens --------------------------------------------------------------------------------


class AccessTokenError(Exception):
    """An access token is not one this archive issued, or has expired (``expired``)."""

    def __init__(self, *, expired: bool = False) -> None:
        self.expired = expired
        super().__init__("expired" if expired else "invalid")


@dataclasses.dataclass(frozen=True)
class AccessClaims:
    """What a valid access token says."""

    nip: str
    device_id: str
    issued_at: int
    """Seconds since the epoch."""
    expires_at: int
    """Seconds since the epoch; the token is refused from this second on."""


class AccessTokens:
    """Issues and checks access tokens with one key (HMAC-SHA256)."""

    def __init__(self, key: bytes, *, ttl: dt.timedelta = ACCESS_TTL) -> None:
        if len(key) < KEY_BYTES:
            raise ValueError("the access-token key must have at least 32 bytes")
        self._key = key
        self.ttl = ttl

    def issue(self, nip: str, device_id: str, now: dt.datetime) -> str:
        """A token for ``nip`` on ``device_id``, valid for :attr:`ttl` from ``now``."""
        issued = int(now.timestamp())
        claims = {
            "v": 1,
            "nip": nip,
            "dev": device_id,
            "iat": issued,
            "exp": issued + int(self.ttl.total_seconds()),
        }
        body = _b64encode(json.dumps(claims, sort_keys=True, separators=(",", ":")).encode())
        return f"{body}.{_b64encode(self._mac(body))}"

    def verify(self, token: str, now: dt.datetime) -> AccessClaims:
        """The claims of ``token`` when this key signed it and it has not expired.

        Raises:
            AccessTokenError: forged, damaged, or (``expired=True``) expired.
        """
        body, dot, mac = token.partition(".")
        if not dot or len(token) > MAX_TOKEN_CHARS or not token.isascii():
            raise AccessTokenError
        try:
            given = _b64decode(mac)
        except ValueError:
            raise AccessTokenError from None
        if not hmac.compare_digest(given, self._mac(body)):
            raise AccessTokenError
        try:
            claims = json.loads(_b64decode(body))
            parsed = AccessClaims(
                nip=claims["nip"],
                device_id=claims["dev"],
                issued_at=claims["iat"],
                expires_at=claims["exp"],
            )
        except (ValueError, KeyError, TypeError):
            raise AccessTokenError from None  # signed by us yet unreadable: never, but not a crash
        if claims.get("v") != 1 or not all(
            isinstance(value, str) for value in (parsed.nip, parsed.device_id)
        ):
            raise AccessTokenError
        if not isinstance(parsed.expires_at, int) or now.timestamp() >= parsed.expires_at:
            raise AccessTokenError(expired=True)
        return parsed

    def _mac(self, body: str) -> bytes:
        return hmac.new(self._key, body.encode("ascii"), hashlib.sha256).digest()


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValueError(str(exc)) from None


# -- refresh tokens and enrolment codes -----------------------------------------------------------


def new_refresh_token() -> str:
    """A new refresh token: 32 random bytes, base64url without padding (43 characters)."""
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    """What the archive stores of a refresh token or a (normalized) enrolment code."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_enrolment_code() -> str:
    """A new enrolment code, normalized (16 characters of :data:`CODE_ALPHABET`)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """``code`` in groups of four: ``7KQ2-MX4B-9TRD-H3WC``."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalize_code(text: str) -> str | None:
    """The code as typed, in its stored form; ``None`` when it cannot be a code at all."""
    code = "".join(text.split()).replace("-", "").upper().translate(_CODE_READING)
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return None
    return code
