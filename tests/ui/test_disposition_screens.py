"""Dispositions through the real widgets: dispose, accept, report progress and completion,
the tree, and tracking with its export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.conftest import pdf_text
from tests.ui.helpers import (
    act_as,
    click_action,
    holder,
    model_keys,
    open_queue,
    open_window,
    press_ok,
    select_row,
    unread_incoming,
    wait_idle,
)
from tnde.incoming import IncomingDesk

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from tnde.workspace import Workspace


def test_dispose_then_accept_report_and_complete(qtbot: QtBot, demo_workspace: Workspace) -> None:
    incoming_id = unread_incoming(demo_workspace)
    window = open_window(qtbot, demo_workspace, as_jabatan="KADIS")
    screen = open_queue(qtbot, window, "naskah_masuk")
    select_row(qtbot, screen, incoming_id)
    detail = screen.detail
    click_action(qtbot, detail, "read")
    wait_idle(qtbot)
    click_action(qtbot, detail, "dispose")
    dialog = screen.controller.last_dialog
    dialog.instruction_boxes[0].setChecked(True)
    press_ok(qtbot, dialog)  # no recipient yet: the core refuses, the dialog says why
    wait_idle(qtbot)
    assert dialog.isVisible()
    assert "penerima" in dialog.error.text()
    dialog.recipients.set_checked("KABID_APTIKA")
    dialog.recipients.set_checked("KABID_IKP")
    assert dialog.recipients.leading == "KABID_APTIKA"  # the first checked leads by default
    qtbot.keyClicks(dialog.note, "Siapkan peserta.")
    press_ok(qtbot, dialog)
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    desk = IncomingDesk(demo_workspace)
    state = desk.get(incoming_id)
    assert {d.recipient_jabatan: d.leading for d in state.dispositions} == {
        "KABID_APTIKA": True,
        "KABID_IKP": False,
    }
    qtbot.waitUntil(lambda: detail.tree_model.rowCount() == 2)

    # the leading recipient accepts, reports progress, then completion
    act_as(qtbot, window, holder(demo_workspace, "KABID_APTIKA"))
    mine = open_queue(qtbot, window, "disposisi")
    lead = next(d.disposisi_id for d in state.dispositions if d.leading)
    assert lead in model_keys(mine)
    select_row(qtbot, mine, lead)
    pane = mine.detail
    click_action(qtbot, pane, "read_disposition")
    wait_idle(qtbot)
    click_action(qtbot, pane, "progress")
    note = mine.controller.last_dialog
    qtbot.keyClicks(note.note, "Daftar peserta disusun.")
    press_ok(qtbot, note)
    wait_idle(qtbot)
    click_action(qtbot, pane, "complete")
    report = mine.controller.last_dialog
    qtbot.keyClicks(report.note, "Peserta sudah dikirim.")
    press_ok(qtbot, report)
    wait_idle(qtbot)
    done = desk.get(incoming_id).disposition(lead)
    assert done is not None
    assert done.status.value == "selesai"
    assert done.report == "Peserta sudah dikirim."
    assert done.progress_note == "Daftar peserta disusun."


def test_tracking_shows_aging_and_exports_csv(
    qtbot: QtBot, demo_workspace: Workspace, tmp_path: Path
) -> None:
    window = open_window(qtbot, demo_workspace, as_jabatan="KABID_APTIKA")
    screen = open_queue(qtbot, window, "disposisi")
    screen.tabs.setCurrentWidget(screen.tracking)
    wait_idle(qtbot)
    tracking = screen.tracking
    assert tracking.model.rowCount() >= 1
    assert "Belum selesai" in tracking.counters.text()
    out = tmp_path / "ekspor – pemantauan.csv"
    op = tracking.export_to(str(out), "csv")
    qtbot.waitSignal(op.sig_finished, timeout=15000)
    wait_idle(qtbot)
    text = out.read_text(encoding="utf-8-sig")
    assert text.count("\n") == tracking.model.rowCount() + 1
    pdf = tmp_path / "laporan.pdf"
    tracking.export_to(str(pdf), "pdf")
    wait_idle(qtbot, timeout=30000)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_tracking_filters_by_sender_and_the_report_names_the_filter(
    qtbot: QtBot, demo_workspace: Workspace, tmp_path: Path
) -> None:
    window = open_window(qtbot, demo_workspace, as_jabatan="KABID_APTIKA")
    screen = open_queue(qtbot, window, "disposisi")
    screen.tabs.setCurrentWidget(screen.tracking)
    wait_idle(qtbot)
    tracking = screen.tracking
    everyone = tracking.model.rowCount()
    assert everyone >= 1
    probe = tracking.model.row_at(0).asal[:12].strip()
    tracking.filters.asal.setText(probe)
    qtbot.waitUntil(lambda: tracking.current_filter().asal == probe, timeout=5000)
    tracking.refresh()
    wait_idle(qtbot)
    assert 1 <= tracking.model.rowCount() <= everyone
    rows = [tracking.model.row_at(i) for i in range(tracking.model.rowCount())]
    assert all(probe.lower() in r.asal.lower() for r in rows)
    tracking.filters.asal.setText("tidak ada pengirim seperti ini")
    tracking.refresh()
    wait_idle(qtbot)
    assert tracking.model.rowCount() == 0
    tracking.filters.asal.setText(probe)
    pdf = tmp_path / "laporan asal.pdf"
    tracking.export_to(str(pdf), "pdf")
    wait_idle(qtbot, timeout=30000)
    text = pdf_text(pdf)
    assert "Asal" in text
    assert probe in text
