"""Screenshots of the desktop on the archive, for the README (docs/images/desktop-*.png).

    QT_QPA_PLATFORM=offscreen python tools/sync_screenshots.py

Makes the demo office in a temporary folder, serves its archive on loopback, and shoots:
the welcome screen, the status bar online and offline, "Perlu perhatian" with a refused
approval, and the konseptor's and the reviewer's windows side by side after a letter
travelled between them.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QPoint  # noqa: E402
from PySide6.QtGui import QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.office import surat_dinas_values  # noqa: E402
from tests.sync.liveserver import LiveArchive, free_port  # noqa: E402
from tnde import sync  # noqa: E402
from tnde.cli.demo_office import create_demo_office  # noqa: E402
from tnde.secrets import MemorySecretStore  # noqa: E402
from tnde.workflow import Letters  # noqa: E402
from tnde.workspace import Workspace  # noqa: E402
from ui.i18n import install_translators  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings import UiSettings, use_folder  # noqa: E402
from ui.sync.welcome import WelcomeDialog  # noqa: E402
from ui.theme import apply_theme  # noqa: E402

OUT = ROOT / "docs" / "images"


def pump(app: QApplication, test: object = None, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if test is None and time.monotonic() > deadline - timeout + 0.5:
            return
        if test is not None and test():  # type: ignore[operator]
            return
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        time.sleep(0.01)


def main() -> None:
    app = QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="tnde-shots "))
    use_folder(folder)
    install_translators("id")
    apply_theme(app)
    OUT.mkdir(parents=True, exist_ok=True)

    welcome = WelcomeDialog(MemorySecretStore())
    welcome.show()
    pump(app)
    welcome.grab().save(str(OUT / "desktop-welcome.png"))
    welcome.close()

    port = free_port()
    create_demo_office(folder / "kantor", port=port, secrets=MemorySecretStore())
    office = sync.read_demo_office(folder / "kantor")
    assert office is not None
    server = LiveArchive(office.archive_folder, port)
    server.start()
    konseptor, reviewer, signer = office.desks[0], office.desks[1], office.desks[2]
    windows = []
    for desk in (konseptor, reviewer):
        secrets = MemorySecretStore()
        ws = Workspace.open(desk.workspace)
        sync.sign_in_again(ws, desk.password, secrets)
        window = MainWindow(ws, settings=UiSettings(), secrets=secrets, sync_wait=2.0)
        window.setWindowTitle(f"{desk.nama} — TNDE Desktop")
        window.resize(1100, 720)
        window.show()
        windows.append(window)
    sender, receiver = windows
    pump(app, lambda: all(w.window_sync.button.state == "online" for w in windows))

    letters = Letters(sender.services.workspace)
    unit = sender.services.org().get_jabatan(konseptor.jabatan_id).unit_id
    letter = letters.create(
        konseptor.nip,
        jenis="surat_dinas",
        unit_id=unit,
        profile_id=sender.services.workspace.config.profile_id,
        values=surat_dinas_values(hal="Undangan rapat koordinasi aplikasi"),
    ).letter_id
    letters.set_route(konseptor.nip, letter, signer_jabatan=signer.jabatan_id)
    letters.submit(konseptor.nip, letter)
    sender._on_letter_changed(letter)
    pump(app, lambda: receiver.sidebar_model.count_of("perlu_diperiksa") == 1)
    sender.show_queue("naskah_keluar")
    receiver.show_queue("perlu_diperiksa")
    pump(app)
    left, right = sender.grab(), receiver.grab()
    both = QPixmap(left.width() + right.width() + 16, max(left.height(), right.height()))
    both.fill(app.palette().window().color())
    painter = QPainter(both)
    painter.drawPixmap(QPoint(0, 0), left)
    painter.drawPixmap(QPoint(left.width() + 16, 0), right)
    painter.end()
    both.save(str(OUT / "desktop-two-windows.png"))
    receiver.statusBar().grab().save(str(OUT / "desktop-status-online.png"))

    # offline: the reviewer approves while the archive is down
    server.stop()
    button = receiver.window_sync.button
    pump(app, lambda: button.state == "offline")
    Letters(receiver.services.workspace).approve(reviewer.nip, letter)
    receiver._on_letter_changed(letter)
    pump(app, lambda: "belum terkirim" in button.text())
    receiver.statusBar().grab().save(str(OUT / "desktop-status-offline.png"))

    # refused: the konseptor's second desk... the archive accepts the other approval first
    server.start()
    pump(app, lambda: button.state == "online" and "belum terkirim" not in button.text())
    second = (
        Letters(sender.services.workspace)
        .create(
            konseptor.nip,
            jenis="surat_dinas",
            unit_id=unit,
            profile_id=sender.services.workspace.config.profile_id,
            values=surat_dinas_values(hal="Laporan pemeliharaan server"),
        )
        .letter_id
    )
    Letters(sender.services.workspace).set_route(
        konseptor.nip, second, signer_jabatan=signer.jabatan_id
    )
    Letters(sender.services.workspace).submit(konseptor.nip, second)
    sender._on_letter_changed(second)
    pump(app, lambda: receiver.sidebar_model.count_of("perlu_diperiksa") >= 1)
    # the reviewer's laptop approves while this window's sync is paused; this window returns
    # the letter meanwhile: the archive takes the laptop's approval and refuses the return
    laptop = _second_desk(folder, office, reviewer)
    laptop_syncer = sync.Syncer(laptop, laptop_secrets)
    laptop_syncer.sync_once()
    receiver.window_sync.controller.pause("jeda")
    Letters(laptop).approve(reviewer.nip, second)
    laptop_syncer.sync_once()
    Letters(receiver.services.workspace).return_for_revision(
        reviewer.nip, second, "Mohon lampirkan jadwal pemeliharaan."
    )
    receiver.window_sync.controller.resume()
    receiver._on_letter_changed(second)
    pump(app, lambda: receiver.sidebar_model.count_of("perlu_perhatian") == 1)
    screen = receiver.show_queue("perlu_perhatian")
    pump(app, lambda: screen.item_count() == 1)
    screen.select_row(0)
    pump(app)
    receiver.grab().save(str(OUT / "desktop-perlu-perhatian.png"))
    for window in windows:
        window.close()
    laptop_syncer.close()
    server.stop()
    sys.stdout.write(f"screenshots in {OUT}\n")


laptop_secrets = MemorySecretStore()


def _second_desk(folder: Path, office: object, desk: object) -> Workspace:
    """The reviewer's second computer, joined with their password."""
    return sync.join_office(
        folder / "laptop",
        office.url,  # type: ignore[attr-defined]
        nip=desk.nip,  # type: ignore[attr-defined]
        secret=desk.password,  # type: ignore[attr-defined]
        secrets=laptop_secrets,
        enrol=False,
    )


if __name__ == "__main__":
    main()
