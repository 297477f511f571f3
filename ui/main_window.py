"""The main window shell: the work queues in a side bar and the template catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tnde import __version__

if TYPE_CHECKING:
    from tnde.workspace import Workspace
from tnde.templates.loader import load_all_templates
from ui.models.templates import TemplateListModel, TemplateRole

#: The side bar's work queues (DESIGN.md §1); screens arrive with their issues.
QUEUES = (
    "Dasbor",
    "Konsep",
    "Perlu Diperiksa",
    "Perlu Ditandatangani",
    "Siap Dikirim",
    "Naskah Keluar",
    "Naskah Masuk",
    "Disposisi",
    "Tembusan",
    "Verifikasi",
    "Arsip",
    "Templat Naskah",
)


class MainWindow(QMainWindow):
    """Side bar of queues; the template catalogue is the first working screen."""

    def __init__(self, workspace: Workspace | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.setWindowTitle(f"TNDE Desktop {__version__}")
        self.resize(1100, 720)
        self._templates = load_all_templates()

        self.sidebar = QListWidget()
        self.sidebar.addItems(QUEUES)
        self.sidebar.setAccessibleName("Antrean kerja")
        self.sidebar.setMaximumWidth(220)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._dashboard())
        for name in QUEUES[1:-1]:
            label = QLabel(f"<h2>{name}</h2><p>Layar ini belum tersedia.</p>")
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            label.setMargin(16)
            self.pages.addWidget(label)
        self.pages.addWidget(self._catalogue())

        splitter = QSplitter()
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self.sidebar.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.sidebar.setCurrentRow(len(QUEUES) - 1)
        self.statusBar().showMessage(f"{len(self._templates)} jenis naskah tersedia")

    def _dashboard(self) -> QWidget:
        """Letters of the open workspace by status (the full dashboard comes with the app)."""
        label = QLabel()
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        label.setMargin(16)
        label.setAccessibleName("Dasbor")
        if self.workspace is None:
            label.setText("<h2>Dasbor</h2><p>Belum ada ruang kerja yang dibuka.</p>")
            return label
        conn = self.workspace.connect()
        try:
            rows = conn.execute(
                "SELECT state, count(*) FROM letter GROUP BY state ORDER BY state"
            ).fetchall()
        finally:
            conn.close()
        kind = "ruang kerja demo" if self.workspace.config.demo else "ruang kerja"
        table = "".join(f"<tr><td>{state}</td><td align='right'>{n}</td></tr>" for state, n in rows)
        label.setText(
            f"<h2>Dasbor</h2><p>{kind.capitalize()}: {self.workspace.path}</p>"
            f"<table cellpadding='4'><tr><th align='left'>Status naskah keluar</th>"
            f"<th>Jumlah</th></tr>{table}</table>"
        )
        self.dashboard_label = label
        return label

    def _catalogue(self) -> QWidget:
        """A list of jenis naskah with the fields each asks for."""
        widget = QWidget()
        layout = QHBoxLayout(widget)
        names = QListView()
        names.setAccessibleName("Jenis naskah")
        self.catalogue_model = TemplateListModel(self._templates, names)
        names.setModel(self.catalogue_model)
        detail = QTextBrowser()
        detail.setAccessibleName("Rincian templat")
        layout.addWidget(names, 1)
        column = QVBoxLayout()
        column.addWidget(detail)
        layout.addLayout(column, 2)

        def show(current: QModelIndex, _previous: QModelIndex) -> None:
            template = current.data(TemplateRole.TEMPLATE)
            if template is None:
                return
            rows = "".join(
                f"<tr><td><b>{f.label}</b>{' *' if f.required else ''}</td><td>{f.help}</td></tr>"
                for f in template.fields
            )
            detail.setHtml(
                f"<h2>{template.nama}</h2><p>{template.description}</p>"
                f"<table cellpadding='4'>{rows}</table>"
            )

        names.selectionModel().currentChanged.connect(show)
        names.setCurrentIndex(self.catalogue_model.index(0))
        self.catalogue_view = names
        self.catalogue_detail = detail
        return widget

    def self_test(self) -> bool:
        """Render one sample letter through the core; True when it produced a PDF."""
        from tnde.drafts import load_draft, prepare
        from tnde.render import render_letter
        from tnde.resources import resource_path

        sample = resource_path("samples", "surat_dinas.toml")
        prepared = prepare(load_draft(sample))  # type: ignore[arg-type]
        result = render_letter(prepared.template, prepared.profile, prepared.values)
        return result.pdf.startswith(b"%PDF") and result.pages >= 1
