"""The drafting editor end to end: real widgets, a real workspace with the demo org chart."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tnde.resources import resource_path
from ui.drafting import DraftEditor
from ui.drafting.picker import JabatanPickerDialog
from ui.workers import running_ops

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from tnde.workspace import Workspace
    from ui.drafting.preview import PreviewResult
    from ui.services import Services

PROFILE = "diskominfo-nusantara-raya"
KONSEPTOR = "199412152020121004"  # Pranata Komputer, Seksi Aplikasi
KASI_APL = "198702202010121002"  # first reviewer on the route to the Kepala Dinas
SUGGESTED = ["KASI_APL", "KABID_APTIKA", "KADIS"]
"""The route the org chart suggests from the konseptor up to the Kepala Dinas."""
HAL = "Penyampaian Standar Operasional Prosedur Naskah Dinas Elektronik"
ISI = (
    "Menindaklanjuti Peraturan Gubernur Nusantara Raya Nomor 12 Tahun 2026, bersama ini kami "
    "sampaikan SOP Pengelolaan Naskah Dinas Elektronik sebagaimana terlampir.\n\n"
    "Demikian disampaikan, atas perhatian Saudara diucapkan terima kasih."
)


class FixedClock:
    """Moves one second per call, from 20 November 2026, 09:00 WIB."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


@pytest.fixture
def workspace(tmp_path: Path, qtbot: QtBot) -> Iterator[Workspace]:
    from tnde.org import read_org, replace_org
    from tnde.workspace import Workspace, WorkspaceConfig

    config = WorkspaceConfig(profile_id=PROFILE, demo=True)  # the tests act as several people
    ws = Workspace.create(tmp_path / "ruang kerja – uji", config=config)
    chart = read_org(resource_path("org", f"{PROFILE}.toml"))  # type: ignore[arg-type]
    with ws.transaction() as conn:
        replace_org(conn, chart, actor="uji")
    yield ws
    # no worker may still be using one of its connections when they are closed
    qtbot.waitUntil(lambda: not running_ops(), timeout=15000)
    ws.close()


@pytest.fixture
def services(workspace: Workspace) -> Services:
    from ui.services import Services

    return Services.open(workspace, KONSEPTOR, clock=FixedClock())


def open_editor(qtbot: QtBot, services: Services, **kwargs: Any) -> DraftEditor:
    editor = DraftEditor(services, **kwargs)
    # teardown closes the editor: leave it clean, so it does not ask about unsaved changes
    qtbot.addWidget(editor, before_close_func=_forget_edits)
    editor.resize(1300, 860)
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.waitUntil(lambda: editor.directory is not None, timeout=5000)
    return editor


def _forget_edits(editor: Any) -> None:
    editor.saved_number = editor.edit_number


def new_surat_dinas(qtbot: QtBot, services: Services) -> DraftEditor:
    editor = open_editor(qtbot, services)
    editor.catalogue.search.setText("surat dinas")
    assert editor.catalogue.current_jenis() == "surat_dinas"
    qtbot.mouseClick(editor.catalogue.choose_button, Qt.MouseButton.LeftButton)
    assert editor.form is not None
    return editor


def type_line(qtbot: QtBot, editor: DraftEditor, name: str, text: str) -> None:
    assert editor.form is not None
    edit = editor.form.fields[name].edit  # type: ignore[attr-defined]
    edit.clear()
    qtbot.keyClicks(edit, text)


def pick_jabatan(qtbot: QtBot, button: Any, search: str) -> None:
    """Open the org-chart picker with ``button``, search, and choose the first match."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    window = button.parentWidget().window()
    dialogs = [d for d in window.findChildren(JabatanPickerDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    qtbot.keyClicks(dialog.search, search)
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def fill_letter(qtbot: QtBot, editor: DraftEditor) -> None:
    assert editor.form is not None
    fields = editor.form.fields
    type_line(qtbot, editor, "kka", "000.8.3.3")
    type_line(qtbot, editor, "hal", HAL)
    qtbot.keyClicks(fields["tujuan"].entry, "Kepala Perangkat Daerah se-Provinsi Nusantara Raya")  # type: ignore[attr-defined]
    qtbot.keyClick(fields["tujuan"].entry, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    fields["isi"].edit.setPlainText(ISI)  # type: ignore[attr-defined]
    pick_jabatan(qtbot, fields["penandatangan"].choose_button, "Kepala Dinas Komunikasi")  # type: ignore[attr-defined]


def test_choose_jenis_generates_a_form_from_the_template(qtbot: QtBot, services: Services) -> None:
    from tnde.templates import load_template
    from ui.drafting.fields import DateField, KkaField, RichTextField
    from ui.drafting.people import PersonField
    from ui.drafting.recipients import RecipientListField
    from ui.drafting.tables import AttachmentsField

    editor = new_surat_dinas(qtbot, services)
    assert editor.form is not None
    template = load_template("surat_dinas")
    assert list(editor.form.fields) == list(template.field_names)
    kinds = {name: type(w) for name, w in editor.form.fields.items()}
    assert kinds["tanggal"] is DateField
    assert kinds["kka"] is KkaField
    assert kinds["isi"] is RichTextField
    assert kinds["tujuan"] is RecipientListField
    assert kinds["tembusan"] is RecipientListField
    assert kinds["penandatangan"] is PersonField
    assert kinds["lampiran"] is AttachmentsField
    # defaults and today's date come pre-filled
    raw = editor.form.raw_values()
    assert raw["tanggal"] == "2026-11-20"
    assert raw["sifat"] == "Biasa"
    assert raw["di"] == "Tempat"


def test_validation_message_appears_and_disappears_while_typing(
    qtbot: QtBot, services: Services
) -> None:
    editor = new_surat_dinas(qtbot, services)
    assert editor.form is not None
    assert editor.form.error_text("kka") == ""  # untouched fields stay quiet
    type_line(qtbot, editor, "kka", "ABC-1")
    assert "bukan kode klasifikasi" in editor.form.error_text("kka")
    type_line(qtbot, editor, "kka", "000.8.3.3")
    assert editor.form.error_text("kka") == ""
    edit = editor.form.fields["hal"].edit  # type: ignore[attr-defined]
    qtbot.keyClicks(edit, "X")
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert editor.form.error_text("hal") == "Hal wajib diisi"


def test_preview_updates_as_you_type_and_drops_stale_renders(
    qtbot: QtBot, services: Services
) -> None:
    from pypdf import PdfReader

    editor = new_surat_dinas(qtbot, services)
    with qtbot.waitSignal(editor.preview.sig_preview_rendered, timeout=5000) as blocker:
        type_line(qtbot, editor, "hal", "Undangan Rapat Koordinasi")
    result: PreviewResult = blocker.args[0]
    text = PdfReader(io.BytesIO(result.pdf)).pages[0].extract_text()
    assert "Undangan Rapat Koordinasi" in text
    assert result.images[0].width() >= 500  # fitted to the pane
    assert editor.preview.shown_generation == editor.preview.generation
    assert editor.preview.page_count() == 1

    # three requests while one render runs: only the newest text reaches the screen
    preview = editor.preview
    preview.debounce_ms = 0
    type_line(qtbot, editor, "hal", "Satu")
    qtbot.waitUntil(lambda: preview._op is not None, timeout=2000)
    type_line(qtbot, editor, "hal", "Dua")
    type_line(qtbot, editor, "hal", "Tiga Terakhir")
    qtbot.waitUntil(lambda: not preview.busy, timeout=5000)
    newest = preview.result
    assert newest is not None
    assert preview.shown_generation == preview.generation
    assert "Tiga Terakhir" in PdfReader(io.BytesIO(newest.pdf)).pages[0].extract_text()
    assert preview.dropped >= 1


def test_findings_panel_lists_lint_findings_and_click_focuses_the_field(
    qtbot: QtBot, services: Services
) -> None:
    editor = new_surat_dinas(qtbot, services)
    with qtbot.waitSignal(editor.preview.sig_preview_rendered, timeout=5000):
        type_line(qtbot, editor, "hal", HAL)
    model = editor.findings.model
    fields = [model.index(r).data(0x0100) for r in range(model.rowCount())]
    assert "kka" in fields
    row = fields.index("kka")
    view = editor.findings.view
    rect = view.visualRect(model.index(row))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.form is not None
    assert QApplication.focusWidget() is editor.form.fields["kka"].edit  # type: ignore[attr-defined]


def test_recipients_from_the_org_chart_and_free_text(qtbot: QtBot, services: Services) -> None:
    editor = new_surat_dinas(qtbot, services)
    assert editor.form is not None
    tembusan = editor.form.fields["tembusan"]
    pick_jabatan(qtbot, tembusan.pick_button, "sekretaris dinas")  # type: ignore[attr-defined]
    qtbot.keyClicks(tembusan.entry, "Gubernur Nusantara Raya (sebagai laporan)")  # type: ignore[attr-defined]
    qtbot.keyClick(tembusan.entry, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    items = tembusan.items()  # type: ignore[attr-defined]
    assert [(i.text, i.jabatan_id) for i in items] == [
        ("Sekretaris Dinas Komunikasi dan Informatika", "SEKDIS"),
        ("Gubernur Nusantara Raya (sebagai laporan)", "GUB"),  # typed, but names a jabatan
    ]
    assert editor.form.raw_values()["tembusan"] == [i.text for i in items]
    tembusan.view.setCurrentIndex(tembusan.model.index(1))  # type: ignore[attr-defined]
    qtbot.mouseClick(tembusan.up_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert editor.form.raw_values()["tembusan"][0].startswith("Gubernur")


def test_route_is_suggested_editable_and_submit_reaches_the_reviewer(
    qtbot: QtBot, services: Services
) -> None:
    editor = new_surat_dinas(qtbot, services)
    fill_letter(qtbot, editor)
    route = editor.route
    assert route is not None
    assert [s["jabatan_id"] for s in route.steps()] == ["KASI_APL", "KABID_APTIKA", "KADIS"]
    # edit by hand: add a coordination reviewer, move it up, then take it out again
    pick_jabatan(qtbot, route.add_button, "Kepala Bidang Persandian")
    assert [s["jabatan_id"] for s in route.steps()][-2:] == ["KABID_SANDISTAT", "KADIS"]
    route.view.selectRow(2)
    qtbot.mouseClick(route.up_button, Qt.MouseButton.LeftButton)
    assert route.steps()[1]["jabatan_id"] == "KABID_SANDISTAT"
    route.view.selectRow(3)
    qtbot.mouseClick(route.down_button, Qt.MouseButton.LeftButton)  # the signer stays last
    assert route.steps()[-1]["jabatan_id"] == "KADIS"
    route.view.selectRow(1)
    qtbot.mouseClick(route.remove_button, Qt.MouseButton.LeftButton)
    assert [s["jabatan_id"] for s in route.steps()] == ["KASI_APL", "KABID_APTIKA", "KADIS"]

    with qtbot.waitSignal(editor.sig_letter_submitted, timeout=10000) as blocker:
        qtbot.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
    letter_id = blocker.args[0]
    state = services.letters.get(letter_id)
    assert state.status.value == "diajukan"
    assert state.head_values["hal"] == HAL
    assert [(s.kind, s.jabatan_id) for s in state.route] == [
        ("periksa", "KASI_APL"),
        ("periksa", "KABID_APTIKA"),
        ("tandatangan", "KADIS"),
    ]
    inbox = services.letters.inbox(KASI_APL)
    assert [(i.letter_id, i.kind) for i in inbox] == [(letter_id, "periksa")]
    assert not editor.form_area.isEnabled()
    assert not editor.is_dirty


def test_submit_with_problems_marks_every_field_instead(qtbot: QtBot, services: Services) -> None:
    editor = new_surat_dinas(qtbot, services)
    qtbot.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
    assert editor.form is not None
    assert editor.form.error_text("hal") == "Hal wajib diisi"
    assert editor.form.error_text("tujuan") == "Yth. wajib diisi"
    assert not editor.submitted


def test_autosave_then_reopen_restores_the_draft(qtbot: QtBot, services: Services) -> None:
    editor = new_surat_dinas(qtbot, services)
    editor.autosave_ms = 50
    with qtbot.waitSignal(editor.sig_letter_saved, timeout=10000) as blocker:
        fill_letter(qtbot, editor)
    qtbot.waitUntil(lambda: not editor.is_dirty, timeout=5000)
    letter_id = blocker.args[0]
    stored = services.letters.get(letter_id)
    assert stored.status.value == "konsep"
    assert stored.head_values["isi"] == ISI
    assert [r.text for r in stored.recipients] == [
        "Kepala Perangkat Daerah se-Provinsi Nusantara Raya"
    ]
    assert [s.jabatan_id for s in stored.route] == ["KASI_APL", "KABID_APTIKA", "KADIS"]
    # a second edit is a new revision of the same letter, not a new letter
    with qtbot.waitSignal(editor.sig_letter_saved, timeout=10000) as again:
        type_line(qtbot, editor, "hal", HAL + " Tahap II")
    assert again.args[0] == letter_id
    assert len(services.letters.get(letter_id).revisions) == 2
    editor.close()

    reopened = open_editor(qtbot, services, letter_id=letter_id)
    qtbot.waitUntil(lambda: reopened.form is not None, timeout=5000)
    assert reopened.form is not None
    assert reopened.form.fields["hal"].edit.text() == HAL + " Tahap II"  # type: ignore[attr-defined]
    assert reopened.form.fields["isi"].edit.toPlainText() == ISI  # type: ignore[attr-defined]
    signer = reopened.form.fields["penandatangan"].value()
    assert signer["nama"] == "Dr. Budi Santoso, S.Kom., M.T."
    assert reopened.route is not None
    assert [s["jabatan_id"] for s in reopened.route.steps()] == SUGGESTED
    assert not reopened.is_dirty


def _answer_unsaved_box(qtbot: QtBot, button: QMessageBox.StandardButton, seen: list[str]) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.extend(b.text() for b in box.buttons())
        box.button(button).click()

    QTimer.singleShot(0, answer)


def test_closing_with_unsaved_changes_asks(qtbot: QtBot, services: Services) -> None:
    editor = new_surat_dinas(qtbot, services)
    editor.autosave_ms = 60_000
    type_line(qtbot, editor, "hal", HAL)
    assert editor.is_dirty
    seen: list[str] = []

    _answer_unsaved_box(qtbot, QMessageBox.StandardButton.Cancel, seen)
    assert not editor.close()
    assert editor.isVisible()
    assert sorted(seen) == ["Batal", "Buang", "Simpan"]  # Indonesian, whatever Qt ships

    _answer_unsaved_box(qtbot, QMessageBox.StandardButton.Save, seen)
    with qtbot.waitSignal(editor.sig_letter_saved, timeout=10000) as blocker:
        editor.close()
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=5000)
    assert services.letters.get(blocker.args[0]).head_values["hal"] == HAL


def test_closing_and_discarding_keeps_nothing(qtbot: QtBot, services: Services) -> None:
    editor = new_surat_dinas(qtbot, services)
    editor.autosave_ms = 60_000
    type_line(qtbot, editor, "hal", HAL)
    seen: list[str] = []
    _answer_unsaved_box(qtbot, QMessageBox.StandardButton.Discard, seen)
    assert editor.close()
    assert editor.letter_id is None
    assert services.letters.inbox(KONSEPTOR) == []


def _stored_letter(services: Services) -> str:
    values = {
        "tanggal": "2026-11-20",
        "kka": "000.8.3.3",
        "hal": HAL,
        "tujuan": ["Kepala Perangkat Daerah"],
        "isi": ISI,
    }
    state = services.letters.create(
        KONSEPTOR,
        jenis="surat_dinas",
        values=values,
        unit_id=services.unit_id(),
        profile_id=PROFILE,
        tujuan=[{"text": "Kepala Perangkat Daerah"}],
    )
    services.letters.set_route(KONSEPTOR, state.letter_id, signer_jabatan="KADIS")
    services.letters.submit(KONSEPTOR, state.letter_id)
    return state.letter_id


def test_a_returned_draft_says_why_and_a_letter_under_review_is_read_only(
    qtbot: QtBot, services: Services
) -> None:
    returned = _stored_letter(services)
    services.letters.return_for_revision(KASI_APL, returned, "Lengkapi dasar hukumnya.")
    editor = open_editor(qtbot, services, letter_id=returned)
    qtbot.waitUntil(lambda: editor.form is not None, timeout=5000)
    assert editor.banner.text() == "Dikembalikan untuk revisi: Lengkapi dasar hukumnya."
    assert editor.submit_button.isEnabled()
    assert editor.form_area.isEnabled()

    under_review = _stored_letter(services)
    viewer = open_editor(qtbot, services, letter_id=under_review)
    qtbot.waitUntil(lambda: viewer.form is not None, timeout=5000)
    assert "diajukan" in viewer.banner.text()
    assert not viewer.submit_button.isEnabled()
    assert not viewer.form_area.isEnabled()


def test_kka_and_signer_complete_from_the_office_lists(qtbot: QtBot, services: Services) -> None:
    editor = new_surat_dinas(qtbot, services)
    assert editor.form is not None
    kka = editor.form.fields["kka"].edit  # type: ignore[attr-defined]
    completer = kka.completer()
    completer.setCompletionPrefix("operasional prosedur")  # by name, not only by code
    shown = completer.currentCompletion()
    assert shown.startswith("000.8.3.3 — ")
    completer.activated.emit(shown)
    assert kka.text() == "000.8.3.3"
    assert editor.form.raw_values()["kka"] == "000.8.3.3"

    signer = editor.form.fields["penandatangan"]
    jabatan = signer.edits["jabatan"]  # type: ignore[attr-defined]
    with qtbot.waitSignal(signer.sig_jabatan_chosen) as chosen:  # type: ignore[attr-defined]
        jabatan.completer().activated.emit("Kepala Dinas Komunikasi dan Informatika")
    assert chosen.args == ["KADIS"]
    assert signer.value()["nip"] == "196708271994031001"
    assert editor.route is not None
    assert [s["jabatan_id"] for s in editor.route.steps()] == SUGGESTED
