"""Helpers of the sign-in tests: a clock the test moves, a cheap Argon2, enrolled officials."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from argon2 import PasswordHasher

from tnde.archive.accounts import PasswordProvider, enrol_account
from tnde.archive.signin import AuthService
from tnde.archive.tokens import AccessTokens, read_token_key

if TYPE_CHECKING:
    from tnde.archive import ArchiveFolder

__all__ = [
    "DEVICE",
    "NIP",
    "OTHER_DEVICE",
    "OTHER_NIP",
    "PASSWORD",
    "FakeClock",
    "auth_service",
    "enrol",
]

NIP = "196905121990031002"
"""Dr. Ir. Hendra Wijaya Kusuma, Pj. Gubernur since 2026-02-16 in the demo org chart."""
OTHER_NIP = "197001151993031004"
PASSWORD = "kata sandi rahasia – 2026"
DEVICE = "0190f0c2-7d1e-7000-8000-000000000001"
OTHER_DEVICE = "0190f0c2-7d1e-7000-8000-000000000002"
START = dt.datetime(2026, 8, 22, 3, 0, tzinfo=dt.UTC)
"""10:00 in Jakarta."""


class FakeClock:
    """The time the service reads; :meth:`advance` moves it."""

    def __init__(self, start: dt.datetime = START) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def auth_service(archive: ArchiveFolder, clock: FakeClock) -> AuthService:
    """The sign-in service of ``archive`` with the folder's key, ``clock`` and a cheap Argon2id
    (the parameters change the cost, not the code path)."""
    hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    return AuthService(
        archive.database,
        AccessTokens(read_token_key(archive.folder)),
        clock=clock,
        passwords=PasswordProvider(archive.database, hasher),
    )


def enrol(archive: ArchiveFolder, clock: FakeClock, nip: str = NIP) -> str:
    """Enrol ``nip`` as the admin does; the code as printed."""
    with archive.database.write() as conn:
        return enrol_account(conn, nip, at=clock(), actor="admin:uji").code
