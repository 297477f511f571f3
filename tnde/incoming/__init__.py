"""Incoming letters and their dispositions: registration in a unit's agenda, the lembar
disposisi, pre-filling from a PDF, and the dispatch of a signed letter into the registers of
the units it is sent to.

:class:`IncomingDesk` is the door: paged lists and counters, every action, each one event
in one transaction. :func:`check_incoming` and :func:`agenda_numbers` are the incoming letters'
part of the workspace check (:func:`tnde.integrity.check_integrity` runs them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnde.incoming.checks import agenda_numbers, check_incoming
from tnde.incoming.codec import incoming_to_json
from tnde.incoming.desk import (
    OPTIONAL_META,
    REQUIRED_META,
    IncomingDesk,
    Recipient,
    refuse_duplicate,
)
from tnde.incoming.dispatch import send_letter
from tnde.incoming.queries import (
    DISPOSITION_SORT_KEYS,
    INCOMING_SORT_KEYS,
    DispositionRow,
    IncomingAction,
    IncomingFilter,
    IncomingRow,
    allowed_incoming_actions,
)
from tnde.incoming.sheet import disposition_sheet
from tnde.incoming.sifat import SIFAT, URGENSI
from tnde.incoming.state import (
    OPEN_DISPOSITION,
    Disposition,
    DispositionStatus,
    IncomingEventType,
    IncomingState,
    derive_status,
)
from tnde.lazy import lazy_exports

if TYPE_CHECKING:
    from tnde.incoming.prefill import Prefill, pdf_text, prefill_from_pdf

__all__ = [
    "DISPOSITION_SORT_KEYS",
    "INCOMING_SORT_KEYS",
    "OPEN_DISPOSITION",
    "OPTIONAL_META",
    "REQUIRED_META",
    "SIFAT",
    "URGENSI",
    "Disposition",
    "DispositionRow",
    "DispositionStatus",
    "IncomingAction",
    "IncomingDesk",
    "IncomingEventType",
    "IncomingFilter",
    "IncomingRow",
    "IncomingState",
    "Prefill",
    "Recipient",
    "agenda_numbers",
    "allowed_incoming_actions",
    "check_incoming",
    "derive_status",
    "disposition_sheet",
    "incoming_to_json",
    "pdf_text",
    "prefill_from_pdf",
    "refuse_duplicate",
    "send_letter",
]

# Reading a letter's PDF for pre-fill loads on first use (see tnde.lazy).
__getattr__ = lazy_exports(
    __name__,
    {
        "Prefill": "tnde.incoming.prefill",
        "pdf_text": "tnde.incoming.prefill",
        "prefill_from_pdf": "tnde.incoming.prefill",
    },
)
