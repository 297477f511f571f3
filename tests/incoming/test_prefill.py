"""Pre-fill of incoming letters from their PDF: our own rendered samples, a letter in another
office's layout, a scan without text and files that are not PDFs."""

from __future__ import annotations

import io
from datetime import date
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import SAMPLES
from tnde.drafts import load_draft, prepare
from tnde.errors import DataFileError
from tnde.formatting import jabatan_case
from tnde.incoming.prefill import FIELDS, Prefill, prefill_from_pdf
from tnde.render import TteStamp, render_letter

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.drafts import PreparedDraft

PROFILES = ("diskominfo-nusantara-raya", "bkpsdm-kabupaten-sukamaju")
NOMOR = "000.8.3.3/15/Diskominfo/2026"

# Where each jenis prints what (the templates' layouts, resources/templates/*.toml).
NO_PRINTED_NOMOR = {"laporan", "notula", "lembar_disposisi"}
HAL_LABEL = {"surat_dinas", "surat_undangan", "nota_dinas", "memo", "telaahan_staf"}
HAL_TENTANG = {"keputusan", "surat_edaran", "pengumuman", "laporan"}
# Several signers side by side, or a form without a signature block: no single signer to read.
NO_SINGLE_SIGNER = {"berita_acara", "notula", "surat_kuasa", "lembar_disposisi"}
# The disposition sheet lists every sifat as a checkbox, so none of them is "the" sifat.
SIFAT_CHECKBOXES = {"lembar_disposisi"}


def _render(sample: Path, profile: str) -> tuple[PreparedDraft, bytes]:
    prepared = prepare(load_draft(sample), profile)
    assert not prepared.problems, [str(p) for p in prepared.problems]
    values = {**prepared.values, "nomor": NOMOR}
    result = render_letter(
        prepared.template,
        prepared.profile,
        values,
        mode="final",
        stamp=TteStamp(document_id="x", caption_lines=()),
    )
    return prepared, result.pdf


def _expected(prepared: PreparedDraft) -> dict[str, Any]:
    """What a pencatat would type for this sample, from the sample's own values."""
    jenis = prepared.template.jenis
    values = prepared.values
    expected: dict[str, Any] = {"tanggal": values["tanggal"], "jenis": prepared.template.nama}
    if jenis not in NO_PRINTED_NOMOR:
        expected["nomor"] = NOMOR
    if jenis in HAL_LABEL:
        expected["hal"] = values["hal"]
    if jenis == "keputusan":  # signed by the kepala daerah in person: the kop jabatan
        kop = prepared.profile.kop_jabatan
        assert kop is not None
        expected["asal"] = jabatan_case(" ".join(kop.lines), "title")
    else:
        expected["asal"] = prepared.profile.nama.removesuffix(" (contoh)")
    if jenis not in NO_SINGLE_SIGNER:
        expected["asal_jabatan"] = values["penandatangan"].person.jabatan
    if jenis not in SIFAT_CHECKBOXES:
        expected["sifat"] = values.get("sifat") or ""
    return expected


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_rendered_samples_prefill(sample: Path, profile: str) -> None:
    prepared, pdf = _render(sample, profile)

    got = prefill_from_pdf(pdf)

    assert got.text_layer
    for name, value in _expected(prepared).items():
        assert getattr(got, name) == value, name
    if prepared.template.jenis in HAL_TENTANG:
        # The subject is printed in capitals after TENTANG; casing comes back as title case.
        assert got.hal.lower() == prepared.values["tentang"].lower()
    assert got.found == tuple(n for n in FIELDS if getattr(got, n) not in ("", None))
    assert NOMOR in got.text or prepared.template.jenis in NO_PRINTED_NOMOR


def test_unnumbered_letter_leaves_nomor_empty() -> None:
    sample = next(s for s in SAMPLES if s.stem == "surat_dinas")
    prepared = prepare(load_draft(sample), PROFILES[0])
    pdf = render_letter(prepared.template, prepared.profile, prepared.values, mode="final").pdf

    got = prefill_from_pdf(pdf)

    # "000.8.3.3/      /Diskominfo/2026" is not a number yet: nothing to pre-fill.
    assert got.nomor == ""
    assert "nomor" not in got.found
    assert got.hal == prepared.values["hal"]


def _kementerian_letter() -> bytes:
    """A BPS-style letter: no place before the date, Yth. on the left under Hal, title case."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    y = height - 60

    def line(text: str, x: float = 72, size: float = 11, font: str = "Helvetica") -> None:
        pdf.setFont(font, size)
        pdf.drawString(x, y, text)

    def centred(text: str, size: float, font: str = "Helvetica-Bold") -> None:
        pdf.setFont(font, size)
        pdf.drawCentredString(width / 2, y, text)

    for text, size in (("BADAN PUSAT STATISTIK", 14), ("PROVINSI JAWA TENGAH", 13)):
        centred(text, size)
        y -= 18
    centred("Jalan Pahlawan Nomor 6, Semarang 50241, Telepon (024) 8412802", 9, "Helvetica")
    y -= 12
    centred("Pos-el bps3300@bps.go.id, Laman jateng.bps.go.id", 9, "Helvetica")
    pdf.line(72, y - 8, width - 60, y - 8)
    y -= 40
    line("05 November 2026", x=430)
    y -= 16
    for label, value in (
        ("Nomor", "B-1394/33000/KA.220/2026"),
        ("Sifat", "Segera"),
        ("Lampiran", "1 (satu) berkas"),
        ("Hal", "Permintaan Data Statistik Sektoral"),
    ):
        line(label)
        line(":", x=135)
        line(value, x=145)
        y -= 15
    line("Tahun 2026", x=145)
    y -= 30
    for text in ("Yth. Kepala Dinas Komunikasi dan Informatika", "Provinsi Nusantara Raya"):
        line(text)
        y -= 15
    line("di Sukamulya")
    y -= 30
    for text in (
        "Dalam rangka pelaksanaan Peraturan Presiden Nomor 39 Tahun 2019 tentang Satu Data",
        "Indonesia, kami mohon bantuan Saudara menyampaikan data statistik sektoral bidang",
        "komunikasi dan informatika Tahun 2026 sesuai format terlampir, paling lambat",
        "30 November 2026.",
        "Atas perhatian dan kerja sama Saudara, kami ucapkan terima kasih.",
    ):
        line(text)
        y -= 15
    y -= 25
    for text in (
        "a.n. Kepala Badan Pusat Statistik",
        "Provinsi Jawa Tengah",
        "Kepala Bagian Umum,",
    ):
        line(text, x=320)
        y -= 15
    y -= 55
    for text in ("Ir. Sutrisno, M.Si.", "NIP 197001011995031001"):
        line(text, x=320)
        y -= 15
    y -= 20
    for text in ("Tembusan:", "Kepala Badan Pusat Statistik Provinsi Jawa Tengah"):
        line(text)
        y -= 15
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_kementerian_layout_prefill() -> None:
    got = prefill_from_pdf(_kementerian_letter())

    assert got == Prefill(
        text_layer=True,
        nomor="B-1394/33000/KA.220/2026",
        tanggal=date(2026, 11, 5),
        hal="Permintaan Data Statistik Sektoral Tahun 2026",
        asal="Badan Pusat Statistik Provinsi Jawa Tengah",
        asal_jabatan="Kepala Bagian Umum",
        # "Sifat: Segera" is an urgency: the register keeps it as one, with sifat Biasa
        sifat="Biasa",
        urgensi="Segera",
        lampiran="1 (satu) berkas",
        jenis="Surat Dinas",
        text=got.text,
        found=FIELDS,
    )
    assert "Satu Data" in got.text


def test_scan_without_text_layer_has_no_fields() -> None:
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    scan = Image.new("L", (420, 594), 255)
    draw = ImageDraw.Draw(scan)
    for row in range(60, 560, 14):  # grey bars where the lines of text were
        draw.rectangle((40, row, 380, row + 6), fill=90)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawImage(ImageReader(scan), 0, 0, width=A4[0], height=A4[1])
    pdf.showPage()
    pdf.save()

    assert prefill_from_pdf(buffer.getvalue()) == Prefill(text_layer=False)


@pytest.mark.parametrize(
    "data", [b"", b"surat masuk, bukan PDF", b"%PDF-1.7\n\x00\xff garbage"], ids=str
)
def test_not_a_pdf_is_a_data_file_error(data: bytes) -> None:
    with pytest.raises(DataFileError, match="bukan PDF yang dapat dibaca") as caught:
        prefill_from_pdf(data, name="surat masuk.pdf")

    assert (caught.value.path, caught.value.key) == ("surat masuk.pdf", "")
    # the reader library's words stay in the log: the user reads what they mean
    assert "Error" not in str(caught.value)


def _encrypted(user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_kementerian_letter())))
    writer.encrypt(user_password=user_password, owner_password="pemilik", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_password_protected_pdf_is_a_data_file_error() -> None:
    with pytest.raises(DataFileError, match="terenkripsi"):
        prefill_from_pdf(_encrypted("rahasia"))


def test_owner_password_only_still_reads() -> None:
    got = prefill_from_pdf(_encrypted(""))

    assert (got.nomor, got.tanggal) == ("B-1394/33000/KA.220/2026", date(2026, 11, 5))
