"""The registry desk and the dispositions: each action is one transaction that checks the
rules, appends the event to the shared log and updates the projection (incoming row,
disposition rows, full-text index)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tnde import verify
from tnde.dispositions.due import WorkCalendar
from tnde.dispositions.due import due_at as default_due
from tnde.errors import WorkflowRefused
from tnde.formatting import control_character, parse_tanggal
from tnde.ids import uuid7
from tnde.incoming.codec import incoming_from_json, incoming_to_json
from tnde.incoming.pdf_layout import has_text_layer
from tnde.incoming.queries import (
    IncomingAction,
    allowed_incoming_actions,
    count_dispositions,
    count_incoming,
    disposition_page,
    incoming_page,
)
from tnde.incoming.rules import check
from tnde.incoming.sifat import SIFAT, URGENSI, more_urgent, split_sifat
from tnde.incoming.state import IncomingEventType, IncomingState, apply
from tnde.lazy import lazy_function
from tnde.messages import _
from tnde.profiles import load_profile
from tnde.profiles.model import DEFAULT_INSTRUCTIONS
from tnde.register import IssuedNumber, SeriesRef, issue_number
from tnde.register.leases import is_linked, usable_lease
from tnde.tracking import Tracking
from tnde.workflow.eventlog import Aggregate, append_event, read_events
from tnde.workflow.letters import office_zone
from tnde.workflow.positions import SqlAuthority
from tnde.workflow.service import iso, utc_now

if TYPE_CHECKING:
    from tnde.incoming.prefill import pdf_text
    from tnde.incoming.queries import DispositionRow, IncomingRow
    from tnde.workflow.events import Event
    from tnde.workflow.service import Clock
    from tnde.workspace import Workspace
else:  # the PDF reader loads with the first registered PDF, not with the window
    pdf_text = lazy_function("tnde.incoming.prefill", "pdf_text")

log = logging.getLogger(__name__)

#: Registration metadata: required keys, then optional ones.
REQUIRED_META = ("asal", "nomor", "tanggal", "hal")
OPTIONAL_META = ("asal_jabatan", "sifat", "urgensi", "kka", "isi_ringkas", "lampiran", "diterima")


@dataclass(frozen=True)
class Recipient:
    """A disposition recipient: a jabatan, and whether it leads."""

    jabatan_id: str
    leading: bool = False


class IncomingDesk:
    """Incoming letters and dispositions of one workspace."""

    def __init__(self, workspace: Workspace, clock: Clock = utc_now) -> None:
        self.ws = workspace
        self.clock = clock
        self.zone = office_zone(workspace)

    def today(self) -> dt.date:
        """The office's calendar day."""
        return self.clock().astimezone(self.zone).date()

    def calendar(self) -> WorkCalendar:
        """The office's working days: weekends and its profile's holidays excluded."""

        return WorkCalendar(holidays=_holidays(self.ws), zone=str(self.zone))

    # -- queries --------------------------------------------------------------------------------

    def incoming_page(self, nip: str, **paging: Any) -> list[IncomingRow]:
        """One page of the incoming letters (or with ``copies=True`` the tembusan) ``nip``
        sees; ``paging`` as :func:`tnde.incoming.queries.incoming_page` takes it."""

        return incoming_page(self.ws.thread_connection(), nip, **paging)

    def disposition_page(self, nip: str, **paging: Any) -> list[DispositionRow]:
        """One page of the dispositions addressed to ``nip``'s jabatan; ``paging`` as
        :func:`tnde.incoming.queries.disposition_page` takes it."""

        return disposition_page(self.ws.thread_connection(), nip, **paging)

    @functools.cached_property
    def tracking(self) -> Tracking:
        """Tracking of this workspace's dispositions, in the office's calendar."""
        return Tracking(self.ws, self.clock, self.calendar())

    def count_incoming(self, nip: str, **filters: Any) -> int:
        """How many incoming letters (``copies=True``: tembusan) ``nip`` sees; ``filters`` as
        :func:`tnde.incoming.queries.count_incoming` takes them."""
        filters.setdefault("today", self.today())
        return count_incoming(self.ws.thread_connection(), nip, **filters)

    def count_dispositions(self, nip: str, **filters: Any) -> int:
        """How many dispositions are addressed to ``nip``'s jabatan; ``filters`` as
        :func:`tnde.incoming.queries.count_dispositions` takes them."""
        filters.setdefault("today", self.today())
        filters.setdefault("now", self.clock())
        return count_dispositions(self.ws.thread_connection(), nip, **filters)

    def actions(self, state: IncomingState, nip: str) -> list[IncomingAction]:
        """What ``nip`` may do with the incoming letter and its dispositions today."""
        return allowed_incoming_actions(self.ws.thread_connection(), state, nip, self.today())

    def get(self, incoming_id: str) -> IncomingState:
        """The state of one incoming letter.

        Raises:
            WorkflowRefused: unknown id (``IN-UNKNOWN``).
        """
        state = _load(self.ws.thread_connection(), incoming_id)
        if state is None:
            raise WorkflowRefused(
                "IN-UNKNOWN", _("incoming letter {incoming_id} is unknown", incoming_id=incoming_id)
            )
        return state

    def history(self, incoming_id: str) -> list[Event]:
        """Every event of the incoming letter, oldest first."""
        self.get(incoming_id)
        return read_events(self.ws.thread_connection(), incoming_id, IncomingEventType)

    # -- registration ---------------------------------------------------------------------------

    def register(
        self,
        actor: str,
        *,
        unit_id: str,
        meta: dict[str, Any],
        pdf: bytes | None = None,
        copy_only: bool = False,
        source_letter_id: str = "",
        confirm_duplicate: bool = False,
    ) -> IncomingState:
        """Register a letter received by ``unit_id``, with its PDF when there is one.

        The same file, or the same sender and number, is refused as a duplicate (naming the
        earlier agenda number) unless ``confirm_duplicate`` says it is meant.
        """
        self.ws.acting.admit(actor)  # before the PDF is read and its signatures verified
        missing = [k for k in REQUIRED_META if not str(meta.get(k, "")).strip()]
        if pdf is not None and missing and not has_text_layer(pdf_text(pdf)):
            # "asal is required" would not say why nothing was filled in for the clerk
            raise WorkflowRefused(
                "IN-META",
                _(
                    "the PDF has no text layer (it is a scan), so nothing could be read from "
                    "it: type {fields} by hand",
                    fields=", ".join(missing),
                ),
            )
        clean = _clean_meta(meta, self.today())
        conn = self.ws.thread_connection()
        body = ""
        sha = ""
        if pdf is not None:
            body = pdf_text(pdf)

            sha = hashlib.sha256(pdf).hexdigest()
        if not confirm_duplicate:
            # early, before the signature check: a duplicate is refused without verifying it
            refuse_duplicate(conn, unit_id, sha, clean["asal"], clean["nomor"])
        verdict, detail = _verify(self.ws, pdf) if pdf is not None else ("unverified", "")

        pimpinan = _head_of(conn, unit_id)
        incoming_id = uuid7()
        try:
            with self.ws.transaction() as conn:
                if not confirm_duplicate:
                    # again inside the write transaction: another desk may have registered the
                    # letter while this one was verified (the unique indexes are the last word)
                    refuse_duplicate(conn, unit_id, sha, clean["asal"], clean["nomor"])
                agenda = self._agenda(conn, unit_id, incoming_id, actor)
                payload = {
                    "unit_id": unit_id,
                    "pimpinan_jabatan": pimpinan,
                    "agenda": agenda.nomor,
                    # which number of which series: the archive accepts each agenda number
                    # once, and at a linked desk only from a block it leased to the desk
                    "agenda_no": agenda.no,
                    "agenda_series": {
                        "unit_id": agenda.ref.unit_id,
                        "series": agenda.ref.series,
                        "year": agenda.ref.year,
                    },
                    "meta": clean,
                    "blob": sha,
                    "copy_only": copy_only,
                    "source_letter_id": source_letter_id,
                    "verification": verdict,
                    "verification_detail": detail,
                }
                if confirm_duplicate:
                    payload["duplicate_confirmed"] = True
                state = self._append(
                    conn, incoming_id, IncomingEventType.REGISTERED, actor, payload
                )
                if pdf is not None:
                    # stored once the rules accepted the letter: a refusal leaves no file
                    self.ws.blobs.put(pdf, "application/pdf", conn)
                rowid = conn.execute(
                    "SELECT rowid FROM incoming WHERE incoming_id = ?", (incoming_id,)
                ).fetchone()[0]
                conn.execute(
                    "INSERT INTO incoming_fts (rowid, hal, isi_ringkas, asal, nomor, body) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        rowid,
                        clean["hal"],
                        clean.get("isi_ringkas", ""),
                        clean["asal"],
                        clean["nomor"],
                        body,
                    ),
                )
        except sqlite3.IntegrityError as exc:
            if "incoming_once" not in str(exc):
                raise
            # the unique indexes caught what the check above could not see
            raise WorkflowRefused(
                "IN-DUPLICATE",
                _(
                    "this letter was registered by the unit at the same moment at another desk; "
                    "confirm if it really must be registered again"
                ),
            ) from None
        return state

    def agenda_series(self, unit_id: str) -> SeriesRef:
        """The series the unit's next agenda number comes from (a registry desk linked to an
        archive leases a block of it before registering offline)."""
        return SeriesRef(unit_id, "agenda", self.today().year)

    def _agenda(
        self, conn: sqlite3.Connection, unit_id: str, incoming_id: str, actor: str
    ) -> IssuedNumber:
        """The next agenda number of the unit's incoming series this year."""

        ref = self.agenda_series(unit_id)
        lease_id = None
        if is_linked(conn):
            # the archive holds the register: a linked desk numbers from its leased blocks
            lease_id = usable_lease(conn, ref, self.ws.device_id)
            if lease_id is None:
                raise WorkflowRefused(
                    "REG-LEASE-REQUIRED",
                    _(
                        "this desk holds no leased agenda numbers of unit {unit} for {year}; "
                        "take a block from the archive while online: tnde register lease "
                        "--unit {unit} --series agenda --year {year} --size 50",
                        unit=unit_id,
                        year=ref.year,
                    ),
                )
        return issue_number(
            conn,
            ref,
            letter_id=incoming_id,
            format=lambda n: f"{n}/{ref.year}",
            actor=actor,
            lease_id=lease_id,
            desk=self.ws.device_id if lease_id else None,
        )

    # -- the head of the unit and the dispositions -----------------------------------------------

    def read(self, actor: str, incoming_id: str) -> IncomingState:
        """The head of the unit (or a tembusan recipient) opens the letter."""
        state = self.get(incoming_id)
        kind = IncomingEventType.COPY_READ if state.copy_only else IncomingEventType.READ
        return self._do(incoming_id, kind, actor, {})

    def dispose(
        self,
        actor: str,
        incoming_id: str,
        *,
        recipients: list[Recipient],
        instructions: list[str],
        note: str = "",
        due_at: dt.datetime | None = None,
        parent_id: str = "",
        atas_perintah: bool = False,
    ) -> IncomingState:
        """Dispose the letter (or forward the disposition ``parent_id``) to ``recipients``.

        The due date defaults from the letter's urgency: 24 hours, 48 hours or 5 working
        days (the profile's holidays excluded).
        """

        allowed = _instructions(self.ws)
        unknown = [i for i in instructions if i not in allowed]
        if unknown:
            raise WorkflowRefused(
                "DP-INSTRUCTION",
                _(
                    "instruction {unknown!r} is not in the list: {allowed}",
                    unknown=unknown[0],
                    allowed="; ".join(allowed),
                ),
            )
        state = self.get(incoming_id)
        parent = state.disposition(parent_id) if parent_id else None
        giver = parent.recipient_jabatan if parent else state.pimpinan_jabatan
        now = self.clock()
        if due_at is None:
            due_at = default_due(str(state.meta.get("urgensi", "Biasa")), now, self.calendar())
        conn = self.ws.thread_connection()
        units = dict(conn.execute("SELECT jabatan_id, unit_id FROM jabatan").fetchall())
        payload = {
            "parent_id": parent_id,
            "giver_jabatan": giver,
            "recipients": [
                {
                    "disposisi_id": uuid7(),
                    "jabatan_id": r.jabatan_id,
                    "unit_id": units.get(r.jabatan_id, ""),
                    "leading": r.leading,
                }
                for r in recipients
            ],
            "instructions": list(instructions),
            "note": note,
            "due_at": iso(due_at),
            "atas_perintah": atas_perintah,
        }
        return self._do(incoming_id, IncomingEventType.DISPOSED, actor, payload, at=now)

    def read_disposition(self, actor: str, incoming_id: str, disposisi_id: str) -> IncomingState:
        """The recipient opens the disposition."""
        return self._do(
            incoming_id, IncomingEventType.DISPOSITION_READ, actor, {"disposisi_id": disposisi_id}
        )

    def progress(self, actor: str, incoming_id: str, disposisi_id: str, note: str) -> IncomingState:
        """The recipient is working on it (dalam proses)."""
        return self._do(
            incoming_id,
            IncomingEventType.DISPOSITION_PROGRESS,
            actor,
            {"disposisi_id": disposisi_id, "note": note},
        )

    def complete(
        self,
        actor: str,
        incoming_id: str,
        disposisi_id: str,
        note: str,
        attachment: bytes | None = None,
    ) -> IncomingState:
        """The recipient reports completion, with a note and an optional attachment."""
        blob = hashlib.sha256(attachment).hexdigest() if attachment else ""
        with self.ws.transaction() as conn:
            state = self._append(
                conn,
                incoming_id,
                IncomingEventType.DISPOSITION_COMPLETED,
                actor,
                {"disposisi_id": disposisi_id, "note": note, "blob": blob},
            )
            if attachment:
                # stored once the rules accepted the step: a refusal leaves no file
                self.ws.blobs.put(attachment, "application/pdf", conn)
            return state

    def cancel(self, actor: str, incoming_id: str, disposisi_id: str, reason: str) -> IncomingState:
        """The giver withdraws a disposition that is still unread."""
        return self._do(
            incoming_id,
            IncomingEventType.DISPOSITION_CANCELLED,
            actor,
            {"disposisi_id": disposisi_id, "reason": reason},
        )

    def tree(self, incoming_id: str) -> list[dict[str, Any]]:
        """The dispositions as a tree: each node with its ``children``."""
        state = self.get(incoming_id)
        nodes: dict[str, dict[str, Any]] = {
            d.disposisi_id: {"disposition": d, "children": []} for d in state.dispositions
        }
        roots: list[dict[str, Any]] = []
        for d in state.dispositions:
            parent = nodes.get(d.parent_id)
            (parent["children"] if parent else roots).append(nodes[d.disposisi_id])
        return roots

    # -- storing --------------------------------------------------------------------------------

    def _do(
        self,
        incoming_id: str,
        kind: IncomingEventType,
        actor: str,
        payload: dict[str, Any],
        *,
        at: dt.datetime | None = None,
    ) -> IncomingState:
        with self.ws.transaction() as conn:
            return self._append(conn, incoming_id, kind, actor, payload, at=at)

    def _append(
        self,
        conn: sqlite3.Connection,
        incoming_id: str,
        kind: IncomingEventType,
        actor: str,
        payload: dict[str, Any],
        *,
        at: dt.datetime | None = None,
    ) -> IncomingState:
        """Check, store and project one event (``at``: when, default now)."""
        event, new_state = append_event(
            conn,
            INCOMING,
            SqlAuthority(conn),
            acting=self.ws.acting,
            aggregate_id=incoming_id,
            type=kind,
            actor_nip=actor,
            device_id=self.ws.device_id,
            payload=payload,
            revision_hash="",
            at=iso(at or self.clock()),
            today=self.today(),
        )
        log.info("incoming %s: %s by %s (seq %d)", incoming_id, kind, actor, event.letter_seq)
        return new_state


def _load(conn: sqlite3.Connection, incoming_id: str) -> IncomingState | None:
    row = conn.execute(
        "SELECT state_json FROM incoming WHERE incoming_id = ?", (incoming_id,)
    ).fetchone()
    return incoming_from_json(row[0]) if row else None


def _project(conn: sqlite3.Connection, event: Event, s: IncomingState, created: bool) -> None:
    row = incoming_row(s)
    if created:
        conn.execute(
            f"INSERT INTO incoming ({', '.join(INCOMING_COLUMNS)}) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            row,
        )
    else:
        conn.execute(
            "UPDATE incoming SET unit_id=?, pimpinan_jabatan=?, agenda=?, asal=?, nomor=?, "
            "tanggal=?, hal=?, sifat=?, urgensi=?, kka=?, diterima=?, blob_sha256=?, "
            "copy_only=?, status=?, updated_at=?, state_json=? WHERE incoming_id=?",
            row[:-1],
        )
    conn.execute("DELETE FROM disposisi WHERE incoming_id = ?", (s.incoming_id,))
    conn.executemany(
        f"INSERT INTO disposisi ({', '.join(DISPOSISI_COLUMNS)}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        disposition_rows(s),
    )


INCOMING_COLUMNS = (
    "unit_id",
    "pimpinan_jabatan",
    "agenda",
    "asal",
    "nomor",
    "tanggal",
    "hal",
    "sifat",
    "urgensi",
    "kka",
    "diterima",
    "blob_sha256",
    "copy_only",
    "status",
    "updated_at",
    "state_json",
    "incoming_id",
    "duplicate_ok",
)
"""The columns of an incoming letter's ``incoming`` row, in :func:`incoming_row`'s order."""

DISPOSISI_COLUMNS = (
    "disposisi_id",
    "incoming_id",
    "parent_id",
    "giver_jabatan",
    "recipient_jabatan",
    "recipient_unit",
    "leading",
    "urgensi",
    "given_at",
    "due_at",
    "status",
    "completed_at",
)
"""The columns of the ``disposisi`` rows, in :func:`disposition_rows`'s order."""


def incoming_row(s: IncomingState) -> tuple[Any, ...]:
    """The ``incoming`` row of a state (``duplicate_ok`` last: written once, never updated).

    The projection writes it and ``tnde workspace check`` compares the stored row with it.
    """
    m = s.meta
    return (
        s.unit_id,
        s.pimpinan_jabatan,
        s.agenda,
        m["asal"],
        m["nomor"],
        m["tanggal"],
        m["hal"],
        m["sifat"],
        m["urgensi"],
        m.get("kka", ""),
        m["diterima"],
        s.blob or None,
        int(s.copy_only),
        s.status,
        s.updated_at,
        incoming_to_json(s),
        s.incoming_id,
        int(s.duplicate_confirmed),
    )


def disposition_rows(s: IncomingState) -> list[tuple[Any, ...]]:
    """The ``disposisi`` rows of a state, one per recipient of each disposition."""
    return [
        (
            d.disposisi_id,
            s.incoming_id,
            d.parent_id or None,
            d.giver_jabatan,
            d.recipient_jabatan,
            d.recipient_unit,
            int(d.leading),
            s.meta["urgensi"],
            d.given_at,
            d.due_at,
            d.status.value,
            d.completed_at or None,
        )
        for d in s.dispositions
    ]


#: Incoming letters with their dispositions as an aggregate of the event log.
INCOMING: Aggregate[IncomingState] = Aggregate(
    kind="incoming", load=_load, check=check, apply=apply, project=_project
)


def _clean_meta(meta: dict[str, Any], today: dt.date) -> dict[str, str]:
    """Check the registration metadata; dates as ISO strings."""

    unknown = sorted(set(meta) - set(REQUIRED_META) - set(OPTIONAL_META))
    if unknown:
        raise WorkflowRefused("IN-META", _("unknown field {unknown!r}", unknown=unknown[0]))
    clean: dict[str, str] = {}
    for key in REQUIRED_META:
        if not str(meta.get(key, "")).strip():
            raise WorkflowRefused("IN-META", _("{key} is required", key=key))
    for key in (*REQUIRED_META, *OPTIONAL_META):
        value = meta.get(key, "")
        if isinstance(value, dt.date):
            value = value.isoformat()
        code = control_character(str(value))
        if code:
            raise WorkflowRefused(
                "IN-META",
                _(
                    "{key} holds a control character ({code}); type it again as plain text",
                    key=key,
                    code=code,
                ),
            )
        clean[key] = " ".join(str(value).split())
    for key in ("tanggal", "diterima"):
        if clean[key]:
            try:
                clean[key] = parse_tanggal(clean[key]).isoformat()
            except Exception:  # noqa: BLE001 - ValidationError: re-raised with the field name
                raise WorkflowRefused(
                    "IN-META", _("{key}: {value!r} is not a date", key=key, value=clean[key])
                ) from None
    clean["diterima"] = clean["diterima"] or today.isoformat()
    if clean["sifat"] and clean["sifat"] not in SIFAT and (split := split_sifat(clean["sifat"])):
        # "Sifat: Segera" (or Penting, Sangat Segera…) on older letters is an urgency: the
        # register keeps it as one, with the security class the line names (else Biasa).
        clean["sifat"] = split[0]
        clean["urgensi"] = more_urgent(clean["urgensi"], split[1])
    clean["sifat"] = clean["sifat"] or "Biasa"
    clean["urgensi"] = clean["urgensi"] or "Biasa"
    if clean["sifat"] not in SIFAT:
        raise WorkflowRefused(
            "IN-META",
            _("sifat {value!r}: choose {choices}", value=clean["sifat"], choices=", ".join(SIFAT)),
        )
    if clean["urgensi"] not in URGENSI:
        raise WorkflowRefused(
            "IN-META",
            _(
                "urgensi {value!r}: choose {choices}",
                value=clean["urgensi"],
                choices=", ".join(URGENSI),
            ),
        )
    return clean


def refuse_duplicate(
    conn: sqlite3.Connection, unit_id: str, sha: str, asal: str, nomor: str
) -> None:
    """The same file, or the same sender and number, already registered by this unit."""
    # Two index look-ups rather than one OR, which would scan the unit's whole register.
    row = conn.execute(
        "SELECT agenda, incoming_id FROM ("
        " SELECT agenda, incoming_id FROM incoming"
        "  WHERE ?1 != '' AND blob_sha256 = ?1 AND +unit_id = ?2"
        " UNION ALL SELECT agenda, incoming_id FROM incoming"
        "  WHERE unit_id = ?2 AND lower(asal) = lower(?3) AND lower(nomor) = lower(?4)"
        ") LIMIT 1",
        (sha, unit_id, asal, nomor),
    ).fetchone()
    if row is not None:
        raise WorkflowRefused(
            "IN-DUPLICATE",
            _(
                "this letter seems to be registered already, with agenda number {agenda} "
                "({date}); confirm if it really must be registered again",
                agenda=row[0],
                date=row[1],
            ),
        )


def _head_of(conn: sqlite3.Connection, unit_id: str) -> str:
    row = conn.execute(
        "SELECT jabatan_id FROM jabatan WHERE unit_id = ? AND heads_unit = 1", (unit_id,)
    ).fetchone()
    if row is None:
        raise WorkflowRefused(
            "IN-NO-PIMPINAN", _("unit {unit_id!r} has no head in the org chart", unit_id=unit_id)
        )
    return str(row[0])


def _instructions(ws: Workspace) -> tuple[str, ...]:
    """The office's disposition instructions (its profile's list, or the standard one)."""

    return (
        load_profile(ws.config.profile_id).instructions
        if ws.config.profile_id
        else DEFAULT_INSTRUCTIONS
    )


def _holidays(ws: Workspace) -> frozenset[dt.date]:
    return load_profile(ws.config.profile_id).holidays if ws.config.profile_id else frozenset()


def _verify(ws: Workspace, pdf: bytes) -> tuple[str, str]:
    """The signature verdict of a received PDF, offline, against the workspace's trust store.

    Returns:
        (``VALID``/``INVALID``/``INDETERMINATE``/``unsigned``, who signed or why not).
    """

    roots, policy = verify.workspace_trust(ws.path, demo=ws.config.demo)
    report = verify.verify_pdf(pdf, trust_roots=roots, policy=policy)
    signatures = [s for s in report.signatures if s.kind == "signature"]
    if not signatures:
        return "unsigned", "tidak bertanda tangan elektronik"
    if report.reasons:
        return report.verdict.value, "; ".join(report.reasons[:2])
    names = ", ".join(s.signer.nama for s in signatures if s.signer is not None)
    return report.verdict.value, f"ditandatangani oleh {names}"
