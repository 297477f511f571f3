"""The limit on failed sign-ins, kept in the database so every server process shares it.

Attempts are counted per key (``nip:<NIP>``, whether or not the NIP has an account, so that
probing unknown NIPs is limited too). Every attempt is counted *before* the password is
checked, and a successful one clears the count: two attempts sent at once cannot both slip
under the limit while the slow password hash runs. After :attr:`SignInThrottle.max_failures`
attempts within :attr:`~SignInThrottle.window` the key is locked for
:attr:`~SignInThrottle.lock`; while it is locked nothing is checked and the answer is HTTP 429
with the seconds to wait.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from tnde.archive.errors import AuthError
from tnde.archive.schema import SIGNIN_FAILURE
from tnde.canonical import format_timestamp
from tnde.messages import _

__all__ = ["SignInThrottle", "nip_key"]

log = logging.getLogger(__name__)


def nip_key(nip: str) -> str:
    """The key the sign-ins of ``nip`` are counted under."""
    return f"nip:{nip}"


@dataclass(frozen=True)
class SignInThrottle:
    """How many failed sign-ins lock a key, and for how long."""

    max_failures: int = 5
    """Failures within :attr:`window` that lock the key."""
    window: dt.timedelta = dt.timedelta(minutes=15)
    """How far back failures count."""
    lock: dt.timedelta = dt.timedelta(minutes=15)
    """How long a locked key stays locked."""

    def count_attempt(self, conn: sa.Connection, key: str, now: dt.datetime) -> None:
        """Count one attempt under ``key`` in the caller's write transaction.

        Raises:
            AuthError: ``too_many_attempts`` (with ``retry_after``) while the key is locked;
                nothing is counted then.
        """
        stamp = format_timestamp(now)
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        conn.execute(
            dialect.insert(SIGNIN_FAILURE)
            .values(key=key, failures=0, window_start=stamp, locked_until=None)
            .on_conflict_do_nothing(index_elements=["key"])
        )
        row = conn.execute(
            sa.select(SIGNIN_FAILURE).where(SIGNIN_FAILURE.c.key == key).with_for_update()
        ).one()
        if row.locked_until is not None and row.locked_until > stamp:
            wait = _parse(row.locked_until) - now
            raise AuthError(
                AuthError.TOO_MANY_ATTEMPTS,
                _(
                    "too many failed sign-ins; try again in {minutes} minute(s)",
                    minutes=max(1, math.ceil(wait.total_seconds() / 60)),
                ),
                retry_after=max(1, math.ceil(wait.total_seconds())),
            )
        failures, window_start = row.failures, row.window_start
        if _parse(window_start) + self.window <= now:
            failures, window_start = 0, stamp
        failures += 1
        locked_until = None
        if failures >= self.max_failures:
            locked_until = format_timestamp(now + self.lock)
            log.warning("sign-ins locked after %d failures (%s)", failures, key.partition(":")[0])
        conn.execute(
            sa.update(SIGNIN_FAILURE)
            .where(SIGNIN_FAILURE.c.key == key)
            .values(failures=failures, window_start=window_start, locked_until=locked_until)
        )

    def clear(self, conn: sa.Connection, key: str, now: dt.datetime) -> None:
        """Forget the attempts under ``key`` (it just signed in), and the rows of keys whose
        window and lock are both over (so probing leaves no lasting rows)."""
        stamp = format_timestamp(now)
        conn.execute(sa.delete(SIGNIN_FAILURE).where(SIGNIN_FAILURE.c.key == key))
        conn.execute(
            sa.delete(SIGNIN_FAILURE).where(
                SIGNIN_FAILURE.c.window_start < format_timestamp(now - self.window),
                sa.or_(
                    SIGNIN_FAILURE.c.locked_until.is_(None),
                    SIGNIN_FAILURE.c.locked_until < stamp,
                ),
            )
        )


def _parse(stamp: str) -> dt.datetime:
    return dt.datetime.fromisoformat(stamp)
