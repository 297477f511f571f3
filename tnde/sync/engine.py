"""The sync cycle of one desk: sign in, push, pull.

``hello`` (is this still the archive the desk linked to, in the same epoch?) → upload the
files the pending events refer to → push the pending events in the order the desk made them,
in batches → pull the feed until it has no more, merging each page with its cursor in one
transaction (:mod:`tnde.sync.merge`). Each step is safe to interrupt and to repeat: events
are named by their ids, pages by the cursor, files by their hashes.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tnde.canonical import canonical_json, now_timestamp
from tnde.errors import TndeError
from tnde.faults import crash_point
from tnde.messages import _
from tnde.sync.credentials import TokenVault
from tnde.sync.link import SyncLink, read_link, save_link
from tnde.sync.merge import SyncMergeError, forget_after, merge_events, reject_own, unpark
from tnde.sync.transport import (
    ArchiveHttp,
    ArchiveRefused,
    Backoff,
)
from tnde.workflow.eventlog import EVENT_COLUMNS
from tnde.workflow.letters import office_zone
from tnde.workflow.positions import SqlAuthority
from tnde.workflow.register_desk import RegisterDesk
from tnde.workflow.tasks import REGISTRY_KINDS

if TYPE_CHECKING:
    from tnde.register import Lease, SeriesRef
    from tnde.secrets import SecretStore
    from tnde.workspace import Workspace

__all__ = ["SignedOut", "SyncError", "SyncReport", "Syncer"]

log = logging.getLogger(__name__)

BATCH_EVENTS = 100
BATCH_BYTES = 900 * 1024
"""A push stays under the archive's 1 MB limit with room for the envelope."""
PAGE = 1000
BLOB_KEYS = ("blob", "base_blob", "archive_blob")


class SyncError(TndeError):
    """The desk cannot sync: not linked, another archive, signed out."""


class SignedOut(SyncError):  # noqa: N818 - named for what the user sees
    """No sign-in is stored for this desk: the official signs in again with the password."""


@dataclass
class SyncReport:
    """What one sync did."""

    pushed: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    blobs_uploaded: int = 0
    pulled: int = 0
    new: int = 0
    blobs_fetched: int = 0
    reset: bool = False
    rejections: list[dict[str, str]] = field(default_factory=list)
    others: int = 0
    """Pulled events made at other desks (the desk's own come back too, once accepted)."""
    letters: set[str] = field(default_factory=set)
    """The letters (aggregates) of the pulled events made at other desks."""

    def to_json(self) -> dict[str, Any]:
        """The report as ``sync --json`` prints it."""
        data = dict(self.__dict__)
        data["letters"] = sorted(self.letters)
        return data


def vault_for(ws: Workspace, link: SyncLink, secrets: SecretStore) -> TokenVault:
    """Where the desk's refresh token for its archive is kept."""
    return TokenVault(
        secrets,
        ws.path,
        workspace_id=ws.workspace_id,
        archive_url=link.url,
        archive_id=link.archive_id,
        device_id=ws.device_id,
    )


class Syncer:
    """Syncs one linked workspace with its archive."""

    def __init__(
        self,
        ws: Workspace,
        secrets: SecretStore,
        *,
        http: ArchiveHttp | None = None,
        backoff: Backoff | None = None,
    ):
        self.ws = ws
        with ws.transaction() as conn:
            link = read_link(conn)
        if link is None:
            raise SyncError(
                _("this workspace is not linked to an archive; link it with: tnde archive link URL")
            )
        self.link = link
        self.vault = vault_for(ws, link, secrets)
        pinned = bytes.fromhex(link.certificate) if link.certificate else None
        self.http = http or ArchiveHttp(link.url, pinned_der=pinned, backoff=backoff)
        self.zone = office_zone(ws)
        self.lock = threading.RLock()
        """Held while the workspace is changed by a push or a merge: a background pusher and
        puller (:mod:`tnde.sync.runner`) never interleave a push's results with a merge."""
        self._sign_in_lock = threading.Lock()
        self._closed = False

    def close(self) -> None:
        """Close the connections, after a refresh-token trade in flight has stored its new
        token (a token traded but not stored would be presented again at the next start,
        and the archive revokes a device whose token is used twice)."""
        with self._sign_in_lock:
            self._closed = True  # no trade after this: the token stays as stored
            self.http.close()

    def today(self) -> dt.date:
        """The office's day now."""
        return dt.datetime.now(self.zone).date()

    # -- signing in ----------------------------------------------------------------------

    def sign_in(self, *, stale: str | None = None) -> None:
        """Trade the stored refresh token for an access token (and a new refresh token).

        Two threads may find the access token expired at once; the refresh token is
        single-use (the archive revokes a device whose token is used twice), so only one
        trades it: ``stale`` is the access token the caller found refused, and when another
        thread has replaced it meanwhile nothing more is done.

        Raises:
            SyncError: no token is stored (signed out, or another computer's keyring).
            ArchiveRefused: the archive refused the token (expired, account disabled).
        """
        with self._sign_in_lock:
            if stale is not None and self.http.access_token != stale:
                return
            self._trade_refresh_token()

    def _trade_refresh_token(self) -> None:
        if self._closed:
            raise SyncError(_("this desk's sync was stopped"))
        token = self.vault.load()
        if not token:
            raise SignedOut(
                _("this desk is signed out of the archive; sign in again with: tnde archive link")
            )
        grant = self.http.call(
            "POST",
            "/v1/auth/refresh",
            json={"refresh_token": token, "device_id": self.ws.device_id},
            retry=False,
        ).json()
        self.vault.save(str(grant["refresh_token"]))
        self.http.access_token = str(grant["access_token"])

    def _authorized(self, method: str, path: str, **kwargs: Any) -> Any:
        """A request with the access token, signing in again once when it has expired."""
        token = self.http.access_token
        if not token:
            self.sign_in(stale=token)
            token = self.http.access_token
        try:
            return self.http.call(method, path, **kwargs)
        except ArchiveRefused as exc:
            if exc.status != 401:
                raise
            self.sign_in(stale=token)
            return self.http.call(method, path, **kwargs)

    # -- numbers ------------------------------------------------------------------------

    def lease(self, ref: SeriesRef, size: int) -> Lease:
        """Take a block of ``size`` numbers of ``ref`` from the archive for this desk and
        record it, so the desk can number from it, offline too.

        Raises:
            ArchiveRefused: ``REG-REGISTRY-ONLY`` and the archive's other refusals.
            WorkflowRefused: the desk's own register refuses the block.
        """
        grant = self._authorized(
            "POST",
            "/v1/numbers/lease",
            json={"unit_id": ref.unit_id, "series": ref.series, "year": ref.year, "size": size},
            retry=False,
        ).json()
        return RegisterDesk(self.ws, self.link.nip).adopt(
            ref, str(grant["lease_id"]), int(grant["first_no"]), int(grant["last_no"])
        )

    # -- the cycle -----------------------------------------------------------------------

    def sync_once(self, *, wait: float = 0) -> SyncReport:
        """One full cycle: hello, push everything pending, pull everything new."""
        report = SyncReport()
        try:
            self.hello(report)
            self.push(report)
            self.pull(report, wait=wait)
        except Exception as exc:
            self._note(last_error=str(exc)[:500])
            raise
        self._note(last_error="")
        return report

    def hello(self, report: SyncReport) -> None:
        """Check that the archive is the one the desk linked to; start over from its backup
        watermark when it was restored (a new epoch).

        Raises:
            SyncError: another archive answers at the desk's URL.
        """
        hello = self.http.call("GET", "/v1/hello").json()
        if hello["archive_id"] != self.link.archive_id:
            raise SyncError(
                _(
                    "the archive at {url} is not the one this workspace was linked to",
                    url=self.link.url,
                )
            )
        if int(hello["epoch"]) != self.link.epoch:
            self._reset(int(hello["epoch"]), int(hello.get("backup_watermark", 0)))
            report.reset = True
        elif int(hello.get("backup_watermark", 0)) != self.link.backup_watermark:
            self._note(backup_watermark=int(hello["backup_watermark"]))

    def push(self, report: SyncReport) -> None:
        """Send every pending event, oldest first, in batches."""
        for _round in range(10_000):
            with self.lock:
                batch = self._pending_batch()
                if not batch:
                    return
                self._upload_blobs(batch, report)
                answer = self._authorized("POST", "/v1/events:batch", json={"events": batch}).json()
                crash_point("pushed")
                self._record_results(answer["results"], report)
                if all(r["status"] == "missing_blob" for r in answer["results"]):
                    raise SyncError(_("the archive keeps asking for files this desk has uploaded"))
                self._note(last_push_at=now_timestamp())

    def pull(self, report: SyncReport, *, wait: float = 0) -> None:
        """Merge feed pages until the archive has no more."""
        while True:
            page_cursor = self.link.cursor
            params: dict[str, Any] = {"cursor": page_cursor, "limit": PAGE}
            if wait:
                params["wait"] = wait
            try:
                page = self._authorized(
                    "GET", "/v1/changes", params=params, timeout=30.0 + wait
                ).json()
            except ArchiveRefused as exc:
                if exc.status != 410:
                    raise
                hello = self.http.call("GET", "/v1/hello").json()
                self._reset(int(hello["epoch"]), int(hello.get("backup_watermark", 0)))
                report.reset = True
                continue
            events = page["events"]
            with self.lock:
                if page_cursor != self.link.cursor:
                    continue  # the cursor moved while the page was on its way (a reset)
                report.new += self._merge_page(events, str(page["next_cursor"]))
                theirs = [e for e in events if e.get("device_id") != self.ws.device_id]
                report.others += len(theirs)
                report.letters.update(str(e["letter_id"]) for e in theirs)
                with self.ws.transaction() as conn:
                    back = unpark(conn, self.today())
                if back:
                    self.push(report)  # what came back is sent at once
            report.pulled += len(events)
            report.blobs_fetched += self._fetch_blobs(events)
            if not page["has_more"]:
                return
            wait = 0

    def _merge_page(self, events: list[dict[str, Any]], cursor: str) -> int:
        """Merge a page and store the cursor after it, in one transaction; an aggregate whose
        beginning the desk lacks (newly shared with this official in a way the page could
        not carry, such as a Plh. period that began) is completed from its whole history."""
        histories: dict[str, list[dict[str, Any]]] = {}
        for _attempt in range(len(events) + 1):
            extra = [e for h in histories.values() for e in h]
            try:
                with self.ws.transaction() as conn:
                    new = merge_events(conn, [*extra, *events], self.today())
                    self.link = self.link.with_(cursor=cursor, last_pull_at=now_timestamp())
                    save_link(conn, self.link)
                return new
            except SyncMergeError as gap:
                if gap.aggregate_id in histories:
                    raise
                histories[gap.aggregate_id] = self._authorized(
                    "GET", f"/v1/letters/{gap.aggregate_id}/events"
                ).json()["events"]
        raise AssertionError("unreachable")  # pragma: no cover

    # -- pieces --------------------------------------------------------------------------

    def _pending_batch(self) -> list[dict[str, Any]]:
        conn = self.ws.thread_connection()
        rows = conn.execute(
            f"SELECT {', '.join('e.' + c.strip() for c in EVENT_COLUMNS.split(','))} "
            "FROM outbox o JOIN event e USING (event_id) WHERE o.state = 'pending' "
            "ORDER BY o.local_seq LIMIT ?",
            (BATCH_EVENTS,),
        ).fetchall()
        batch: list[dict[str, Any]] = []
        size = 0
        for r in rows:
            body = {
                "event_id": r[0],
                "letter_id": r[1],
                "type": r[3],
                "actor_nip": r[4],
                "device_id": r[5],
                "base_seq": r[6],
                "revision_hash": r[7],
                "payload": json.loads(r[8]),
                "client_time": r[9],
            }
            size += len(canonical_json(body).encode("utf-8"))
            if batch and size > BATCH_BYTES:
                break
            batch.append(body)
        return batch

    def _upload_blobs(self, batch: list[dict[str, Any]], report: SyncReport) -> None:
        wanted = {
            v
            for event in batch
            for key in BLOB_KEYS
            if isinstance(v := event["payload"].get(key), str) and len(v) == 64
        }
        for sha256 in sorted(wanted):
            if self._authorized("HEAD", f"/v1/blobs/{sha256}").status_code == 200:
                continue
            if not self.ws.blobs.has(sha256):
                continue  # the archive will answer missing_blob: the event waits
            data = self.ws.blobs.get(sha256)
            self._authorized(
                "PUT",
                f"/v1/blobs/{sha256}",
                content=data,
                headers={"content-type": "application/pdf"},
            )
            report.blobs_uploaded += 1

    def _record_results(self, results: list[dict[str, Any]], report: SyncReport) -> None:
        refused: dict[str, tuple[str, str]] = {}
        with self.ws.transaction() as conn:
            for r in results:
                status = r["status"]
                report.pushed += 1
                if status in ("accepted", "duplicate"):
                    report.accepted += status == "accepted"
                    report.duplicates += status == "duplicate"
                    conn.execute(
                        "UPDATE outbox SET state = 'sent', result = ?, attempts = attempts + 1 "
                        "WHERE event_id = ?",
                        (canonical_json(r), r["event_id"]),
                    )
                elif status == "rejected":
                    report.rejected += 1
                    refused[r["event_id"]] = (str(r["rule"]), str(r["message"]))
                    report.rejections.append(
                        {"event_id": r["event_id"], "rule": r["rule"], "message": r["message"]}
                    )
            if refused:
                reject_own(conn, refused, refused, self.today(), source="archive")

    def _fetch_blobs(self, events: list[dict[str, Any]]) -> int:
        """Download the files of the letters this desk must act on now (to sign, to send,
        to dispose); every other file waits until someone opens its letter
        (:meth:`fetch_letter`), so a first sync of a large unit moves events, not PDFs."""
        touched = sorted({str(e["letter_id"]) for e in events})
        fetched = 0
        for aggregate_id in _needing_action(self.ws, self.link.nip, touched, self.today()):
            fetched += self.fetch_letter(aggregate_id)
        return fetched

    def fetch_letter(self, aggregate_id: str) -> int:
        """Download every file the letter's events name that this desk lacks; how many.

        Raises:
            ArchiveRefused, ArchiveUnreachable: from the archive.
        """
        conn = self.ws.connect()
        try:
            payloads = [
                json.loads(r[0])
                for r in conn.execute(
                    "SELECT payload FROM event WHERE letter_id = ?", (aggregate_id,)
                )
            ]
        finally:
            conn.close()
        wanted = {
            sha256
            for payload in payloads
            for key in BLOB_KEYS
            if isinstance(sha256 := payload.get(key), str) and len(sha256) == 64
        }
        fetched = 0
        for sha256 in sorted(wanted):
            if self.ws.blobs.has(sha256):
                continue
            response = self._authorized("GET", f"/v1/blobs/{sha256}")
            if response.status_code != 200:
                log.warning("the archive does not give file %s", sha256)
                continue
            media = response.headers.get("content-type", "application/octet-stream")
            with self.ws.transaction() as tx:
                # put re-hashes the bytes: a file that is not what its name says is refused
                stored = self.ws.blobs.put(response.content, media.split(";")[0], tx)
            if stored != sha256:
                raise SyncError(_("the archive sent a file that is not {sha256}", sha256=sha256))
            fetched += 1
        return fetched

    def _reset(self, epoch: int, watermark: int) -> None:
        """The archive was restored from a backup: its feed restarts in a new epoch.

        Events the backup did not cover (after its watermark) are taken back: the desk's
        own go back to the outbox to be pushed again, other desks' are removed until their
        desks push them again; then the desk pulls from the watermark.
        """
        with self.lock, self.ws.transaction() as conn:
            forget_after(conn, watermark, self.today())
            self.link = self.link.with_(
                epoch=epoch,
                backup_watermark=watermark,
                cursor=f"{self.link.archive_id}:{epoch}:{watermark}",
            )
            save_link(conn, self.link)

    def _note(self, **changes: Any) -> None:
        with self.lock, self.ws.transaction() as conn:
            current = read_link(conn) or self.link
            self.link = current.with_(**changes)
            save_link(conn, self.link)

    # -- the office, the official, the desk's session ------------------------------------

    def office(self) -> dict[str, Any]:
        """The office as the archive holds it, for a desk that joins
        (:func:`tnde.sync.joining.join_office`): ``{archive_id, profile_id, org_toml,
        org_sha256}``."""
        office: dict[str, Any] = self._answer("GET", "/v1/office")
        return office

    def me(self) -> dict[str, Any]:
        """Who the archive takes this desk for: ``{nip, nama, device_id, on, jabatan, admin}``
        (the jabatan held on the office's today)."""
        me: dict[str, Any] = self._answer("GET", "/v1/auth/me")
        return me

    def linked_desks(self) -> list[dict[str, Any]]:
        """Every account with its name, state and desks, for an administrator (read-only).

        Raises:
            ArchiveRefused: status 403, code ``not_admin``, for anyone else.
        """
        accounts: list[dict[str, Any]] = self._answer("GET", "/v1/admin/desks")["accounts"]
        return accounts

    def sign_out(self) -> None:
        """Tell the archive this desk signs out: the device's refresh tokens stop working.
        Forgetting the stored one is :func:`tnde.sync.signout.sign_out`'s."""
        self._authorized("POST", "/v1/auth/signout", retry=False)
        self.http.access_token = ""

    def _answer(self, method: str, path: str) -> Any:
        """The JSON of an answer that must exist: a 404 is an archive older than the call."""
        response = self._authorized(method, path)
        if response.status_code == 404:
            raise ArchiveRefused(
                404,
                "not_found",
                _(
                    "the archive at {url} does not answer {path}; it runs an older version",
                    url=self.link.url,
                    path=path,
                ),
            )
        return response.json()


def _needing_action(ws: Workspace, nip: str, aggregate_ids: list[str], today: dt.date) -> list[str]:
    """Which of the aggregates wait for ``nip`` to act: an open task of theirs (by person,
    by a jabatan they hold today, or at the registry desk), or an incoming letter they lead
    or that was disposed to them."""
    if not aggregate_ids:
        return []
    conn = ws.connect()
    try:
        authority = SqlAuthority(conn)
        jabatan = authority.jabatan_of(nip, today)
        registry = authority.is_registry(nip, today)
        marks = ", ".join("?" for _ in jabatan) or "''"
        found: list[str] = []
        for start in range(0, len(aggregate_ids), 500):
            chunk = aggregate_ids[start : start + 500]
            ids = ", ".join("?" for _ in chunk)
            kinds = REGISTRY_KINDS if registry else ("",)
            registry_kinds = "(" + ", ".join(f"'{k}'" for k in kinds) + ")"
            found += [
                str(r[0])
                for r in conn.execute(
                    f"SELECT DISTINCT letter_id FROM task WHERE letter_id IN ({ids}) AND "
                    f"(nip = ? OR jabatan_id IN ({marks}) OR kind IN {registry_kinds}) "
                    f"UNION SELECT incoming_id FROM incoming WHERE incoming_id IN ({ids}) "
                    f"AND pimpinan_jabatan IN ({marks}) "
                    f"UNION SELECT incoming_id FROM disposisi WHERE incoming_id IN ({ids}) "
                    f"AND recipient_jabatan IN ({marks})",
                    (*chunk, nip, *jabatan, *chunk, *jabatan, *chunk, *jabatan),
                )
            ]
        return found
    finally:
        conn.close()
