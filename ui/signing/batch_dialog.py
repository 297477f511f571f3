"""Sign several letters with one passphrase or PIN (TTE batch signing).

The signer sees every letter of the batch with its PDF, unchecks the ones that are not ready,
picks the device and presses "Sign (n)". The secret is asked once
(:class:`ui.signing.secret_dialog.SecretDialog`), :func:`tnde.signing.batch.sign_letters`
runs in an op with progress and Cancel, and the table then says per letter how it went. A
wrong passphrase or PIN (the whole batch, nothing signed) asks again with the reason.

Letters the core refuses for this signer (:func:`tnde.signing.batch.precheck_letters`:
not their step, not numbered yet…) are listed greyed out with the reason and never sent.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tnde import signing
from tnde.errors import SigningError, TndeError
from tnde.workflow import letter_pdf
from ui.errors import clear_field_error, show_failure, show_field_error, show_status
from ui.icons import icon
from ui.labels import jenis_label
from ui.signing.device import (
    PKCS12,
    SigningSettings,
    device_for,
    initial_choice,
    remote_profiles,
)
from ui.signing.device_form import DeviceForm
from ui.signing.messages import signing_error_text
from ui.signing.models import BatchRole, Outcome, SignLettersModel, SignRow
from ui.signing.secret_dialog import SecretDialog
from ui.signing.style import SIGNING_QSS
from ui.widgets.pdf_preview import PdfPreview
from ui.widgets.tables import list_table
from ui.workers import Op

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from tnde.signing import LetterSignResult
    from ui.services import Services

log = logging.getLogger(__name__)

__all__ = ["SignBatchDialog"]


class SignBatchDialog(QDialog):
    """Review and sign ``letter_ids`` as the acting official of ``services``.

    Window-modal; open it with :meth:`open`.
    """

    sig_letters_signed = Signal(list)
    """Letters were signed in this dialog (their ids: list[str])."""

    def __init__(
        self, services: Services, letter_ids: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.letter_ids = list(dict.fromkeys(letter_ids))
        self.settings = SigningSettings()
        self.results: list[LetterSignResult] = []
        """What the last signing run returned."""
        self.secret_dialog: SecretDialog | None = None
        """The passphrase/PIN prompt while it is open (tests drive it)."""
        self._op: Op | None = None
        self._preview_source: Callable[[], bytes] | None = None
        self._refitted = False
        self.setObjectName("sign_batch_dialog")
        self.setWindowTitle(self.tr("Sign letters"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setStyleSheet(SIGNING_QSS)

        self.model = SignLettersModel(self)
        self.table = _letters_table(self.model)
        self.table.setAccessibleName(self.tr("Letters to sign"))
        self.chosen = QLabel()
        self.chosen.setObjectName("counters")
        self.preview = PdfPreview()
        self.preview.empty_text = self.tr("This letter has no PDF.")
        self.preview.show_message(self.tr("Choose a letter to see it."))
        self.banner = QLabel()
        self.banner.setObjectName("sign_banner")
        self.banner.setWordWrap(True)
        self.banner.hide()

        self.device = DeviceForm()
        self.device.set_remote_profiles(remote_profiles(services))
        self.device.set_choice(initial_choice(services, self.settings))
        if services.is_demo:
            self.device.set_note(
                self.tr(
                    "Demo workspace: every official has a DEMO certificate; its practice "
                    "passphrase is demo1234."
                )
            )
        self.device_error = QLabel()
        self.device_error.setObjectName("field_error")
        self.device_error.setWordWrap(True)
        self.device_error.hide()
        self.device_box = QGroupBox(self.tr("Signing device"))
        device_layout = QVBoxLayout(self.device_box)
        device_layout.addWidget(self.device)
        device_layout.addWidget(self.device_error)

        self.sign_button = QPushButton(icon("sign", light=True), "")
        self.sign_button.setObjectName("sign_button")
        self.sign_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Cancel"))
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.sign_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)

        self._build_layout()
        self.model.sig_checked_changed.connect(self._on_checked_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.preview.sig_rendered.connect(self._on_preview_rendered)
        self.sign_button.clicked.connect(self.start_signing)
        self.close_button.clicked.connect(self.reject)
        self.device.sig_changed.connect(lambda: clear_field_error(self.device_error, self.device))
        self._on_checked_changed()
        self.resize(1180, 780)
        self._load()

    # -- public API ---------------------------------------------------------------------------

    def start_signing(self) -> None:
        """What "Sign (n)" does: check the device, then ask for the passphrase or PIN."""
        if not self.model.checked() or self._running():
            return
        choice = self.device.choice()
        problem = ""
        if not choice.is_complete:
            problem = self.tr("Choose the certificate file or the token first.")
        elif choice.kind == PKCS12 and not Path(choice.p12_path).is_file():
            problem = self.tr("The certificate file does not exist.")
        if problem:
            show_field_error(self.device_error, self.device, problem)
            return
        clear_field_error(self.device_error, self.device)
        self.settings.set_device(choice)  # where the key is, never the secret
        self._ask_secret("")

    # -- slots --------------------------------------------------------------------------------

    def _on_loaded(self, found: list[tuple[str, str, str, str, BaseException | None]]) -> None:
        rows = [
            SignRow(
                letter_id,
                nomor or self.tr("(no number)"),
                hal,
                jenis_label(jenis) if jenis else "",
                Outcome.READY if error is None else Outcome.REFUSED,
                "" if error is None else signing_error_text(error),
            )
            for letter_id, nomor, hal, jenis, error in found
        ]
        self.model.set_rows(rows)
        first = next((i for i, r in enumerate(rows) if r.outcome is Outcome.READY), -1)
        if first >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(first, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        letter_id = str(current.data(BatchRole.KEY) or "") if current.isValid() else ""
        if not letter_id:
            return
        letters = self.services.letters

        def pdf() -> bytes:
            return letter_pdf(letters, letter_id)

        self._preview_source = pdf
        self._refitted = False
        self.preview.show_pdf(pdf)

    def _on_preview_rendered(self, _pages: int) -> None:
        # PdfPreview measures "fit to width" on its scroller, which is hidden while the
        # "Loading" message shows; the first render can come out too wide. Render once more
        # now that the pages are on screen (their width is then right).
        wide = self.preview.scroller.horizontalScrollBar().maximum() > 0
        if wide and not self._refitted and self._preview_source is not None:
            self._refitted = True
            self.preview.show_pdf(self._preview_source)

    def _on_checked_changed(self) -> None:
        count = len(self.model.checked())
        total = sum(1 for r in self.model.rows() if r.outcome is Outcome.READY)
        self.sign_button.setText(self.tr("Sign (%1)").replace("%1", str(count)))
        self.sign_button.setEnabled(count > 0 and not self._running())
        refused = self.model.counts()[Outcome.REFUSED]
        text = (
            self.tr("%1 of %2 letters chosen").replace("%1", str(count)).replace("%2", str(total))
        )
        if refused:
            text += " · " + self.tr("%n letter(s) you cannot sign now", "", refused)
        self.chosen.setText(text)

    def _on_secret_finished(self, dialog: SecretDialog, result: int) -> None:
        secret = dialog.take_secret()
        self.secret_dialog = None
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted or not secret:
            return
        self._sign(self.model.checked(), secret)

    def _on_signed(self, results: list[LetterSignResult]) -> None:
        self.results = results
        done = {r.letter_id: r for r in results}
        pin = self.device.choice().uses_pin
        outcomes: dict[str, tuple[Outcome, str]] = {}
        for row in self.model.rows():
            result = done.get(row.letter_id)
            if result is not None and result.ok:
                outcomes[row.letter_id] = (Outcome.SIGNED, "")
            elif result is not None:
                error = result.error or SigningError(SigningError.UNKNOWN_OUTCOME, "")
                outcomes[row.letter_id] = (Outcome.FAILED, signing_error_text(error, pin=pin))
            elif row.outcome is Outcome.READY and row.checked:
                outcomes[row.letter_id] = (
                    Outcome.SKIPPED,
                    self.tr("Not signed: the batch was cancelled"),
                )
            elif row.outcome is Outcome.READY:
                outcomes[row.letter_id] = (Outcome.SKIPPED, self.tr("Left out of this batch"))
        self.model.set_outcomes(outcomes)
        signed = [r.letter_id for r in results if r.ok]
        failed = sum(1 for r in results if not r.ok)
        self._show_finished(len(signed), failed)
        if signed:
            show_status(self, self.tr("%n letter(s) signed.", "", len(signed)))
            self.sig_letters_signed.emit(signed)

    def _on_sign_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        pin = self.device.choice().uses_pin
        nothing = self.tr("Nothing was signed.")
        if isinstance(exc, SigningError) and exc.kind == SigningError.WRONG_SECRET:
            self._ask_secret(f"{signing_error_text(exc, pin=pin)} {nothing}")
        elif isinstance(exc, TndeError):
            show_field_error(
                self.device_error, self.device, f"{signing_error_text(exc, pin=pin)} {nothing}"
            )
        else:
            show_failure(self, exc, action=self.tr("The letters could not be signed."))

    def _on_sign_cancelled(self) -> None:
        self._set_busy(False)
        show_status(self, self.tr("Signing cancelled. Nothing was signed."))

    # -- Qt overrides -------------------------------------------------------------------------

    def reject(self) -> None:
        if self._running():
            return  # the batch finishes (or is cancelled) in the progress dialog first
        super().reject()

    # -- helpers ------------------------------------------------------------------------------

    def _load(self) -> None:
        services, ids = self.services, self.letter_ids

        def work() -> list[tuple[str, str, str, str, BaseException | None]]:
            checked = signing.precheck_letters(services.letters, services.nip, ids)
            out: list[tuple[str, str, str, str, BaseException | None]] = []
            for letter_id in ids:
                verdict = checked[letter_id]
                try:
                    state = services.letters.get(letter_id)
                    nomor, hal, jenis = state.nomor, state.hal, state.jenis
                except TndeError:
                    nomor, hal, jenis = "", letter_id, ""
                out.append(
                    (
                        letter_id,
                        nomor,
                        hal,
                        jenis,
                        verdict if isinstance(verdict, TndeError) else None,
                    )
                )
            return out

        # precheck runs the workflow rules in a (rolled back) transaction: the write pool
        Op(self, work).success(self._on_loaded).run()

    def _ask_secret(self, message: str) -> None:
        choice = self.device.choice()
        device = (
            choice.token_label
            if choice.uses_pin
            else Path(choice.p12_path).name
            if choice.kind == PKCS12
            else self.device.remote_profile.currentText()
        )
        dialog = SecretDialog(
            self,
            device=device,
            pin=choice.uses_pin,
            count=len(self.model.checked()),
            message=message,
        )
        self.secret_dialog = dialog
        dialog.finished.connect(lambda result: self._on_secret_finished(dialog, result))
        dialog.open()

    def _sign(self, letter_ids: list[str], secret: bytearray) -> None:
        services = self.services
        device = device_for(self.device.choice(), services)
        nomor = {r.letter_id: r.nomor for r in self.model.rows()}

        def work(progress: Any, cancel: Any) -> list[LetterSignResult]:
            def report(done: int, total: int, text: str = "") -> None:
                progress(done, total, nomor.get(text, text))  # the nomor, not the letter id

            try:
                with signing.workspace_services(services.workspace) as context:
                    return signing.sign_letters(
                        services.letters,
                        services.nip,
                        letter_ids,
                        device,
                        secret,
                        context.services,
                        level=context.level,
                        issuer_of=context.issuer_of,
                        progress=report,
                        cancel=cancel,
                    )
            finally:
                secret[:] = bytes(len(secret))  # wipe our copy of the passphrase/PIN

        self._set_busy(True)
        self._op = (
            Op(self, work)
            .with_progress(self.tr("Signing %n letter(s)…", "", len(letter_ids)))
            .reporting()
            .success(self._on_signed)
            .failure(self._on_sign_failed)
            .on_cancel(self._on_sign_cancelled)
            .run()
        )

    def _running(self) -> bool:
        return self._op is not None and self._op.is_running

    def _set_busy(self, busy: bool) -> None:
        self.device_box.setEnabled(not busy)
        self.table.setEnabled(True)
        self.sign_button.setEnabled(not busy and bool(self.model.checked()))
        self.close_button.setEnabled(not busy)

    def _show_finished(self, signed: int, failed: int) -> None:
        text = self.tr("%n letter(s) signed.", "", signed)
        if failed:
            text += " " + self.tr(
                "%n letter(s) could not be signed; see the reasons below.", "", failed
            )
        self.banner.setText(text)
        self.banner.setProperty("tone", "bad" if failed or not signed else "done")
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.show()
        self.device_box.hide()
        self.chosen.hide()
        self.hint.hide()
        if self._preview_source is not None:  # show the signed PDF now
            self._refitted = False
            self.preview.show_pdf(self._preview_source)
        self.sign_button.hide()
        self.close_button.setEnabled(True)
        self.close_button.setText(self.tr("Close"))
        self.close_button.setDefault(True)

    def _build_layout(self) -> None:
        services = self.services
        title = QLabel(self.tr("Sign letters"))
        title.setObjectName("detail_title")
        who = services.person_name(services.nip)
        held = ", ".join(services.jabatan_name(j) for j in services.jabatan_of())
        signer = QLabel(self.tr("Signing as %1").replace("%1", f"{who} — {held}" if held else who))
        signer.setObjectName("muted")
        self.hint = hint = QLabel(
            self.tr(
                "Read each letter in the preview before you sign. Uncheck a letter that is "
                "not ready; it stays in your queue."
            )
        )
        hint.setWordWrap(True)
        head = QVBoxLayout()
        head.setSpacing(2)
        head.addWidget(title)
        head.addWidget(signer)
        head_row = QHBoxLayout()
        head_row.addLayout(head, 1)
        if services.is_demo:
            demo = QLabel("DEMO")
            demo.setObjectName("demo_badge")
            head_row.addWidget(demo, 0, Qt.AlignmentFlag.AlignTop)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(hint)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.chosen)
        left_layout.addWidget(self.device_box)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([620, 520])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.addLayout(head_row)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)


def _letters_table(model: SignLettersModel) -> QTableView:
    table = list_table(model, row_height=30)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
    header.resizeSection(3, 170)
    return table
