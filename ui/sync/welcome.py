"""The first start outside the demo: link this computer to the office's archive, open a
workspace folder that exists (a standalone desk, or one copied from elsewhere), or try the
demo. Whatever is chosen is remembered, so later starts go straight to the window."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QFileDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from tnde.errors import TndeError
from tnde.workspace import Workspace
from ui.messages import describe_error
from ui.sync.sign_in import LinkDialog

if TYPE_CHECKING:
    from tnde.secrets import SecretStore

__all__ = ["WelcomeChoice", "WelcomeDialog"]


class WelcomeChoice(Enum):
    """What the user chose on the welcome screen."""

    LINKED = "linked"
    OPENED = "opened"
    DEMO = "demo"


class WelcomeDialog(QDialog):
    """Three ways to begin; :attr:`choice` and :attr:`workspace` tell which was taken."""

    def __init__(self, secrets: SecretStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.secrets = secrets
        self.choice: WelcomeChoice | None = None
        self.workspace: Workspace | None = None
        self.setWindowTitle(self.tr("Welcome to TNDE Desktop"))
        self.setObjectName("welcome_dialog")
        self.setMinimumWidth(620)
        title = QLabel(self.tr("Welcome to TNDE Desktop"))
        title.setObjectName("page_title")
        intro = QLabel(
            self.tr(
                "Electronic official letters: drafting, review, numbering, signing, incoming "
                "letters and dispositions. How do you want to begin?"
            )
        )
        intro.setWordWrap(True)
        self.link_button = QCommandLinkButton(
            self.tr("Link to my office's archive"),
            self.tr(
                "With the address, fingerprint and enrolment code from your administrator. "
                "Letters travel between the office's computers; you work offline too."
            ),
        )
        self.open_button = QCommandLinkButton(
            self.tr("Open a workspace folder"),
            self.tr("A standalone workspace on this computer, or one you were given."),
        )
        self.demo_button = QCommandLinkButton(
            self.tr("Try the demo"),
            self.tr("A fictional office with sample letters and DEMO certificates."),
        )
        self.error = QLabel()
        self.error.setObjectName("error_text")
        self.error.setWordWrap(True)
        self.error.hide()
        self.link_button.clicked.connect(self._on_link)
        self.open_button.clicked.connect(self._on_open)
        self.demo_button.clicked.connect(self._on_demo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(12)
        for button in (self.link_button, self.open_button, self.demo_button):
            layout.addWidget(button)
        layout.addWidget(self.error)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)

    def _on_link(self) -> None:
        dialog = LinkDialog(self.secrets, self)
        dialog.sig_linked.connect(lambda ws: self._finish(WelcomeChoice.LINKED, ws))
        self.link_dialog = dialog
        dialog.open()

    def _on_open(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a workspace folder"))
        if not folder:
            return
        try:
            workspace = Workspace.open(Path(folder))
        except TndeError as exc:
            self.error.setText(describe_error(exc)[0])
            self.error.show()
            return
        self._finish(WelcomeChoice.OPENED, workspace)

    def _on_demo(self) -> None:
        self._finish(WelcomeChoice.DEMO, None)

    def _finish(self, choice: WelcomeChoice, workspace: Workspace | None) -> None:
        self.choice = choice
        self.workspace = workspace
        self.accept()
