"""Settings: workspace, archive server, office profile, identity (which pegawai I am),
language, the signing device and the trust roots.

Each page is a :class:`SettingsPage`; a page with nothing to show
(:meth:`SettingsPage.has_content` is False, e.g. identity without a workspace) is hidden. OK
first asks every page to :meth:`SettingsPage.validate`, then to :meth:`SettingsPage.apply`.
The archive page (``ui.sync.archive_page``) and the signing-device and trust-root pages live
with their screens (``ui.sync``, ``ui.signing``, ``ui.verification``); they derive from the base
in ``ui.dialogs.settings_page`` so that none of them imports this dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tnde.formatting import name_sort_key
from ui.dialogs.buttons import button_box
from ui.dialogs.settings_page import SettingsPage
from ui.icons import icon
from ui.settings import LANGUAGES, UiSettings
from ui.signing.settings_page import SigningSettingsPage
from ui.sync.archive_page import ArchivePage
from ui.verification.trust_page import TrustRootsPage

if TYPE_CHECKING:
    from ui.services import Services
    from ui.sync.window_sync import WindowSync

__all__ = [
    "IdentityPage",
    "LanguagePage",
    "ProfilePage",
    "SettingsDialog",
    "SettingsPage",
    "WorkspacePage",
]


class WorkspacePage(SettingsPage):
    """Which workspace folder the app opens."""

    def __init__(self, services: Services | None, settings: UiSettings) -> None:
        super().__init__()
        self.settings = settings
        self.path = QLineEdit(str(services.workspace.path) if services else settings.workspace_path)
        self.path.setReadOnly(True)
        self.path.setAccessibleName(self.tr("Workspace folder"))
        self.choose = QPushButton(icon("folder"), self.tr("Open another workspace…"))
        self.choose.clicked.connect(self._on_choose)
        self.chosen = ""
        kind = QLabel(
            self.tr("This is a demo workspace: every person and certificate in it is fictional.")
            if services is not None and services.is_demo
            else ""
        )
        kind.setWordWrap(True)
        kind.setObjectName("muted")
        note = QLabel(
            self.tr(
                "A workspace is one folder with the database and the stored files. "
                "Another workspace opens after a restart."
            )
        )
        note.setWordWrap(True)
        note.setObjectName("muted")
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.choose)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(kind)
        layout.addWidget(note)
        layout.addStretch(1)

    def title(self) -> str:
        return self.tr("Workspace")

    def apply(self) -> None:
        if self.chosen:
            self.settings.workspace_path = self.chosen

    def _on_choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a workspace folder"))
        if folder:
            self.chosen = folder
            self.path.setText(folder)


class ProfilePage(SettingsPage):
    """The office profile (Profil TND) of the workspace, read-only here."""

    def __init__(self, services: Services | None) -> None:
        super().__init__()
        form = QFormLayout(self)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        profile = services.profile if services is not None else None
        self._has = profile is not None
        if profile is None:
            return
        for label, value in (
            (self.tr("Office"), profile.nama),
            (self.tr("Profile"), profile.id),
            (self.tr("Time zone"), profile.timezone),
        ):
            text = QLabel(str(value))
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, text)
        note = QLabel(self.tr("The profile is a TOML file kept by the administrator."))
        note.setObjectName("muted")
        form.addRow("", note)

    def title(self) -> str:
        return self.tr("Office profile")

    def has_content(self) -> bool:
        return self._has


class IdentityPage(SettingsPage):
    """Who the user is.

    Outside demo mode the workspace belongs to one official, its owner: the page shows them
    and the positions they hold today, and nothing can be changed. A workspace that has no
    owner yet (made by an older version) lets the user choose one, once. A demo workspace
    offers every official of its org chart (the switcher).
    """

    sig_user_chosen = Signal(str)
    """A different pegawai was chosen (NIP: str)."""
    sig_owner_bound = Signal(str)
    """The workspace was given its owner (NIP: str)."""

    def __init__(self, services: Services | None, settings: UiSettings) -> None:
        super().__init__()
        self.settings = settings
        self.services = services
        self.person = QComboBox()
        self.person.setAccessibleName(self.tr("I am"))
        form = QFormLayout(self)
        self.choosing = services is not None and (services.is_demo or not services.owner)
        if services is None:
            return
        if self.choosing:
            people = services.org().pegawai
            for p in sorted(people, key=lambda p: (name_sort_key(p.nama), p.nip)):
                held = ", ".join(services.jabatan_name(j) for j in services.jabatan_of(p.nip))
                self.person.addItem(f"{p.nama} — {held}" if held else p.nama, p.nip)
            if services.is_demo:
                self.person.setCurrentIndex(max(0, self.person.findData(services.nip)))
            else:
                # nobody is chosen until the user chooses: the owner is set once
                self.person.setPlaceholderText(self.tr("Choose the official…"))
                self.person.setCurrentIndex(-1)
            form.addRow(self.tr("I am"), self.person)
            if services.is_demo:
                text = self.tr(
                    "Demo workspace: you may act as any official, to follow a letter along "
                    "its whole route. Actions are recorded under the chosen person's NIP."
                )
            else:
                text = self.tr(
                    "This workspace has no owner yet, so no action can be taken in it. Choose "
                    "the official who works at this computer; this is set once, and every "
                    "action is then taken as them."
                )
        else:
            self.person.hide()
            name = QLabel(f"<b>{services.person_name(services.owner)}</b><br>{services.owner}")
            name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(self.tr("Owner"), name)
            positions = QLabel(
                "<br>".join(services.jabatan_name(j) for j in services.jabatan_of(services.owner))
                or self.tr("(no position today)")
            )
            positions.setAccessibleName(self.tr("Positions today"))
            form.addRow(self.tr("Positions today"), positions)
            text = self.tr(
                "Every action in this workspace is taken as its owner, in the positions they "
                "hold that day (Plt. and Plh. included). Another official works in a "
                "workspace of their own."
            )
        note = QLabel(text)
        note.setWordWrap(True)
        note.setObjectName("muted")
        form.addRow("", note)

    def title(self) -> str:
        return self.tr("Identity")

    def has_content(self) -> bool:
        return self.services is not None

    def apply(self) -> None:
        nip = str(self.person.currentData() or "")
        if not self.choosing or not nip or self.services is None:
            return
        if not self.services.is_demo:
            self.sig_owner_bound.emit(nip)
        elif nip != self.services.nip:
            self.settings.user_nip = nip
            self.sig_user_chosen.emit(nip)


class LanguagePage(SettingsPage):
    """UI language: Indonesian (default) or English."""

    sig_language_chosen = Signal(str)
    """A different language was chosen (code: str)."""

    def __init__(self, settings: UiSettings) -> None:
        super().__init__()
        self.settings = settings
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        note = QLabel(self.tr("The new language is used from the next start."))
        note.setObjectName("muted")
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", note)

    def title(self) -> str:
        return self.tr("Language")

    def apply(self) -> None:
        code = str(self.language.currentData())
        if code != self.settings.language:
            self.settings.language = code
            self.sig_language_chosen.emit(code)


class SettingsDialog(QDialog):
    """The settings pages as tabs; OK applies every page."""

    def __init__(
        self,
        parent: QWidget | None,
        services: Services | None,
        settings: UiSettings,
        *,
        extra_pages: list[SettingsPage] | None = None,
        window_sync: WindowSync | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("settings_dialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.workspace_page = WorkspacePage(services, settings)
        self.profile_page = ProfilePage(services)
        self.identity_page = IdentityPage(services, settings)
        self.language_page = LanguagePage(settings)

        self.archive_page = ArchivePage(services, settings, window_sync)
        self.signing_page = SigningSettingsPage(services)
        self.trust_page = TrustRootsPage(services)
        self.pages: list[SettingsPage] = [
            self.workspace_page,
            self.archive_page,
            self.profile_page,
            self.identity_page,
            self.language_page,
            self.signing_page,
            self.trust_page,
            *(extra_pages or []),
        ]
        self.tabs = QTabWidget()
        for page in self.pages:
            index = self.tabs.addTab(page, page.title())
            self.tabs.setTabVisible(index, page.has_content())
        buttons = button_box()
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(620, 380)

    def _on_accepted(self) -> None:
        shown = [page for page in self.pages if page.has_content()]
        for page in shown:
            if not page.validate():
                self.tabs.setCurrentWidget(page)
                return
        for page in shown:
            page.apply()
        self.accept()
