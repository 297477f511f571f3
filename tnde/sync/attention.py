"""What waits for the user's decision: the window's "Perlu perhatian" (needs attention).

Two things a desk cannot settle by itself:

- **a refused action**: the archive refused an action of this desk, or the desk's merge
  found that the rules refuse it now, after what another desk did first (``sync_rejection``,
  sources ``archive`` and ``merge``; ``parked`` actions are not refusals, they wait to be
  sent again after a restore);
- **a draft edited at two desks**: the konseptor's letter has a text from another of their
  computers beside its head (a branch), and cannot be submitted until they choose.

Each item says what the user had done and why it did not go through, in words a civil
servant reads without the rule book: where the workspace knows what happened instead (a
colleague approved the same step first), it names who did it and when, in the office's
time; otherwise it gives the refusal's own message. The rule id stays a field, out of the
text. :func:`attention` only reads; the window acts through :func:`discard`,
:meth:`tnde.workflow.Letters.resolve_branches` and the letter's usual actions.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tnde.formatting import format_tanggal
from tnde.messages import _
from tnde.org import workspace_org
from tnde.sync.merge import aggregate_of
from tnde.sync.reasons import Happened, action_name, decisive, fallback_reason, what_happened
from tnde.sync.status import dismiss_rejection
from tnde.workflow import LetterStatus, office_zone
from tnde.workflow.codec import state_from_json

if TYPE_CHECKING:
    import sqlite3
    from zoneinfo import ZoneInfo

    from tnde.workspace import Workspace

__all__ = ["CHOICES", "AttentionItem", "attention", "discard"]

CHOICES = ("discard", "open", "copy_note", "merge")
"""What the window may offer for an item: let a refused action go, open its letter, copy
the note the user wrote into a new action, choose between or merge a draft's texts."""

_EDITABLE = (
    LetterStatus.KONSEP,
    LetterStatus.DIKEMBALIKAN,
    LetterStatus.DIAJUKAN,
    LetterStatus.SIAP_TANDATANGAN,
)
"""A branch asks for a decision only while the konseptor can still revise the draft."""


@dataclass(frozen=True)
class AttentionItem:
    """One thing that waits for the user's decision."""

    kind: str
    """``refused`` (an action of this desk that did not go through) or ``branch`` (a draft
    edited at two desks)."""
    event_id: str
    """The refused action ("" for a branch): what :func:`discard` takes."""
    letter_id: str
    letter_kind: str
    """``letter`` (outgoing) or ``incoming``: which screen opens it."""
    hal: str
    nomor: str
    """The letter's number, or the incoming letter's own number ("" while it has none)."""
    action: str
    """What the user had done, in plain words ("Persetujuan", "Disposisi"…)."""
    reason: str
    """Why it waits: what happened instead, by whom and when, where the desk knows it."""
    rule: str
    """The rule that refused it (``WF-BRANCH-OPEN`` for a branch), for programs and logs."""
    refused_at: str
    """When this desk learnt of the refusal (ISO 8601, UTC; "" for a branch)."""
    note: str
    """The text the user wrote in the refused action (a note, an instruction), to copy."""
    choices: tuple[str, ...]
    """Which of :data:`CHOICES` apply, in that order."""


def attention(ws: Workspace, nip: str, *, now: dt.datetime | None = None) -> list[AttentionItem]:
    """Everything that waits for ``nip``'s decision at this desk: refused actions, oldest
    first, then the drafts of ``nip`` edited at two desks.

    Args:
        now: the moment the times are told against (a time of today shows without its
            date); the clock by default.
    """
    conn = ws.thread_connection()
    zone = office_zone(ws)
    moment = now or dt.datetime.now(dt.UTC)
    words = _Words(ws, nip, zone, moment.astimezone(zone).date())
    rows = conn.execute(
        "SELECT event_id, letter_id, type, body, rule, message, source, rejected_at "
        "FROM sync_rejection WHERE resolved_at IS NULL AND source != 'parked' "
        "ORDER BY rejected_at, event_id"
    ).fetchall()
    items = [_refused(conn, words, row) for row in rows]
    items.extend(_branches(conn, words, nip))
    return items


def discard(ws: Workspace, event_id: str) -> None:
    """Let go of a refused action once the user has read it (it stays on record).

    Raises:
        SyncError: no refused action of this desk waits with that id.
    """
    dismiss_rejection(ws, event_id)


class _Words:
    """Names and times as the user reads them; the org chart is read once, when needed."""

    def __init__(self, ws: Workspace, nip: str, zone: ZoneInfo, today: dt.date) -> None:
        self.ws = ws
        self.nip = nip
        self.zone = zone
        self.today = today
        self.device_id = ws.device_id
        self._names: dict[str, str] | None = None

    def who(self, nip: str) -> str:
        """The person as the org chart names them; the user themself is "you" (their own
        other computer is the usual other desk of a draft, and of a step done twice)."""
        if nip == self.nip:
            return _("you")
        if self._names is None:
            chart = workspace_org(self.ws)
            self._names = {p.nip: p.nama for p in chart.pegawai}
        return self._names.get(nip) or _("another official")

    def when(self, timestamp: str) -> str:
        """``pukul 10:42`` today, ``pada 19 November 2026 pukul 10:42`` another day ("" when
        the time cannot be read)."""
        try:
            moment = dt.datetime.fromisoformat(timestamp)
        except ValueError:
            return ""
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        local = moment.astimezone(self.zone)
        time = local.strftime("%H:%M")
        if local.date() == self.today:
            return _("at {time}", time=time)
        return _("on {date} at {time}", date=format_tanggal(local.date()), time=time)


def _refused(conn: sqlite3.Connection, words: _Words, row: Any) -> AttentionItem:
    event_id, letter_id, type_, body, rule, message, source, rejected_at = row
    data = _body(body)
    found_payload = data.get("payload")
    payload: dict[str, Any] = found_payload if isinstance(found_payload, dict) else {}
    kind, hal, nomor, known = _letter_of(conn, str(letter_id), str(type_), payload)
    reason = ""
    happened = _after(conn, str(letter_id), int(data.get("base_seq") or 0), words.device_id)
    found = decisive(str(rule), str(type_), payload, happened)
    if found is not None:
        when = words.when(found.at)
        if when:
            reason = what_happened(found, str(type_), payload, words.who(found.actor), when)
    if not reason:
        reason = fallback_reason(str(rule), str(message), str(source))
    note = _note(str(type_), payload)
    choices = ["discard"]
    if known:
        choices.append("open")
    if note:
        choices.append("copy_note")
    return AttentionItem(
        kind="refused",
        event_id=str(event_id),
        letter_id=str(letter_id),
        letter_kind=kind,
        hal=hal,
        nomor=nomor,
        action=action_name(str(type_)),
        reason=reason,
        rule=str(rule),
        refused_at=str(rejected_at),
        note=note,
        choices=tuple(choices),
    )


def _branches(conn: sqlite3.Connection, words: _Words, nip: str) -> list[AttentionItem]:
    marks = ",".join("?" * len(_EDITABLE))
    rows = conn.execute(
        "SELECT state_json FROM letter WHERE konseptor_nip = ? "
        f"AND state IN ({marks}) AND json_array_length(state_json, '$.branches') > 0 "
        "ORDER BY updated_at, letter_id",
        (nip, *(s.value for s in _EDITABLE)),
    ).fetchall()
    items = []
    for (text,) in rows:
        state = state_from_json(str(text))
        branches = ",".join("?" * len(state.branches))
        latest = conn.execute(
            "SELECT actor_nip, client_time FROM event WHERE letter_id = ? "
            f"AND type = 'draft.revised' AND revision_hash IN ({branches}) "
            "ORDER BY letter_seq DESC LIMIT 1",
            (state.letter_id, *state.branches),
        ).fetchone()
        who = words.who(str(latest[0])) if latest else _("another official")
        when = words.when(str(latest[1])) if latest else ""
        if len(state.branches) == 1:
            reason = _(
                "The draft was also changed at another desk: {who} saved another text {when}. "
                "Keep one of the two texts or merge them; the letter can be submitted once "
                "this is settled.",
                who=who,
                when=when,
            )
        else:
            reason = _(
                "The draft was also changed at other desks: {count} other texts, the latest "
                "saved by {who} {when}. Keep one text or merge them; the letter can be "
                "submitted once this is settled.",
                count=len(state.branches),
                who=who,
                when=when,
            )
        items.append(
            AttentionItem(
                kind="branch",
                event_id="",
                letter_id=state.letter_id,
                letter_kind="letter",
                hal=state.hal,
                nomor=state.nomor,
                action=_("Changes to the draft at two desks"),
                # a time that cannot be read leaves no gap in the sentence
                reason=" ".join(reason.split()).replace(" .", "."),
                rule="WF-BRANCH-OPEN",
                refused_at="",
                note="",
                choices=("open", "merge"),
            )
        )
    return items


def _body(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _letter_of(
    conn: sqlite3.Connection, letter_id: str, type_: str, payload: dict[str, Any]
) -> tuple[str, str, str, bool]:
    """Which kind of letter it is, its hal and nomor, and whether this desk holds it."""
    row = conn.execute("SELECT hal, nomor FROM letter WHERE letter_id = ?", (letter_id,)).fetchone()
    if row is not None:
        return "letter", str(row[0]), str(row[1]), True
    row = conn.execute(
        "SELECT hal, nomor FROM incoming WHERE incoming_id = ?", (letter_id,)
    ).fetchone()
    if row is not None:
        return "incoming", str(row[0]), str(row[1]), True
    # a letter this desk made and the archive refused from its first event: its own text
    try:
        kind = aggregate_of(type_).kind
    except ValueError:
        kind = "letter"
    fields = payload.get("values") if kind == "letter" else payload.get("meta")
    fields = fields if isinstance(fields, dict) else {}
    hal = fields.get("hal") or fields.get("tentang") or ""
    return kind, str(hal), str(fields.get("nomor") or ""), False


def _after(
    conn: sqlite3.Connection, letter_id: str, base_seq: int, device_id: str
) -> list[Happened]:
    """What other desks did to the letter after the refused action's base, as the archive
    accepted it, oldest first."""
    rows = conn.execute(
        "SELECT type, actor_nip, payload, client_time FROM event WHERE letter_id = ? "
        "AND letter_seq > ? AND feed_seq IS NOT NULL AND device_id != ? ORDER BY letter_seq",
        (letter_id, base_seq, device_id),
    ).fetchall()
    return [Happened(str(t), str(actor), _body(str(p)), str(at)) for t, actor, p, at in rows]


def _note(type_: str, payload: dict[str, Any]) -> str:
    """The words the user wrote in the action: a note, a reason, a disposition's
    instructions and note."""
    if type_ == "disposition.given":
        instructions = payload.get("instructions") or []
        parts = ["; ".join(str(i) for i in instructions if str(i).strip()), payload.get("note")]
    else:
        parts = [payload.get("note"), payload.get("reason")]
    return "\n".join(str(p).strip() for p in parts if p and str(p).strip())
