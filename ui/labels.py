"""Screen words for the core's codes: letter and disposition states, task kinds, actions.

Evaluated when called, after the translator is installed (STYLE.md 32). Domain terms that
are Indonesian data (jenis names, sifat, urgensi, disposition instructions) are shown as the
core gives them, in both languages.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate

__all__ = [
    "disposition_status_label",
    "incoming_status_label",
    "jenis_label",
    "letter_status_label",
    "task_label",
]


def letter_status_label(status: str) -> str:
    """An outgoing letter's state (``dinomori`` → "Numbered")."""
    labels = {
        "konsep": translate("Labels", "Draft"),
        "diajukan": translate("Labels", "Under review"),
        "dikembalikan": translate("Labels", "Returned"),
        "siap_tandatangan": translate("Labels", "Ready to sign"),
        "dinomori": translate("Labels", "Numbered"),
        "ditandatangani": translate("Labels", "Signed"),
        "dikirim": translate("Labels", "Sent"),
        "diarsipkan": translate("Labels", "Archived"),
        "ditolak": translate("Labels", "Rejected"),
        "dibatalkan": translate("Labels", "Cancelled"),
    }
    return labels.get(status, status)


def incoming_status_label(status: str) -> str:
    """An incoming letter's state."""
    labels = {
        "diregistrasi": translate("Labels", "Registered"),
        "dibaca": translate("Labels", "Read"),
        "didisposisi": translate("Labels", "Disposed"),
        "selesai": translate("Labels", "Completed"),
    }
    return labels.get(status, status)


def disposition_status_label(status: str) -> str:
    """A disposition's state."""
    labels = {
        "terkirim": translate("Labels", "Unread"),
        "dibaca": translate("Labels", "Read"),
        "dalam_proses": translate("Labels", "In progress"),
        "selesai": translate("Labels", "Completed"),
        "dibatalkan": translate("Labels", "Cancelled"),
    }
    return labels.get(status, status)


def task_label(kind: str) -> str:
    """What a route step or task asks for."""
    labels = {
        "periksa": translate("Labels", "Review"),
        "paraf_koordinasi": translate("Labels", "Coordination initial"),
        "tandatangan": translate("Labels", "Signature"),
        "konsep": translate("Labels", "Draft"),
        "revisi": translate("Labels", "Revise"),
        "nomori": translate("Labels", "Assign number"),
        "kirim": translate("Labels", "Dispatch"),
        "arsipkan": translate("Labels", "Archive"),
    }
    return labels.get(kind, kind)


@cache
def _jenis_names() -> dict[str, str]:
    from tnde.templates.loader import load_all_templates

    return {t.jenis: t.nama for t in load_all_templates()}


def jenis_label(jenis: str) -> str:
    """The printed name of a jenis naskah (``surat_dinas`` → "Surat Dinas")."""
    return _jenis_names().get(jenis, jenis)


def jenis_choices() -> list[tuple[str, str]]:
    """(jenis id, name) of every template, by name."""
    return sorted(_jenis_names().items(), key=lambda item: item[1])


def event_label(kind: str) -> str:
    """What an event of a letter's history (or an incoming letter's) says happened."""
    labels = {
        "letter.created": translate("Labels", "Draft created"),
        "draft.revised": translate("Labels", "Text revised"),
        "route.set": translate("Labels", "Route set"),
        "recipients.set": translate("Labels", "Recipients set"),
        "letter.submitted": translate("Labels", "Submitted for review"),
        "review.approved": translate("Labels", "Approved (paraf)"),
        "review.returned": translate("Labels", "Returned for revision"),
        "review.rejected": translate("Labels", "Rejected"),
        "letter.numbered": translate("Labels", "Numbered"),
        "letter.signed": translate("Labels", "Signed"),
        "letter.sent": translate("Labels", "Dispatched"),
        "letter.read": translate("Labels", "Read by recipient"),
        "letter.archived": translate("Labels", "Archived"),
        "letter.cancelled": translate("Labels", "Cancelled"),
        "incoming.registered": translate("Labels", "Registered"),
        "incoming.read": translate("Labels", "Read"),
        "disposition.given": translate("Labels", "Disposed"),
        "disposition.read": translate("Labels", "Disposition read"),
        "disposition.progress": translate("Labels", "Progress reported"),
        "disposition.completed": translate("Labels", "Completion reported"),
        "disposition.cancelled": translate("Labels", "Disposition withdrawn"),
        "tembusan.read": translate("Labels", "Copy read"),
    }
    return labels.get(kind, kind)
