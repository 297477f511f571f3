"""Screen words for the core's codes: letter and disposition states, task kinds, actions.

Evaluated when called, after the translator is installed. Domain terms that
are Indonesian data (jenis names, sifat, urgensi, disposition instructions) are shown as the
core gives them, in both languages.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication

from tnde.templates import load_all_templates

translate = QCoreApplication.translate

__all__ = [
    "disposition_status_label",
    "incoming_status_label",
    "jenis_label",
    "letter_status_label",
    "task_label",
]


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate knows
    """Marks ``source`` for lupdate (in ``context``); :func:`_label` translates it when asked."""
    return source


# The words of each code, extracted by lupdate and translated when a label is asked for.
_LETTER_STATUSES: dict[str, str] = {
    "konsep": QT_TRANSLATE_NOOP("Labels", "Draft"),
    "diajukan": QT_TRANSLATE_NOOP("Labels", "Under review"),
    "dikembalikan": QT_TRANSLATE_NOOP("Labels", "Returned"),
    "siap_tandatangan": QT_TRANSLATE_NOOP("Labels", "Ready to sign"),
    "dinomori": QT_TRANSLATE_NOOP("Labels", "Numbered"),
    "ditandatangani": QT_TRANSLATE_NOOP("Labels", "Signed"),
    "dikirim": QT_TRANSLATE_NOOP("Labels", "Sent"),
    "diarsipkan": QT_TRANSLATE_NOOP("Labels", "Archived"),
    "ditolak": QT_TRANSLATE_NOOP("Labels", "Rejected"),
    "dibatalkan": QT_TRANSLATE_NOOP("Labels", "Cancelled"),
}

_INCOMING_STATUSES: dict[str, str] = {
    "diregistrasi": QT_TRANSLATE_NOOP("Labels", "Registered"),
    "dibaca": QT_TRANSLATE_NOOP("Labels", "Read"),
    "didisposisi": QT_TRANSLATE_NOOP("Labels", "Disposed"),
    "selesai": QT_TRANSLATE_NOOP("Labels", "Completed"),
}

_DISPOSITION_STATUSES: dict[str, str] = {
    "terkirim": QT_TRANSLATE_NOOP("Labels", "Unread"),
    "dibaca": QT_TRANSLATE_NOOP("Labels", "Read"),
    "dalam_proses": QT_TRANSLATE_NOOP("Labels", "In progress"),
    "selesai": QT_TRANSLATE_NOOP("Labels", "Completed"),
    "dibatalkan": QT_TRANSLATE_NOOP("Labels", "Cancelled"),
}

_TASKS: dict[str, str] = {
    "periksa": QT_TRANSLATE_NOOP("Labels", "Review"),
    "paraf_koordinasi": QT_TRANSLATE_NOOP("Labels", "Coordination initial"),
    "tandatangan": QT_TRANSLATE_NOOP("Labels", "Signature"),
    "konsep": QT_TRANSLATE_NOOP("Labels", "Draft"),
    "revisi": QT_TRANSLATE_NOOP("Labels", "Revise"),
    "nomori": QT_TRANSLATE_NOOP("Labels", "Assign number"),
    "kirim": QT_TRANSLATE_NOOP("Labels", "Dispatch"),
    "arsipkan": QT_TRANSLATE_NOOP("Labels", "Archive"),
}

_EVENTS: dict[str, str] = {
    "letter.created": QT_TRANSLATE_NOOP("Labels", "Draft created"),
    "draft.revised": QT_TRANSLATE_NOOP("Labels", "Text revised"),
    "route.set": QT_TRANSLATE_NOOP("Labels", "Route set"),
    "recipients.set": QT_TRANSLATE_NOOP("Labels", "Recipients set"),
    "letter.submitted": QT_TRANSLATE_NOOP("Labels", "Submitted for review"),
    "review.approved": QT_TRANSLATE_NOOP("Labels", "Approved (paraf)"),
    "review.returned": QT_TRANSLATE_NOOP("Labels", "Returned for revision"),
    "review.rejected": QT_TRANSLATE_NOOP("Labels", "Rejected"),
    "letter.numbered": QT_TRANSLATE_NOOP("Labels", "Numbered"),
    "letter.signed": QT_TRANSLATE_NOOP("Labels", "Signed"),
    "letter.sent": QT_TRANSLATE_NOOP("Labels", "Dispatched"),
    "letter.read": QT_TRANSLATE_NOOP("Labels", "Read by recipient"),
    "letter.archived": QT_TRANSLATE_NOOP("Labels", "Archived"),
    "letter.cancelled": QT_TRANSLATE_NOOP("Labels", "Cancelled"),
    "incoming.registered": QT_TRANSLATE_NOOP("Labels", "Registered"),
    "incoming.read": QT_TRANSLATE_NOOP("Labels", "Read"),
    "disposition.given": QT_TRANSLATE_NOOP("Labels", "Disposed"),
    "disposition.read": QT_TRANSLATE_NOOP("Labels", "Disposition read"),
    "disposition.progress": QT_TRANSLATE_NOOP("Labels", "Progress reported"),
    "disposition.completed": QT_TRANSLATE_NOOP("Labels", "Completion reported"),
    "disposition.cancelled": QT_TRANSLATE_NOOP("Labels", "Disposition withdrawn"),
    "tembusan.read": QT_TRANSLATE_NOOP("Labels", "Copy read"),
}


def _label(table: dict[str, str], code: str) -> str:
    """``code``'s words from ``table``, translated now; an unknown code as it is."""
    source = table.get(code)
    return translate("Labels", source) if source is not None else code


def letter_status_label(status: str) -> str:
    """An outgoing letter's state (``dinomori`` → "Numbered")."""
    return _label(_LETTER_STATUSES, status)


def incoming_status_label(status: str) -> str:
    """An incoming letter's state."""
    return _label(_INCOMING_STATUSES, status)


def disposition_status_label(status: str) -> str:
    """A disposition's state."""
    return _label(_DISPOSITION_STATUSES, status)


def task_label(kind: str) -> str:
    """What a route step or task asks for."""
    return _label(_TASKS, kind)


@cache
def _jenis_names() -> dict[str, str]:
    return {t.jenis: t.nama for t in load_all_templates()}


def jenis_label(jenis: str) -> str:
    """The printed name of a jenis naskah (``surat_dinas`` → "Surat Dinas")."""
    return _jenis_names().get(jenis, jenis)


def jenis_choices() -> list[tuple[str, str]]:
    """(jenis id, name) of every template, by name."""
    return sorted(_jenis_names().items(), key=lambda item: item[1])


def event_label(kind: str) -> str:
    """What an event of a letter's history (or an incoming letter's) says happened."""
    return _label(_EVENTS, kind)
