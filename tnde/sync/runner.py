"""Sync that runs by itself while the desktop app is open.

Two threads share one :class:`~tnde.sync.engine.Syncer`:

- the **pusher** sends the desk's actions as soon as they are made. The window pokes it
  after every action (:meth:`SyncRunner.poke`); it also looks twice a second at SQLite's
  ``data_version`` (which changes when another connection commits), so actions made by
  the command line or another window of the same workspace leave promptly too;
- the **puller** holds a long poll open on the archive's feed (:data:`WAIT_SECONDS`) and
  merges what arrives, so another desk's work shows up within a second of being accepted.

A push and a merge never interleave (:attr:`Syncer.lock`); the long poll's wait holds no
lock. When the archive cannot be reached both back off (exponential, with jitter, capped
at :data:`OFFLINE_CAP_SECONDS`) and the snapshot says since when the desk is offline; the
desk keeps working and everything waits in the outbox. When the archive refuses the
desk's sign-in (token expired or revoked, account disabled) the runner stops asking and
reports :attr:`SyncSnapshot.signed_out` with the reason, until :meth:`SyncRunner.resume`.

The listener is called on the runner's threads; a window hands it on to its own thread.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
import time
from dataclasses import replace
from typing import TYPE_CHECKING

from tnde.messages import _
from tnde.sync.credentials import CredentialError
from tnde.sync.engine import SignedOut, Syncer, SyncReport
from tnde.sync.snapshot import SyncChange, SyncSnapshot
from tnde.sync.transport import ArchiveRefused, ArchiveUnreachable, Backoff

if TYPE_CHECKING:
    from collections.abc import Callable

    from tnde.secrets import SecretStore
    from tnde.workspace import Workspace

__all__ = ["SyncChange", "SyncRunner", "SyncSnapshot", "signed_out_reason"]

log = logging.getLogger(__name__)

WAIT_SECONDS = 25.0
"""How long each pull is held open by the archive when nothing is new."""
LOOK_SECONDS = 0.5
"""How often the pusher looks for actions made without a poke."""
OFFLINE_CAP_SECONDS = 120.0
"""The longest wait between two attempts to reach the archive."""


class SyncRunner:
    """Keeps one linked workspace in step with its archive, on two background threads."""

    def __init__(
        self,
        ws: Workspace,
        secrets: SecretStore,
        listener: Callable[[SyncChange], None],
        *,
        wait: float = WAIT_SECONDS,
        backoff: Backoff | None = None,
    ) -> None:
        self.ws = ws
        self.secrets = secrets
        self.listener = listener
        self.wait = wait
        self.backoff = backoff or Backoff(base=1.0, cap=OFFLINE_CAP_SECONDS)
        self._stop = threading.Event()
        self._poked = threading.Event()
        self._resumed = threading.Condition()
        self._state_lock = threading.Lock()
        self._snapshot = SyncSnapshot()
        self._syncer: Syncer | None = None
        self._threads: list[threading.Thread] = []
        self._generation = 0

    # -- control ------------------------------------------------------------------------

    def start(self) -> None:
        """Start syncing; returns at once (the first contact is made on the threads)."""
        if self._threads:
            return
        # each request is tried once: the runner backs off itself, and a desk that is
        # offline says so at once instead of after a minute of retries
        self._syncer = Syncer(self.ws, self.secrets, backoff=Backoff(attempts=1))
        self._refresh_counts()
        for name, loop in (
            ("tnde-sync-pull", self._pull_loop),
            ("tnde-sync-push", self._push_loop),
        ):
            thread = threading.Thread(target=loop, name=name, daemon=True)
            self._threads.append(thread)
            thread.start()

    def poke(self) -> None:
        """An action was made: send it now."""
        self._poked.set()

    def resume(self) -> None:
        """The desk signed in again: start contacting the archive again at once."""
        with self._state_lock:
            self._snapshot = replace(self._snapshot, signed_out="", error="", removed=False)
        with self._resumed:
            self._generation += 1
            self._resumed.notify_all()
        self._poked.set()

    def stop(self, timeout: float = 0.0) -> None:
        """Stop both threads. A long poll in progress is not cut short (a blocking HTTP
        request cannot be), so by default this returns at once: the threads end by
        themselves when their request returns, doing nothing more; ``timeout`` waits for
        them (tests)."""
        self._stop.set()
        self._poked.set()
        with self._resumed:
            self._resumed.notify_all()
        if self._syncer is not None:
            # closing waits for a refresh-token trade in flight: not on the caller's thread
            threading.Thread(target=self._syncer.close, name="tnde-sync-close", daemon=True).start()
        if timeout:
            for thread in self._threads:
                thread.join(timeout)
        self._threads.clear()

    def snapshot(self) -> SyncSnapshot:
        """The desk's standing now."""
        with self._state_lock:
            return self._snapshot

    @property
    def syncer(self) -> Syncer | None:
        """The syncer the threads share (None before :meth:`start`)."""
        return self._syncer

    # -- the loops ----------------------------------------------------------------------

    def _pull_loop(self) -> None:
        assert self._syncer is not None
        failures = 0
        greeted = False
        was_offline = False
        while not self._stop.is_set():
            if not self._wait_while_signed_out():
                return
            report = SyncReport()
            try:
                if not greeted:
                    self._syncer.hello(report)
                    greeted = True
                    self._succeeded(report)  # online: said before the first long poll
                    report = SyncReport()
                    if was_offline:
                        was_offline = False
                        self.poke()  # back online: what waited goes now, not after the
                        # pusher's back-off
                self._syncer.pull(report, wait=self.wait)
            except Exception as exc:  # noqa: BLE001 - every failure is reported, none ends the loop
                if self._stop.is_set():
                    return
                greeted = False
                was_offline = was_offline or isinstance(exc, ArchiveUnreachable)
                failures = self._failed(exc, failures)
                continue
            failures = 0
            self._succeeded(report)

    def _push_loop(self) -> None:
        assert self._syncer is not None
        failures = 0
        seen = -1
        retry_at = 0.0
        clock = time.monotonic
        while not self._stop.is_set():
            poked = self._poked.wait(LOOK_SECONDS)
            self._poked.clear()
            if self._stop.is_set():
                return
            if self.snapshot().signed_out:
                self._refresh_counts()  # what waits still counts up while signed out
                continue
            version = self._data_version()
            if not poked and version == seen and not (failures and clock() >= retry_at):
                continue
            seen = version
            if failures and clock() < retry_at and not poked:
                continue
            try:
                waiting = self._pending()
            except (sqlite3.Error, RuntimeError):  # RuntimeError: the workspace was closed
                continue
            if not waiting:
                self._refresh_counts()
                continue
            report = SyncReport()
            try:
                self._syncer.push(report)
            except Exception as exc:  # noqa: BLE001 - every failure is reported, none ends the loop
                if self._stop.is_set():
                    return
                failures += 1
                retry_at = clock() + self.backoff.delay(failures - 1)
                self._record_failure(exc)
                continue
            failures = 0
            self._succeeded(report)

    # -- bookkeeping --------------------------------------------------------------------

    def _wait_while_signed_out(self) -> bool:
        """Block while the desk is signed out; False when the runner is stopping."""
        with self._resumed:
            while self.snapshot().signed_out and not self._stop.is_set():
                self._resumed.wait(1.0)
        return not self._stop.is_set()

    def _failed(self, exc: BaseException, failures: int) -> int:
        """Record a failed pull and wait before the next attempt; the new failure count."""
        self._record_failure(exc)
        delay = self.backoff.delay(failures)
        self._stop.wait(max(0.2, delay))
        return failures + 1

    def _record_failure(self, exc: BaseException) -> None:
        now = dt.datetime.now(dt.UTC)
        signed_out = signed_out_reason(exc)
        with self._state_lock:
            current = self._snapshot
            if signed_out:
                removed = isinstance(exc, ArchiveRefused) and exc.code == "device_revoked"
                current = replace(
                    current, signed_out=signed_out, error=signed_out, online=True, removed=removed
                )
            elif isinstance(exc, ArchiveUnreachable):
                current = replace(
                    current,
                    online=False,
                    offline_since=current.offline_since or now,
                    error=str(exc),
                )
            else:
                log.warning("sync failed: %s", type(exc).__name__, exc_info=exc)
                current = replace(current, error=str(exc))
            self._snapshot = current
        self._refresh_counts()
        self._notify(SyncChange(self.snapshot()))

    def _succeeded(self, report: SyncReport) -> None:
        now = dt.datetime.now(dt.UTC)
        with self._state_lock:
            self._snapshot = replace(
                self._snapshot,
                online=True,
                offline_since=None,
                last_contact=now,
                last_received=now if report.others else self._snapshot.last_received,
                error="",
            )
        self._refresh_counts()
        self._notify(
            SyncChange(
                self.snapshot(),
                received=report.others,
                letters=frozenset(report.letters),
                sent=report.accepted,
                refused=report.rejected,
            )
        )

    def _notify(self, change: SyncChange) -> None:
        try:
            self.listener(change)
        except Exception:  # a listener's bug must not stop the sync
            log.exception("sync listener failed")

    def _refresh_counts(self) -> None:
        try:
            conn = self.ws.thread_connection()
            pending = conn.execute(
                "SELECT count(*) FROM outbox WHERE state = 'pending'"
            ).fetchone()[0]
            rejected = conn.execute(
                "SELECT count(*) FROM sync_rejection WHERE resolved_at IS NULL "
                "AND source != 'parked'"
            ).fetchone()[0]
        except (sqlite3.Error, RuntimeError):  # RuntimeError: the workspace was closed
            return
        with self._state_lock:
            self._snapshot = replace(self._snapshot, pending=int(pending), rejected=int(rejected))

    def _pending(self) -> bool:
        conn = self.ws.thread_connection()
        row = conn.execute("SELECT 1 FROM outbox WHERE state = 'pending' LIMIT 1").fetchone()
        return row is not None

    def _data_version(self) -> int:
        try:
            row = self.ws.thread_connection().execute("PRAGMA data_version").fetchone()
        except (sqlite3.Error, RuntimeError):
            return -1
        return int(row[0])


def signed_out_reason(exc: BaseException) -> str:
    """The sentence for a failure that needs the user to sign in again ("" for others)."""
    if isinstance(exc, ArchiveRefused) and exc.status in (401, 403):
        if exc.code == "account_disabled":
            return _("the administrator disabled your account")
        if exc.code == "device_revoked":
            return _(
                "the administrator removed this computer from the archive; ask for a new "
                "enrolment code and link it again"
            )
        if exc.code == "token_expired":
            return _("the sign-in of this computer has expired")
        if exc.status == 401:
            return _("the archive no longer accepts this computer's sign-in")
    if isinstance(exc, SignedOut):
        return _("this computer is signed out of the archive")
    if isinstance(exc, CredentialError):
        return str(exc)
    return ""  # the keyring may be locked for a moment (just after logging in): retried
