"""The Verifikasi screen: drop signed PDFs (or a folder), see per file whether its signatures
are SAH, TIDAK SAH or TIDAK DAPAT DIPASTIKAN and why, and save the Berita Acara.

Verification is offline: only the workspace trust store (DEMO roots only in a demo
workspace) and the data inside the files count. It runs in an op with progress and Cancel
(:func:`ui.verification.run.run_verification`); each file is also compared with the
workspace's own records of the letter. A new drop replaces the previous results, so a saved
Berita Acara always describes one verification session.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tnde import verify
from tnde.formatting import format_tanggal
from tnde.fsutil import write_atomic
from ui.errors import show_status
from ui.icons import icon
from ui.settings import UiSettings
from ui.verification.details import FileDetails
from ui.verification.models import (
    FileResultsModel,
    ResultRole,
    VerdictBadge,
    VerdictDelegate,
)
from ui.verification.run import run_verification
from ui.verification.style import VERIFICATION_QSS
from ui.widgets.tables import list_table
from ui.workers import Op, QueryOp

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent

    from tnde.verify import FileReport, VerificationRun
    from ui.services import Services

log = logging.getLogger(__name__)

__all__ = ["VerificationScreen"]


class VerificationScreen(QWidget):
    """Verify signed PDFs and print the Berita Acara Verifikasi."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.run: VerificationRun | None = None
        """The results shown (None before the first verification)."""
        self._op: Op | None = None
        self.setObjectName("verification_screen")
        self.setAcceptDrops(True)
        self.setStyleSheet(VERIFICATION_QSS)

        self.choose_files = QPushButton(icon("document"), self.tr("Choose files…"))
        self.choose_folder = QPushButton(icon("folder"), self.tr("Choose folder…"))
        self.save_button = QPushButton(self.tr("Save report…"))
        self.save_button.setObjectName("primary_button")
        self.save_button.setToolTip(self.tr("Save the Berita Acara Verifikasi as PDF"))
        self.clear_button = QPushButton(self.tr("Clear"))
        for button in (self.save_button, self.clear_button, self.choose_files, self.choose_folder):
            button.hide()  # the empty state has its own buttons

        self.model = FileResultsModel(self)
        self.table = self._build_table()
        self.details = FileDetails(services.letters.zone)
        self.summary = QLabel()
        self.summary.setObjectName("verify_summary")
        self.summary.setWordWrap(True)
        self.summary_badges = QHBoxLayout()
        self.summary_badges.setSpacing(6)
        self.drop_zone = self._build_drop_zone()

        results = QWidget()
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        summary_row = QHBoxLayout()
        summary_row.setSpacing(10)
        summary_row.addLayout(self.summary_badges)
        summary_row.addWidget(self.summary, 1)
        results_layout.addLayout(summary_row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([640, 520])
        results_layout.addWidget(splitter, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.drop_zone)
        self.pages.addWidget(results)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(self._build_header())
        layout.addWidget(self.pages, 1)

        self.choose_files.clicked.connect(self._on_choose_files)
        self.choose_folder.clicked.connect(self._on_choose_folder)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.clear_button.clicked.connect(self.clear)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)

    # -- public API ---------------------------------------------------------------------------

    def add_paths(self, paths: Sequence[Path | str]) -> None:
        """Verify the PDFs in ``paths`` (files and folders); what a drop does."""
        if not paths or self._running():
            return
        letters = self.services.letters
        chosen = [Path(p) for p in paths]

        def work(progress: Any, cancel: Any) -> VerificationRun:
            return run_verification(letters, chosen, progress=progress, cancel=cancel)

        self._op = (
            QueryOp(self, work)
            .with_progress(self.tr("Verifying signatures…"))
            .reporting()
            .success(self._on_verified)
            .on_cancel(lambda: show_status(self, self.tr("Verification cancelled.")))
            .run()
        )

    def save_report(self, path: Path) -> None:
        """Write the Berita Acara of the shown results to ``path`` (atomically)."""
        run = self.run
        if run is None:
            return
        zone = self.services.profile.timezone if self.services.profile else "Asia/Jakarta"

        def work() -> Path:
            write_atomic(path, verify.render_report(run, timezone=zone))
            return path

        Op(self, work).with_progress(self.tr("Writing the Berita Acara…")).success(
            lambda p: show_status(self, self.tr("Berita Acara saved: %1").replace("%1", str(p)))
        ).run()

    def clear(self) -> None:
        """Forget the results and show the drop zone again."""
        self.run = None
        self.model.set_reports([])
        self.details.show_report(None)
        self.pages.setCurrentIndex(0)
        for button in (self.save_button, self.clear_button, self.choose_files, self.choose_folder):
            button.hide()

    def selected_report(self) -> FileReport | None:
        """The file whose details are shown."""
        return self.details.report

    # -- slots --------------------------------------------------------------------------------

    def _on_verified(self, run: VerificationRun) -> None:
        if not run.files:
            show_status(self, self.tr("No PDF files were found there."))
            return
        self.run = run
        self.model.set_reports(run.files)
        self.pages.setCurrentIndex(1)
        for button in (self.save_button, self.clear_button, self.choose_files, self.choose_folder):
            button.show()
        self._show_summary(run)
        self.table.selectRow(0)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        report = current.data(ResultRole.REPORT) if current.isValid() else None
        self.details.show_report(report)

    def _on_choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose signed PDF files"), self._start_folder(), self.tr("PDF (*.pdf)")
        )
        if paths:
            self._remember_folder(Path(paths[0]).parent)
            self.add_paths([Path(p) for p in paths])

    def _on_choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a folder of signed PDFs"), self._start_folder()
        )
        if folder:
            self._remember_folder(Path(folder))
            self.add_paths([Path(folder)])

    def _on_save_clicked(self) -> None:
        if self.run is None:
            return
        local = self.run.verified_at.astimezone(self.services.letters.zone)
        name = f"berita-acara-verifikasi-{local:%Y%m%d-%H%M}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the Berita Acara"),
            str(Path(self._start_folder()) / name),
            self.tr("PDF (*.pdf)"),
        )
        if path:
            target = Path(path) if path.lower().endswith(".pdf") else Path(f"{path}.pdf")
            self._remember_folder(target.parent)
            self.save_report(target)

    # -- Qt overrides -------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if _local_paths(event) and not self._running():
            event.acceptProposedAction()
            self._set_drop_active(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802 - Qt's name
        self._set_drop_active(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        self._set_drop_active(False)
        paths = _local_paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_paths(paths)

    # -- helpers ------------------------------------------------------------------------------

    def _running(self) -> bool:
        return self._op is not None and self._op.is_running

    def _show_summary(self, run: VerificationRun) -> None:
        while self.summary_badges.count():
            item = self.summary_badges.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        counts = run.counts()
        total = QLabel(self.tr("%n file(s)", "", len(run.files)))
        total.setObjectName("card_title")
        self.summary_badges.addWidget(total)
        for verdict in verify.Verdict:
            if counts[verdict.value]:
                badge = VerdictBadge()
                badge.set_verdict(verdict, count=counts[verdict.value])
                self.summary_badges.addWidget(badge)
        local = run.verified_at.astimezone(self.services.letters.zone)
        when = f"{format_tanggal(local.date())} {local:%H.%M} {local.tzname() or ''}".strip()
        text = self.tr("verified %1 with %n trust root(s)", "", len(run.trust_roots))
        self.summary.setText(text.replace("%1", when))

    def _start_folder(self) -> str:
        last = UiSettings().last_folder
        if last and Path(last).is_dir():
            return last
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def _remember_folder(self, folder: Path) -> None:
        settings = UiSettings()
        settings.last_folder = str(folder)
        settings.sync()

    def _set_drop_active(self, active: bool) -> None:
        self.drop_zone.setProperty("active", active)
        self.drop_zone.style().unpolish(self.drop_zone)
        self.drop_zone.style().polish(self.drop_zone)

    def _build_header(self) -> QHBoxLayout:
        title = QLabel(self.tr("Verification"))
        title.setObjectName("page_title")
        subtitle = QLabel(
            self.tr(
                "Check the electronic signatures of PDF letters offline, against this "
                "workspace's trust roots and records."
            )
        )
        subtitle.setObjectName("muted")
        subtitle.setWordWrap(True)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(title)
        text.addWidget(subtitle)
        row = QHBoxLayout()
        row.addLayout(text, 1)
        for button in (self.clear_button, self.choose_files, self.choose_folder, self.save_button):
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        return row

    def _build_drop_zone(self) -> QFrame:
        zone = QFrame()
        zone.setObjectName("drop_zone")
        zone.setAccessibleName(self.tr("Drop signed PDF files or a folder here"))
        picture = QLabel()
        picture.setPixmap(icon("verify", accent=True).pixmap(64, 64))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lead = QLabel(self.tr("Drop signed PDF files or a folder here"))
        lead.setObjectName("drop_title")
        lead.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note = QLabel(
            self.tr(
                "Nothing leaves this computer: only the trust roots of the workspace and the "
                "data inside the files are used. Large folders are checked on two processes."
            )
        )
        note.setObjectName("muted")
        note.setWordWrap(True)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setFixedWidth(560)
        files = QPushButton(icon("document"), self.tr("Choose files…"))
        folder = QPushButton(icon("folder"), self.tr("Choose folder…"))
        files.clicked.connect(self._on_choose_files)
        folder.clicked.connect(self._on_choose_folder)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(files)
        buttons.addWidget(folder)
        buttons.addStretch(1)
        layout = QVBoxLayout(zone)
        layout.addStretch(2)
        layout.addWidget(picture)
        layout.addSpacing(8)
        layout.addWidget(lead)
        centred = QHBoxLayout()  # an aligned item would lose its word-wrapped height
        centred.addStretch(1)
        centred.addWidget(note)
        centred.addStretch(1)
        layout.addLayout(centred)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addSpacing(28)
        layout.addWidget(self._legend(), 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        return zone

    def _legend(self) -> QWidget:
        meanings = {
            verify.Verdict.VALID: self.tr("intact, trusted, not revoked, nothing wrongly changed"),
            verify.Verdict.INVALID: self.tr("proven wrong: altered, broken or revoked"),
            verify.Verdict.INDETERMINATE: self.tr(
                "cannot be proven offline (e.g. an unknown root)"
            ),
        }
        legend = QWidget()
        grid = QGridLayout(legend)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        for row, (verdict, meaning) in enumerate(meanings.items()):
            badge = VerdictBadge()
            badge.set_verdict(verdict)
            text = QLabel(meaning)
            text.setObjectName("muted")
            grid.addWidget(badge, row, 0, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(text, row, 1)
        return legend

    def _build_table(self) -> QTableView:
        table = list_table(self.model, self.tr("Verified files"), row_height=32)
        table.setItemDelegateForColumn(FileResultsModel.VERDICT_COLUMN, VerdictDelegate(table))
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 210)
        header.resizeSection(1, 180)
        header.resizeSection(2, 105)
        return table


def _local_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
