"""Every screen of the window at a laptop's size, and what text each one cuts off.

    QT_QPA_PLATFORM=offscreen python tools/clip_survey.py [--out FOLDER] [--size 1366x768]
    QT_SCALE_FACTOR=1.25 QT_QPA_PLATFORM=offscreen python tools/clip_survey.py --size 1093x614

(At 125 % a 1366 x 768 screen offers 1093 x 614 logical pixels.) Opens the demo as the official
who has work in each queue, selects the first letter, opens the dialogs (register, sign,
passphrase, settings, the editor with its catalogue and its form), saves a PNG of each into
``--out`` and prints what :func:`ui.widgets.clipping.clipped_texts` finds. Exit status 1 when
anything is cut off.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from shotkit import demo_session, idle, settle, wait

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger("clip_survey")

_QUEUES = (
    ("dasbor", "KADIS"),
    ("konsep", "PRANATA_KOMPUTER_APL"),
    ("perlu_diperiksa", "KASI_APL"),
    ("perlu_ditandatangani", "KADIS"),
    ("siap_dikirim", "KASUBBAG_UMPEG"),
    ("naskah_keluar", "KASUBBAG_UMPEG"),
    ("naskah_masuk", "KADIS"),
    ("disposisi", "KABID_APTIKA"),
    ("tembusan", "KABID_IKP"),
    ("verifikasi", "KADIS"),
    ("arsip", "KASUBBAG_UMPEG"),
    ("templat", "KADIS"),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("/tmp/tnde-clip-survey"))
    parser.add_argument("--size", default="1366x768", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    found: dict[str, list[str]] = {}

    with demo_session() as session:
        from PySide6.QtTest import QTest

        from tnde.org import holders
        from ui.main_window import MainWindow
        from ui.settings import UiSettings
        from ui.widgets.clipping import clipped_texts

        window = MainWindow(session.workspace, settings=UiSettings())
        window.resize(width, height)
        window.show()
        assert window.services is not None
        chart = window.services.org()

        def holder(jabatan: str) -> str:
            assert window.services is not None
            return str(holders(chart, jabatan, window.services.today())[0].nip)

        def look(name: str, widget: QWidget) -> None:
            wait(idle)
            settle(0.4)
            wait(idle)
            widget.grab().save(str(out / f"{name}.png"))
            problems = clipped_texts(widget)
            found[name] = problems
            for _problem in problems:
                pass

        for queue, jabatan in _QUEUES:
            window.switch_user(holder(jabatan))
            screen = window.show_queue(queue)
            wait(idle)
            listing = getattr(screen, "list", None)
            if listing is not None and listing.proxy.rowCount():
                listing.table.selectRow(0)
                wait(idle)
                settle(0.8)
            look(f"queue-{queue}", window)

        window.switch_user(holder("KASUBBAG_UMPEG"))
        incoming = window.show_queue("naskah_masuk")
        wait(idle)
        dialog = incoming.controller.register()  # type: ignore[attr-defined]
        look("dialog-register", dialog)
        dialog.reject()

        window.switch_user(holder("KADIS"))
        window.show_queue("perlu_ditandatangani")
        wait(idle)
        window.sign_batch()
        wait(lambda: getattr(window, "sign_dialog", None) is not None)
        sign = window.sign_dialog
        sign.resize(min(sign.width(), width), min(sign.height(), height))
        look("dialog-sign", sign)
        sign.reject()

        window.settings_action.trigger()
        settings = window.settings_dialog
        for index in range(settings.tabs.count()):
            if settings.tabs.isTabVisible(index):
                settings.tabs.setCurrentIndex(index)
                look(f"dialog-settings-{index}", settings)
        settings.reject()

        window.switch_user(holder("PRANATA_KOMPUTER_APL"))
        editor = window.open_editor()
        assert editor is not None
        editor.resize(width, height)
        look("editor-catalogue", editor)
        editor.catalogue.select("surat_dinas")  # type: ignore[attr-defined]
        editor.catalogue.choose_button.click()  # type: ignore[attr-defined]
        wait(lambda: editor.form is not None)  # type: ignore[attr-defined]
        kka = editor.form.fields["kka"].edit  # type: ignore[attr-defined]
        QTest.keyClicks(kka, "000.8.3.3")  # typed: the help below turns into the code's name
        settle(1.5)
        look("editor-form", editor)
        editor.saved_number = editor.edit_number  # type: ignore[attr-defined]
        editor.close()
        window.close()

    total = sum(len(p) for p in found.values())
    return 1 if total else 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    sys.exit(main())
