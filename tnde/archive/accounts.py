"""Accounts: which pegawai of the org chart may sign in to the archive, and from which desks.

An account belongs to a pegawai of the archive's org chart (``pegawai``) and is made by the
admin on the server (``tnde archive user enrol``), which prints a one-time enrolment code
valid for :data:`ENROLMENT_TTL`. The official types it at their desk together with a new
password (:func:`check_password`); from then on they sign in with NIP and password. Enrolling
again resets the account: the old password stops working and a new code is printed.

Everything the admin does here is written to the archive's audit log
(:func:`tnde.archive.audit.audit_append`), in the caller's write transaction. Signing in,
tokens and the sign-in limit are :mod:`tnde.archive.signin`'s.
"""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import re
import secrets
import threading
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from tnde.archive.audit import audit_append
from tnde.archive.errors import ArchiveError, AuthError
from tnde.archive.schema import ACCOUNT, DEVICE, PEGAWAI, REFRESH_TOKEN
from tnde.archive.tokens import format_code, new_enrolment_code, secret_hash
from tnde.canonical import format_timestamp
from tnde.formatting import validate_nip
from tnde.messages import _

if TYPE_CHECKING:
    from tnde.archive.db import Database

__all__ = [
    "ENROLMENT_TTL",
    "MIN_PASSWORD_LENGTH",
    "AccountInfo",
    "DeviceInfo",
    "Enrolment",
    "IdentityProvider",
    "PasswordProvider",
    "Principal",
    "check_device",
    "check_password",
    "codes_match",
    "disable_account",
    "enable_account",
    "enrol_account",
    "list_accounts",
    "revoke_device",
    "revoke_refresh_tokens",
]

log = logging.getLogger(__name__)

ENROLMENT_TTL = dt.timedelta(days=7)
"""How long an enrolment code can be used."""

MIN_PASSWORD_LENGTH = 10
MAX_DEVICE_NAME = 100

_DEVICE_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.ASCII)

_HASHING = threading.BoundedSemaphore(4)
"""Argon2 takes 64 MiB and a few CPU-milliseconds per call by default: at most four at once,
however many requests the server's thread pool runs, so a burst of sign-ins cannot exhaust
the server's memory."""


@dataclass(frozen=True)
class Principal:
    """Who is calling: a signed-in official on one of their devices."""

    nip: str
    device_id: str


@dataclass(frozen=True)
class Enrolment:
    """What the admin hands to the official: the code, until when it works."""

    nip: str
    nama: str
    code: str
    """In groups of four (``7KQ2-MX4B-9TRD-H3WC``); the archive keeps only its hash."""
    expires_at: str
    disabled: bool
    """The account is disabled: the code works only once it is enabled again."""


@dataclass(frozen=True)
class DeviceInfo:
    """One desk an official signed in from."""

    device_id: str
    nip: str
    name: str
    created_at: str
    last_seen_at: str | None
    revoked_at: str | None


@dataclass(frozen=True)
class AccountInfo:
    """One account, for ``tnde archive user list``."""

    nip: str
    nama: str
    state: str
    """``active``, ``enrolment_pending``, ``enrolment_expired`` or ``disabled``."""
    created_at: str
    updated_at: str
    enrol_expires_at: str | None
    devices: tuple[DeviceInfo, ...]
    admin: bool = False
    """May see every account and its desks (``tnde archive user admin``)."""

    def to_json(self) -> dict[str, Any]:
        """The account as ``user list --json`` prints it and ``GET /v1/admin/desks`` answers
        it: nothing secret (no hash of a password, a code or a token)."""
        return {
            "nip": self.nip,
            "nama": self.nama,
            "state": self.state,
            "admin": self.admin,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "enrol_expires_at": self.enrol_expires_at,
            "devices": [
                {
                    "device_id": d.device_id,
                    "name": d.name,
                    "created_at": d.created_at,
                    "last_seen_at": d.last_seen_at,
                    "revoked_at": d.revoked_at,
                }
                for d in self.devices
            ],
        }


# -- checks on what a desk sends ------------------------------------------------------------------


def check_password(password: str, nip: str) -> str:
    """``password`` in the form that is hashed (Unicode NFKC), when the policy allows it.

    Raises:
        AuthError: ``weak_password``, saying which rule it breaks.
    """
    normalized = unicodedata.normalize("NFKC", password)
    if len(normalized) < MIN_PASSWORD_LENGTH:
        problem = _(
            "the password must have at least {minimum} characters", minimum=MIN_PASSWORD_LENGTH
        )
    elif nip and nip in normalized:  # also the NIP with a letter added
        problem = _("the password must not contain your NIP")
    elif normalized.isdigit():
        problem = _("the password must not be made of digits only")
    else:
        return normalized
    raise AuthError(AuthError.WEAK_PASSWORD, problem)


def check_device(device_id: str, name: str | None = None) -> str:
    """The device id in its stored form (a lowercase UUID), when it and the name are valid.

    Raises:
        AuthError: ``bad_device``.
    """
    normalized = device_id.strip().lower()
    if _DEVICE_ID.fullmatch(normalized) is None:
        raise AuthError(
            AuthError.BAD_DEVICE,
            _("the device id must be a UUID (8-4-4-4-12 hexadecimal digits)"),
        )
    if name is not None and (
        not name.strip()
        or len(name) > MAX_DEVICE_NAME
        or any(unicodedata.category(c).startswith("C") for c in name)
    ):
        raise AuthError(
            AuthError.BAD_DEVICE,
            _(
                "the device name must be 1 to {maximum} characters without control characters",
                maximum=MAX_DEVICE_NAME,
            ),
        )
    return normalized


# -- who is signing in ----------------------------------------------------------------------------


class IdentityProvider(Protocol):
    """Who is signing in, and whether they may: the archive's one seam for how officials prove
    who they are.

    :class:`PasswordProvider` (NIP and password, hashed in the archive's own database) is the
    only implementation. A province that runs its own identity provider could add an OIDC
    provider behind the same seam, taking an ID token as the credential and answering with the
    NIP it names; accounts, devices, tokens and the sign-in limit stay as they are.
    """

    def identify(self, nip: str, credential: str) -> str:
        """The NIP of the official the credential proves, when they may sign in with it.

        Raises:
            AuthError: ``invalid_credentials``, the same whether the NIP is unknown, has no
                password yet, or the credential is wrong (no account enumeration).
        """
        ...


class PasswordProvider:
    """:class:`IdentityProvider` over the Argon2id password hashes of ``account``."""

    def __init__(self, database: Database, hasher: PasswordHasher | None = None) -> None:
        self.database = database
        self.hasher = hasher or PasswordHasher()  # Argon2id with argon2-cffi's current defaults
        self._dummy: str | None = None

    def identify(self, nip: str, credential: str) -> str:
        with self.database.read() as conn:
            stored = conn.execute(
                sa.select(ACCOUNT.c.password_hash)
                .select_from(ACCOUNT.join(PEGAWAI, PEGAWAI.c.nip == ACCOUNT.c.nip))
                .where(ACCOUNT.c.nip == nip)
            ).scalar_one_or_none()
        password = unicodedata.normalize("NFKC", credential)
        if stored is None:
            self._verify(self._dummy_hash(), password)  # the same time as a wrong password
            raise _invalid_credentials()
        if not self._verify(stored, password):
            raise _invalid_credentials()
        if self.hasher.check_needs_rehash(stored):  # the parameters were raised since
            new_hash = self.hash(password)
            with self.database.write() as conn:
                conn.execute(
                    sa.update(ACCOUNT)
                    .where(ACCOUNT.c.nip == nip, ACCOUNT.c.password_hash == stored)
                    .values(password_hash=new_hash)
                )
        return nip

    def hash(self, password: str) -> str:
        """The stored form of a password already checked by :func:`check_password`."""
        with _HASHING:
            return self.hasher.hash(password)

    def _verify(self, stored: str, password: str) -> bool:
        with _HASHING:
            try:
                return self.hasher.verify(stored, password)
            except (VerificationError, InvalidHashError):
                return False

    def _dummy_hash(self) -> str:
        if self._dummy is None:
            self._dummy = self.hash(secrets.token_urlsafe(16))
        return self._dummy


def _invalid_credentials() -> AuthError:
    return AuthError(AuthError.INVALID_CREDENTIALS, _("wrong NIP or password"))


def codes_match(stored: str | None, given_hash: str) -> bool:
    """Whether a stored code hash is ``given_hash`` (in constant time)."""
    return stored is not None and hmac.compare_digest(stored, given_hash)


# -- what the admin does --------------------------------------------------------------------------


def enrol_account(conn: sa.Connection, nip: str, *, at: dt.datetime, actor: str) -> Enrolment:
    """Make or reset the account of the pegawai ``nip`` with a new enrolment code.

    A reset clears the password (it stops working at once); the account's devices stay, so
    desks that are signed in stay signed in (:func:`revoke_device` signs one out).

    Raises:
        ValidationError: ``nip`` is not a NIP.
        ArchiveError: ``unknown_pegawai``, the org chart has no such pegawai.
    """
    nip = validate_nip(nip)
    nama = conn.execute(sa.select(PEGAWAI.c.nama).where(PEGAWAI.c.nip == nip)).scalar_one_or_none()
    if nama is None:
        raise ArchiveError(
            ArchiveError.UNKNOWN_PEGAWAI,
            _(
                "the archive's org chart has no pegawai with this NIP; only pegawai of the org "
                "chart can have an account"
            ),
        )
    code = new_enrolment_code()
    now, expires = format_timestamp(at), format_timestamp(at + ENROLMENT_TTL)
    values = {
        "password_hash": None,
        "enrol_code_hash": secret_hash(code),
        "enrol_expires_at": expires,
        "updated_at": now,
    }
    existing = _account(conn, nip)
    if existing is None:
        conn.execute(sa.insert(ACCOUNT).values(nip=nip, created_at=now, **values))
    else:
        conn.execute(sa.update(ACCOUNT).where(ACCOUNT.c.nip == nip).values(**values))
    audit_append(
        conn,
        actor=actor,
        action="account.enrolled",
        object=nip,
        details={"expires_at": expires, "reset": existing is not None},
        at=now,
    )
    disabled = existing is not None and existing.disabled_at is not None
    return Enrolment(nip, nama, format_code(code), expires, disabled)


def disable_account(conn: sa.Connection, nip: str, *, at: dt.datetime, actor: str) -> bool:
    """Refuse the account from its next request on; whether it was enabled until now.

    Its devices and refresh tokens are kept, so :func:`enable_account` gives it back as it was.

    Raises:
        ValidationError, ArchiveError: ``no_account``.
    """
    return _set_disabled(conn, nip, format_timestamp(at), actor=actor, disabled=True)


def enable_account(conn: sa.Connection, nip: str, *, at: dt.datetime, actor: str) -> bool:
    """Let a disabled account sign in again; whether it was disabled until now.

    Raises:
        ValidationError, ArchiveError: ``no_account``.
    """
    return _set_disabled(conn, nip, format_timestamp(at), actor=actor, disabled=False)


def _set_disabled(conn: sa.Connection, nip: str, now: str, *, actor: str, disabled: bool) -> bool:
    nip = validate_nip(nip)
    row = _account(conn, nip)
    if row is None:
        raise ArchiveError(
            ArchiveError.NO_ACCOUNT,
            _("this NIP has no account; make one with: tnde archive user enrol"),
        )
    if (row.disabled_at is not None) == disabled:
        return False
    conn.execute(
        sa.update(ACCOUNT)
        .where(ACCOUNT.c.nip == nip)
        .values(disabled_at=now if disabled else None, updated_at=now)
    )
    action = "account.disabled" if disabled else "account.enabled"
    audit_append(conn, actor=actor, action=action, object=nip, details={}, at=now)
    return True


def revoke_device(
    conn: sa.Connection, device_id: str, *, at: dt.datetime, actor: str
) -> DeviceInfo:
    """Sign a desk out for good: its tokens stop working at its next request, and its device
    id can no longer sign in (the desk links again under a new one).

    Raises:
        AuthError: ``bad_device``, not a device id.
        ArchiveError: ``unknown_device``.
    """
    device_id = check_device(device_id)
    now = format_timestamp(at)
    row = conn.execute(sa.select(DEVICE).where(DEVICE.c.device_id == device_id)).one_or_none()
    if row is None:
        raise ArchiveError(
            ArchiveError.UNKNOWN_DEVICE,
            _("no desk has signed in with the device id {device_id}", device_id=device_id),
        )
    if row.revoked_at is None:
        conn.execute(
            sa.update(DEVICE).where(DEVICE.c.device_id == device_id).values(revoked_at=now)
        )
        revoke_refresh_tokens(conn, device_id, now)
        audit_append(
            conn,
            actor=actor,
            action="device.revoked",
            object=device_id,
            details={"nip": row.nip, "name": row.name},
            at=now,
        )
    return _device_info(
        conn.execute(sa.select(DEVICE).where(DEVICE.c.device_id == device_id)).one()
    )


def revoke_refresh_tokens(conn: sa.Connection, device_id: str, now: str) -> int:
    """Revoke every live refresh token of a device; how many there were."""
    result = conn.execute(
        sa.update(REFRESH_TOKEN)
        .where(REFRESH_TOKEN.c.device_id == device_id, REFRESH_TOKEN.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return result.rowcount


def list_accounts(conn: sa.Connection, *, at: dt.datetime) -> list[AccountInfo]:
    """Every account with its devices, by NIP."""
    now = format_timestamp(at)
    devices: dict[str, list[DeviceInfo]] = {}
    for row in conn.execute(sa.select(DEVICE).order_by(DEVICE.c.created_at, DEVICE.c.device_id)):
        devices.setdefault(row.nip, []).append(_device_info(row))
    rows = conn.execute(
        sa.select(ACCOUNT, PEGAWAI.c.nama).select_from(
            ACCOUNT.outerjoin(PEGAWAI, PEGAWAI.c.nip == ACCOUNT.c.nip)
        )
    )
    found = [
        AccountInfo(
            nip=row.nip,
            nama=row.nama or "",
            state=_state(row, now),
            created_at=row.created_at,
            updated_at=row.updated_at,
            enrol_expires_at=row.enrol_expires_at,
            devices=tuple(devices.get(row.nip, ())),
            admin=bool(row.admin),
        )
        for row in rows
    ]
    return sorted(found, key=lambda a: a.nip)  # in Python: PostgreSQL sorts by its collation


def _state(row: sa.Row[Any], now: str) -> str:
    if row.disabled_at is not None:
        return "disabled"
    if row.password_hash is not None:
        return "active"
    if row.enrol_expires_at is not None and row.enrol_expires_at > now:
        return "enrolment_pending"
    return "enrolment_expired"


def _account(conn: sa.Connection, nip: str) -> sa.Row[Any] | None:
    return conn.execute(sa.select(ACCOUNT).where(ACCOUNT.c.nip == nip)).one_or_none()


def _device_info(row: sa.Row[Any]) -> DeviceInfo:
    return DeviceInfo(
        device_id=row.device_id,
        nip=row.nip,
        name=row.name,
        created_at=row.created_at,
        last_seen_at=row.last_seen_at,
        revoked_at=row.revoked_at,
    )
