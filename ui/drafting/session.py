"""The editor's calls to the core, run in workers: save a draft, submit it, open a letter.

A draft lives in the workspace as a letter in the ``konsep`` state, as the CLI makes it:
the first save is :meth:`Letters.create`, later ones :meth:`Letters.revise` (only when the
text changed) and :meth:`Letters.set_recipients` (only when the recipients changed).
``tnde.drafts`` is the file format of the CLI's draft files, not a store, so it is not used.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tnde.errors import WorkflowRefused
from tnde.workflow import LetterStatus

if TYPE_CHECKING:
    from tnde.workflow import LetterState
    from ui.services import Services

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DraftSnapshot:
    """Everything the editor saves, copied on the GUI thread before the worker runs."""

    jenis: str
    values: dict[str, Any]
    """Raw values, as a draft file holds them."""
    tujuan: list[dict[str, str]] = field(default_factory=list)
    tembusan: list[dict[str, str]] = field(default_factory=list)
    steps: list[dict[str, str]] = field(default_factory=list)
    """The planned route; stored while it can still change (konsep or returned)."""
    unit_id: str = ""
    edit_number: int = 0
    """The editor's edit counter when the snapshot was taken."""


@dataclass(frozen=True)
class SaveResult:
    """What a save did."""

    state: LetterState
    edit_number: int
    created: bool = False
    revised: bool = False


def profile_id(services: Services) -> str:
    """The office profile new letters use."""
    if services.profile is not None:
        return services.profile.id
    return services.workspace.config.profile_id


def _same(values: dict[str, Any], stored: dict[str, Any]) -> bool:
    return bool(json.loads(json.dumps(values)) == stored)


def _recipients_of(state: LetterState) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {"tujuan": [], "tembusan": []}
    for r in state.recipients:
        entry = {"text": r.text}
        if r.jabatan_id:
            entry["jabatan_id"] = r.jabatan_id
        if r.email:
            entry["email"] = r.email
        out.setdefault(r.role, []).append(entry)
    return out["tujuan"], out["tembusan"]


def save_draft(services: Services, letter_id: str | None, snap: DraftSnapshot) -> SaveResult:
    """Create the konsep or store a new revision of it (worker).

    Raises:
        WorkflowRefused: the letter may not be edited (for example already signed), or the
            konseptor has no unit.
    """
    letters = services.letters
    if letter_id is None:
        unit = snap.unit_id or services.unit_id()
        if not unit:
            raise WorkflowRefused("WF-UNIT", "pengguna tidak memegang jabatan di unit mana pun")
        state = letters.create(
            services.nip,
            jenis=snap.jenis,
            values=snap.values,
            unit_id=unit,
            profile_id=profile_id(services),
            tujuan=snap.tujuan or None,
            tembusan=snap.tembusan or None,
        )
        log.info("draft created: %s", state.letter_id)
        state = _store_route(services, state, snap.steps)
        return SaveResult(state, snap.edit_number, created=True)
    state = letters.get(letter_id)
    revised = False
    if not _same(snap.values, state.head_values):
        state = letters.revise(services.nip, letter_id, snap.values)
        revised = True
    if snap.tujuan and (snap.tujuan, snap.tembusan) != _recipients_of(state):
        state = letters.set_recipients(
            services.nip, letter_id, tujuan=snap.tujuan, tembusan=snap.tembusan
        )
    return SaveResult(_store_route(services, state, snap.steps), snap.edit_number, revised=revised)


def _store_route(
    services: Services, state: LetterState, steps: list[dict[str, str]]
) -> LetterState:
    """Set the planned route when it differs from the stored one and may still change."""

    editable = state.status in (LetterStatus.KONSEP, LetterStatus.DIKEMBALIKAN)
    current = [{"kind": s.kind, "jabatan_id": s.jabatan_id} for s in state.route]
    if not editable or not steps or steps[-1]["kind"] != "tandatangan" or steps == current:
        return state
    return services.letters.set_route(services.nip, state.letter_id, steps)


def submit_draft(services: Services, letter_id: str | None, snap: DraftSnapshot) -> LetterState:
    """Save the draft with its route and send the konsep up the route (worker)."""
    saved = save_draft(services, letter_id, snap).state
    return services.letters.submit(services.nip, saved.letter_id)


def open_letter(services: Services, letter_id: str) -> LetterState:
    """The letter's state (worker)."""
    return services.letters.get(letter_id)
