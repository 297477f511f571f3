"""The outgoing-letter service: every step of the lifecycle as one call (the CLI and the UI
both use this; the rules themselves live in :mod:`tnde.workflow.rules`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from tnde.errors import WorkflowRefused
from tnde.ids import uuid7
from tnde.lazy import lazy_function
from tnde.messages import _
from tnde.org import build_route, load_org
from tnde.org import coordination as coordination_steps
from tnde.profiles import load_profile
from tnde.profiles.model import DEFAULT_TIMEZONE
from tnde.register import void_issued
from tnde.templates.loader import load_template
from tnde.workflow.diff import text_diff
from tnde.workflow.events import EventType
from tnde.workflow.inputs import letter_inputs
from tnde.workflow.positions import SqlAuthority
from tnde.workflow.queries import Action, Queue, allowed_actions, count_letters, letter_page
from tnde.workflow.service import Appended, Clock, EventStore, utc_now
from tnde.workflow.state import LetterState, LetterStatus
from tnde.workflow.tasks import REGISTRY_KINDS
from tnde.workflow.versions import TextVersion, resolution_payload, text_versions

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Sequence
    from contextlib import AbstractContextManager

    from tnde.lint import lint_errors
    from tnde.workflow.queries import LetterRow
    from tnde.workspace import BlobStore, Workspace
else:  # the regulation's checks load with the first submitted letter, not with the window
    lint_errors = lazy_function("tnde.lint", "lint_errors")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class InboxItem:
    """A letter waiting for this person, and why."""

    letter_id: str
    kind: str
    step_no: int
    jenis: str
    hal: str
    status: str
    since: str


@dataclass(frozen=True)
class RouteRequest:
    """A route by hand (``steps``) or from the org chart (up to ``signer_jabatan``)."""

    steps: list[dict[str, str]] | None = None
    signer_jabatan: str | None = None
    coordination: list[str] = field(default_factory=list)
    """Jabatan of other units that initial before the signature (paraf koordinasi)."""
    atas_nama: str = ""
    """Jabatan id the signer signs for (a.n.)."""
    ub_via: str = ""
    """For u.b.: the a.n. holder's jabatan id."""


class Letters:
    """Outgoing letters of one workspace.

    Args:
        workspace: the open workspace.
        clock: source of "now" (tests pass a fixed one); the date of "now" is the day the
            rules check delegations against.
    """

    def __init__(self, workspace: Workspace, clock: Clock = utc_now) -> None:
        self.workspace = workspace
        self.clock = clock
        self.store = EventStore(workspace.device_id, clock)
        self.zone = office_zone(workspace)

    @property
    def blobs(self) -> BlobStore:
        """The workspace's immutable files (final and signed PDFs)."""
        return self.workspace.blobs

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """A ``BEGIN IMMEDIATE`` transaction on the workspace (for :meth:`append`)."""
        return self.workspace.transaction()

    def today(self) -> dt.date:
        """The office's calendar day, in its own time zone: delegation periods, letter dates
        and yearly number series follow it, not UTC (07:00 in Jakarta is midnight UTC)."""
        return self.clock().astimezone(self.zone).date()

    # -- queries --------------------------------------------------------------------------------

    def get(self, letter_id: str) -> LetterState:
        """The letter's state.

        Raises:
            WorkflowRefused: no such letter (rule ``WF-UNKNOWN``).
        """
        state = self.store.state(self.workspace.thread_connection(), letter_id)
        if state is None:
            raise WorkflowRefused(
                "WF-UNKNOWN", _("letter {letter_id} is unknown", letter_id=letter_id)
            )
        return state

    def page(self, queue: Queue, nip: str, **paging: Any) -> list[LetterRow]:
        """One page of ``nip``'s ``queue``; ``paging`` as
        :func:`tnde.workflow.queries.letter_page` takes it (today, now, flt, sort, offset…)."""

        return letter_page(self.workspace.thread_connection(), queue, nip, **paging)

    def count(self, queue: Queue, nip: str, **filters: Any) -> int:
        """How many letters ``nip``'s ``queue`` holds; ``filters`` as
        :func:`tnde.workflow.queries.count_letters` takes them (today, flt, zone)."""
        filters.setdefault("today", self.today())
        filters.setdefault("zone", self.zone)
        return count_letters(self.workspace.thread_connection(), queue, nip, **filters)

    def actions(self, state: LetterState, nip: str) -> list[Action]:
        """What ``nip`` may do with the letter today, in the order the window offers it."""
        return allowed_actions(self.workspace.thread_connection(), state, nip, self.today())

    def is_registry(self, nip: str, on: dt.date) -> bool:
        """Whether ``nip`` works at the registry desk (numbering, dispatch) on ``on``."""
        return SqlAuthority(self.workspace.thread_connection()).is_registry(nip, on)

    def jabatan_of(self, nip: str, on: dt.date) -> list[str]:
        """Jabatan ids ``nip`` holds or acts in (Plt., Plh., Pj.) on ``on``."""
        return SqlAuthority(self.workspace.thread_connection()).jabatan_of(nip, on)

    def history(self, letter_id: str) -> list[Any]:
        """Every event of the letter, oldest first."""
        self.get(letter_id)
        conn = self.workspace.thread_connection()
        return self.store.events(conn, letter_id)

    def diff(self, letter_id: str, *, since: str | None = None, for_nip: str | None = None) -> str:
        """The text changes from ``since`` (or the revision ``for_nip`` last acted on, or the
        previous revision) to the head revision."""
        state = self.get(letter_id)
        base = since or (state.last_seen.get(for_nip, "") if for_nip else "")
        if not base:
            base = state.revisions[-2] if len(state.revisions) > 1 else state.head_revision
        conn = self.workspace.thread_connection()
        old = _revision_values(conn, base)
        new = _revision_values(conn, state.head_revision)
        return text_diff(old, new, old_label=base[:12], new_label=state.head_revision[:12])

    def inbox(self, nip: str, on: dt.date | None = None, *, limit: int = 500) -> list[InboxItem]:
        """Letters this person must act on today, oldest first (at most ``limit``): own
        drafts and returns, review and signing steps of every jabatan they hold or act in,
        and registry tasks at a registry desk."""
        limit = max(1, int(limit))
        day = on or self.today()
        conn = self.workspace.thread_connection()
        authority = SqlAuthority(conn)
        jabatan = authority.jabatan_of(nip, day)
        registry = authority.is_registry(nip, day)
        marks = ",".join("?" * len(jabatan)) or "''"
        kinds = ",".join("?" * len(REGISTRY_KINDS))
        # A task belongs to a NIP, a jabatan or the registry desks, never two of them: read
        # each source from its own index in date order, cut, and only then join the letters.
        rows = conn.execute(
            "SELECT t.letter_id, t.kind, t.step_no, l.jenis, l.hal, l.state, t.since FROM ("
            " SELECT * FROM (SELECT letter_id, kind, step_no, since FROM task"
            f"  WHERE nip = ? ORDER BY since LIMIT {limit})"
            " UNION ALL SELECT * FROM (SELECT letter_id, kind, step_no, since FROM task"
            f"  WHERE jabatan_id IN ({marks}) ORDER BY since LIMIT {limit})"
            " UNION ALL SELECT * FROM (SELECT letter_id, kind, step_no, since FROM task"
            f"  WHERE ? AND kind IN ({kinds}) ORDER BY since LIMIT {limit})"
            f" ORDER BY since LIMIT {limit}"
            ") t JOIN letter l ON l.letter_id = t.letter_id ORDER BY t.since",
            (nip, *jabatan, int(registry), *REGISTRY_KINDS),
        ).fetchall()
        return [InboxItem(*row) for row in rows]

    # -- drafting -------------------------------------------------------------------------------

    def create(
        self,
        actor: str,
        *,
        jenis: str,
        values: dict[str, Any],
        unit_id: str,
        profile_id: str,
        route: RouteRequest | None = None,
        tujuan: list[dict[str, str]] | None = None,
        tembusan: list[dict[str, str]] | None = None,
    ) -> LetterState:
        """A new konsep of ``jenis`` with its first text and, optionally, its route and
        recipients, all in one transaction: a refused route leaves no half-made letter."""

        load_template(jenis)  # unknown jenis fails here, before anything is stored
        profile = load_profile(profile_id)
        payload = {
            "jenis": jenis,
            "profile_id": profile_id,
            "unit_id": unit_id,
            "values": _jsonable(values),
            "route_restart": profile.style.route_restart,
        }
        steps = self._route_steps(actor, route, profile.style.paraf_max) if route else None
        letter_id = uuid7()
        with self.workspace.transaction() as conn:
            state = self.append(
                conn,
                letter_id=letter_id,
                type=EventType.CREATED,
                actor_nip=actor,
                payload=payload,
                today=self.today(),
            ).state
            if steps is not None:
                state = self.append(
                    conn,
                    letter_id=letter_id,
                    type=EventType.ROUTE_SET,
                    actor_nip=actor,
                    payload={"steps": steps, "paraf_max": profile.style.paraf_max},
                    today=self.today(),
                ).state
            if tujuan:
                state = self.append(
                    conn,
                    letter_id=letter_id,
                    type=EventType.RECIPIENTS_SET,
                    actor_nip=actor,
                    payload={"tujuan": tujuan, "tembusan": tembusan or []},
                    today=self.today(),
                ).state
        return state

    def revise(
        self,
        actor: str,
        letter_id: str,
        values: dict[str, Any],
        *,
        merges: list[str] | None = None,
    ) -> LetterState:
        """A new text for the letter (every earlier text is kept).

        Args:
            merges: branches (texts made at another desk) this text takes the place of.
        """
        state = self.get(letter_id)
        payload: dict[str, Any] = {
            "values": _jsonable(values),
            "parent_revision": state.head_revision,
        }
        if merges:
            payload["merges"] = list(merges)
        return self.record(letter_id, EventType.REVISED, actor, payload)

    def text_versions(self, letter_id: str) -> list[TextVersion]:
        """The draft's head text and each text made at another desk on an older text (its
        open branches), head first, to be shown side by side."""
        state = self.get(letter_id)
        conn = self.workspace.thread_connection()
        return text_versions(state, self.store.events(conn, letter_id), SqlAuthority(conn).name_of)

    def resolve_branches(
        self,
        actor: str,
        letter_id: str,
        values: dict[str, Any],
        *,
        shown: Sequence[str] | None = None,
    ) -> LetterState:
        """Settle a draft edited at two desks: ``values`` becomes the text that goes on, and
        every open branch is let go (:mod:`tnde.workflow.versions` explains the event).

        ``values`` may be the head text as it is ("keep mine"), a branch's text as it is
        ("take the other one") or a text written from both; the rules accept all three.
        Branches are read in the transaction that stores the event.

        Args:
            shown: the revision hashes of the texts the konseptor compared (the head and the
                branches, :meth:`text_versions`); when the draft has other texts by now (a
                text arrived from another desk, or the head moved), nothing is stored, so
                no text is let go or overwritten unseen.

        Raises:
            WorkflowRefused: ``WF-NO-BRANCH`` when nothing waits to be settled,
                ``WF-STALE-CHOICE`` when the texts changed since they were shown, or a rule
                (only the konseptor edits, and only an editable draft).
        """
        text = _jsonable(values)
        with self.workspace.transaction() as conn:
            state = self.state_in(conn, letter_id)
            if state is None:
                raise WorkflowRefused(
                    "WF-UNKNOWN", _("letter {letter_id} is unknown", letter_id=letter_id)
                )
            if shown is not None and set(shown) != {state.head_revision, *state.branches}:
                raise WorkflowRefused(
                    "WF-STALE-CHOICE",
                    _("the draft's texts changed while they were compared; compare them again"),
                )
            return self.append(
                conn,
                letter_id=letter_id,
                type=EventType.REVISED,
                actor_nip=actor,
                payload=resolution_payload(state, text),
            ).state

    def set_route(
        self,
        actor: str,
        letter_id: str,
        steps: list[dict[str, str]] | None = None,
        *,
        signer_jabatan: str | None = None,
        coordination: list[str] | None = None,
        atas_nama: str = "",
        ub_via: str = "",
    ) -> LetterState:
        """Set the route by hand (``steps``), or build it from the org chart up to
        ``signer_jabatan``, with coordination paraf of other units (``coordination``) before
        the signature and the signer's a.n./u.b. form (jabatan ids)."""

        state = self.get(letter_id)
        paraf_max = load_profile(state.profile_id).style.paraf_max
        request = RouteRequest(
            steps=steps,
            signer_jabatan=signer_jabatan,
            coordination=coordination or [],
            atas_nama=atas_nama,
            ub_via=ub_via,
        )
        built = self._route_steps(actor, request, paraf_max)
        return self.record(
            letter_id, EventType.ROUTE_SET, actor, {"steps": built, "paraf_max": paraf_max}
        )

    def _route_steps(
        self, konseptor: str, request: RouteRequest, paraf_max: int
    ) -> list[dict[str, str]]:
        if request.steps is not None:
            return request.steps
        if not request.signer_jabatan:
            raise WorkflowRefused("WF-ROUTE-SIGNER", _("name the signer's jabatan"))
        steps = self._route_from_org(
            konseptor, request.signer_jabatan, paraf_max, request.coordination
        )
        if request.atas_nama:
            steps[-1] = {**steps[-1], "atas_nama": request.atas_nama, "ub_via": request.ub_via}
        return steps

    def _route_from_org(
        self, konseptor: str, signer_jabatan: str, paraf_max: int, coordination: list[str]
    ) -> list[dict[str, str]]:
        conn = self.workspace.thread_connection()
        chart = load_org(conn)
        route = list(
            build_route(chart, konseptor, signer_jabatan, self.today(), max_paraf=paraf_max)
        )
        if coordination:
            # coordination paraf of other units come after the chain, before the signature
            extra = coordination_steps(chart, coordination, route=tuple(route))
            route[-1:-1] = list(extra)
        return [{"kind": st.kind, "jabatan_id": st.jabatan_id} for st in route]

    def set_recipients(
        self,
        actor: str,
        letter_id: str,
        *,
        tujuan: list[dict[str, str]],
        tembusan: list[dict[str, str]] | None = None,
    ) -> LetterState:
        """Tujuan and tembusan: each ``{"text": …, "jabatan_id": …}`` (internal) or
        ``{"text": …, "email": …}`` (external)."""
        return self.record(
            letter_id,
            EventType.RECIPIENTS_SET,
            actor,
            {"tujuan": tujuan, "tembusan": tembusan or []},
        )

    def submit(self, actor: str, letter_id: str) -> LetterState:
        """Send the konsep up its route, after checking its values against the template and
        the office's rules. The signature block comes from the org chart when the letter is
        numbered; the rest of the text is checked with a preview of it."""
        state = self.get(letter_id)
        today = self.today()
        inputs = letter_inputs(self.workspace.thread_connection(), state, today)
        inputs.refuse_problems()
        errors = lint_errors(inputs.template, inputs.profile, inputs.values, today=today)
        if errors:
            raise WorkflowRefused(
                "WF-LINT",
                _("{rule_id}: {message}", rule_id=errors[0].rule_id, message=errors[0].message),
            )
        return self.record(letter_id, EventType.SUBMITTED, actor, {})

    # -- review and signing ---------------------------------------------------------------------

    def approve(
        self,
        actor: str,
        letter_id: str,
        *,
        step: int | None = None,
        revision: str | None = None,
        note: str = "",
    ) -> LetterState:
        """Paraf ``step`` for ``revision`` (default: the head revision).

        Args:
            step: the step the user saw and acts on; a repeated or raced action then acts
                once (``WF-STEP-DONE``). The window and the command line always name it;
                None takes the step waiting now.
        """
        return self._step_action(EventType.APPROVED, actor, letter_id, revision, note, step)

    def return_for_revision(
        self, actor: str, letter_id: str, note: str, *, step: int | None = None
    ) -> LetterState:
        """Return the konsep to the konseptor with notes (kembalikan), from ``step``."""
        return self._step_action(EventType.RETURNED, actor, letter_id, None, note, step)

    def reject(
        self, actor: str, letter_id: str, note: str, *, step: int | None = None
    ) -> LetterState:
        """Refuse the letter altogether (tolak), from ``step``."""
        return self._step_action(EventType.REJECTED, actor, letter_id, None, note, step)

    def _step_action(
        self,
        kind: EventType,
        actor: str,
        letter_id: str,
        revision: str | None,
        note: str,
        step_no: int | None,
    ) -> LetterState:
        state = self.get(letter_id)
        if step_no is None:
            waiting = state.current_step()
            step_no = waiting.step_no if waiting else 0
        payload = {"step": step_no, "note": note}
        if kind is EventType.RETURNED and state.nomor:
            return self._return_numbered(actor, state, payload)
        return self.record(letter_id, kind, actor, payload, revision=revision)

    def _return_numbered(
        self, actor: str, state: LetterState, payload: dict[str, Any]
    ) -> LetterState:
        """A signer returns a numbered letter: the number is voided in the same transaction."""

        with self.workspace.transaction() as conn:
            done = self.append(
                conn,
                letter_id=state.letter_id,
                type=EventType.RETURNED,
                actor_nip=actor,
                payload=payload,
                today=self.today(),
            )
            void_issued(
                conn,
                letter_id=state.letter_id,
                reason="dikembalikan oleh penandatangan untuk revisi",
                actor=actor,
                at=done.event.client_time,
            )
        return done.state

    # -- helpers -------------------------------------------------------------------------------

    def record(
        self,
        letter_id: str,
        kind: EventType,
        actor: str,
        payload: dict[str, Any],
        *,
        revision: str | None = None,
    ) -> LetterState:
        """Append one event in its own transaction; the letter's new state."""
        with self.workspace.transaction() as conn:
            return self.append(
                conn,
                letter_id=letter_id,
                type=kind,
                actor_nip=actor,
                payload=payload,
                revision=revision,
            ).state

    def append(
        self,
        conn: sqlite3.Connection,
        *,
        letter_id: str,
        type: EventType,
        actor_nip: str,
        payload: dict[str, Any],
        revision: str | None = None,
        today: dt.date | None = None,
    ) -> Appended:
        """Check and store one event inside the caller's :meth:`transaction` (with what else
        must change with it: a number voided, a blob stored, a letter delivered)."""
        return self.store.append(
            conn,
            letter_id=letter_id,
            type=type,
            actor_nip=actor_nip,
            payload=payload,
            revision=revision,
            today=today or self.today(),
            acting=self.workspace.acting,
        )

    def precheck(
        self,
        conn: sqlite3.Connection,
        *,
        letter_id: str,
        type: EventType,
        actor_nip: str,
        payload: dict[str, Any],
        today: dt.date | None = None,
    ) -> None:
        """Run the rules for an event without storing it, before expensive work (rendering,
        signing) whose outcome the real event then carries."""
        self.store.precheck(
            conn,
            letter_id=letter_id,
            type=type,
            actor_nip=actor_nip,
            payload=payload,
            today=today or self.today(),
            acting=self.workspace.acting,
        )

    def state_in(self, conn: sqlite3.Connection, letter_id: str) -> LetterState | None:
        """The letter's state as the transaction ``conn`` sees it (None when unknown)."""
        return self.store.state(conn, letter_id)


def office_zone(workspace: Workspace) -> ZoneInfo:
    """The time zone of the workspace's office profile (WIB when it has none)."""

    profile_id = workspace.config.profile_id
    return ZoneInfo(load_profile(profile_id).timezone if profile_id else DEFAULT_TIMEZONE)


def _revision_values(conn: sqlite3.Connection, revision: str) -> dict[str, Any]:
    row = conn.execute(
        "SELECT values_json FROM revision WHERE revision_hash = ?", (revision,)
    ).fetchone()
    if row is None:
        raise WorkflowRefused(
            "WF-UNKNOWN-REVISION", _("revision {revision} is unknown", revision=revision[:12])
        )
    values: dict[str, Any] = json.loads(row[0])
    return values


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    """Raw draft values with dates as ISO strings, so they hash and store as JSON."""
    out: dict[str, Any] = json.loads(json.dumps(values, default=_default))
    return out


def _default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a letter")


__all__ = ["InboxItem", "LetterStatus", "Letters"]
