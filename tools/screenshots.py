"""Screenshots of the main screens, offscreen, into docs/screenshots/*.png.

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py [--out docs/screenshots]

Builds a demo workspace in a temporary folder (TNDE_HOME too, so nothing of the user's is
touched), opens the main window as the officials who have work in each screen, and grabs it.
"""

from __future__ import annotations

import logging
import sys

from shotkit import demo_session, idle, out_folder, settle, wait

log = logging.getLogger("screenshots")


def main() -> int:
    out = out_folder(__doc__)

    with demo_session() as session:
        from ui.main_window import MainWindow
        from ui.settings import UiSettings

        workspace = session.workspace
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

        def shot(name: str) -> None:
            wait(idle)
            settle()
            wait(idle)
            window.grab().save(str(out / f"{name}.png"))
            log.info("wrote %s", name)

        shots = (
            ("01-dasbor", "KADIS", "dasbor", None),  # whom the demo opens as: most to do
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
            wait(idle)
            if row is not None:
                listing = screen.list  # type: ignore[attr-defined]
                listing.table.selectRow(row)
                wait(idle)
                settle(1.0)
            shot(name)
        screen = window.show_queue("disposisi")
        screen.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
        shot("08-pemantauan")
        window.switch_user(holder("KASUBBAG_UMPEG"))
        incoming = window.show_queue("naskah_masuk")
        wait(idle)
        dialog = incoming.controller.register()  # type: ignore[attr-defined]
        dialog.asal.setText("Dinas Pendidikan Provinsi Nusantara Raya")
        dialog.nomor.setText("400.3/2215/Disdik/2026")
        dialog.hal.setText("Permohonan Dukungan Jaringan Sekolah Digital")
        settle()
        dialog.grab().save(str(out / "09-registrasi.png"))
        dialog.reject()
        window.close()
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())
