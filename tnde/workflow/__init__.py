"""Outgoing letters as events: the lifecycle, its rules, and the service that applies them.

:class:`Letters` is the door: paged queues and counters, the inbox, and every action from
the first draft to archiving, each one event in one transaction. The registry end
(numbering, read receipts, archiving, cancelling) takes the same service:
:func:`number_letter`, :func:`mark_read`, :func:`archive_letter`, :func:`cancel_letter`.
:func:`check_letters` and :func:`letter_numbers` are the letters' part of the workspace check
(:func:`tnde.integrity.check_integrity` runs them).
"""

from __future__ import annotations

from tnde.workflow.checks import check_letters, letter_numbers
from tnde.workflow.events import Event, EventType
from tnde.workflow.finishing import (
    archive_letter,
    cancel_letter,
    mark_read,
    number_letter,
    render_final,
)
from tnde.workflow.inputs import LetterInputs, letter_inputs
from tnde.workflow.letters import InboxItem, Letters, RouteRequest, office_zone
from tnde.workflow.paging import ListFilter
from tnde.workflow.preview import letter_pdf, wet_ink_pdf
from tnde.workflow.queries import (
    SORT_KEYS,
    Action,
    LetterFilter,
    LetterRow,
    Queue,
    allowed_actions,
)
from tnde.workflow.register_desk import RegisterDesk
from tnde.workflow.service import Clock, iso, utc_now
from tnde.workflow.state import LetterState, LetterStatus, Step, fold
from tnde.workflow.tasks import REGISTRY_KINDS
from tnde.workflow.versions import TextVersion

__all__ = [
    "REGISTRY_KINDS",
    "SORT_KEYS",
    "Action",
    "Clock",
    "Event",
    "EventType",
    "InboxItem",
    "LetterFilter",
    "LetterInputs",
    "LetterRow",
    "LetterState",
    "LetterStatus",
    "Letters",
    "ListFilter",
    "Queue",
    "RegisterDesk",
    "RouteRequest",
    "Step",
    "TextVersion",
    "allowed_actions",
    "archive_letter",
    "cancel_letter",
    "check_letters",
    "fold",
    "iso",
    "letter_inputs",
    "letter_numbers",
    "letter_pdf",
    "mark_read",
    "number_letter",
    "office_zone",
    "render_final",
    "utc_now",
    "wet_ink_pdf",
]
