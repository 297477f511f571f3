"""The letters of a signing batch as a table: a check box and the nomor, the hal,
the jenis, and a status column that says why the core refuses a letter, then how signing
went for it."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from ui.icons import icon
from ui.models.items import ItemsTableModel

if TYPE_CHECKING:
    from collections.abc import Sequence

_Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate

__all__ = ["BatchRole", "Outcome", "SignLettersModel", "SignRow"]


class BatchRole(enum.IntEnum):
    """Custom data roles of :class:`SignLettersModel`."""

    KEY = Qt.ItemDataRole.UserRole
    """The letter id (str)."""
    OUTCOME = Qt.ItemDataRole.UserRole + 1
    """The row's :class:`Outcome` value (str)."""


class Outcome(enum.StrEnum):
    """Where a letter of the batch stands."""

    READY = "ready"
    """May be signed (before signing)."""
    REFUSED = "refused"
    """The core refuses this signer's signature now; cannot be checked."""
    SIGNED = "signed"
    """Signed in this batch."""
    FAILED = "failed"
    """Signing was tried and failed."""
    SKIPPED = "skipped"
    """Not signed: unchecked by the signer, or the batch was cancelled before it."""


@dataclass(frozen=True)
class SignRow:
    """One letter of the batch."""

    letter_id: str
    nomor: str
    hal: str
    jenis: str
    outcome: Outcome = Outcome.READY
    reason: str = ""
    """Why it is refused or failed (a sentence for the screen)."""
    checked: bool = True


_TONES = {
    Outcome.SIGNED: "#1e7d3c",
    Outcome.FAILED: "#b3261e",
    Outcome.REFUSED: "#8a5a00",
    Outcome.SKIPPED: "#6b7686",
}
_ICONS = {
    Outcome.READY: "sign",
    Outcome.REFUSED: "cancel",
    Outcome.SIGNED: "complete",
    Outcome.FAILED: "alert",
    Outcome.SKIPPED: "clock",
}


class SignLettersModel(ItemsTableModel):
    """Rows of :class:`SignRow`; column 0 is checkable while the batch is being chosen."""

    sig_checked_changed = Signal()
    """The set of checked letters changed."""

    titles = (
        lambda: translate("SignLettersModel", "Number"),
        lambda: translate("SignLettersModel", "Subject"),
        lambda: translate("SignLettersModel", "Type"),
        lambda: translate("SignLettersModel", "Status"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[SignRow] = []
        self._finished = False

    # -- public API ---------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[SignRow]) -> None:
        """Show ``rows`` (refused rows are never checked)."""
        self.beginResetModel()
        self._items = [replace(r, checked=r.checked and r.outcome is Outcome.READY) for r in rows]
        self._finished = False
        self.endResetModel()
        self.sig_checked_changed.emit()

    def rows(self) -> list[SignRow]:
        """The rows, in order."""
        return list(self._items)

    def row(self, letter_id: str) -> SignRow | None:
        """The row of ``letter_id``."""
        return next((r for r in self._items if r.letter_id == letter_id), None)

    def checked(self) -> list[str]:
        """Ids of the letters to sign, in list order."""
        return [r.letter_id for r in self._items if r.checked and r.outcome is Outcome.READY]

    def set_checked(self, letter_id: str, on: bool) -> None:
        """Check or uncheck a signable letter."""
        for i, r in enumerate(self._items):
            if r.letter_id == letter_id:
                self.setData(
                    self.index(i, 0),
                    Qt.CheckState.Checked if on else Qt.CheckState.Unchecked,
                    Qt.ItemDataRole.CheckStateRole,
                )

    def set_outcomes(self, outcomes: dict[str, tuple[Outcome, str]]) -> None:
        """After signing: each letter's outcome and reason; check boxes go away."""
        self._finished = True
        self._items = [
            replace(r, outcome=outcomes[r.letter_id][0], reason=outcomes[r.letter_id][1])
            if r.letter_id in outcomes
            else r
            for r in self._items
        ]
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, 3))

    def counts(self) -> dict[Outcome, int]:
        """How many rows have each outcome."""
        out = dict.fromkeys(Outcome, 0)
        for r in self._items:
            out[r.outcome] += 1
        return out

    # -- Qt overrides -------------------------------------------------------------------------

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        r = self._items[index.row()]
        if r.outcome is Outcome.REFUSED:
            return Qt.ItemFlag.NoItemFlags  # shown disabled: the core refuses it
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and not self._finished:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r: SignRow | None = self._item(index)
        if r is None:
            return None
        column = index.column()
        if role == BatchRole.KEY:
            return r.letter_id
        if role == BatchRole.OUTCOME:
            return r.outcome.value
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.nomor, r.hal, r.jenis, self._status(r))[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._status(r) if column == 3 else (r.hal if column == 1 else None)
        if role == Qt.ItemDataRole.CheckStateRole and column == 0 and not self._finished:
            return Qt.CheckState.Checked if r.checked else Qt.CheckState.Unchecked
        left_out = r.outcome is Outcome.READY and not r.checked and not self._finished
        if role == Qt.ItemDataRole.DecorationRole and column == 3 and not left_out:
            return icon(_ICONS[r.outcome])
        if role == Qt.ItemDataRole.ForegroundRole and left_out:
            return QColor(_TONES[Outcome.SKIPPED])
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and r.outcome in _TONES:
            return QColor(_TONES[r.outcome])
        return None

    def setData(  # noqa: N802 - Qt's name
        self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if (
            not index.isValid()
            or index.column() != 0
            or role != Qt.ItemDataRole.CheckStateRole
            or self._finished
        ):
            return False
        r = self._items[index.row()]
        if r.outcome is not Outcome.READY:
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(value)
        self._items[index.row()] = replace(r, checked=state == Qt.CheckState.Checked)
        self.dataChanged.emit(index, self.index(index.row(), 3))
        self.sig_checked_changed.emit()
        return True

    # -- helpers ------------------------------------------------------------------------------

    def _status(self, r: SignRow) -> str:
        if r.outcome is Outcome.READY:
            if self._finished or r.checked:
                return translate("SignLettersModel", "Ready to sign")
            return translate("SignLettersModel", "Left out of this batch")
        if r.outcome is Outcome.SIGNED:
            return translate("SignLettersModel", "Signed")
        if r.outcome is Outcome.SKIPPED:
            return r.reason or translate("SignLettersModel", "Not signed")
        return r.reason
