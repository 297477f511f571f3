"""Two desks registering the same letter at the same moment: one registration, one agenda
number, and the other desk is told why."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from tests.office import nip
from tests.pkifixtures import small_pdf
from tnde.errors import WorkflowRefused
from tnde.incoming import IncomingDesk
from tnde.incoming import desk as desk_module
from tnde.workspace import Workspace

if TYPE_CHECKING:
    from tests.office import FixedClock

META = {
    "asal": "Badan Kepegawaian Daerah",
    "nomor": "800/77/BKD/2026",
    "tanggal": "2026-11-19",
    "hal": "Undangan Sosialisasi",
}


def _register_meanwhile(
    monkeypatch: pytest.MonkeyPatch, workspace: Workspace, clock: FixedClock, **changes: Any
) -> list[str]:
    """While the first desk checks the letter's signatures, a second desk (its own connection
    to the same workspace) registers the same letter; returns the second desk's agenda."""
    real_verify = desk_module._verify
    done: list[str] = []
    started: list[bool] = []

    def verify_while_another_desk_registers(ws: Workspace, pdf: bytes) -> tuple[str, str]:
        if not started:
            started.append(True)  # the other desk's own check runs unhindered
            other = Workspace.open(workspace.path)
            try:
                state = IncomingDesk(other, clock=clock).register(
                    nip("tu"), unit_id="DINAS", meta={**META, **changes}, pdf=pdf
                )
                done.append(state.agenda)
            finally:
                other.close()
        return real_verify(ws, pdf)

    monkeypatch.setattr(desk_module, "_verify", verify_while_another_desk_registers)
    return done


def _rows(workspace: Workspace) -> list[tuple[str, int]]:
    rows = workspace.thread_connection().execute(
        "SELECT agenda, duplicate_ok FROM incoming ORDER BY rowid"
    )
    return [(str(r[0]), int(r[1])) for r in rows]


def test_the_same_file_registered_at_two_desks_at_once_is_registered_once(
    monkeypatch: pytest.MonkeyPatch, workspace: Workspace, clock: FixedClock
) -> None:
    pdf = small_pdf("Undangan sosialisasi BKD")
    other = _register_meanwhile(monkeypatch, workspace, clock, nomor="800/77/BKD/2026 (salinan)")
    desk = IncomingDesk(workspace, clock=clock)
    with pytest.raises(WorkflowRefused) as excinfo:
        desk.register(nip("tu"), unit_id="DINAS", meta=META, pdf=pdf)
    assert excinfo.value.rule == "IN-DUPLICATE"
    assert other == ["1/2026"]
    assert _rows(workspace) == [("1/2026", 0)], "one registration, one agenda number"


def test_the_same_sender_and_number_at_two_desks_at_once_is_registered_once(
    monkeypatch: pytest.MonkeyPatch, workspace: Workspace, clock: FixedClock
) -> None:
    _register_meanwhile(monkeypatch, workspace, clock)
    desk = IncomingDesk(workspace, clock=clock)
    with pytest.raises(WorkflowRefused) as excinfo:
        desk.register(nip("tu"), unit_id="DINAS", meta=META, pdf=small_pdf("lain"))
    assert excinfo.value.rule == "IN-DUPLICATE"
    assert [agenda for agenda, _ in _rows(workspace)] == ["1/2026"]
    # the next registration takes the next agenda number: none was used up by the refusal
    later = desk.register(nip("tu"), unit_id="DINAS", meta={**META, "nomor": "800/78/BKD/2026"})
    assert later.agenda == "2/2026"


def test_a_confirmed_second_registration_still_goes_through(
    workspace: Workspace, clock: FixedClock
) -> None:
    desk = IncomingDesk(workspace, clock=clock)
    desk.register(nip("tu"), unit_id="DINAS", meta=META)
    again = desk.register(nip("tu"), unit_id="DINAS", meta=META, confirm_duplicate=True)
    assert again.duplicate_confirmed
    assert _rows(workspace) == [("1/2026", 0), ("2/2026", 1)]


def test_the_index_refuses_a_duplicate_row_the_check_did_not_see(workspace: Workspace) -> None:
    desk = IncomingDesk(workspace)
    desk.register(nip("tu"), unit_id="DINAS", meta=META)
    conn = workspace.thread_connection()
    with pytest.raises(Exception, match="incoming_once_by_sender"):
        conn.execute(
            "INSERT INTO incoming (incoming_id, unit_id, pimpinan_jabatan, agenda, asal, nomor, "
            "tanggal, hal, sifat, urgensi, diterima, copy_only, status, updated_at, state_json) "
            "SELECT 'x', unit_id, pimpinan_jabatan, '9/2026', upper(asal), nomor, tanggal, hal, "
            "sifat, urgensi, diterima, copy_only, status, updated_at, state_json FROM incoming"
        )


def test_duplicates_registered_before_the_unique_indexes_survive_the_upgrade() -> None:
    import sqlite3

    from tnde.workspace.schema import MIGRATIONS

    conn = sqlite3.connect(":memory:")
    for migration in MIGRATIONS[:4]:
        conn.executescript(migration.sql)
    row = (
        "DINAS", "KADIS", META["asal"], META["nomor"], "2026-11-19", "hal", "Biasa", "Biasa",
        "2026-11-20", "ab" * 32, 0, "diregistrasi", "2026-11-20", "{}",
    )  # fmt: skip
    for n, asal in enumerate((META["asal"], META["asal"].upper(), "Lain")):
        conn.execute(
            "INSERT INTO incoming (incoming_id, agenda, unit_id, pimpinan_jabatan, asal, nomor, "
            "tanggal, hal, sifat, urgensi, diterima, blob_sha256, copy_only, status, "
            "updated_at, state_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (f"i{n}", f"{n + 1}/2026", row[0], row[1], asal, *row[3:]),
        )
    conn.executescript(MIGRATIONS[4].sql)
    flags = conn.execute("SELECT incoming_id, duplicate_ok FROM incoming ORDER BY rowid")
    # the second repeats the first's sender and number, the third its file
    assert [tuple(r) for r in flags] == [("i0", 0), ("i1", 1), ("i2", 1)]
