"""What happens when the user picks an action on an outgoing letter: ask what the action
needs (a note, the recipients, a confirmation), call the core in an op, report the outcome.

Revising opens the drafting editor and signing opens the signing screen: this module only
asks for them (:attr:`LetterActions.sig_revise_requested`, :attr:`sig_sign_requested`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from tnde import signing
from tnde.incoming import send_letter
from tnde.workflow import Action, archive_letter, cancel_letter, mark_read, number_letter
from ui.dialogs.buttons import confirm
from ui.dialogs.dispatch_dialog import DispatchDialog
from ui.dialogs.note_dialog import NoteDialog
from ui.errors import show_status
from ui.signing.device import REMOTE, SigningSettings, device_for, initial_choice
from ui.widgets.letter_detail import CHECK_UNKNOWN
from ui.workers import Op

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

    from tnde.workflow import LetterState
    from ui.services import Services

log = logging.getLogger(__name__)

__all__ = ["LetterActions"]


class LetterActions(QObject):
    """Runs letter actions for one window."""

    sig_letter_changed = Signal(str)
    """An action changed a letter (its id: str); lists, counters and the pane refresh."""
    sig_revise_requested = Signal(str)
    """The user wants to edit the letter's text (its id: str)."""
    sig_sign_requested = Signal(str)
    """The user wants to sign the letter (its id: str)."""

    def __init__(self, services: Services, parent: QWidget) -> None:
        super().__init__(parent)
        self.services = services
        self._widget = parent
        self.last_dialog: QWidget | None = None
        """The dialog opened by the last action (tests drive it)."""

    # -- public API ---------------------------------------------------------------------------

    def run(self, action: str, letter_id: str, state: LetterState | None = None) -> None:
        """Start ``action`` (an :class:`Action` value) on ``letter_id``.

        ``state`` is the letter as the user saw it: approvals name its revision, so a text
        that changed meanwhile is not approved unseen.
        """
        if action == CHECK_UNKNOWN:
            self._check_unknown(letter_id)
            return
        handlers: dict[Action, Callable[[str, LetterState | None], None]] = {
            Action.REVISE: lambda lid, _s: self.sig_revise_requested.emit(lid),
            Action.SIGN: lambda lid, _s: self.sig_sign_requested.emit(lid),
            Action.SUBMIT: self._submit,
            Action.APPROVE: self._approve,
            Action.RETURN: self._return,
            Action.REJECT: self._reject,
            Action.NUMBER: self._number,
            Action.SEND: self._send,
            Action.READ: self._read,
            Action.ARCHIVE: self._archive,
            Action.CANCEL: self._cancel,
        }
        handlers[Action(action)](letter_id, state)

    # -- the actions --------------------------------------------------------------------------

    def _submit(self, letter_id: str, _state: LetterState | None) -> None:
        s = self.services
        self._op(
            lambda: s.letters.submit(s.nip, letter_id),
            self.tr("Submitting…"),
            self.tr("The draft was submitted for review."),
        )

    def _approve(self, letter_id: str, state: LetterState | None) -> None:
        s = self.services
        revision = state.head_revision if state is not None else None
        step = _shown_step(state)
        self._op(
            lambda: s.letters.approve(s.nip, letter_id, step=step, revision=revision),
            self.tr("Approving…"),
            self.tr("Approved (paraf)."),
        )

    def _return(self, letter_id: str, state: LetterState | None) -> None:
        dialog = NoteDialog(
            self._widget,
            title=self.tr("Return for revision"),
            prompt=self.tr("Tell the drafter what to change. The note is kept in the history."),
            ok_text=self.tr("Return"),
        )
        s = self.services
        step = _shown_step(state)

        def done(result: int) -> None:
            if result:
                note = dialog.text()
                self._op(
                    lambda: s.letters.return_for_revision(s.nip, letter_id, note, step=step),
                    self.tr("Returning…"),
                    self.tr("The draft was returned to its drafter."),
                )

        self._open(dialog, done)

    def _reject(self, letter_id: str, state: LetterState | None) -> None:
        dialog = NoteDialog(
            self._widget,
            title=self.tr("Reject letter"),
            prompt=self.tr("A rejected letter ends here and cannot be revised. Give the reason."),
            ok_text=self.tr("Reject"),
        )
        s = self.services
        step = _shown_step(state)

        def done(result: int) -> None:
            if result:
                note = dialog.text()
                self._op(
                    lambda: s.letters.reject(s.nip, letter_id, note, step=step),
                    self.tr("Rejecting…"),
                    self.tr("The letter was rejected."),
                )

        self._open(dialog, done)

    def _cancel(self, letter_id: str, _state: LetterState | None) -> None:
        dialog = NoteDialog(
            self._widget,
            title=self.tr("Cancel letter"),
            prompt=self.tr(
                "The letter is withdrawn; a number it holds is voided. Give the reason."
            ),
            ok_text=self.tr("Cancel letter"),
        )
        s = self.services

        def done(result: int) -> None:
            if result:
                reason = dialog.text()
                self._op(
                    lambda: cancel_letter(s.letters, s.nip, letter_id, reason),
                    self.tr("Cancelling…"),
                    self.tr("The letter was cancelled."),
                )

        self._open(dialog, done)

    def _number(self, letter_id: str, _state: LetterState | None) -> None:
        if not confirm(
            self._widget,
            self.tr("Assign number"),
            self.tr(
                "The letter gets the next number of its series and its final PDF is made. "
                "The text cannot change after this unless the signer returns it."
            ),
            self.tr("Assign number"),
        ):
            return
        s = self.services
        self._op(
            lambda: number_letter(s.letters, s.nip, letter_id),
            self.tr("Assigning the number and making the final PDF…"),
            self.tr("Number assigned."),
        )

    def _send(self, letter_id: str, state: LetterState | None) -> None:
        s = self.services
        state = state or s.letters.get(letter_id)
        dialog = DispatchDialog(self._widget, state)

        def done(result: int) -> None:
            if result:
                chosen = dialog.recipients()
                self._op(
                    lambda: send_letter(s.letters, s.nip, letter_id, recipients=chosen),
                    self.tr("Dispatching…"),
                    self.tr("The letter was dispatched."),
                )

        self._open(dialog, done)

    def _read(self, letter_id: str, _state: LetterState | None) -> None:
        s = self.services
        self._op(
            lambda: mark_read(s.letters, s.nip, letter_id),
            self.tr("Saving…"),
            self.tr("Marked as read."),
        )

    def _archive(self, letter_id: str, _state: LetterState | None) -> None:
        s = self.services
        self._op(
            lambda: archive_letter(s.letters, s.nip, letter_id),
            self.tr("Archiving…"),
            self.tr("The letter was archived."),
        )

    # -- helpers ------------------------------------------------------------------------------

    def _check_unknown(self, letter_id: str) -> None:
        """Ask the signing service what became of a lost sign request ("status tidak pasti")."""
        s = self.services
        choice = initial_choice(s, SigningSettings())
        if choice.kind != REMOTE:
            show_status(
                self._widget,
                self.tr(
                    "The check asks the remote signing service about you: choose it in "
                    "Settings → Signing device first."
                ),
            )
            return

        def work() -> tuple[str, str]:
            device = device_for(choice, s)
            if not isinstance(device, signing.RemoteDevice):
                raise TypeError("a remote device choice makes a RemoteDevice")
            return signing.check_unknown_outcome(s.letters, device, s.nip, letter_id)

        def done(found: tuple[str, str]) -> None:
            how, result = found
            if result == "signed":
                text = self.tr("Checked (%1): the letter is signed.")
            else:
                text = self.tr("Checked (%1): the letter was not signed and may be signed again.")
            show_status(self._widget, text.replace("%1", how))
            self.sig_letter_changed.emit(letter_id)

        Op(self._widget, work).with_progress(self.tr("Asking the signing service…")).success(
            done
        ).run()

    def _open(self, dialog: QWidget, done: Callable[[int], None]) -> None:
        self.last_dialog = dialog
        dialog.finished.connect(done)  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]

    def _op(self, fn: Callable[[], Any], progress: str, success: str) -> None:
        def on_success(state: Any) -> None:
            show_status(self._widget, success)
            self.sig_letter_changed.emit(getattr(state, "letter_id", ""))

        Op(self._widget, fn).with_progress(progress).success(on_success).run()


def _shown_step(state: LetterState | None) -> int | None:
    """The step the user saw waiting when they chose the action: the action names it, so
    a second click or a colleague's faster decision cannot make it act on the next step."""
    step = state.current_step() if state is not None else None
    return step.step_no if step is not None else None
