"""Control characters in stored text (a letter's hal, a sender) are shown by the command
line, never sent raw to the terminal."""

from __future__ import annotations

import io
import json
import sys
from typing import TYPE_CHECKING

import pytest

from tnde.cli.main import main
from tnde.cli.terminal import own_stderr, printable, terminal_safe
from tnde.errors import WorkflowRefused

if TYPE_CHECKING:
    from pathlib import Path

HOSTILE = "Rapat\x1b[2J\x1b]0;judul palsu\x07 Anggaran\x9b31m\r\x00"


def test_printable_escapes_controls_and_keeps_lines_and_tabs() -> None:
    assert printable("a\tb\nc") == "a\tb\nc"
    shown = printable(HOSTILE)
    assert not any(ord(ch) < 32 and ch not in "\t\n" for ch in shown)
    assert not any(0x7F <= ord(ch) <= 0x9F for ch in shown)
    assert "\\u001b[2J" in shown
    assert "\\u009b31m" in shown


@pytest.mark.parametrize("as_json", [False, True])
def test_an_incoming_letter_with_escape_codes_is_listed_harmlessly(
    demo_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], as_json: bool
) -> None:
    import shutil

    from tnde.incoming import IncomingDesk
    from tnde.org import DEMO_REGISTRY_JABATAN, holders, workspace_org
    from tnde.workspace import Workspace

    path = tmp_path / "salinan"
    shutil.copytree(demo_template, path)
    ws = Workspace.open(path)
    desk = IncomingDesk(ws)
    tu = holders(workspace_org(ws), DEMO_REGISTRY_JABATAN, desk.today())[0].nip
    unit = desk.get(desk.incoming_page(tu, today=desk.today(), now=desk.clock())[0].incoming_id)
    meta = {"asal": "Dinas\x1b[31m Uji", "nomor": "1/X", "tanggal": "2026-11-20", "hal": HOSTILE}
    with pytest.raises(WorkflowRefused) as excinfo:
        desk.register(tu, unit_id=unit.unit_id, meta=meta)
    assert excinfo.value.rule == "IN-META"
    assert "U+001B" in str(excinfo.value)
    # data that came in before this check (or from elsewhere) is still printed harmlessly
    clean = desk.register(tu, unit_id=unit.unit_id, meta={**meta, "asal": "Dinas Uji", "hal": "x"})
    ws.thread_connection().execute(
        "UPDATE incoming SET hal = ?, asal = ? WHERE incoming_id = ?",
        (HOSTILE, meta["asal"], clean.incoming_id),
    )
    ws.thread_connection().commit()
    ws.close()
    capsys.readouterr()
    listing = ["incoming", "list", "--unit", unit.unit_id, *(["--json"] if as_json else [])]
    main(["--workspace", str(path), *listing])
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "\x9b" not in out
    if as_json:
        json.loads(out)  # still valid JSON
    else:
        assert "\\u001b" in out


def test_the_programs_own_progress_line_keeps_its_carriage_return() -> None:
    real = io.StringIO()
    saved = sys.stderr
    sys.stderr = real
    try:
        with terminal_safe():
            sys.stderr.write("\rdata")
            own_stderr().write("\rprogress")
    finally:
        sys.stderr = saved
    assert real.getvalue() == "\\u000ddata\rprogress"
