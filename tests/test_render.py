"""Every jenis renders from its sample, and the PDFs are what a letter must be."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader

from tests.conftest import SAMPLES, SAMPLES_DIR, pdf_text, run_tool
from tests.pdfcheck import assert_in_order, render_sample, squash
from tnde.profiles import PAPER_SIZES_MM, load_profile
from tnde.render import TteStamp
from tnde.templates.loader import available_templates

if TYPE_CHECKING:
    from pathlib import Path

MM = 72 / 25.4
PROFILES = ("diskominfo-nusantara-raya", "bkpsdm-kabupaten-sukamaju")


def test_every_template_has_a_sample() -> None:
    assert {p.stem for p in SAMPLES} == set(available_templates())


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_sample_renders_valid_pdf(sample: Path, profile: str, out_dir: Path) -> None:
    rendered = render_sample(sample, out_dir, profile=profile)
    run_tool("qpdf", "--check", rendered.path)
    # every font embedded: no row of pdffonts says "no" in the emb column
    fonts = run_tool("pdffonts", rendered.path).splitlines()[2:]
    assert fonts, "no fonts at all"
    for row in fonts:
        assert row.split()[-5] == "yes", f"font not embedded: {row}"
    # the profile's paper, or the one it gives this jenis (a Laporan on A4 under F4)
    width_mm, height_mm = PAPER_SIZES_MM[load_profile(profile).paper_for(sample.stem)]
    for page in PdfReader(rendered.path).pages:
        assert float(page.mediabox.width) == pytest.approx(width_mm * MM, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(height_mm * MM, abs=0.5)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_kop_on_first_page_only_and_page_numbers(sample: Path, out_dir: Path) -> None:
    rendered = render_sample(sample, out_dir, edit=None)
    profile = load_profile(rendered.profile_id)
    pages = rendered.result.pages
    first = pdf_text(rendered.path, page=1)
    kop_line = profile.kop.lines[-1]
    kop_jabatan = profile.kop_jabatan.lines[-1] if profile.kop_jabatan else kop_line
    assert kop_line in first or kop_jabatan in first
    assert "- 1 -" not in first
    for n in range(2, pages + 1):
        text = pdf_text(rendered.path, page=n)
        assert profile.kop.lines[0] not in text
        assert re.search(rf"^\s*-\s?{n}\s?-\s*$", text, re.MULTILINE), f"page {n} unnumbered"


def test_surat_dinas_parts_in_order(out_dir: Path) -> None:
    rendered = render_sample(SAMPLES_DIR / "surat_dinas.toml", out_dir)
    text = pdf_text(rendered.path)
    assert_in_order(
        text,
        "PEMERINTAH PROVINSI NUSANTARA RAYA",
        "DINAS KOMUNIKASI DAN INFORMATIKA",
        "Nomor",
        "Sukamulya, 20 November 2026",  # level with Nomor, at the right
        "Sifat : Biasa",
        "Lampiran : 1 (satu) berkas",
        "Hal",
        "Menindaklanjuti",
        "Demikian disampaikan",
        "KEPALA DINAS KOMUNIKASI DAN",
        "INFORMATIKA,",
        "Dr. BUDI SANTOSO, S.Kom., M.T.",
        "Pembina Utama Muda (IV/c)",
        "NIP 19670827 199403 1 001",
        "Tembusan:",
        "1. Gubernur Nusantara Raya (sebagai laporan)",
        "LAMPIRAN",
        "NOMOR",
        "TANGGAL : 20 November 2026",
        "STANDAR OPERASIONAL PROSEDUR",
    )
    assert "Yth. Kepala Perangkat Daerah" in squash(text)


def test_rendering_is_deterministic(out_dir: Path) -> None:
    sample = SAMPLES_DIR / "surat_dinas.toml"
    a = render_sample(sample, out_dir).result
    b = render_sample(sample, out_dir).result
    assert a.pdf == b.pdf
    c = render_sample(sample, out_dir, edit={"hal": "Hal Lain"}).result
    ids = [re.search(rb"/ID\s*\[<(\w+)>", r.pdf) for r in (a, c)]
    assert ids[0]
    assert ids[1]
    assert ids[0].group(1) != ids[1].group(1)
    assert b"/CreationDate (D:20261120000000" in a.pdf


def test_long_body_flows_over_pages(out_dir: Path) -> None:
    paragraphs = "\n\n".join(
        f"Alinea ke-{i} menjelaskan pokok persoalan secara rinci dan "
        "lengkap agar dapat dipahami oleh seluruh penerima surat ini "
        "dengan baik serta dilaksanakan sebagaimana mestinya."
        for i in range(1, 41)
    )
    body = paragraphs + "\n\n1. butir pertama\n2. butir kedua\n   a. rincian\n\nDemikian."
    rendered = render_sample(
        SAMPLES_DIR / "surat_dinas.toml", out_dir, edit={"isi": body, "lampiran": []}
    )
    assert rendered.result.pages >= 3
    text = squash(pdf_text(rendered.path))
    for i in range(1, 41):
        assert f"Alinea ke-{i} " in text
    last = pdf_text(rendered.path, page=rendered.result.pages)
    assert "NIP 19670827 199403 1 001" in last, "signature block must end the letter"
    slot = rendered.result.signature_slots[0]
    assert slot.page == rendered.result.pages


def test_signature_slot_is_recorded_inside_the_page(out_dir: Path) -> None:
    rendered = render_sample(SAMPLES_DIR / "surat_dinas.toml", out_dir)
    (slot,) = rendered.result.signature_slots
    assert slot.field == "penandatangan"
    assert slot.page == 1
    assert slot.x > 0
    assert slot.x + slot.width <= 210 * MM
    assert slot.y > 0
    assert slot.y + slot.height <= 297 * MM
    assert slot.height >= 20 * MM  # room for the QR code


def test_draft_shows_placeholders_and_watermark(out_dir: Path) -> None:
    path = render_sample(SAMPLES_DIR / "surat_dinas.toml", out_dir).path
    text = squash(pdf_text(path))
    assert "Ruang tanda tangan elektronik" in text
    assert "Ruang catatan kaki TTE" in text
    # the watermark is set diagonally; pypdf reads rotated text in one piece
    assert all("KONSEP" in page.extract_text() for page in PdfReader(path).pages)


def test_final_with_stamp_prints_qr_caption_and_footer(out_dir: Path) -> None:
    stamp = TteStamp(
        document_id="0190f3a2-7c1e-7b9a-8d2e-1f0a2b3c4d5e",
        caption_lines=("Kepala Dinas Komunikasi dan Informatika", "Dr. Budi Santoso, S.Kom., M.T."),
        issuer="Penerbit Sertifikat Uji",
    )
    rendered = render_sample(SAMPLES_DIR / "surat_dinas.toml", out_dir, mode="final", stamp=stamp)
    for n in range(1, rendered.result.pages + 1):
        page = squash(pdf_text(rendered.path, page=n))
        assert "diterbitkan oleh Penerbit Sertifikat Uji." in page
        assert "Ruang" not in page

    assert not any("KONSEP" in p.extract_text() for p in PdfReader(rendered.path).pages)
    first = squash(pdf_text(rendered.path, page=1))
    assert "Ditandatangani secara elektronik oleh:" in first
    assert "Dr. Budi Santoso, S.Kom., M.T." in first


def test_kabupaten_profile_f4_left_yth_and_kata_penyambung(out_dir: Path) -> None:
    body = "\n\n".join(
        f"Paragraf {i} berisi uraian yang cukup panjang untuk memenuhi "
        "halaman pertama surat dinas ini sehingga berlanjut."
        for i in range(30)
    )
    rendered = render_sample(
        SAMPLES_DIR / "surat_dinas.toml",
        out_dir,
        profile="bkpsdm-kabupaten-sukamaju",
        edit={"isi": body, "lampiran": [], "tanggal": "2026-11-05"},
    )
    first = pdf_text(rendered.path, page=1)
    assert "BADAN KEPEGAWAIAN DAN PENGEMBANGAN" in first
    assert "Sukamaju, 05 November 2026" in squash(first)  # the profile's zero-padded date
    assert "di Tempat" in squash(first)
    assert "Tembusan Yth.:" in pdf_text(rendered.path)
    second = squash(pdf_text(rendered.path, page=2))
    next_word = re.sub(r"^-\s?2\s?-", "", second).split()[0]
    assert f"{next_word}\u2026" in first, "kata penyambung must announce page 2's first word"


def layout_markers(rendered_values: dict[str, object], jenis: str, profile_id: str) -> list[str]:
    """Text each layout block of ``jenis`` must print, in layout order."""
    from tnde import formatting
    from tnde.templates.loader import load_template
    from tnde.templates.values import Signer

    template = load_template(jenis)
    profile = load_profile(profile_id)
    markers: list[str] = []
    for block in template.layout:
        p = block.params
        if block.when and not rendered_values.get(block.when):
            continue
        fixed = str(p.get("text", "")).split("{")[0].strip()  # text before any placeholder
        if block.kind == "judul" and fixed:
            markers.append(fixed.splitlines()[0].upper())
        elif block.kind == "teks" and len(fixed.split()) >= 2:
            markers.append(" ".join(fixed.replace("*", "").split()[:3]))
        elif block.kind == "kepala_surat":
            markers += ["Nomor", "Hal"]
        elif block.kind == "bagian" and rendered_values.get(p["field"]) and p.get("label"):
            markers.append(str(p["label"]))
        elif block.kind == "diktum" and rendered_values.get(p["field"]):
            markers.append("KESATU")
        elif block.kind in ("tanda_tangan", "tanda_tangan_ganda"):
            fields = (
                [p.get("field", "penandatangan")]
                if block.kind == "tanda_tangan"
                else list(p.get("fields", []))[:1]
            )
            for name in fields:
                signer = rendered_values.get(name)
                if isinstance(signer, Signer):
                    markers.append(
                        formatting.name_case(signer.person.nama, profile.style.name_case)
                    )
        elif block.kind == "lembar_disposisi":
            markers += [
                "Surat dari",
                "Diteruskan kepada",
                "Dengan hormat harap",
                "Catatan",
                "Pemberi disposisi",
                "Paraf",
            ]
        elif block.kind == "tembusan" and rendered_values.get(p.get("field", "tembusan")):
            markers.append(profile.style.tembusan_label)
        elif block.kind == "lampiran" and rendered_values.get(p.get("field", "lampiran")):
            markers.append("LAMPIRAN")
    return markers


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_parts_appear_in_layout_order(sample: Path, out_dir: Path) -> None:
    rendered = render_sample(sample, out_dir)
    markers = layout_markers(rendered.values, sample.stem, rendered.profile_id)
    assert len(markers) >= 2, f"{sample.stem}: too few checkable parts {markers}"
    text = pdf_text(rendered.path)
    assert_in_order(text, *markers)
    profile = load_profile(rendered.profile_id)
    from tnde.templates.loader import load_template

    kops = [
        b.params.get("variant", "instansi")
        for b in load_template(sample.stem).layout
        if b.kind == "kop"
    ]
    if kops:  # the kop comes before everything else
        kop = profile.kop_jabatan if kops[0] == "jabatan" and profile.kop_jabatan else profile.kop
        flat = squash(text)
        assert 0 <= flat.find(kop.lines[0]) < flat.find(squash(markers[0]))


def test_lampiran_header_names_the_mandator_under_an(out_dir: Path) -> None:
    signer = {
        "jabatan": "Sekretaris Dinas",
        "nama": "Ahmad Fauzi",
        "nip": "197205152000031006",
        "delegasi": {"bentuk": "a.n.", "atas_nama": "Kepala Dinas Komunikasi dan Informatika"},
    }
    rendered = render_sample(
        SAMPLES_DIR / "surat_dinas.toml", out_dir, edit={"penandatangan": signer}
    )
    last = squash(pdf_text(rendered.path, page=rendered.result.pages))
    assert "SURAT KEPALA DINAS KOMUNIKASI DAN INFORMATIKA" in last
    assert "SURAT SEKRETARIS" not in last
    first = squash(pdf_text(rendered.path, page=1))
    assert "a.n. KEPALA DINAS KOMUNIKASI DAN INFORMATIKA SEKRETARIS DINAS," in first


def test_closing_paragraph_stays_with_the_signature(out_dir: Path) -> None:
    """Whatever the body length, the signature page also carries the text before it."""
    for n in range(8, 30, 3):
        body = "\n\n".join(
            f"Alinea {i} dengan isi yang cukup panjang supaya halaman pertama "
            "terisi penuh oleh teks surat."
            for i in range(n)
        )
        body += "\n\nDemikian disampaikan untuk dilaksanakan."
        rendered = render_sample(
            SAMPLES_DIR / "surat_dinas.toml", out_dir, edit={"isi": body, "lampiran": []}
        )
        slot = rendered.result.signature_slots[0]
        page = squash(pdf_text(rendered.path, page=slot.page))
        assert "Demikian disampaikan untuk dilaksanakan." in page, f"{n} paragraphs"


def test_no_kata_penyambung_into_a_lampiran(out_dir: Path) -> None:
    rendered = render_sample(
        SAMPLES_DIR / "nota_dinas.toml", out_dir, profile="bkpsdm-kabupaten-sukamaju"
    )
    assert rendered.result.pages == 2
    assert "\u2026" not in pdf_text(rendered.path, page=1)
