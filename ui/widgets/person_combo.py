"""The demo's "acting as" box: the closed box shows the person's name, its list shows each
person with their jabatan.

"Siti Rahmawati, S.Sos., M.I.Kom. — Kepala Bidang Informasi dan Komunikasi Publik, Sekretaris
Dinas Komunikasi dan Informatika" does not fit a toolbar on a 1366-pixel screen; cut, it read
"Siti Rahmawati, S.Sos., M.I.Kom. — Kepala Bidang Informa…". The name alone fits, and the list
and the tooltip still say who holds what.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon, QPaintEvent

__all__ = ["NAME_ROLE", "PersonComboBox"]

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
"""The item's person name, what the closed box shows (the NIP is the item's UserRole)."""


class PersonComboBox(QComboBox):
    """A combo box of people: "name — jabatan" in the list, the name in the box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # as wide as the longest name (not the longest "name — jabatan"), see _fit_names
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.currentIndexChanged.connect(self._on_current_changed)

    # -- public API ---------------------------------------------------------------------------

    def add_person(self, item_icon: QIcon, name: str, held: str, nip: str) -> None:
        """Add ``name`` holding ``held`` (jabatan, comma-separated) as the item of ``nip``."""
        self.addItem(item_icon, f"{name} — {held}" if held else name, nip)
        self.setItemData(self.count() - 1, name, NAME_ROLE)
        self._fit_names()

    def shown_text(self) -> str:
        """What the closed box shows: the current person's name."""
        name = self.currentData(NAME_ROLE)
        return str(name) if name else self.currentText()

    # -- slots --------------------------------------------------------------------------------

    def _on_current_changed(self, _index: int) -> None:
        self.setToolTip(self.currentText())

    # -- Qt overrides -------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = self.shown_text()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    # -- private helpers ----------------------------------------------------------------------

    def _fit_names(self) -> None:
        """Wide enough for the longest name, with the icon and the arrow."""
        metrics = self.fontMetrics()
        widest = max(
            (
                metrics.horizontalAdvance(str(self.itemData(i, NAME_ROLE) or ""))
                for i in range(self.count())
            ),
            default=0,
        )
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        chrome = self.width() - field.width() if self.width() > field.width() else 40
        self.setMinimumWidth(widest + self.iconSize().width() + 8 + chrome)
