"""Drafting editor: time from a keystroke in the form to the updated preview on screen.

Usage: ``.venv/bin/python bench/ui_drafting.py [--runs N]`` (runs offscreen). The editor holds
the 2-page sample Surat Dinas; each run types one character into Hal and waits until the
preview shows the render of that text. Reported: the real editor (300 ms typing pause
included), the same with no pause (what the user waits for once they stop typing), and the
worker's job alone (render + rasterise + lint).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchkit import report, timed  # type: ignore[import-not-found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15, help="keystrokes per measurement")
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from tnde.drafts import load_draft
    from tnde.org import read_org, replace_org
    from tnde.resources import resource_path
    from tnde.workspace import Workspace, WorkspaceConfig
    from ui.drafting import DraftEditor
    from ui.drafting.preview import render_preview
    from ui.services import Services
    from ui.workers import shutdown

    app = QApplication([sys.argv[0]])
    app.setStyle("Fusion")
    profile_id = "diskominfo-nusantara-raya"
    with tempfile.TemporaryDirectory(prefix="tnde bench ") as folder:
        ws = Workspace.create(
            Path(folder) / "ruang kerja", config=WorkspaceConfig(profile_id=profile_id, demo=True)
        )
        with ws.transaction() as conn:
            chart = read_org(resource_path("org", f"{profile_id}.toml"))  # type: ignore[arg-type]
            replace_org(conn, chart, actor="bench")
        services = Services.open(ws)
        editor = DraftEditor(services, jenis="surat_dinas")
        editor.autosave_ms = 10**8  # measure the preview, not the store
        editor.resize(1440, 900)
        editor.show()
        form = editor.form
        assert form is not None
        sample = load_draft(resource_path("samples", "surat_dinas.toml")).raw_values  # type: ignore[arg-type]
        form.set_values(sample)
        hal = form.fields["hal"].edit  # type: ignore[attr-defined]
        hal.setFocus()
        hal.end(False)

        def keystroke_to_preview() -> None:
            loop = QEventLoop()
            editor.preview.sig_preview_rendered.connect(loop.quit)
            QTimer.singleShot(10_000, loop.quit)
            QTest.keyClick(hal, Qt.Key.Key_A)
            wanted = editor.preview.generation
            while editor.preview.shown_generation < wanted:
                loop.exec()
            editor.preview.sig_preview_rendered.disconnect(loop.quit)

        ok = report(
            "keystroke → updated preview (editor, 300 ms pause)",
            timed(keystroke_to_preview, args.runs),
        )
        _check_shown(editor, hal.text())
        editor.preview.debounce_ms = 0
        report(
            "keystroke → updated preview (no typing pause)", timed(keystroke_to_preview, args.runs)
        )
        _check_shown(editor, hal.text())
        values, _ = form.validate()
        template, profile = editor.template, editor.profile
        assert template is not None
        assert profile is not None

        def job() -> None:
            render_preview(template, profile, values, dt.date(2026, 11, 20))

        report("worker job: render + rasterise + lint (2 pages)", timed(job, args.runs))
        print(
            f"pages shown: {editor.preview.page_count()}, stale renders dropped: "
            f"{editor.preview.dropped}"
        )
        editor.saved_number = editor.edit_number  # close without asking
        editor.close()
        shutdown()
        ws.close()
    sys.exit(0 if ok else 1)


def _check_shown(editor: Any, hal: str) -> None:
    """The preview on screen is the render of the text as typed (checked outside the timing)."""
    import io

    from pypdf import PdfReader

    pdf = editor.preview.result.pdf
    text = "".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "".join(hal.split()) in "".join(text.split()), "the preview is not the newest text"


if __name__ == "__main__":
    main()
