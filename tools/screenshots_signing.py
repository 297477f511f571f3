"""Screenshots of the signing and verification screens, offscreen, into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen python tools/screenshots_signing.py [--out docs/screenshots]

Builds a demo workspace in a temporary folder (TNDE_HOME too), adds three numbered letters,
opens the batch signing dialog as their signer (``ui-sign-batch.png``), signs them
(``ui-sign-batch-done.png``), then verifies a signed letter, a tampered copy and a letter
signed under an untrusted root on the Verifikasi screen (``ui-verify.png``).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if TYPE_CHECKING:
    from collections.abc import Callable

log = logging.getLogger("screenshots")


def _wait(condition: Callable[[], bool], timeout: float = 90.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QApplication.processEvents()
        if condition():
            return
        time.sleep(0.02)
    raise TimeoutError("the screen did not finish loading")


def _settle(seconds: float = 0.8) -> None:
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

    from tnde.demo import add_demo_letters, create_demo
    from tnde.workspace import Workspace
    from ui.i18n import install_translators
    from ui.services import Services
    from ui.settings import use_folder
    from ui.signing.batch_dialog import SignBatchDialog
    from ui.theme import apply_theme
    from ui.verification.screen import VerificationScreen
    from ui.workers import running_ops, shutdown

    app = QApplication(["screenshots"])
    use_folder(home)
    install_translators("id")
    apply_theme(app)
    create_demo(home / "demo")
    workspace = Workspace.open(home / "demo")
    ids = add_demo_letters(workspace, 3)
    state = Services.open(workspace).letters.get(ids[0])
    step = state.current_step()
    assert step is not None
    services = Services.open(workspace, dict(state.planned_signers)[step.step_no])

    def idle() -> bool:
        return not running_ops()

    dialog = SignBatchDialog(services, ids)
    dialog.resize(1240, 800)
    dialog.show()
    _wait(lambda: dialog.model.rowCount() == 3 and idle())
    dialog.model.set_checked(ids[2], False)
    _wait(lambda: dialog.preview.page_count > 0 and idle())
    _settle()
    dialog.grab().save(str(args.out / "ui-sign-batch.png"))
    log.info("wrote ui-sign-batch")

    dialog.model.set_checked(ids[2], True)
    dialog.start_signing()
    _wait(lambda: dialog.secret_dialog is not None)
    prompt = dialog.secret_dialog
    assert prompt is not None
    prompt.field.setText("demo1234")
    _settle(0.3)
    prompt.grab().save(str(args.out / "ui-sign-secret.png"))
    prompt.buttons.accepted.emit()
    _wait(lambda: bool(dialog.results) and idle())
    _settle()
    dialog.grab().save(str(args.out / "ui-sign-batch-done.png"))
    log.info("wrote ui-sign-batch-done")
    dialog.close()

    folder = home / "untuk diverifikasi"
    folder.mkdir()
    signed = workspace.blobs.get(services.letters.get(ids[0]).final_blob)
    (folder / "surat-asli.pdf").write_bytes(signed)
    second = workspace.blobs.get(services.letters.get(ids[1]).final_blob)
    (folder / "surat-kedua.pdf").write_bytes(second)
    tampered = bytearray(signed)
    tampered[len(tampered) // 3] ^= 0x01
    (folder / "surat-diubah.pdf").write_bytes(bytes(tampered))
    (folder / "surat-tanpa-akar.pdf").write_bytes(signed)
    screen = VerificationScreen(services)
    screen.resize(1360, 820)
    screen.show()
    _settle(0.3)
    screen.grab().save(str(args.out / "ui-verify-empty.png"))
    screen.add_paths(
        [folder / "surat-asli.pdf", folder / "surat-kedua.pdf", folder / "surat-diubah.pdf"]
    )
    _wait(lambda: screen.model.rowCount() > 0 and idle())
    screen.table.selectRow(0)
    _settle()
    screen.grab().save(str(args.out / "ui-verify.png"))
    log.info("wrote ui-verify")
    screen.close()
    shutdown()
    workspace.close()
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())
