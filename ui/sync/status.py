"""The sync's place in the status bar: online, offline since HH:MM, how many actions wait
to be sent, when something last arrived; a click shows the details (what ``tnde sync
status`` prints) with "Kirim sekarang" and, when needed, "Masuk kembali"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QToolButton

from ui.icons import icon

if TYPE_CHECKING:
    import datetime as dt
    from zoneinfo import ZoneInfo

    from PySide6.QtWidgets import QWidget

    from tnde.sync import SyncSnapshot

__all__ = ["SyncStatusButton", "describe_snapshot"]

translate = QCoreApplication.translate


def _clock(moment: dt.datetime | None, zone: ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%H:%M}" if moment else ""


def describe_snapshot(snapshot: SyncSnapshot, zone: ZoneInfo) -> str:
    """One line for the status bar."""
    parts: list[str] = []
    if snapshot.signed_out:
        parts.append(translate("SyncStatus", "Sign in again"))
    elif snapshot.online is None:
        parts.append(translate("SyncStatus", "Connecting to the archive…"))
    elif snapshot.online:
        parts.append(translate("SyncStatus", "Online"))
    else:
        since = _clock(snapshot.offline_since, zone)
        parts.append(translate("SyncStatus", "Offline since %1").replace("%1", since))
    if snapshot.pending:
        parts.append(
            translate("SyncStatus", "%1 waiting to send").replace("%1", str(snapshot.pending))
        )
    if snapshot.rejected:
        parts.append(
            translate("SyncStatus", "%1 need attention").replace("%1", str(snapshot.rejected))
        )
    if snapshot.last_received and not snapshot.signed_out:
        parts.append(
            translate("SyncStatus", "last received %1").replace(
                "%1", _clock(snapshot.last_received, zone)
            )
        )
    return " · ".join(parts)


class SyncStatusButton(QToolButton):
    """A flat status-bar button showing the sync's state."""

    sig_details_requested = Signal()
    """The user asked for the details."""

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.setObjectName("sync_status")
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setAccessibleName(self.tr("Archive connection"))
        self.setToolTip(self.tr("The connection to the office's archive: click for details"))
        self.clicked.connect(self.sig_details_requested.emit)
        self.state = ""

    def set_snapshot(self, snapshot: SyncSnapshot) -> None:
        """Show ``snapshot``."""
        self.setText(describe_snapshot(snapshot, self.zone))
        if snapshot.signed_out:
            self.state, name = "signed_out", "alert"
        elif snapshot.online is False:
            self.state, name = "offline", "cloud-off"
        elif snapshot.pending:
            self.state, name = "sending", "upload"
        else:
            self.state, name = "online", "cloud"
        self.setIcon(icon(name))
        self.setProperty("state", self.state)
        self.style().unpolish(self)
        self.style().polish(self)
