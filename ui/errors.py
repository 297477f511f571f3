"""Where each kind of failure is shown: the one place that decides.

* a field the user typed is wrong → :func:`show_field_error` (inline, next to the field);
* a small, expected, non-blocking problem or a success → :func:`show_status` (status bar);
* an action the user started failed → :func:`show_failure` (a non-blocking message box; the
  core's reason as text, the technical details folded away);
* :class:`tnde.errors.Cancelled` → a status message, never an error;
* periodic background checks → log only (:func:`log_background_failure`).
"""

from __future__ import annotations

import logging
import traceback
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from tnde.errors import Cancelled, TndeError
from ui.messages import describe_error

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

log = logging.getLogger(__name__)

translate = QCoreApplication.translate

__all__ = [
    "clear_field_error",
    "log_background_failure",
    "show_failure",
    "show_field_error",
    "show_status",
]

STATUS_MS = 6000
"""How long a status-bar message stays."""


def _status_bar(widget: QWidget | None) -> QStatusBar | None:
    if widget is None:
        return None
    window = widget.window()
    if isinstance(window, QMainWindow):
        return window.statusBar()
    parent = window.parentWidget()
    return _status_bar(parent) if parent is not None else None


def show_status(widget: QWidget | None, text: str, timeout_ms: int = STATUS_MS) -> None:
    """A short message in the status bar of ``widget``'s main window (or the log)."""
    bar = _status_bar(widget)
    if bar is None:
        log.info("status: %s", text)
        return
    bar.showMessage(text, timeout_ms)


def show_failure(
    parent: QWidget | None, exc: BaseException, *, action: str = ""
) -> QMessageBox | None:
    """An action the user started failed: tell them why, without blocking the window.

    Returns the message box (tests read it), or None when nothing needed showing.
    """
    if isinstance(exc, Cancelled):
        show_status(parent, translate("Errors", "Cancelled."))
        return None
    expected = isinstance(exc, TndeError)
    if expected:
        log.info("action refused: %s", type(exc).__name__)
    else:
        log.error("action failed", exc_info=(type(exc), exc, exc.__traceback__))
    title, text = describe_error(exc)
    box = QMessageBox(
        QMessageBox.Icon.Warning if expected else QMessageBox.Icon.Critical,
        title,
        f"{action}\n\n{text}" if action else text,
        QMessageBox.StandardButton.Ok,
        parent.window() if parent is not None else None,
    )
    box.setObjectName("failure_box")
    ok = box.button(QMessageBox.StandardButton.Ok)
    if ok is not None:
        ok.setText(translate("Errors", "OK"))
    box.setDetailedText("".join(traceback.format_exception(exc)) if not expected else str(exc))
    box.open()
    return box


def show_field_error(label: QLabel, field: QWidget, text: str) -> None:
    """Show ``text`` in ``label`` under ``field`` and mark the field as invalid."""
    label.setText(text)
    label.setVisible(True)
    field.setProperty("invalid", True)
    field.setAccessibleDescription(text)
    field.style().unpolish(field)
    field.style().polish(field)


def clear_field_error(label: QLabel, field: QWidget) -> None:
    """Undo :func:`show_field_error`."""
    label.clear()
    label.setVisible(False)
    field.setProperty("invalid", False)
    field.setAccessibleDescription("")
    field.style().unpolish(field)
    field.style().polish(field)


def log_background_failure(exc: BaseException, what: str) -> None:
    """A periodic background check failed: the log is enough."""
    log.warning("background %s failed: %s", what, type(exc).__name__, exc_info=exc)
