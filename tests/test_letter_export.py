"""A signed letter's PDF comes out of the workspace with ``letter export``, and ``verify`` takes
``--workspace`` after the command too, as the README and the error messages write it."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from tnde.workflow import Letters, LetterStatus
from tnde.workspace import Workspace

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow


def _tnde(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tnde", *args], capture_output=True, text=True, check=False
    )


def test_export_a_signed_letter_and_verify_it_against_the_workspace(
    demo_template: Path, tmp_path: Path
) -> None:
    ws = Workspace.open(demo_template)
    letters = Letters(ws)
    states = [
        letters.get(r[0]) for r in ws.thread_connection().execute("SELECT letter_id FROM letter")
    ]
    ws.close()
    signed = next(s for s in states if s.signed_blobs)
    draft = next(s for s in states if s.status is LetterStatus.KONSEP)
    out = tmp_path / "surat keluar.pdf"
    done = _tnde(
        "--workspace", str(demo_template), "letter", "export", signed.letter_id, "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    verified = _tnde("verify", str(out), "--workspace", str(demo_template))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "VALID" in verified.stdout
    refused = _tnde(
        "--workspace",
        str(demo_template),
        "letter",
        "export",
        draft.letter_id,
        "-o",
        str(tmp_path / "x.pdf"),
    )
    assert refused.returncode == 1
    assert "WF-NO-PDF" in refused.stderr
    assert not (tmp_path / "x.pdf").exists()
