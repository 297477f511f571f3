"""The letter drafting editor: form, live preview, checks, route, autosave, submit.

Layout: a header (jenis, save state, Save and Submit), then a splitter with the generated
form on the left (fields in sections, the review route last) and, on the right, the live
preview above the linter's findings. Every call to the core runs in an op (ui.workers).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tnde.errors import TndeError
from tnde.profiles import load_profile
from tnde.templates import load_all_templates, load_template
from tnde.workflow import LetterStatus
from ui.drafting import session
from ui.drafting.catalogue import JenisCatalogue
from ui.drafting.directory import OrgDirectory, load_directory
from ui.drafting.findings import FindingsPanel
from ui.drafting.form import DraftForm, field_root
from ui.drafting.header import EditorHeader
from ui.drafting.people import PersonField
from ui.drafting.preview import PreviewPane
from ui.drafting.route import RoutePanel
from ui.drafting.style import EDITOR_QSS
from ui.errors import show_failure, show_status
from ui.workers import Op, QueryOp

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from tnde.profiles import Profile
    from tnde.templates import Template
    from tnde.workflow import LetterState
    from ui.drafting.preview import PreviewResult
    from ui.services import Services

log = logging.getLogger(__name__)

SIGNER_FIELD = "penandatangan"
"""The signer field whose jabatan decides the route."""


class DraftEditor(QWidget):
    """Write a letter from a template, check it as you type, and send it for review.

    Args:
        services: the window's core services (the draft belongs to ``services.nip``).
        letter_id: open this stored konsep; None for a new draft.
        jenis: start a new draft of this jenis; None shows the catalogue first.
    """

    # -- signals ------------------------------------------------------------------------------

    sig_letter_saved = Signal(str)
    """The draft was stored in the workspace (letter id: str)."""
    sig_letter_submitted = Signal(str)
    """The konsep was sent up its review route (letter id: str)."""

    # -- __init__ -----------------------------------------------------------------------------

    def __init__(
        self,
        services: Services,
        *,
        letter_id: str | None = None,
        jenis: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.letter_id = letter_id
        self.template: Template | None = None
        self.profile: Profile | None = services.profile
        self.state: LetterState | None = None
        self.directory: OrgDirectory | None = None
        self.form: DraftForm | None = None
        self.route: RoutePanel | None = None
        self.autosave_ms = 4000
        """Pause after the last edit before the draft saves itself."""
        self.edit_number = 0
        """Counts the user's edits; the draft is dirty while it differs from saved_number."""
        self.saved_number = 0
        """The edit count the last successful save contained."""
        self.submitted = False
        """Whether the draft was submitted (or opened read-only): nothing more is saved."""
        self._save_op: Op | None = None
        self._save_again = False
        self._submit_after_save = False
        self._close_after_save = False
        self.setObjectName("draftEditor")
        self.setStyleSheet(EDITOR_QSS)
        self.setWindowTitle(self.tr("New draft"))

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.timeout.connect(self._on_autosave_timeout)
        self.preview = PreviewPane()
        self.findings = FindingsPanel()
        self.findings.setObjectName("sidePane")
        self.catalogue = JenisCatalogue(load_all_templates())
        self.loading = QLabel(self.tr("Opening the letter…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.catalogue)
        self.stack.addWidget(self.loading)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.catalogue.sig_jenis_chosen.connect(self.choose_jenis)
        self.preview.sig_preview_rendered.connect(self._on_preview_rendered)
        self.findings.sig_field_requested.connect(self.focus_field)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        # the editor is a window of its own: Ctrl+W and Esc close it as they close other
        # windows (closeEvent still asks about unsaved changes)
        close = QShortcut(self)
        close.setKeys(
            [*QKeySequence.keyBindings(QKeySequence.StandardKey.Close), QKeySequence("Esc")]
        )
        close.activated.connect(self.close)
        self.catalogue.sig_cancel_requested.connect(self.close)

        today = services.today()
        (
            QueryOp(self, lambda: load_directory(services.workspace, services.nip, today))
            .success(self._on_directory_loaded)
            .failure(lambda exc: log.warning("org chart not loaded", exc_info=exc))
            .run()
        )
        if letter_id is not None:
            self.stack.setCurrentWidget(self.loading)
            opened = letter_id
            (
                QueryOp(self, lambda: session.open_letter(services, opened))
                .success(self._on_letter_loaded)
                .failure(self._on_open_failed)
                .run()
            )
        elif jenis is not None:
            self.choose_jenis(jenis)

    # -- public API ---------------------------------------------------------------------------

    @property
    def is_dirty(self) -> bool:
        """Whether there are edits not yet stored in the workspace."""
        return self.edit_number != self.saved_number

    def choose_jenis(self, jenis: str) -> None:
        """Start a new draft of ``jenis`` (today's date and the template's defaults)."""

        try:
            template = load_template(jenis)
            self._build(template)
        except TndeError as exc:  # unknown jenis, or the workspace names no usable profile
            self.loading.setText(self.tr("A new draft cannot be started."))
            self.stack.setCurrentWidget(self.loading)
            show_failure(self, exc)
            return
        assert self.form is not None
        self.form.set_values({"tanggal": self.services.today().isoformat()})
        self._refresh()

    def save(self) -> None:
        """Store the draft now (Save, Ctrl+S); the result comes by :attr:`sig_letter_saved`."""
        self._save(by_user=True)

    def _save(self, *, by_user: bool) -> None:
        if self.form is None or self.submitted:
            return
        self._autosave.stop()
        if self._save_op is not None:
            self._save_again = True
            return
        snap = self._snapshot()
        services, letter_id = self.services, self.letter_id
        self._set_state_text(self.tr("Saving…"))
        self._save_op = (
            Op(self, lambda: session.save_draft(services, letter_id, snap))
            .success(self._on_save_succeeded)
            .failure(lambda exc: self._on_save_failed(exc, by_user=by_user))
            .run()
        )

    def submit(self) -> None:
        """Check the draft and send it up its route (asks for fixes first if needed)."""
        if self.form is None or self.route is None or self.submitted:
            return
        self.form.reveal_all_problems()
        blocking = [
            p
            for p in self.form.problems
            if not (field_root(p.field) == SIGNER_FIELD and p.code == "required")
        ]
        if blocking:
            self.focus_field(blocking[0].field)
            self._set_state_text(self.tr("Fix the marked fields before submitting."))
            return
        if not self.route.is_complete():
            self.route.focus_steps()
            self._set_state_text(self.tr("Choose the signer of the route before submitting."))
            return
        if self._save_op is not None:
            self._submit_after_save = True
            return
        self._autosave.stop()
        snap = self._snapshot()
        services, letter_id = self.services, self.letter_id
        self.submit_button.setEnabled(False)
        (
            Op(self, lambda: session.submit_draft(services, letter_id, snap))
            .with_progress(self.tr("Submitting the draft…"))
            .success(self._on_submit_succeeded)
            .failure(self._on_submit_failed)
            .run()
        )

    def focus_field(self, path: str) -> None:
        """Scroll to the field a finding or problem names and focus it."""
        if self.form is not None:
            self.form.focus_field(path)

    # -- slots --------------------------------------------------------------------------------

    def _on_directory_loaded(self, directory: OrgDirectory) -> None:
        self.directory = directory
        if self.form is not None:
            self._apply_directory()

    def _on_letter_loaded(self, state: LetterState) -> None:
        self.state = state
        if self.profile is None or self.profile.id != state.profile_id:
            self.profile = load_profile(state.profile_id)
        self._build(load_template(state.jenis))
        assert self.form is not None
        assert self.route is not None
        self.form.set_values(state.head_values)
        self.form.tie_recipients([(r.role, r.text, r.jabatan_id) for r in state.recipients])
        if state.route:
            self.route.set_route(state.route)
        self.form.reveal_all_problems()
        self._refresh()
        self._set_state_text(self.tr("Saved"))
        self._show_letter_state(state)

    def _on_open_failed(self, exc: BaseException) -> None:
        self.loading.setText(self.tr("The letter could not be opened."))
        show_failure(self, exc)

    def _on_form_values_edited(self) -> None:
        self.edit_number += 1
        self._refresh()
        self._set_state_text(self.tr("Unsaved changes"))
        if not self.submitted:
            self._autosave.start(self.autosave_ms)

    def _on_signer_jabatan_chosen(self, jabatan_id: str) -> None:
        if self.route is not None:
            self.route.suggest(jabatan_id)

    def _on_autosave_timeout(self) -> None:
        if self.is_dirty:
            self._save(by_user=False)

    def _on_save_succeeded(self, result: session.SaveResult) -> None:
        self._save_op = None
        self.letter_id = result.state.letter_id
        self.state = result.state
        self.saved_number = max(self.saved_number, result.edit_number)
        when = self.services.clock().astimezone(self.services.letters.zone)
        text = self.tr("Saved at %1").replace("%1", when.strftime("%H:%M"))
        self._set_state_text(text if not self.is_dirty else self.tr("Unsaved changes"))
        self.sig_letter_saved.emit(result.state.letter_id)
        if self._save_again and self.is_dirty:
            self._save_again = False
            self._save(by_user=False)
        elif self._submit_after_save:
            self._submit_after_save = False
            self.submit()
        elif self._close_after_save and not self.is_dirty:
            self.close()

    def _on_save_failed(self, exc: BaseException, *, by_user: bool) -> None:
        self._save_op = None
        asked = by_user or self._submit_after_save or self._close_after_save
        self._save_again = self._submit_after_save = self._close_after_save = False
        self._set_state_text(self.tr("Not saved"))
        if asked:
            show_failure(self, exc, action=self.tr("The draft could not be saved."))
        else:  # autosave is not an action the user started: no message box
            log.warning("autosave failed: %s", type(exc).__name__)
            show_status(self, self.tr("The draft could not be saved automatically."))

    def _on_submit_succeeded(self, state: LetterState) -> None:
        self.state = state
        self.letter_id = state.letter_id
        self.saved_number = self.edit_number
        self._lock(self.tr("Submitted for review. The draft is now with the reviewers."))
        self._set_state_text(self.tr("Submitted"))
        show_status(self, self.tr("Draft submitted for review."))
        self.sig_letter_submitted.emit(state.letter_id)

    def _on_submit_failed(self, exc: BaseException) -> None:
        self.submit_button.setEnabled(True)
        show_failure(self, exc, action=self.tr("The draft could not be submitted."))

    def _on_preview_rendered(self, result: PreviewResult) -> None:
        self.findings.set_findings(result.findings)

    # -- Qt overrides -------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.is_dirty or self.form is None or self.submitted:
            self._autosave.stop()
            event.accept()
            return
        choice = self._ask_unsaved()
        if choice == QMessageBox.StandardButton.Save:
            event.ignore()
            self._close_after_save = True
            self.save()
        elif choice == QMessageBox.StandardButton.Discard:
            self._autosave.stop()
            self.saved_number = self.edit_number
            event.accept()
        else:
            event.ignore()

    # -- private helpers ----------------------------------------------------------------------

    def _ask_unsaved(self) -> QMessageBox.StandardButton:
        box = QMessageBox(self)
        box.setObjectName("unsavedBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(self.tr("This draft has changes that are not saved yet."))
        box.setInformativeText(self.tr("Save them before closing?"))
        buttons = QMessageBox.StandardButton
        box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
        box.setDefaultButton(buttons.Save)
        box.button(buttons.Save).setText(self.tr("Save"))
        box.button(buttons.Discard).setText(self.tr("Discard"))
        box.button(buttons.Cancel).setText(self.tr("Cancel"))
        return QMessageBox.StandardButton(box.exec())

    def _build(self, template: Template) -> None:
        if self.profile is None:
            self.profile = load_profile(session.profile_id(self.services))
        self.template = template
        self.setWindowTitle(template.nama)
        self.form = DraftForm(template, self.profile)
        self.route = RoutePanel(self.profile.style.paraf_max)
        route_box = self.form.add_section(self.tr("Review route"))
        route_box.addWidget(self.route)
        for widget in self.form.fields.values():
            if isinstance(widget, PersonField) and widget.spec.name == SIGNER_FIELD:
                widget.sig_jabatan_chosen.connect(self._on_signer_jabatan_chosen)
        self.form.sig_values_edited.connect(self._on_form_values_edited)

        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.header = EditorHeader(template.nama)
        self.save_button = self.header.save_button
        self.submit_button = self.header.submit_button
        self.banner = self.header.banner
        self.state_label = self.header.state_label
        self.save_button.setEnabled(False)  # nothing to save before the first edit
        self.save_button.clicked.connect(self.save)
        self.submit_button.clicked.connect(self.submit)
        column.addWidget(self.header)
        self.form_area = QWidget()
        form_column = QVBoxLayout(self.form_area)
        form_column.setContentsMargins(0, 0, 0, 0)
        form_column.addWidget(self.form)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.preview)
        right.addWidget(self.findings)
        right.setStretchFactor(0, 4)
        right.setStretchFactor(1, 1)
        right.setSizes([700, 130])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.form_area)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([640, 640])
        self.splitter.setChildrenCollapsible(False)
        column.addWidget(self.splitter, 1)
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        if self.directory is not None:
            self._apply_directory()

    def _apply_directory(self) -> None:
        assert self.form is not None
        assert self.route is not None
        assert self.directory is not None
        self.form.set_directory(self.directory)
        self.route.set_directory(self.directory)

    def _refresh(self) -> None:
        """Validate inline and ask the preview (and the checks with it) for a new render."""
        assert self.form is not None
        assert self.template is not None
        assert self.profile is not None
        values, _problems = self.form.validate()
        self.preview.request(self.template, self.profile, values, self.services.today())

    def _snapshot(self) -> session.DraftSnapshot:
        assert self.form is not None
        assert self.template is not None
        assert self.route is not None
        roles = self.form.recipients()
        return session.DraftSnapshot(
            jenis=self.template.jenis,
            values=self.form.raw_values(),
            tujuan=roles["tujuan"],
            tembusan=roles["tembusan"],
            steps=self.route.steps(),
            unit_id=self.directory.unit_id if self.directory else "",
            edit_number=self.edit_number,
        )

    def _show_letter_state(self, state: LetterState) -> None:
        """Say why an opened letter came back, or lock it when it may not be edited here."""

        editable = state.status in (LetterStatus.KONSEP, LetterStatus.DIKEMBALIKAN)
        if state.konseptor_nip != self.services.nip:
            self._lock(self.tr("Only the konseptor can change this draft; it is shown read-only."))
        elif not editable:
            text = self.tr("This letter is %1 and cannot be changed in the editor.")
            self._lock(text.replace("%1", state.status.value.replace("_", " ")))
        elif state.status is LetterStatus.DIKEMBALIKAN and state.notes:
            _step, _actor, note = state.notes[-1]
            self.header.show_banner(self.tr("Returned for revision: %1").replace("%1", note))

    def _lock(self, text: str) -> None:
        """Make the draft read-only and say why in the banner."""
        self.submitted = True
        self._autosave.stop()
        self.form_area.setEnabled(False)
        self.header.lock(text)

    def _set_state_text(self, text: str) -> None:
        """Show the save state under the title; Save is offered only when there is something
        to save."""
        if self.form is not None:
            self.state_label.setText(text)
            self.save_button.setEnabled(self.is_dirty and not self.submitted)
