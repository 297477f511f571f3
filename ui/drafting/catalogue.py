"""The first page of a new draft: choose the jenis naskah from the template catalogue."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.models.templates import TemplateListModel, TemplateRole

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tnde.templates import Template


class JenisCatalogue(QWidget):
    """A searchable list of jenis naskah with what each asks for."""

    sig_jenis_chosen = Signal(str)
    """The user chose a jenis to draft (jenis id: str)."""
    sig_cancel_requested = Signal()
    """The user changed their mind: no new draft."""

    def __init__(self, templates: Sequence[Template], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TemplateListModel(templates, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        title = QLabel(self.tr("New draft"))
        title.setObjectName("editorTitle")
        subtitle = QLabel(self.tr("Choose the type of letter (jenis naskah) to write."))
        subtitle.setObjectName("editorSubtitle")
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search jenis naskah…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search jenis naskah"))
        self.view = QListView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(self.tr("Jenis naskah"))
        self.view.setObjectName("jenisList")
        self.view.setUniformItemSizes(True)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(self.tr("About this jenis naskah"))
        self.detail.setOpenLinks(False)
        self.choose_button = QPushButton(self.tr("Start drafting"))
        self.choose_button.setDefault(True)
        self.choose_button.setObjectName("primaryButton")
        self.cancel_button = QPushButton(QCoreApplication.translate("Buttons", "Cancel"))

        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.view, 1)
        right = QVBoxLayout()
        right.addWidget(self.detail, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.choose_button)
        right.addLayout(buttons)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addLayout(left, 1)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addLayout(body, 1)

        self.search.textChanged.connect(self._on_search_text_changed)
        self.view.selectionModel().currentChanged.connect(self._on_view_current_changed)
        self.view.doubleClicked.connect(self._on_choose_clicked)
        self.view.activated.connect(self._on_choose_clicked)
        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.cancel_button.clicked.connect(self.sig_cancel_requested)
        self.view.setCurrentIndex(self.proxy.index(0, 0))

    # -- public API ---------------------------------------------------------------------------

    def select(self, jenis: str) -> bool:
        """Make ``jenis`` the current row; whether it is in the (filtered) list."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(TemplateRole.JENIS) == jenis:
                self.view.setCurrentIndex(index)
                return True
        return False

    def current_jenis(self) -> str:
        """The jenis of the current row ("" when none)."""
        index = self.view.currentIndex()
        return str(index.data(TemplateRole.JENIS)) if index.isValid() else ""

    # -- slots --------------------------------------------------------------------------------

    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    def _on_view_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        template = current.data(TemplateRole.TEMPLATE)
        self.choose_button.setEnabled(template is not None)
        if template is None:
            self.detail.clear()
            return
        rows = "".join(
            f"<tr><td style='padding:3px 12px 3px 0'><b>{escape(f.label)}</b>"
            f"{' *' if f.required else ''}</td><td style='padding:3px 0'>{escape(f.help)}</td></tr>"
            for f in template.fields
        )
        fields = escape(self.tr("Fields (* required)"))
        self.detail.setHtml(
            f"<h2 style='margin-bottom:2px'>{escape(template.nama)}</h2>"
            f"<p style='color:#555'>{escape(template.description)}</p>"
            f"<h4>{fields}</h4><table>{rows}</table>"
        )

    def _on_choose_clicked(self) -> None:
        jenis = self.current_jenis()
        if jenis:
            self.sig_jenis_chosen.emit(jenis)
