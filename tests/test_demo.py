"""The demo workspace: every lifecycle state, a clean check, and the CLI command."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tnde.demo import create_demo
from tnde.workflow.state import LetterStatus
from tnde.workspace import Workspace, check_workspace

if TYPE_CHECKING:
    from pathlib import Path


def test_demo_has_a_letter_in_every_state_and_checks_clean(tmp_path: Path) -> None:
    summary = create_demo(tmp_path / "demo ruang", today=dt.date(2026, 11, 27))
    assert set(summary.letters.values()) == {s.value for s in LetterStatus} - {"ditolak"}
    ws = Workspace.open(tmp_path / "demo ruang")
    assert ws.config.demo
    conn = ws.thread_connection()
    # three letters from outside, and the tembusan copies of the two letters already sent
    kinds = conn.execute("SELECT copy_only, count(*) FROM incoming GROUP BY 1").fetchall()
    assert [tuple(k) for k in kinds] == [(0, 3), (1, 2)]
    statuses = {r[0] for r in conn.execute("SELECT status FROM disposisi")}
    assert statuses == {"terkirim", "selesai"}
    report = check_workspace(ws)
    assert not report.errors
    ws.close()


def test_demo_cli_refuses_an_existing_workspace(tmp_path: Path) -> None:
    from tnde.cli.main import main

    target = str(tmp_path / "demo")
    assert main(["--workspace", target, "demo"]) == 0
    assert main(["--workspace", target, "demo"]) == 1
