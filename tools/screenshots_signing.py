"""Screenshots of the signing and verification screens, offscreen, into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen python tools/screenshots_signing.py [--out docs/screenshots]

Builds a demo workspace in a temporary folder (TNDE_HOME too), adds three numbered letters,
opens the batch signing dialog as their signer (``ui-sign-batch.png``), signs them
(``ui-sign-batch-done.png``), then verifies a signed letter, a tampered copy and a letter
signed under an untrusted root on the Verifikasi screen (``ui-verify.png``).
"""

from __future__ import annotations

import logging
import sys

from shotkit import demo_session, idle, out_folder, settle, wait

log = logging.getLogger("screenshots")


def main() -> int:
    out = out_folder(__doc__)

    with demo_session() as session:
        from tnde.demo import add_demo_letters
        from ui.services import Services
        from ui.signing.batch_dialog import SignBatchDialog
        from ui.verification.screen import VerificationScreen

        workspace = session.workspace
        ids = add_demo_letters(workspace, 3)
        state = Services.open(workspace).letters.get(ids[0])
        step = state.current_step()
        assert step is not None
        services = Services.open(workspace, dict(state.planned_signers)[step.step_no])

        dialog = SignBatchDialog(services, ids)
        dialog.resize(1240, 800)
        dialog.show()
        wait(lambda: dialog.model.rowCount() == 3 and idle(), timeout=90.0)
        dialog.model.set_checked(ids[2], False)
        wait(lambda: dialog.preview.page_count > 0 and idle(), timeout=90.0)
        settle()
        dialog.grab().save(str(out / "ui-sign-batch.png"))
        log.info("wrote ui-sign-batch")

        dialog.model.set_checked(ids[2], True)
        dialog.start_signing()
        wait(lambda: dialog.secret_dialog is not None, timeout=90.0)
        prompt = dialog.secret_dialog
        assert prompt is not None
        prompt.field.setText("demo1234")
        settle(0.3)
        prompt.grab().save(str(out / "ui-sign-secret.png"))
        prompt.buttons.accepted.emit()
        wait(lambda: bool(dialog.results) and idle(), timeout=90.0)
        settle()
        dialog.grab().save(str(out / "ui-sign-batch-done.png"))
        log.info("wrote ui-sign-batch-done")
        dialog.close()

        folder = session.home / "untuk diverifikasi"
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
        settle(0.3)
        screen.grab().save(str(out / "ui-verify-empty.png"))
        screen.add_paths(
            [folder / "surat-asli.pdf", folder / "surat-kedua.pdf", folder / "surat-diubah.pdf"]
        )
        wait(lambda: screen.model.rowCount() > 0 and idle(), timeout=90.0)
        screen.table.selectRow(0)
        settle()
        screen.grab().save(str(out / "ui-verify.png"))
        log.info("wrote ui-verify")
        screen.close()
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())
