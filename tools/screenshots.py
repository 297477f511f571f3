"""Screenshots of the main screens, offscreen, into docs/screenshots/*.png.

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py [--out docs/screenshots]

Builds a demo workspace in a temporary folder (TNDE_HOME too, so nothing of the user's is
touched), opens the main window as the officials who have work in each screen, and grabs it.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

log = logging.getLogger("screenshots")


def _wait(app: object, condition: object, timeout: float = 20.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QApplication.processEvents()
        if callable(condition) and condition():
            return
        time.sleep(0.02)
    raise TimeoutError("the screen did not finish loading")


def _settle(seconds: float = 0.6) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="tnde shots "))
    os.environ["TNDE_HOME"] = str(home)

    from PySide6.QtWidgets import QApplication

    from tnde.demo import create_demo
    from tnde.workspace import Workspace
    from ui.i18n import install_translators
    from ui.main_window import MainWindow
    from ui.settings import UiSettings, use_folder
    from ui.theme import apply_theme
    from ui.workers import running_ops, shutdown

    app = QApplication(["screenshots"])
    use_folder(home)
    install_translators("id")
    apply_theme(app)
    create_demo(home / "demo")
    workspace = Workspace.open(home / "demo")
    settings = UiSettings()
    window = MainWindow(workspace, settings=settings)
    window.resize(1440, 900)
    window.show()
    chart = window.services.org() if window.services else None
    assert chart is not None

    def holder(jabatan: str) -> str:
        from tnde.org import holders

        assert window.services is not None
        return str(holders(chart, jabatan, window.services.today())[0].nip)

    def idle() -> bool:
        return not running_ops()

    def shot(name: str) -> None:
        _wait(app, idle)
        _settle()
        _wait(app, idle)
        window.grab().save(str(args.out / f"{name}.png"))
        log.info("wrote %s", name)

    shots = (
        ("01-dasbor", "PRANATA_KOMPUTER_APL", "dasbor", None),
        ("02-perlu-diperiksa", "KASI_APL", "perlu_diperiksa", 0),
        ("03-konsep", "PRANATA_KOMPUTER_APL", "konsep", 0),
        ("04-siap-dikirim", "KASUBBAG_UMPEG", "siap_dikirim", 0),
        ("05-naskah-masuk", "KADIS", "naskah_masuk", 0),
        ("06-disposisi", "KABID_APTIKA", "disposisi", 0),
        ("07-naskah-keluar", "KASUBBAG_UMPEG", "naskah_keluar", 1),
    )
    for name, jabatan, queue, row in shots:
        window.switch_user(holder(jabatan))
        screen = window.show_queue(queue)
        _wait(app, idle)
        if row is not None:
            listing = screen.list  # type: ignore[attr-defined]
            listing.table.selectRow(row)
            _wait(app, idle)
            _settle(1.0)
        shot(name)
    screen = window.show_queue("disposisi")
    screen.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    shot("08-pemantauan")
    window.switch_user(holder("KASUBBAG_UMPEG"))
    incoming = window.show_queue("naskah_masuk")
    _wait(app, idle)
    dialog = incoming.controller.register()  # type: ignore[attr-defined]
    dialog.asal.setText("Dinas Pendidikan Provinsi Nusantara Raya")
    dialog.nomor.setText("400.3/2215/Disdik/2026")
    dialog.hal.setText("Permohonan Dukungan Jaringan Sekolah Digital")
    _settle()
    dialog.grab().save(str(args.out / "09-registrasi.png"))
    dialog.reject()
    window.close()
    shutdown()
    workspace.close()
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())
