"""A draft edited at two desks: its texts side by side, and the konseptor's choice.

When the konseptor changes a draft at one computer while another of theirs (an office PC and
a laptop) changes the same earlier text offline, the archive accepts both: the later one
becomes a *branch* of the letter (:attr:`~tnde.workflow.state.LetterState.branches`) and
submitting waits (``WF-BRANCH-OPEN``) until the konseptor settles which text goes on.

Settling is one ``draft.revised`` event on the head that names every open branch in
``merges``. Its text is either one of the texts as it is (the head's, "keep mine", or a
branch's, "take the other one") or a new text written from both. The rules accept a merge
whose text is the head's or one of the branches it names, although any other revision
equal to an existing text is refused as ``WF-NO-CHANGE``: a choice between texts is a
decision worth recording, and one event that says so is clearer in the history than a
detour through a text nobody wanted. Keeping the head text changes nothing else: the
approvals given to that text still name it (:func:`tnde.workflow.state.apply`).

The functions here are pure; :class:`~tnde.workflow.letters.Letters` reads the events and
stores the event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tnde.errors import WorkflowRefused
from tnde.messages import _
from tnde.workflow.events import EventType

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from tnde.workflow.events import Event
    from tnde.workflow.state import LetterState

__all__ = ["TextVersion", "resolution_payload", "text_versions"]

_TEXT_EVENTS = (EventType.CREATED, EventType.REVISED)


@dataclass(frozen=True)
class TextVersion:
    """One text of a draft: the head, or a branch made at another desk."""

    revision_hash: str
    values: dict[str, Any]
    """The text's fields, as the template names them (``hal``, ``isi``…)."""
    actor_nip: str
    """Who wrote it (for a branch: the konseptor at their other computer, as a rule)."""
    actor_name: str
    """Their name as the org chart prints it ("" when the chart does not list them)."""
    made_at: str
    """When the desk that wrote it says it did (ISO 8601, UTC): for showing, not ordering."""
    device_id: str
    """The computer it was written on."""
    is_head: bool
    """The letter's current text; the others are its open branches."""


def text_versions(
    state: LetterState, events: Sequence[Event], name_of: Callable[[str], str]
) -> list[TextVersion]:
    """The head text of ``state`` and each open branch, head first.

    Args:
        events: the letter's log, oldest first (each text is told by the last event that
            carried it: for the head, the one that made it the head).
        name_of: a person's name by NIP.
    """
    last: dict[str, Event] = {}
    for event in events:
        if event.type in _TEXT_EVENTS:
            last[event.revision_hash] = event
    versions = []
    for revision in (state.head_revision, *state.branches):
        made = last.get(revision)
        if made is None:  # a log that lost the event: show the text the state holds
            values = dict(state.head_values) if revision == state.head_revision else {}
            actor = device = at = ""
        else:
            values = dict(made.payload.get("values") or {})
            actor, device, at = made.actor_nip, made.device_id, made.client_time
        versions.append(
            TextVersion(
                revision_hash=revision,
                values=values,
                actor_nip=actor,
                actor_name=name_of(actor) if actor else "",
                made_at=at,
                device_id=device,
                is_head=revision == state.head_revision,
            )
        )
    return versions


def resolution_payload(state: LetterState, values: dict[str, Any]) -> dict[str, Any]:
    """The payload of the ``draft.revised`` event that settles every open branch of
    ``state`` with ``values`` as the text that goes on (see the module's docstring).

    Raises:
        WorkflowRefused: ``WF-NO-BRANCH``, the draft has no other text to choose from.
    """
    if not state.branches:
        raise WorkflowRefused(
            "WF-NO-BRANCH", _("the draft has no text from another desk to choose from")
        )
    return {
        "values": values,
        "parent_revision": state.head_revision,
        "merges": list(state.branches),
    }
