"""Pre-fill on letters made by other tools: the accuracy goals over the corpus, and one
focused test for each way it went wrong before (capitals running into the address column,
shuffled drawing order, a centred Hal label, three kop levels, dates, label styles, delegation
lines, urgency words in the Sifat line, scans)."""

from __future__ import annotations

import io
import json
import random
from datetime import date
from typing import TYPE_CHECKING

import pytest

from bench.prefill_accuracy import CORPUS, RECALL_AT_LEAST, WRONG_AT_MOST, score_corpus
from tests.office import nip
from tnde.errors import WorkflowRefused
from tnde.incoming.desk import IncomingDesk
from tnde.incoming.prefill import prefill_from_pdf
from tnde.incoming.sifat import split_sifat

if TYPE_CHECKING:
    from tests.office import FixedClock
    from tnde.workspace import Workspace

# -- the corpus -----------------------------------------------------------------------------


def test_corpus_is_varied_and_small() -> None:
    expected = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
    makers = {entry["maker"] for entry in expected.values()}
    letters = [name for name, entry in expected.items() if entry["text_layer"]]

    assert len(letters) >= 40
    assert {"rl", "lo", "scan", "reportlab", "libreoffice-fodt"} <= makers
    assert all((CORPUS / f"{name}.pdf").is_file() for name in expected)
    assert sum(p.stat().st_size for p in CORPUS.iterdir()) < 3_000_000


def test_corpus_meets_the_accuracy_goals() -> None:
    score = score_corpus()

    assert score.wrong_share <= WRONG_AT_MOST, score.mistakes
    assert score.overall.recall >= RECALL_AT_LEAST, score.mistakes
    assert score.scans_right == score.scans


def test_corpus_scans_are_recognised_as_scans() -> None:
    expected = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
    for name in (n for n, entry in expected.items() if not entry["text_layer"]):
        got = prefill_from_pdf((CORPUS / f"{name}.pdf").read_bytes())
        assert not got.text_layer, name
        assert got.found == (), name
        assert got.unsure == (), name


# -- letters drawn for one case each --------------------------------------------------------

Row = tuple[float, float, str]  # x, y from the top of an A4 page, text


def _letter(rows: list[Row], *, size: float = 11, shuffle: bool = False) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    drawn = list(rows)
    if shuffle:  # word by word, in random order, as some tools draw glyph runs
        drawn = []
        for x, y, text in rows:
            position = 0
            for word in text.split(" "):
                offset = stringWidth(text[:position], "Helvetica", size)
                drawn.append((x + offset, y, word))
                position += len(word) + 1
        random.Random(7).shuffle(drawn)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont("Helvetica", size)
    for x, y, text in drawn:
        pdf.drawString(x, A4[1] - y, text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


KOP: list[Row] = [
    (180, 50, "PEMERINTAH KABUPATEN SUKAMAJU"),
    (220, 66, "DINAS PENDIDIKAN"),
    (120, 82, "Jalan Merdeka Nomor 12, Telepon (0251) 321456"),
]
BODY: list[Row] = [
    (72, 300, "Sehubungan dengan hal tersebut di atas, bersama ini kami sampaikan permohonan"),
    (72, 315, "agar Saudara berkenan menindaklanjuti sesuai ketentuan yang berlaku."),
]


def _signature(*rows: str, top: float = 360) -> list[Row]:
    out = [(330, top + 15 * k, row) for k, row in enumerate(rows)]
    bottom = top + 15 * len(rows) + 60
    return [*out, (330, bottom, "Drs. Ahmad Fauzi, M.Si."), (330, bottom + 15, "NIP 1968031219")]


def _header(
    labels: list[tuple[str, str]], *, date_line: str = "Sukamaju, 3 Desember 2026"
) -> list[Row]:
    rows: list[Row] = [(380, 120, date_line)]
    for k, (label, value) in enumerate(labels):
        rows += [(72, 150 + 15 * k, label), (150, 150 + 15 * k, value)]
    return rows


STANDARD = [
    ("Nomor       :", "800/123/Disdik/2026"),
    ("Sifat       :", "Biasa"),
    ("Lampiran    :", "1 (satu) berkas"),
    ("Hal         :", "Permohonan Data Kepegawaian"),
]


def test_all_caps_hal_does_not_run_into_the_address_column() -> None:
    value = "PERMOHONAN DATA KEPEGAWAIAN"
    rows = [*KOP, (380, 120, "SUKAMAJU, 3 DESEMBER 2026")]
    for k, (label, text) in enumerate(
        [("NOMOR", "800/123/DISDIK/2026"), ("SIFAT", "BIASA"), ("HAL", value)]
    ):
        rows += [(72, 150 + 15 * k, label), (140, 150 + 15 * k, ":"), (150, 150 + 15 * k, text)]
    # the address column starts just after the end of the capitals of the Hal
    from reportlab.pdfbase.pdfmetrics import stringWidth

    column = 150 + stringWidth(value, "Helvetica", 11) + 1
    rows += [(column, 150, "YTH. KEPALA DINAS"), (column, 165, "SOSIAL"), (column, 180, "DI -")]
    rows += [(column + 15, 195, "SUKAMAJU"), *BODY, *_signature("KEPALA DINAS PENDIDIKAN,")]

    got = prefill_from_pdf(_letter(rows))

    assert got.hal == value
    assert got.nomor == "800/123/DISDIK/2026"


def test_shuffled_drawing_order_reads_like_the_page() -> None:
    rows = [
        *KOP,
        *_header([*STANDARD[:3], ("Hal         :", "Penyampaian Laporan Realisasi")]),
        (150, 210, "Anggaran Triwulan III"),
        *BODY,
        *_signature("a.n. BUPATI SUKAMAJU", "SEKRETARIS DAERAH,"),
    ]

    got = prefill_from_pdf(_letter(rows, shuffle=True))

    assert got.hal == "Penyampaian Laporan Realisasi Anggaran Triwulan III"
    assert got.asal_jabatan == "Sekretaris Daerah"
    assert got.nomor == "800/123/Disdik/2026"


def test_hal_label_centred_beside_two_lines_keeps_both() -> None:
    rows = [*KOP, *_header(STANDARD[:3])]
    rows += [(72, 202.5, "Hal         :"), (150, 195, "Undangan Rapat Koordinasi")]
    rows += [(150, 210, "Penyusunan Rencana Kerja"), *BODY, *_signature("KEPALA DINAS,")]

    got = prefill_from_pdf(_letter(rows))

    assert got.hal == "Undangan Rapat Koordinasi Penyusunan Rencana Kerja"
    assert got.lampiran == "1 (satu) berkas"


def test_three_kop_levels_name_the_lowest_first() -> None:
    kop: list[Row] = [
        (200, 50, "PEMERINTAH KOTA MEKARSARI"),
        (220, 66, "KECAMATAN CIBEUREUM"),
        (225, 82, "KELURAHAN SUKARAJA"),
        (120, 98, "Jalan Merdeka Nomor 12, Telepon (0251) 321456"),
    ]
    rows = [*kop, *_header(STANDARD), *BODY, *_signature("LURAH SUKARAJA,")]

    got = prefill_from_pdf(_letter(rows))

    assert got.asal == "Kelurahan Sukaraja Kecamatan Cibeureum Kota Mekarsari"
    assert got.asal_jabatan == "Lurah Sukaraja"


@pytest.mark.parametrize(
    "date_line",
    ["3 Des 2026", "03-12-2026", "Sukamaju, 03/12/2026", "SUKAMAJU, 3 DESEMBER 2026"],
)
def test_dates_in_other_forms(date_line: str) -> None:
    rows = [*KOP, *_header(STANDARD, date_line=date_line), *BODY, *_signature("KEPALA DINAS,")]

    assert prefill_from_pdf(_letter(rows)).tanggal == date(2026, 12, 3)


@pytest.mark.parametrize(
    "labels",
    [
        ("Nomor", "Sifat", "Lampiran", "Hal"),  # no colon: the value in a column of its own
        ("Nomor.", "Sifat.", "Lampiran.", "Hal."),
        ("Nomor     :", "Sifat     :", "Lampiran     :", "Hal     :"),
        ("N o m o r  :", "S i f a t  :", "L a m p i r a n  :", "P e r i h a l  :"),
    ],
    ids=["no-colon", "dot", "wide", "letter-spaced"],
)
def test_label_styles(labels: tuple[str, ...]) -> None:
    header = [(label, value) for label, (_, value) in zip(labels, STANDARD, strict=True)]
    rows = [*KOP, *_header(header), *BODY, *_signature("KEPALA DINAS PENDIDIKAN,")]

    got = prefill_from_pdf(_letter(rows))

    assert (got.nomor, got.sifat, got.lampiran, got.hal) == (
        "800/123/Disdik/2026",
        "Biasa",
        "1 (satu) berkas",
        "Permohonan Data Kepegawaian",
    )


def test_a_body_line_starting_with_hal_is_no_label() -> None:
    rows = [*KOP, (380, 120, "Sukamaju, 3 Desember 2026"), (72, 150, "Hal tersebut kami sampaikan")]
    rows += [*BODY, *_signature("KEPALA DINAS,")]

    got = prefill_from_pdf(_letter(rows))

    assert got.hal == ""


@pytest.mark.parametrize(
    ("rows", "jabatan"),
    [
        (("a.n. WALI KOTA MEKARSARI", "Plt. SEKRETARIS DAERAH,"), "Sekretaris Daerah"),
        (("Plh. CAMAT CIBEUREUM,",), "Camat Cibeureum"),
        (
            ("a.n. BUPATI SUKAMAJU", "SEKRETARIS DAERAH", "u.b.", "ASISTEN ADMINISTRASI UMUM,"),
            "Asisten Administrasi Umum",
        ),
    ],
)
def test_delegation_lines_give_the_signers_own_jabatan(rows: tuple[str, ...], jabatan: str) -> None:
    letter = [*KOP, *_header(STANDARD), *BODY, *_signature(*rows)]

    assert prefill_from_pdf(_letter(letter)).asal_jabatan == jabatan


@pytest.mark.parametrize(
    ("printed", "sifat", "urgensi"),
    [
        ("Segera", "Biasa", "Segera"),
        ("Sangat Segera", "Biasa", "Amat Segera"),
        ("Penting", "Biasa", "Segera"),
        ("Rahasia/Segera", "Rahasia", "Segera"),
        ("Terbatas", "Terbatas", ""),
    ],
)
def test_urgency_words_in_the_sifat_line_go_to_urgensi(
    printed: str, sifat: str, urgensi: str
) -> None:
    header = [*STANDARD[:1], ("Sifat       :", printed), *STANDARD[2:]]
    rows = [*KOP, *_header(header), *BODY, *_signature("KEPALA DINAS,")]

    got = prefill_from_pdf(_letter(rows))

    assert (got.sifat, got.urgensi) == (sifat, urgensi)
    assert split_sifat(printed) == (sifat, urgensi)


def test_an_unknown_sifat_is_left_to_the_clerk() -> None:
    header = [*STANDARD[:1], ("Sifat       :", "Dinas Luar"), *STANDARD[2:]]
    rows = [*KOP, *_header(header), *BODY, *_signature("KEPALA DINAS,")]

    got = prefill_from_pdf(_letter(rows))

    assert got.sifat == ""
    assert "sifat" in got.unsure
    assert "sifat" not in got.found


def test_a_hal_that_may_have_wrapped_is_left_to_the_clerk() -> None:
    # a long first line, then a line at the margin: the rest of the Hal, or the salutation?
    long = "Permohonan Penyampaian Data Potensi Pajak Kendaraan Bermotor dan Bea"
    rows = [*KOP, *_header([*STANDARD[:3], ("Hal         :", long)])]
    rows += [(72, 210, "Balik Nama Kendaraan Bermotor"), *BODY, *_signature("KEPALA DINAS,")]

    got = prefill_from_pdf(_letter(rows))

    assert got.hal == ""
    assert "hal" in got.unsure


# -- registration ---------------------------------------------------------------------------

META = {
    "asal": "Dinas Pendidikan Kabupaten Sukamaju",
    "nomor": "800/123/Disdik/2026",
    "tanggal": "2026-12-03",
    "hal": "Permohonan Data Kepegawaian",
}


@pytest.fixture
def desk(workspace: Workspace, clock: FixedClock) -> IncomingDesk:
    return IncomingDesk(workspace, clock=clock)


@pytest.mark.parametrize(
    ("sifat", "urgensi", "stored"),
    [
        ("Segera", "", ("Biasa", "Segera")),
        ("Sangat Segera", "", ("Biasa", "Amat Segera")),
        ("Penting", "", ("Biasa", "Segera")),
        ("Segera", "Amat Segera", ("Biasa", "Amat Segera")),  # the more urgent one holds
        ("Rahasia/Segera", "", ("Rahasia", "Segera")),
    ],
)
def test_registration_takes_urgency_words_as_urgensi(
    desk: IncomingDesk, sifat: str, urgensi: str, stored: tuple[str, str]
) -> None:
    meta = {**META, "sifat": sifat} | ({"urgensi": urgensi} if urgensi else {})

    state = desk.register(nip("tu"), unit_id="DINAS", meta=meta)

    assert (state.meta["sifat"], state.meta["urgensi"]) == stored


def test_registration_still_refuses_an_unknown_sifat(desk: IncomingDesk) -> None:
    with pytest.raises(WorkflowRefused, match="Dinas Luar"):
        desk.register(nip("tu"), unit_id="DINAS", meta={**META, "sifat": "Dinas Luar"})


def test_registering_a_scan_without_fields_says_it_has_no_text(desk: IncomingDesk) -> None:
    scan = (CORPUS / "scan-00.pdf").read_bytes()

    with pytest.raises(WorkflowRefused) as refused:
        desk.register(nip("tu"), unit_id="DINAS", meta={"hal": "Surat"}, pdf=scan)

    message = str(refused.value)
    assert "lapisan teks" in message or "text layer" in message  # until the catalogue has it
    assert "asal, nomor, tanggal" in message
