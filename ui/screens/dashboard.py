"""Dasbor: what waits for the user, as cards that open their queue; and the counters the
side bar shows (one worker call reads them all)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tnde.workflow import Queue
from ui.icons import icon

if TYPE_CHECKING:
    from collections.abc import Callable

    from ui.services import Services

__all__ = ["Counts", "DashboardScreen", "load_counts"]


@dataclass(frozen=True)
class Counts:
    """The numbers the side bar and the dashboard show."""

    konsep: int = 0
    perlu_diperiksa: int = 0
    perlu_ditandatangani: int = 0
    siap_dikirim: int = 0
    masuk: int = 0
    """Incoming letters not yet read or not yet disposed."""
    disposisi: int = 0
    """Dispositions not yet finished."""
    terlambat: int = 0
    """Dispositions past their due time."""
    tembusan: int = 0
    """Copies not yet read."""
    masuk_belum_dibaca: int = 0
    disposisi_belum_dibaca: int = 0


def load_counts(services: Services) -> Counts:
    """Read every counter for the user (worker)."""

    today = services.today()
    c = services.tracking.person_counters(services.nip, today)
    return Counts(
        konsep=services.letters.count(Queue.KONSEP, services.nip, today=today),
        perlu_diperiksa=c.perlu_diperiksa,
        perlu_ditandatangani=c.perlu_ditandatangani,
        siap_dikirim=services.letters.count(Queue.SIAP_DIKIRIM, services.nip, today=today),
        masuk=c.masuk_belum_dibaca + c.masuk_belum_didisposisi,
        disposisi=c.disposisi_belum_dibaca + c.disposisi_belum_selesai,
        terlambat=c.terlambat,
        tembusan=c.tembusan_belum_dibaca,
        masuk_belum_dibaca=c.masuk_belum_dibaca,
        disposisi_belum_dibaca=c.disposisi_belum_dibaca,
    )


class _Card(QPushButton):
    """A big number with its label; clicking opens the queue."""

    def __init__(self, icon_name: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setIcon(icon(icon_name, accent=True))
        self.number = QLabel("–")
        self.number.setObjectName("card_number")
        self.label = QLabel(text)
        self.label.setObjectName("card_label")
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addWidget(self.number)
        layout.addWidget(self.label)
        self.setMinimumSize(200, 96)
        self.setAccessibleName(text)

    def set_count(self, n: int, *, alert: bool = False) -> None:
        self.number.setText(str(n))
        self.setProperty("alert", alert and n > 0)
        self.setProperty("idle", n == 0)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setAccessibleDescription(str(n))


class DashboardScreen(QWidget):
    """Greeting and cards of what waits."""

    sig_queue_requested = Signal(str)
    """A card was clicked (the queue key: str)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.greeting = QLabel()
        self.greeting.setObjectName("page_title")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("muted")
        self.subtitle.setWordWrap(True)
        specs: tuple[tuple[str, str, Callable[[], str]], ...] = (
            ("perlu_diperiksa", "review", lambda: self.tr("To review")),
            ("perlu_ditandatangani", "sign", lambda: self.tr("To sign")),
            ("konsep", "draft", lambda: self.tr("My drafts and returned drafts")),
            ("siap_dikirim", "stamp", lambda: self.tr("To number or dispatch")),
            ("masuk", "inbox", lambda: self.tr("Incoming letters to read or dispose")),
            ("disposisi", "disposition", lambda: self.tr("Dispositions to finish")),
            ("terlambat", "clock", lambda: self.tr("Overdue dispositions")),
            ("tembusan", "copy", lambda: self.tr("Copies not yet read")),
        )
        targets = {"terlambat": "disposisi", "masuk": "naskah_masuk"}
        self.cards: dict[str, _Card] = {}
        grid = QGridLayout()
        grid.setSpacing(14)
        for i, (key, icon_name, text) in enumerate(specs):
            card = _Card(icon_name, text())
            target = targets.get(key, key)
            card.clicked.connect(lambda _=False, k=target: self.sig_queue_requested.emit(k))
            self.cards[key] = card
            grid.addWidget(card, i // 4, i % 4)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(28, 24, 28, 24)
        column.setSpacing(6)
        column.addWidget(self.greeting)
        column.addWidget(self.subtitle)
        column.addSpacing(18)
        column.addLayout(grid)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.update_header()

    def update_header(self) -> None:
        """The greeting for the current user."""
        s = self.services
        if not s.nip and not s.is_demo:
            self.greeting.setText(self.tr("This workspace has no owner yet"))
            self.subtitle.setText(
                self.tr(
                    "Nothing can be done in it until the official who works at this computer "
                    "is chosen in Settings → Identity."
                )
            )
            return
        name = s.person_name(s.nip)
        jabatan = ", ".join(s.jabatan_name(j) for j in s.jabatan_of()) or self.tr("no position")
        self.greeting.setText(self.tr("Good day, %1").replace("%1", name))
        office = s.profile.nama if s.profile is not None else ""
        demo = self.tr(" · demo workspace") if s.is_demo else ""
        self.subtitle.setText(f"{jabatan}" + (f" · {office}" if office else "") + demo)

    def set_counts(self, counts: Counts) -> None:
        """Show ``counts`` on the cards."""
        for key, card in self.cards.items():
            card.set_count(getattr(counts, key), alert=key == "terlambat")
