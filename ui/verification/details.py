"""The details of one verified file: its verdict and reasons, what the workspace's records say
about it, and a card per signature (signer, NIK masked, NIP, jabatan, times, level, coverage
and later changes, certification, revocation, reasons).

The NIK is masked on screen as in the printed report (``3201********0001``): personal data.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tnde.errors import ValidationError
from tnde.formatting import format_nip, format_tanggal
from ui.verification.models import VerdictBadge

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable
    from zoneinfo import ZoneInfo

    from tnde.verify import FileReport, SignatureReport

translate = QCoreApplication.translate

__all__ = ["FileDetails", "mask_nik"]


def mask_nik(nik: str) -> str:
    """``3201********0001``: the first and last four digits only."""
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:] if len(nik) > 8 else nik


def _coverage(code: str | None) -> str:
    texts = {
        "ENTIRE_FILE": translate("FileDetails", "the whole file"),
        "ENTIRE_REVISION": translate(
            "FileDetails", "the whole signed revision (the file was updated after it)"
        ),
        "CONTIGUOUS_BLOCK_FROM_START": translate(
            "FileDetails", "part of the file only (not up to the end of the revision)"
        ),
        "UNCLEAR": translate("FileDetails", "unclear"),
    }
    return texts.get(code or "", code or "–")


def _revocation(code: str) -> str:
    texts = {
        "good": translate("FileDetails", "not revoked"),
        "revoked": translate("FileDetails", "REVOKED"),
        "unknown": translate("FileDetails", "cannot be established"),
        "not_checked": translate("FileDetails", "not checked"),
    }
    return texts.get(code, code)


class FileDetails(QScrollArea):
    """Shows one :class:`tnde.verify.FileReport` (or an invitation to pick one)."""

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.report: FileReport | None = None
        self.setObjectName("verify_details")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(self.tr("Verification details"))
        self._content = QWidget()
        self._content.setObjectName("verify_details_content")
        self._layout = QVBoxLayout(self._content)
        self._layout.setContentsMargins(16, 14, 16, 16)
        self._layout.setSpacing(10)
        self.setWidget(self._content)
        self.show_report(None)

    # -- public API ---------------------------------------------------------------------------

    def show_report(self, report: FileReport | None) -> None:
        """Show ``report`` (None: a hint to choose a file)."""
        self.report = report
        self._clear()
        if report is None:
            hint = QLabel(self.tr("Choose a file to see its signatures."))
            hint.setObjectName("empty_state")
            hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._layout.addWidget(hint)
            self._layout.addStretch(1)
            return
        self._layout.addLayout(self._header(report))
        if report.reasons:
            self._layout.addWidget(_card(self.tr("Why"), [_bullets(report.reasons)], tone="bad"))
        if report.notes:
            self._layout.addWidget(_card(self.tr("Notes"), [_bullets(report.notes)]))
        if report.records is not None:
            lines = [
                f"<span style='color:#a61b1b'>{escape(r)}</span>"
                if r.startswith("TIDAK COCOK")
                else escape(r)
                for r in report.records
            ]
            self._layout.addWidget(
                _card(self.tr("Workspace records"), ["<br/>".join(f"• {x}" for x in lines)])
            )
        for sig in report.signatures:
            self._layout.addWidget(self._signature_card(sig))
        if not report.signatures and report.error is None:
            self._layout.addWidget(_card("", [escape(self.tr("The file has no signature."))]))
        self._layout.addStretch(1)

    def signer_names(self) -> list[str]:
        """Names of the signers shown (tests read them)."""
        if self.report is None:
            return []
        return [s.signer.nama for s in self.report.signatures if s.signer is not None]

    # -- helpers ------------------------------------------------------------------------------

    def _header(self, report: FileReport) -> QVBoxLayout:
        name = QLabel(Path(report.path).name)
        name.setObjectName("detail_title")
        name.setWordWrap(True)
        name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        badge = VerdictBadge(large=True)
        badge.set_verdict(report.verdict)
        top = QHBoxLayout()
        top.addWidget(name, 1)
        top.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        facts = []
        if report.size:
            facts.append(self.tr("%1 KB").replace("%1", f"{report.size / 1024:,.0f}"))
        if report.revisions:
            facts.append(self.tr("%n revision(s)", "", report.revisions))
        if report.unsigned_fields:
            facts.append(self.tr("%n empty signature field(s)", "", len(report.unsigned_fields)))
        meta = QLabel(" · ".join(facts))
        meta.setObjectName("muted")
        digest = QLabel(f"SHA-256 {report.sha256}" if report.sha256 else report.error or "")
        digest.setObjectName("muted")
        digest.setWordWrap(True)
        digest.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addLayout(top)
        box.addWidget(meta)
        box.addWidget(digest)
        return box

    def _signature_card(self, sig: SignatureReport) -> _Card:
        if sig.kind == "signature":
            title = self.tr("Signature #%1 · field %2").replace("%1", str(sig.index))
            title = title.replace("%2", sig.field)
        else:
            title = self.tr("Document timestamp #%1").replace("%1", str(sig.index))
        rows: list[tuple[str, str]] = []
        who = sig.signer
        if who is not None:
            rows.append((self.tr("Signer"), f"<b>{escape(who.nama or '–')}</b>"))
            if who.nik:
                rows.append(("NIK", escape(mask_nik(who.nik))))
            if who.nip:
                rows.append(("NIP", escape(_nip(who.nip))))
            if who.jabatan:
                rows.append((self.tr("Position"), escape(who.jabatan)))
            unit = ", ".join(p for p in (who.unit, who.organisasi) if p)
            if unit:
                rows.append((self.tr("Unit"), escape(unit)))
            issuer = ", ".join(p for p in (who.issuer_cn, who.issuer_org) if p)
            valid = self.tr("valid %1 to %2")
            valid = valid.replace("%1", self._when(who.not_before))
            valid = valid.replace("%2", self._when(who.not_after))
            demo = " <b>(DEMO)</b>" if who.is_demo else ""
            rows.append((self.tr("Certificate"), f"{escape(issuer)}{demo}<br/>{valid}"))
        if sig.timestamp is not None:
            ts = sig.timestamp
            text = self.tr("%1 by %2").replace("%1", self._when(ts.time))
            text = escape(text.replace("%2", ts.tsa))
            if not (ts.trusted and ts.intact):
                text += f" <b>({escape(self.tr('not trusted'))})</b>"
            rows.append((self.tr("Timestamp"), text))
        if sig.claimed_time is not None:
            claimed = self.tr("%1 (the signer's own claim, not proof)")
            rows.append(
                (
                    self.tr("Claimed time"),
                    escape(claimed.replace("%1", self._when(sig.claimed_time))),
                )
            )
        if sig.kind == "signature":
            kind = (
                self.tr("certification (DocMDP P=%1)").replace("%1", str(sig.certification))
                if sig.certification is not None
                else self.tr("approval")
            )
            if sig.field_lock:
                kind += f"; {sig.field_lock}"
            rows.append((self.tr("Type"), escape(kind)))
            rows.append((self.tr("Level"), escape(f"PAdES {sig.pades_level or '–'}")))
            revocation = _revocation(sig.revocation)
            if sig.revocation_source:
                revocation += " " + self.tr("(data: %1)").replace("%1", sig.revocation_source)
            text = escape(revocation)
            if sig.revocation_evidence:
                text += "<br/>" + _bullets(sig.revocation_evidence)
            rows.append((self.tr("Revocation"), text))
        coverage = self.tr("revision %1: %2").replace("%1", str(sig.revision + 1))
        rows.append((self.tr("Coverage"), escape(coverage.replace("%2", _coverage(sig.coverage)))))
        later = [*sig.notes, *sig.changes]
        if later:
            rows.append((self.tr("Changes after"), _bullets(later)))
        if sig.reasons:
            rows.append(
                (self.tr("Reasons"), f"<span style='color:#a61b1b'>{_bullets(sig.reasons)}</span>")
            )
        card = _card(title, [], rows=rows)
        badge = VerdictBadge()
        badge.set_verdict(sig.verdict)
        card.head.addWidget(badge)
        return card

    def _when(self, moment: dt.datetime) -> str:
        local = moment.astimezone(self.zone)
        return f"{format_tanggal(local.date())} {local:%H.%M.%S} {local.tzname() or ''}".strip()

    def _clear(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item is None:
                continue
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
            elif item.layout() is not None:
                _drop_layout(item.layout())


def _drop_layout(layout: object) -> None:
    from PySide6.QtWidgets import QLayout

    if not isinstance(layout, QLayout):
        return
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            continue
        widget = item.widget()
        if widget is not None:
            widget.deleteLater()
        elif item.layout() is not None:
            _drop_layout(item.layout())
    layout.deleteLater()


class _Card(QFrame):
    """A white card with a title row (:attr:`head`) and paragraphs or label/value rows."""

    def __init__(self) -> None:
        super().__init__()
        self.head = QHBoxLayout()


def _card(
    title: str, paragraphs: list[str], *, rows: list[tuple[str, str]] | None = None, tone: str = ""
) -> _Card:
    card = _Card()
    card.setObjectName("verify_card")
    if tone:
        card.setProperty("tone", tone)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(12, 10, 12, 10)
    layout.setSpacing(6)
    head = card.head
    heading = QLabel(title)
    heading.setObjectName("card_title")
    head.addWidget(heading, 1)
    layout.addLayout(head)
    for text in paragraphs:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(label)
    if rows:
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        for i, (label_text, value) in enumerate(rows):
            label = QLabel(label_text)
            label.setObjectName("fact_label")
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setTextFormat(Qt.TextFormat.RichText)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(label, i, 0)
            grid.addWidget(shown, i, 1)
        layout.addLayout(grid)
    return card


def _bullets(items: Iterable[str]) -> str:
    return "<br/>".join(f"• {escape(str(item))}" for item in items)


def _nip(nip: str) -> str:
    try:
        return format_nip(nip)
    except ValidationError:
        return nip
