"""The registration form shows the clerk which fields pre-fill filled in, and which it left
empty because it could not read them with certainty."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench.prefill_accuracy import CORPUS
from ui.dialogs.register_dialog import RegisterDialog

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot


def _dialog(qtbot: QtBot) -> RegisterDialog:
    dialog = RegisterDialog(None, units=[("DINAS", "Dinas")], unit="DINAS")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _ambiguous_letter(path: Path) -> None:
    """A letter whose long Hal line is followed by a line at the margin, and whose Sifat is
    a word the register does not know."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica", 11)
    rows = [
        (180, 50, "PEMERINTAH KABUPATEN SUKAMAJU"),
        (220, 66, "DINAS PENDIDIKAN"),
        (120, 82, "Jalan Merdeka Nomor 12, Telepon (0251) 321456"),
        (380, 120, "Sukamaju, 3 Desember 2026"),
        (72, 150, "Nomor       :"),
        (150, 150, "800/123/Disdik/2026"),
        (72, 165, "Sifat       :"),
        (150, 165, "Dinas Luar"),
        (72, 180, "Hal         :"),
        (150, 180, "Permohonan Penyampaian Data Potensi Pajak Kendaraan Bermotor dan Bea"),
        (72, 195, "Balik Nama Kendaraan Bermotor"),
        (72, 300, "Sehubungan dengan hal tersebut di atas, bersama ini kami sampaikan permohonan"),
        (72, 315, "agar Saudara berkenan menindaklanjuti sesuai ketentuan yang berlaku."),
        (330, 360, "a.n. BUPATI SUKAMAJU"),
        (330, 375, "Plt. SEKRETARIS DAERAH,"),
        (330, 450, "Drs. Ahmad Fauzi, M.Si."),
        (330, 465, "NIP 196803121994031005"),
    ]
    for x, y, text in rows:
        pdf.drawString(x, A4[1] - y, text)
    pdf.showPage()
    pdf.save()


def test_unsure_fields_are_marked_for_the_clerk(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "surat masuk – ragu.pdf"
    _ambiguous_letter(path)
    dialog = _dialog(qtbot)

    with qtbot.waitSignal(dialog.sig_prefilled, timeout=15000):
        dialog.load_pdf(str(path))

    assert dialog.nomor.text() == "800/123/Disdik/2026"
    assert dialog.asal_jabatan.text() == "Sekretaris Daerah"
    assert dialog.hal.text() == ""
    for key in ("nomor", "asal", "asal_jabatan", "tanggal"):
        assert dialog._labels[key].property("prefilled"), key
        assert not dialog._labels[key].property("unsure"), key
    for key in ("hal", "sifat"):
        assert dialog._labels[key].property("unsure"), key
        assert not dialog._labels[key].property("prefilled"), key
        assert dialog._labels[key].toolTip()
    note = dialog.file_label.text()
    assert dialog._labels["hal"].text().rstrip(" *") in note
    assert dialog._labels["sifat"].text() in note


def test_urgency_and_attachments_are_prefilled(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)

    # Sifat "Penting" on this letter: an urgency, registered as Segera with sifat Biasa
    with qtbot.waitSignal(dialog.sig_prefilled, timeout=15000):
        dialog.load_pdf(str(CORPUS / "rl-10.pdf"))

    assert (dialog.sifat.currentText(), dialog.urgensi.currentText()) == ("Biasa", "Segera")
    assert dialog.lampiran.text() == "1 (satu) berkas"
    for key in ("sifat", "urgensi", "lampiran"):
        assert dialog._labels[key].property("prefilled"), key


def test_a_scan_says_it_has_no_text_and_marks_nothing(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)

    with qtbot.waitSignal(dialog.sig_prefilled, timeout=15000):
        dialog.load_pdf(str(CORPUS / "scan-01.pdf"))

    assert not any(label.property("prefilled") for label in dialog._labels.values())
    assert not any(label.property("unsure") for label in dialog._labels.values())
    assert dialog.asal.text() == ""
