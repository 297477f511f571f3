"""A draft edited at two desks, both texts side by side: the konseptor keeps one of them, and
may then edit it to take in what the other one had (a merge). The fields that differ are
marked in both columns. Settling goes through the core
(:meth:`tnde.workflow.Letters.resolve_branches`); nothing is lost: every text stays in the
letter's history."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.errors import show_failure
from ui.models.letter_list import format_when
from ui.workers import Op, QueryOp

if TYPE_CHECKING:
    from tnde.workflow.versions import TextVersion
    from ui.services import Services

__all__ = ["BranchDialog", "describe_text"]


def _plain(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, indent=1)


def describe_text(values: dict[str, Any], differing: set[str]) -> str:
    """A text's fields one under the other; a field that differs from the other text is
    marked with ``≠``."""
    lines = []
    for key, value in values.items():
        mark = "≠ " if key in differing else "   "
        lines.append(f"{mark}{key}:")
        lines += [f"      {line}" for line in _plain(value).splitlines() or [""]]
    return "\n".join(lines)


class BranchDialog(QDialog):
    """Both texts of a draft, and a button under each to keep it."""

    sig_resolved = Signal(str)
    """The draft was settled (letter id: str)."""
    sig_edit_requested = Signal(str)
    """After settling, the konseptor wants to edit the text (letter id: str)."""

    def __init__(self, services: Services, letter_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.letter_id = letter_id
        self.versions: list[TextVersion] = []
        self.setWindowTitle(self.tr("A draft changed at two desks"))
        self.resize(1100, 720)
        intro = QLabel(
            self.tr(
                "This draft was changed at another desk while you changed it here. Keep one "
                "text; tick \u201cthen edit it\u201d to take in what the other one had. Both "
                "texts stay in the letter's history."
            )
        )
        intro.setWordWrap(True)
        self.columns = QHBoxLayout()
        self.edit_after = QCheckBox(self.tr("then edit it"))
        self.keep_buttons: list[QPushButton] = []
        self.texts: list[QPlainTextEdit] = []
        close = QDialogButtonBox()
        close.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.columns, 1)
        layout.addWidget(self.edit_after)
        layout.addWidget(close)
        letters = services.letters
        QueryOp(self, lambda: letters.text_versions(letter_id)).success(self._on_loaded).run()

    def keep(self, index: int) -> None:
        """Keep text ``index`` (0: the one of this desk) and let the others go."""
        version = self.versions[index]
        services, letter_id = self.services, self.letter_id
        edit = self.edit_after.isChecked()
        shown = [v.revision_hash for v in self.versions]  # refused if they changed meanwhile
        for button in self.keep_buttons:
            button.setEnabled(False)
        Op(
            self,
            lambda: services.letters.resolve_branches(
                services.nip, letter_id, version.values, shown=shown
            ),
        ).with_progress(self.tr("Saving…")).success(lambda _s: self._on_kept(edit)).failure(
            self._on_failed
        ).run()

    def _on_failed(self, exc: BaseException) -> None:
        show_failure(self, exc, action=self.tr("The draft was not settled."))
        self._reload()  # the texts may have changed: show them as they are now

    def _reload(self) -> None:
        while self.columns.count():
            item = self.columns.takeAt(0)
            column = item.layout() if item is not None else None
            while column is not None and column.count():
                inner = column.takeAt(0)
                widget = inner.widget() if inner is not None else None
                if widget is not None:
                    widget.deleteLater()
        self.texts.clear()
        self.keep_buttons.clear()
        letters, letter_id = self.services.letters, self.letter_id
        QueryOp(self, lambda: letters.text_versions(letter_id)).success(self._on_loaded).run()

    def _on_loaded(self, versions: list[TextVersion]) -> None:
        self.versions = versions
        keys = {k for v in versions for k in v.values}
        differing = {k for k in keys if len({_plain(v.values.get(k, "")) for v in versions}) > 1}
        for n, version in enumerate(versions):
            column = QVBoxLayout()
            here = version.device_id == self.services.workspace.device_id
            title = (
                self.tr("Text from this computer")
                if here
                else self.tr("Text from another computer")
            )
            if version.is_head:
                title += " · " + self.tr("current")
            who = version.actor_name or version.actor_nip
            heading = QLabel(f"<b>{title}</b><br>{who} · {self._when(version.made_at)}")
            text = QPlainTextEdit(describe_text(version.values, differing))
            text.setReadOnly(True)
            text.setAccessibleName(title)
            keep = QPushButton(self.tr("Keep this text"))
            keep.clicked.connect(lambda _=False, i=n: self.keep(i))
            column.addWidget(heading)
            column.addWidget(text, 1)
            column.addWidget(keep)
            self.columns.addLayout(column, 1)
            self.texts.append(text)
            self.keep_buttons.append(keep)

    def _when(self, stamp: str) -> str:
        try:
            moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            return stamp
        return format_when(
            moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC), self.services
        )

    def _on_kept(self, edit: bool) -> None:
        self.sig_resolved.emit(self.letter_id)
        if edit:
            self.sig_edit_requested.emit(self.letter_id)
        self.accept()
