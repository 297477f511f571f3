"""What the detail panes of outgoing and incoming letters share: the frame (a title with the
status chip, a subtitle and the action bar above the tabs; an empty-state text while nothing
is selected), loading the shown item on a worker, a read-only form of values, plain tables of
worded rows, and the action buttons."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.icons import icon
from ui.models.letter_list import format_when
from ui.widgets.flow_layout import FlowLayout
from ui.workers import QueryOp

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ui.models.rows import RowsTableModel
    from ui.services import Services
    from ui.widgets.pdf_preview import PdfPreview

translate = QCoreApplication.translate

__all__ = ["DetailPane", "chart_names", "keep_tabs_whole", "rows_table"]


def chart_names(services: Services) -> dict[str, str]:
    """NIP, jabatan id or unit id → name, from the organisation chart (worker)."""
    chart = services.org()
    names = {p.nip: p.nama for p in chart.pegawai}
    names.update({j.jabatan_id: j.nama for j in chart.jabatan})
    names.update({u.unit_id: u.nama for u in chart.units})
    return names


def keep_tabs_whole(tabs: QTabWidget) -> None:
    """Tabs that never hide behind scroll arrows nor shorten their titles: the pane is kept
    wide enough for all of them (at 125 % "Riwayat" went behind the arrows)."""
    bar = tabs.tabBar()
    bar.setUsesScrollButtons(False)
    bar.setElideMode(Qt.TextElideMode.ElideNone)
    bar.setExpanding(False)


def rows_table(model: RowsTableModel, name: str) -> QTableView:
    """A plain table of ``model`` (a route, a history): no grid, no row numbers, the last
    column stretched."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.verticalHeader().hide()
    view.setShowGrid(False)
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


class DetailPane(QWidget):
    """Base of a detail pane. A subclass builds :attr:`preview` and its tabs, then calls
    :meth:`_lay_out`; it shows an item with :meth:`_load` and fills the parts when the
    worker's result arrives (checking :meth:`_is_current`)."""

    preview: PdfPreview

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.info: Any = None
        self._generation = 0
        self.action_buttons: dict[Any, QToolButton] = {}

        self.title = QLabel()
        self.title.setObjectName("detail_title")
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("muted")
        self.subtitle.setWordWrap(True)  # agenda · sender · number: longer than the pane
        self.status_chip = QLabel()
        self.status_chip.setObjectName("chip")
        self.read_only = False
        """Shown for reading only (a window opened from elsewhere): no action buttons."""
        self.actions_bar = FlowLayout()
        """The action buttons, wrapped onto a second line when the pane is narrow."""
        self.empty = QLabel(translate("DetailPane", "Select a letter to see it here."))
        self.empty.setObjectName("empty_state")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QWidget()

    # -- helpers ------------------------------------------------------------------------------

    def _lay_out(self, header: QVBoxLayout, tabs: QWidget) -> None:
        """Put the title row, subtitle and action bar into ``header``, above ``tabs``."""
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.status_chip, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(top)
        header.addWidget(self.subtitle)
        header.addLayout(self.actions_bar)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(16, 12, 16, 8)
        body.addLayout(header)
        body.addWidget(tabs, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.body)
        layout.addWidget(self.empty, 1)
        self.body.hide()

    def _load(
        self,
        key: str,
        read: Callable[[], Any],
        pdf: Callable[[], bytes | None],
        loaded: Callable[[Any], None],
    ) -> None:
        """Show the item ``key`` ("" clears the pane): ``read`` its info on a worker and hand
        it to ``loaded`` unless another item was chosen meanwhile; preview its ``pdf``."""
        self._generation += 1
        if not key:
            self.info = None
            self.body.hide()
            self.empty.show()
            return
        generation = self._generation
        QueryOp(self, read).success(
            lambda info: loaded(info) if generation == self._generation else None
        ).run()
        self.preview.show_pdf(pdf)

    def _shown(self, info: Any, status: str, tone: str) -> None:
        """``info`` is on screen now, its status chip says ``status`` in ``tone``."""
        self.info = info
        self.status_chip.setText(status)
        self.status_chip.setProperty("tone", tone)
        self.status_chip.style().unpolish(self.status_chip)
        self.status_chip.style().polish(self.status_chip)
        self.empty.hide()
        self.body.show()

    def _name(self, key: str) -> str:
        return self.info.names.get(key, key) if self.info else key

    def _when(self, iso_text: str) -> str:
        if not iso_text:
            return ""
        return format_when(
            dt.datetime.fromisoformat(iso_text.replace("Z", "+00:00")), self.services
        )

    def _value_form(self, fields: Sequence[tuple[str, str]]) -> tuple[QScrollArea, QFormLayout]:
        """A scrolling form of selectable values, one row per (key, label) of ``fields``;
        the value labels go to :attr:`meta_labels`."""
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setVerticalSpacing(8)
        self.meta_labels: dict[str, QLabel] = {}
        for key, text in fields:
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(text)
            self.meta_labels[key] = value
            form.addRow(text, value)
        inner = QWidget()
        inner.setLayout(form)
        form.setContentsMargins(12, 12, 12, 12)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        return scroll, form

    def _clear_actions(self) -> None:
        for button in self.action_buttons.values():
            self.actions_bar.removeWidget(button)
            button.deleteLater()
        self.action_buttons.clear()

    def _add_action(
        self, key: Any, text: str, icon_name: str, primary: bool, clicked: Callable[[], None]
    ) -> QToolButton:
        """An action button at the end of the buttons shown (``primary``: highlighted)."""
        button = QToolButton()
        button.setText(text)
        button.setIcon(icon(icon_name, light=primary))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAccessibleName(text)
        button.setObjectName("primary_action" if primary else "action")
        button.clicked.connect(lambda _=False: clicked())
        self.actions_bar.insertWidget(len(self.action_buttons), button)
        self.action_buttons[key] = button
        button.setVisible(not self.read_only)
        return button
