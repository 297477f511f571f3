"""Signing in to the archive and the tokens that follow: what ``/v1/auth/…`` answers.

A desk signs in once with NIP and password (or, the first time, with its enrolment code and
a new password) and receives:

- an **access token** (:data:`~tnde.archive.tokens.ACCESS_TTL`, stateless, HMAC-signed), sent
  as ``Authorization: Bearer …`` with every request. :meth:`AuthService.authenticate` checks
  its signature and expiry *and* reads the account and device rows each time, so a disabled
  account or a revoked device is refused at its next request, not when the token expires;
- a **refresh token** (:data:`REFRESH_TTL`, stored as a hash, bound to the device) that the
  desk trades for a new pair. Each refresh rotates it; presenting one that was already traded
  is taken as theft (the thief or the desk used a copy), and every token of that device is
  revoked: the desk signs in again with the password.

Every method is synchronous and may take a while (Argon2): the routes are plain ``def``
functions, which FastAPI runs on its thread pool, never on the event loop.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from tnde.archive.accounts import (
    PasswordProvider,
    Principal,
    check_device,
    check_password,
    codes_match,
    revoke_refresh_tokens,
)
from tnde.archive.audit import audit_append
from tnde.archive.errors import AuthError
from tnde.archive.schema import ACCOUNT, ASSIGNMENT, DEVICE, JABATAN, PEGAWAI, REFRESH_TOKEN
from tnde.archive.throttle import SignInThrottle, nip_key
from tnde.archive.tokens import (
    AccessTokenError,
    AccessTokens,
    new_refresh_token,
    normalize_code,
    secret_hash,
)
from tnde.canonical import format_timestamp
from tnde.messages import _
from tnde.org.model import BENTUK
from tnde.profiles.model import DEFAULT_TIMEZONE

if TYPE_CHECKING:
    from tnde.archive.accounts import IdentityProvider
    from tnde.archive.db import Database

__all__ = ["REFRESH_TTL", "AuthService", "Clock", "Grant", "utc_now"]

log = logging.getLogger(__name__)

REFRESH_TTL = dt.timedelta(days=90)
"""How long a refresh token lasts; each refresh starts a new one."""

LAST_SEEN_STEP = dt.timedelta(minutes=1)
"""A device's ``last_seen_at`` is written at most this often."""

Clock = Callable[[], dt.datetime]
"""Where the service reads the time (tests pass a clock they move)."""


def utc_now() -> dt.datetime:
    """The current time in UTC."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Grant:
    """What a successful sign-in or refresh hands the desk."""

    access_token: str
    expires_in: int
    """Seconds the access token is accepted."""
    refresh_token: str
    refresh_expires_at: str
    nip: str
    device_id: str

    def to_json(self) -> dict[str, Any]:
        """The body of the answer (OAuth 2.0's field names where they exist)."""
        return {
            "access_token": self.access_token,
            "token_type": "bearer",
            "expires_in": self.expires_in,
            "refresh_token": self.refresh_token,
            "refresh_expires_at": self.refresh_expires_at,
            "nip": self.nip,
            "device_id": self.device_id,
        }


class AuthService:
    """Sign-in, enrolment, refresh, sign-out and the check of every signed-in request."""

    def __init__(
        self,
        database: Database,
        tokens: AccessTokens,
        *,
        clock: Clock = utc_now,
        passwords: PasswordProvider | None = None,
        identity: IdentityProvider | None = None,
        throttle: SignInThrottle | None = None,
        zone: str = DEFAULT_TIMEZONE,
    ) -> None:
        """
        Args:
            passwords: the password hashes (enrolment sets one); by default Argon2id.
            identity: who may sign in; by default ``passwords``.
            zone: the office's time zone: its calendar day decides who holds which jabatan.
        """
        self.database = database
        self.tokens = tokens
        self.clock = clock
        self.passwords = passwords or PasswordProvider(database)
        self.identity: IdentityProvider = identity or self.passwords
        self.throttle = throttle or SignInThrottle()
        self.zone = ZoneInfo(zone)

    # -- signing in -------------------------------------------------------------------------------

    def sign_in(self, nip: str, password: str, device_id: str, device_name: str) -> Grant:
        """Sign in with NIP and password from a device.

        Raises:
            AuthError: ``bad_device``, ``too_many_attempts``, ``invalid_credentials``,
                ``account_disabled``, ``device_taken``, ``device_revoked``.
        """
        device_id = check_device(device_id, device_name)
        key = nip_key(nip)
        with self.database.write() as conn:
            self.throttle.count_attempt(conn, key, self.clock())
        nip = self.identity.identify(nip, password)
        now = self.clock()
        with self.database.write() as conn:
            self.throttle.clear(conn, key, now)
        with self.database.write() as conn:
            self._refuse_disabled(conn, nip)
            self._bind_device(conn, nip, device_id, device_name, now)
            return self._grant(conn, nip, device_id, now)

    def sign_in_with_code(
        self, nip: str, code: str, new_password: str, device_id: str, device_name: str
    ) -> Grant:
        """Use an enrolment code once: set the password and sign in from a device.

        Raises:
            AuthError: ``bad_device``, ``weak_password``, ``too_many_attempts``,
                ``invalid_enrolment_code`` (unknown NIP, wrong or used code: one answer),
                ``enrolment_code_expired``, ``account_disabled``, ``device_taken``,
                ``device_revoked``.
        """
        device_id = check_device(device_id, device_name)
        password = check_password(new_password, nip)
        key = nip_key(nip)
        with self.database.write() as conn:
            self.throttle.count_attempt(conn, key, self.clock())
        normalized = normalize_code(code)
        given = secret_hash(normalized) if normalized else ""
        with self.database.read() as conn:
            row = conn.execute(
                sa.select(ACCOUNT.c.enrol_code_hash, ACCOUNT.c.enrol_expires_at)
                .select_from(ACCOUNT.join(PEGAWAI, PEGAWAI.c.nip == ACCOUNT.c.nip))
                .where(ACCOUNT.c.nip == nip)
            ).one_or_none()
        if row is None or not codes_match(row.enrol_code_hash, given):
            raise _invalid_code()
        now = self.clock()
        if row.enrol_expires_at is None or row.enrol_expires_at <= format_timestamp(now):
            raise AuthError(
                AuthError.ENROLMENT_CODE_EXPIRED,
                _("the enrolment code has expired; ask the archive's admin for a new one"),
            )
        password_hash = self.passwords.hash(password)  # slow: outside any transaction
        with self.database.write() as conn:
            self._refuse_disabled(conn, nip)
            used = conn.execute(
                sa.update(ACCOUNT)
                .where(ACCOUNT.c.nip == nip, ACCOUNT.c.enrol_code_hash == given)
                .values(
                    password_hash=password_hash,
                    enrol_code_hash=None,
                    enrol_expires_at=None,
                    updated_at=format_timestamp(now),
                )
            )
            if used.rowcount != 1:  # another request used the code meanwhile
                raise _invalid_code()
            self.throttle.clear(conn, key, now)
            self._bind_device(conn, nip, device_id, device_name, now)
            audit_append(
                conn,
                actor=nip,
                action="account.password_set",
                object=nip,
                details={"device_id": device_id},
                at=format_timestamp(now),
            )
            return self._grant(conn, nip, device_id, now)

    # -- tokens -----------------------------------------------------------------------------------

    def refresh(self, refresh_token: str, device_id: str) -> Grant:
        """Trade a refresh token for a new pair (the old refresh token stops working).

        Raises:
            AuthError: ``bad_device``, ``invalid_token``, ``token_expired``,
                ``refresh_token_reused`` (a rotated token presented again: every token of its
                device is then revoked), ``account_disabled``, ``device_revoked``.
        """
        device_id = check_device(device_id)
        now = self.clock()
        stamp = format_timestamp(now)
        with self.database.write() as conn:
            row = conn.execute(
                sa.select(REFRESH_TOKEN)
                .where(REFRESH_TOKEN.c.token_hash == secret_hash(refresh_token))
                .with_for_update()
            ).one_or_none()
            if row is None:
                raise _invalid_token()
            self._refuse_revoked(conn, row.device_id)
            if row.revoked_at is not None or row.device_id != device_id:
                # committed before the refusal leaves: the revocation must stand
                refused = self._revoke_stolen(conn, row.device_id, row.nip, stamp)
            elif row.expires_at <= stamp:
                raise AuthError(
                    AuthError.TOKEN_EXPIRED, _("the sign-in has expired; sign in again")
                )
            else:
                self._refuse_disabled(conn, row.nip)
                conn.execute(
                    sa.update(REFRESH_TOKEN)
                    .where(REFRESH_TOKEN.c.token_hash == row.token_hash)
                    .values(revoked_at=stamp)
                )
                return self._grant(conn, row.nip, device_id, now)
        raise refused

    def sign_out(self, principal: Principal) -> None:
        """Revoke the refresh tokens of the caller's device (its access token lapses soon)."""
        with self.database.write() as conn:
            revoke_refresh_tokens(conn, principal.device_id, format_timestamp(self.clock()))

    def authenticate(self, access_token: str) -> Principal:
        """Who sent ``access_token``: checked against the key, the clock and the database.

        Raises:
            AuthError: ``invalid_token``, ``token_expired``, ``account_disabled``,
                ``device_revoked``.
        """
        now = self.clock()
        try:
            claims = self.tokens.verify(access_token, now)
        except AccessTokenError as exc:
            if exc.expired:
                raise AuthError(
                    AuthError.TOKEN_EXPIRED, _("the access token has expired; refresh it")
                ) from None
            raise _invalid_token() from None
        with self.database.read() as conn:
            disabled = conn.execute(
                sa.select(ACCOUNT.c.disabled_at).where(ACCOUNT.c.nip == claims.nip)
            ).one_or_none()
            device = conn.execute(
                sa.select(DEVICE.c.nip, DEVICE.c.revoked_at, DEVICE.c.last_seen_at).where(
                    DEVICE.c.device_id == claims.device_id
                )
            ).one_or_none()
        if disabled is None or device is None or device.nip != claims.nip:
            raise _invalid_token()
        if disabled.disabled_at is not None:
            raise _disabled()
        if device.revoked_at is not None:
            raise _revoked()
        if device.last_seen_at is None or device.last_seen_at < format_timestamp(
            now - LAST_SEEN_STEP
        ):
            self._seen(claims.device_id, now)
        return Principal(claims.nip, claims.device_id)

    def whoami(self, principal: Principal) -> dict[str, Any]:
        """The caller's NIP, name, device, the jabatan they hold today (the office's day) and
        whether they are an administrator."""
        today = self.clock().astimezone(self.zone).date()
        with self.database.read() as conn:
            nama = conn.execute(
                sa.select(PEGAWAI.c.nama).where(PEGAWAI.c.nip == principal.nip)
            ).scalar_one_or_none()
            admin = conn.execute(
                sa.select(ACCOUNT.c.admin).where(ACCOUNT.c.nip == principal.nip)
            ).scalar_one_or_none()
            rows = conn.execute(
                sa.select(
                    ASSIGNMENT.c.jabatan_id, JABATAN.c.nama, JABATAN.c.unit_id, ASSIGNMENT.c.bentuk
                )
                .select_from(
                    ASSIGNMENT.join(JABATAN, JABATAN.c.jabatan_id == ASSIGNMENT.c.jabatan_id)
                )
                .where(
                    ASSIGNMENT.c.nip == principal.nip,
                    ASSIGNMENT.c.mulai <= today,
                    sa.or_(ASSIGNMENT.c.selesai.is_(None), ASSIGNMENT.c.selesai >= today),
                )
            ).all()
        rank = {bentuk: i for i, bentuk in enumerate(BENTUK)}
        jabatan = [
            {"jabatan_id": r.jabatan_id, "nama": r.nama, "unit_id": r.unit_id, "bentuk": r.bentuk}
            for r in sorted(rows, key=lambda r: (rank.get(r.bentuk, len(rank)), r.jabatan_id))
        ]
        return {
            "nip": principal.nip,
            "nama": nama or "",
            "device_id": principal.device_id,
            "on": today.isoformat(),
            "jabatan": jabatan,
            "admin": bool(admin),
        }

    # -- steps ------------------------------------------------------------------------------------

    def _grant(self, conn: sa.Connection, nip: str, device_id: str, now: dt.datetime) -> Grant:
        """Issue a refresh token for the device (forgetting its expired ones) and an access
        token."""
        stamp, expires = format_timestamp(now), format_timestamp(now + REFRESH_TTL)
        conn.execute(
            sa.delete(REFRESH_TOKEN).where(
                REFRESH_TOKEN.c.device_id == device_id, REFRESH_TOKEN.c.expires_at < stamp
            )
        )
        token = new_refresh_token()
        conn.execute(
            sa.insert(REFRESH_TOKEN).values(
                token_hash=secret_hash(token),
                device_id=device_id,
                nip=nip,
                issued_at=stamp,
                expires_at=expires,
            )
        )
        return Grant(
            access_token=self.tokens.issue(nip, device_id, now),
            expires_in=int(self.tokens.ttl.total_seconds()),
            refresh_token=token,
            refresh_expires_at=expires,
            nip=nip,
            device_id=device_id,
        )

    def _bind_device(
        self, conn: sa.Connection, nip: str, device_id: str, name: str, now: dt.datetime
    ) -> None:
        """Register the device under ``nip``, or refresh its row when it is already theirs."""
        stamp = format_timestamp(now)
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        # RETURNING, not rowcount: psycopg reports -1 for INSERT … ON CONFLICT DO NOTHING
        new = conn.execute(
            dialect.insert(DEVICE)
            .values(device_id=device_id, nip=nip, name=name, created_at=stamp, last_seen_at=stamp)
            .on_conflict_do_nothing(index_elements=["device_id"])
            .returning(DEVICE.c.device_id)
        ).first()
        if new is not None:
            audit_append(
                conn,
                actor=nip,
                action="device.registered",
                object=device_id,
                details={"name": name},
                at=stamp,
            )
            return
        row = conn.execute(
            sa.select(DEVICE.c.nip, DEVICE.c.revoked_at)
            .where(DEVICE.c.device_id == device_id)
            .with_for_update()
        ).one()
        if row.nip != nip:
            log.warning("a device id bound to another account was refused at sign-in")
            raise AuthError(
                AuthError.DEVICE_TAKEN,
                _(
                    "this device id is already linked to another official; link this desk "
                    "again (it gets a new device id)"
                ),
            )
        if row.revoked_at is not None:
            raise _revoked()
        conn.execute(
            sa.update(DEVICE)
            .where(DEVICE.c.device_id == device_id)
            .values(name=name, last_seen_at=stamp)
        )

    def _revoke_stolen(
        self, conn: sa.Connection, device_id: str, nip: str, stamp: str
    ) -> AuthError:
        """Revoke every live token of the device a used token belongs to: whoever holds the
        live one (the desk, or whoever copied the token and used it first) signs in again.
        With no live token left (the desk signed out since) there is nothing to protect and
        the answer is a plain ``invalid_token``."""
        revoked = revoke_refresh_tokens(conn, device_id, stamp)
        if not revoked:
            raise _invalid_token()
        log.warning("a used refresh token was presented again: %d token(s) revoked", revoked)
        audit_append(
            conn,
            actor="system",
            action="device.refresh_token_reused",
            object=device_id,
            details={"nip": nip, "revoked": revoked},
            at=stamp,
        )
        return AuthError(
            AuthError.REFRESH_TOKEN_REUSED,
            _(
                "this sign-in was already renewed elsewhere, so it may have been copied; every "
                "sign-in of this desk was ended: sign in again with your password"
            ),
        )

    def _refuse_disabled(self, conn: sa.Connection, nip: str) -> None:
        disabled = conn.execute(
            sa.select(ACCOUNT.c.disabled_at).where(ACCOUNT.c.nip == nip)
        ).scalar_one_or_none()
        if disabled is not None:
            raise _disabled()

    def _refuse_revoked(self, conn: sa.Connection, device_id: str) -> None:
        revoked = conn.execute(
            sa.select(DEVICE.c.revoked_at).where(DEVICE.c.device_id == device_id)
        ).scalar_one_or_none()
        if revoked is not None:
            raise _revoked()

    def _seen(self, device_id: str, now: dt.datetime) -> None:
        stamp = format_timestamp(now)
        with self.database.write() as conn:
            conn.execute(
                sa.update(DEVICE)
                .where(
                    DEVICE.c.device_id == device_id,
                    sa.or_(
                        DEVICE.c.last_seen_at.is_(None),
                        DEVICE.c.last_seen_at < format_timestamp(now - LAST_SEEN_STEP),
                    ),
                )
                .values(last_seen_at=stamp)
            )


def _invalid_code() -> AuthError:
    return AuthError(
        AuthError.INVALID_ENROLMENT_CODE,
        _("wrong NIP or enrolment code, or the code was already used"),
    )


def _invalid_token() -> AuthError:
    return AuthError(AuthError.INVALID_TOKEN, _("the token is not valid; sign in again"))


def _disabled() -> AuthError:
    return AuthError(
        AuthError.ACCOUNT_DISABLED,
        _("this account is disabled; ask the archive's admin"),
    )


def _revoked() -> AuthError:
    return AuthError(
        AuthError.DEVICE_REVOKED,
        _("this desk was signed out by the archive's admin; link it again to sign in"),
    )
