"""The sync that runs by itself in the desktop app: a pusher and a long-polling puller per
desk, against a live archive on loopback."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
from typing import TYPE_CHECKING

import pytest

from tnde import sync
from tnde.archive import open_archive
from tnde.archive.accounts import disable_account
from tnde.sync import SyncChange, SyncRunner, waiting_letters
from tnde.sync.runner import signed_out_reason
from tnde.workflow import Letters

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from tests.sync.conftest import Desk, Office


class Changes:
    """What a runner reported, with a way to wait for a condition."""

    def __init__(self) -> None:
        self.seen: list[SyncChange] = []
        self._cond = threading.Condition()

    def __call__(self, change: SyncChange) -> None:
        with self._cond:
            self.seen.append(change)
            self._cond.notify_all()

    def wait_for(self, test: Callable[[SyncChange], bool], timeout: float = 10.0) -> SyncChange:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = next((c for c in self.seen if test(c)), None)
                if found is not None:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no such change in {self.seen!r}")
                self._cond.wait(left)


@contextlib.contextmanager
def running(office: Office, desk: Desk, **kwargs: float) -> Iterator[tuple[SyncRunner, Changes]]:
    changes = Changes()
    runner = SyncRunner(desk.ws, office.secrets, changes, **kwargs)
    runner.start()
    try:
        yield runner, changes
    finally:
        runner.stop()


def test_a_submitted_letter_reaches_the_reviewers_runner_without_asking(office: Office) -> None:
    analis, kasi = office.desk("analis"), office.desk("kasi")
    with (
        running(office, kasi) as (_kasi_runner, kasi_changes),
        running(office, analis) as (analis_runner, analis_changes),
    ):
        kasi_changes.wait_for(lambda c: c.snapshot.online is True)
        started = time.monotonic()
        letter = analis.draft("Rapat koordinasi")
        analis_runner.poke()
        analis_changes.wait_for(lambda c: c.sent >= 3)
        arrived = kasi_changes.wait_for(lambda c: letter in c.letters)
        assert time.monotonic() - started < 2.0
        assert arrived.received >= 3
        assert [i.letter_id for i in kasi.letters.inbox(kasi.nip)] == [letter]
        assert analis_runner.snapshot().pending == 0
        assert waiting_letters(analis.ws) == set()


def test_offline_work_waits_marked_and_leaves_when_the_archive_is_back(office: Office) -> None:
    analis = office.desk("analis")
    assert office.server is not None
    with running(office, analis, wait=1.0) as (runner, changes):
        changes.wait_for(lambda c: c.snapshot.online is True)
        office.server.stop()
        letter = analis.draft("Dikerjakan tanpa jaringan")
        runner.poke()
        offline = changes.wait_for(lambda c: c.snapshot.online is False)
        assert offline.snapshot.offline_since is not None
        assert waiting_letters(analis.ws) == {letter}
        changes.wait_for(lambda c: c.snapshot.pending == 3)
        office.server.start()
        runner.poke()
        changes.wait_for(lambda c: c.sent >= 3, timeout=15.0)
        assert runner.snapshot().online is True
        assert runner.snapshot().offline_since is None
        assert waiting_letters(analis.ws) == set()


def test_a_disabled_account_stops_the_runner_with_the_reason(office: Office) -> None:
    analis = office.desk("analis")
    archive = open_archive(office.archive_folder)
    try:
        with archive.database.write() as conn:
            disable_account(conn, analis.nip, at=dt.datetime.now(dt.UTC), actor="admin")
    finally:
        archive.close()
    with running(office, analis) as (runner, changes):
        stopped = changes.wait_for(lambda c: bool(c.snapshot.signed_out))
        assert (
            "disabled" in stopped.snapshot.signed_out or "nonaktif" in stopped.snapshot.signed_out
        )
        letter = analis.draft("Tetap tersimpan")
        runner.poke()
        time.sleep(1.0)
        assert letter in waiting_letters(analis.ws)  # kept, waiting for a sign-in


def test_two_threads_finding_the_access_token_expired_trade_the_refresh_token_once(
    office: Office,
) -> None:
    analis = office.desk("analis")
    syncer = analis.syncer
    syncer.sign_in()
    stale = syncer.http.access_token
    results: list[Exception | None] = []

    def refresh() -> None:
        try:
            syncer.sign_in(stale=stale)
            results.append(None)
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            results.append(exc)

    threads = [threading.Thread(target=refresh) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [None] * 4
    # the token traded once is still the desk's: the archive did not revoke the device
    report = syncer.sync_once()
    assert report.pushed == 0
    assert Letters(analis.ws).inbox(analis.nip) == []


@pytest.mark.parametrize("code", ["account_disabled", "device_revoked", "token_expired"])
def test_refusals_that_need_a_new_sign_in_are_named(code: str) -> None:
    status = 403 if code == "account_disabled" else 401
    reason = signed_out_reason(sync.ArchiveRefused(status, code, "x"))
    assert reason
    assert not signed_out_reason(sync.ArchiveUnreachable("x"))
