"""The second part of the pre-fill corpus: hand-made layouts, one letter each.

Where ``make_prefill_corpus.py`` mixes layout choices at random, these letters each follow a
recipe seen on real letters of other offices: a Nota Dinas with a ``Tanggal`` label, a kop in
mixed case, a Hal wrapping to the margin, a subject with "di" in it beside the address column,
"Rahasia/Segera", a letter over two pages, a TTE signature, a kementerian kop, a watermark on a
scan, and Writer documents with tab stops (``.fodt``) on F4 paper. They were written as a second
held-out set: the figures on them before any rule was changed for them are in docs/prefill.md.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

BODY = (
    "Menindaklanjuti surat Saudara tentang hal tersebut di atas, dengan ini kami sampaikan",
    "bahwa kegiatan dimaksud akan dilaksanakan sesuai jadwal. Mohon kiranya Saudara dapat",
    "menugaskan pejabat terkait untuk hadir tepat waktu dengan membawa data pendukung.",
    "Demikian kami sampaikan, atas perhatian Saudara diucapkan terima kasih.",
)


@dataclass
class Page:
    """Text drawn on one page: (x, y, text, font, size, align)."""

    rows: list[tuple[float, float, str, str, float, str]] = field(default_factory=list)
    rules: list[float] = field(default_factory=list)

    def put(
        self,
        x: float,
        y: float,
        text: str,
        font: str = "Helvetica",
        size: float = 11,
        align: str = "l",
    ) -> None:
        self.rows.append((x, y, text, font, size, align))


def _pdf(pages: list[Page], *, order: list[int] | None = None) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    for page in pages:
        rows = page.rows if order is None else [page.rows[k] for k in order]
        for x, y, text, font, size, align in rows:
            pdf.setFont(font, size)
            {"l": pdf.drawString, "c": pdf.drawCentredString, "r": pdf.drawRightString}[align](
                x, y, text
            )
        for y in page.rules:
            pdf.setLineWidth(1.2)
            pdf.line(60, y, A4[0] - 60, y)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _kop(page: Page, lines: tuple[str, ...], address: str, y: float = 790) -> float:
    for k, line in enumerate(lines):
        size = 14 if k == len(lines) - 1 else 12.5
        page.put(A4[0] / 2, y, line, "Helvetica-Bold", size, "c")
        y -= size + 4
    page.put(A4[0] / 2, y, address, "Helvetica", 8.5, "c")
    page.rules.append(y - 6)
    return y - 34


def _labels(
    page: Page,
    y: float,
    rows: list[tuple[str, tuple[str, ...]]],
    *,
    colon_x: float = 140,
    value_x: float = 150,
    sep: str = ":",
    font: str = "Helvetica",
    size: float = 11,
) -> float:
    for label, values in rows:
        page.put(72, y, label, font, size)
        if sep:
            page.put(colon_x, y, sep, font, size)
        for value in values:
            page.put(value_x, y, value, font, size)
            y -= size + 3
    return y


def _body(page: Page, y: float, font: str = "Helvetica", size: float = 10.5) -> float:
    for line in BODY:
        page.put(72, y, line, font, size)
        y -= size + 4
    return y - 16


def _signature(page: Page, y: float, rows: tuple[str, ...], name: str, nip: str) -> float:
    for row in rows:
        page.put(320, y, row)
        y -= 14
    y -= 52
    page.put(320, y, name, "Helvetica-Bold")
    page.put(320, y - 14, f"NIP {nip}")
    return y - 40


ADDRESS = "Jalan Veteran Nomor 7, Telepon (0261) 201122, Pos-el: umum@contoh.go.id"


def x_nota_dinas() -> tuple[bytes, dict[str, str]]:
    page = Page()
    y = _kop(page, ("PEMERINTAH KABUPATEN SUKAMAJU", "SEKRETARIAT DAERAH"), ADDRESS)
    page.put(A4[0] / 2, y, "NOTA DINAS", "Helvetica-Bold", 12, "c")
    y -= 30
    y = _labels(
        page,
        y,
        [
            ("Yth.", ("Bupati Sukamaju",)),
            ("Dari", ("Sekretaris Daerah",)),
            ("Tanggal", ("3 Desember 2026",)),
            ("Nomor", ("000.1.2/441/Sekr",)),
            ("Sifat", ("Segera",)),
            ("Lampiran", ("1 (satu) berkas",)),
            ("Hal", ("Laporan Pelaksanaan Apel Gabungan",)),
        ],
    )
    page.rules.append(y + 4)
    y = _body(page, y - 20)
    _signature(page, y, ("SEKRETARIS DAERAH,",), "Drs. Hendra Wijaya, M.Si.", "196902021990031006")
    return _pdf([page]), {
        "asal": "Sekretariat Daerah Kabupaten Sukamaju",
        "nomor": "000.1.2/441/Sekr",
        "tanggal": "2026-12-03",
        "hal": "Laporan Pelaksanaan Apel Gabungan",
        "sifat": "Biasa",
        "urgensi": "Segera",
        "lampiran": "1 (satu) berkas",
        "asal_jabatan": "Sekretaris Daerah",
    }


def x_mixed_case_kop() -> tuple[bytes, dict[str, str]]:
    page = Page()
    y = _kop(page, ("Pemerintah Kabupaten Lembah Hijau", "Dinas Sosial"), ADDRESS)
    page.put(A4[0] - 70, y, "Lembah Hijau, 14 Desember 2026", align="r")
    y -= 26
    y = _labels(
        page,
        y,
        [
            ("Nomor", ("460/1187/Dinsos",)),
            ("Sifat", ("Biasa",)),
            ("Lampiran", ("-",)),
            ("Hal", ("Verifikasi Data Penerima Bantuan",)),
        ],
    )
    y = _body(page, y - 40)
    _signature(page, y, ("Kepala Dinas Sosial,",), "Rina Marlina, S.Sos.", "197203031998032004")
    return _pdf([page]), {
        "asal": "Dinas Sosial Kabupaten Lembah Hijau",
        "nomor": "460/1187/Dinsos",
        "tanggal": "2026-12-14",
        "hal": "Verifikasi Data Penerima Bantuan",
        "sifat": "Biasa",
        "urgensi": "",
        "lampiran": "",
        "asal_jabatan": "Kepala Dinas Sosial",
    }


def x_long_hal() -> tuple[bytes, dict[str, str]]:
    page = Page()
    y = _kop(page, ("PEMERINTAH PROVINSI NUSA INDAH", "BADAN PENDAPATAN DAERAH"), ADDRESS)
    page.put(A4[0] - 70, y, "Nusa Indah, 2 November 2026", align="r")
    y -= 26
    hal = (
        "Permohonan Penyampaian Data Potensi Pajak Kendaraan Bermotor dan Bea Balik Nama",
        "Kendaraan Bermotor Tahun Anggaran 2027 untuk Penyusunan Target Pendapatan",
    )
    y = _labels(
        page,
        y,
        [
            ("Nomor", ("973/2231/Bapenda",)),
            ("Sifat", ("Penting",)),
            ("Lampiran", ("3 (tiga) lembar",)),
            ("Hal", hal),
        ],
    )
    y = _body(page, y - 30)
    _signature(
        page,
        y,
        ("a.n. GUBERNUR NUSA INDAH", "KEPALA BADAN PENDAPATAN DAERAH,"),
        "Ir. Made Suardana",
        "196712121993031008",
    )
    return _pdf([page]), {
        "asal": "Badan Pendapatan Daerah Provinsi Nusa Indah",
        "nomor": "973/2231/Bapenda",
        "tanggal": "2026-11-02",
        "hal": " ".join(hal),
        "sifat": "Biasa",
        "urgensi": "Segera",
        "lampiran": "3 (tiga) lembar",
        "asal_jabatan": "Kepala Badan Pendapatan Daerah",
    }


def x_hal_with_di() -> tuple[bytes, dict[str, str]]:
    page = Page()
    y = _kop(
        page, ("PEMERINTAH KOTA BATU PUTIH", "BAGIAN PROTOKOL DAN KOMUNIKASI PIMPINAN"), ADDRESS
    )
    page.put(A4[0] - 70, y, "Batu Putih, 21 Oktober 2026", align="r")
    y -= 26
    top = y
    y = _labels(
        page,
        y,
        [
            ("Nomor", ("005/377/Prokopim",)),
            ("Sifat", ("Biasa",)),
            ("Lampiran", ("-",)),
            ("Hal", ("Rapat Persiapan di Aula", "Balai Kota")),
        ],
    )
    for k, line in enumerate(("Yth. Camat se-Kota Batu Putih", "di -", "    BATU PUTIH")):
        page.put(350, top - 14 * k, line.strip(), "Helvetica", 11)
    y = _body(page, y - 30)
    _signature(
        page,
        y,
        ("a.n. WALI KOTA BATU PUTIH", "ASISTEN PEMERINTAHAN,"),
        "Yusuf Maulana, S.STP.",
        "198001012000121001",
    )
    return _pdf([page]), {
        "asal": "Bagian Protokol dan Komunikasi Pimpinan Kota Batu Putih",
        "nomor": "005/377/Prokopim",
        "tanggal": "2026-10-21",
        "hal": "Rapat Persiapan di Aula Balai Kota",
        "sifat": "Biasa",
        "urgensi": "",
        "lampiran": "",
        "asal_jabatan": "Asisten Pemerintahan",
    }


def x_rahasia_segera() -> tuple[bytes, dict[str, str]]:
    page = Page()
    y = _kop(page, ("PEMERINTAH KABUPATEN TANJUNG LAUT", "INSPEKTORAT DAERAH"), ADDRESS)
    page.put(A4[0] - 70, y, "Tanjung Laut, 9 September 2026", align="r")
    y -= 26
    y = _labels(
        page,
        y,
        [
            ("Nomor", ("700.1/88/Insp",)),
            ("Sifat", ("Rahasia/Segera",)),
            ("Lampiran", ("Satu berkas",)),
            ("Perihal", ("Hasil Pemeriksaan Khusus",)),
        ],
    )
    y = _body(page, y - 30)
    _signature(page, y, ("Inspektur Daerah,",), "Agus Salim, Ak.", "197001011996031009")
    return _pdf([page]), {
        "asal": "Inspektorat Daerah Kabupaten Tanjung Laut",
        "nomor": "700.1/88/Insp",
        "tanggal": "2026-09-09",
        "hal": "Hasil Pemeriksaan Khusus",
        "sifat": "Rahasia",
        "urgensi": "Segera",
        "lampiran": "Satu berkas",
        "asal_jabatan": "Inspektur Daerah",
    }


def x_two_pages() -> tuple[bytes, dict[str, str]]:
    first, second = Page(), Page()
    y = _kop(first, ("PEMERINTAH KOTA MEKARSARI", "DINAS LINGKUNGAN HIDUP"), ADDRESS)
    first.put(A4[0] - 70, y, "Mekarsari, 30 Juni 2026", align="r")
    y -= 26
    y = _labels(
        first,
        y,
        [
            ("Nomor", ("660/512/DLH/2026",)),
            ("Sifat", ("Biasa",)),
            ("Lampiran", ("1 (satu) berkas",)),
            ("Hal", ("Laporan Pengawasan Bank Sampah",)),
        ],
    )
    y -= 30
    for _ in range(6):
        y = _body(first, y)
    _signature(
        second,
        780,
        ("Plt. KEPALA DINAS LINGKUNGAN HIDUP,",),
        "Bagus Prasetyo, S.T.",
        "197506062001121003",
    )
    return _pdf([first, second]), {
        "asal": "Dinas Lingkungan Hidup Kota Mekarsari",
        "nomor": "660/512/DLH/2026",
        "tanggal": "2026-06-30",
        "hal": "Laporan Pengawasan Bank Sampah",
        "sifat": "Biasa",
        "urgensi": "",
        "lampiran": "1 (satu) berkas",
        "asal_jabatan": "Kepala Dinas Lingkungan Hidup",
    }


def x_tte() -> tuple[bytes, dict[str, str]]:
    page = Page()
    y = _kop(page, ("PEMERINTAH KABUPATEN SUKAMAJU", "DINAS KOMUNIKASI DAN INFORMATIKA"), ADDRESS)
    page.put(A4[0] - 70, y, "Sukamaju, 05-10-2026", align="r")
    y -= 26
    y = _labels(
        page,
        y,
        [
            ("Nomor", ("B/555/Diskominfo/X/2026",)),
            ("Sifat", ("Sangat Segera",)),
            ("Hal", ("Pemutakhiran Data Aplikasi",)),
        ],
    )
    y = _body(page, y - 30)
    page.put(320, y, "KEPALA DINAS KOMUNIKASI DAN INFORMATIKA,", size=10)
    page.put(320, y - 16, "Ditandatangani secara elektronik", size=8)
    page.rows.append((320, y - 70, "Dewi Lestari, S.Kom., M.T.", "Helvetica-Bold", 11, "l"))
    page.put(320, y - 84, "NIP 197909092005012003")
    return _pdf([page]), {
        "asal": "Dinas Komunikasi dan Informatika Kabupaten Sukamaju",
        "nomor": "B/555/Diskominfo/X/2026",
        "tanggal": "2026-10-05",
        "hal": "Pemutakhiran Data Aplikasi",
        "sifat": "Biasa",
        "urgensi": "Amat Segera",
        "lampiran": "",
        "asal_jabatan": "Kepala Dinas Komunikasi dan Informatika",
    }


def x_title_case_ub() -> tuple[bytes, dict[str, str]]:
    page = Page()
    y = _kop(
        page, ("PEMERINTAH KABUPATEN LEMBAH HIJAU", "DINAS PENDIDIKAN DAN KEBUDAYAAN"), ADDRESS
    )
    page.put(A4[0] - 70, y, "Lembah Hijau,  3  Des  2026", align="r")
    y -= 26
    y = _labels(
        page,
        y,
        [
            ("Nomor", ("421/1290/Disdikbud",)),
            ("Sifat", ("Biasa",)),
            ("Lampiran", ("2 (dua) berkas",)),
            ("Hal", ("Penyampaian Jadwal Asesmen",)),
        ],
        colon_x=125,
        value_x=132,
    )
    y = _body(page, y - 30)
    _signature(
        page,
        y,
        (
            "a.n. Kepala Dinas Pendidikan dan Kebudayaan",
            "Sekretaris",
            "u.b.",
            "Kepala Subbagian Umum dan Kepegawaian,",
        ),
        "Nur Aini, S.Pd.",
        "198202022006042011",
    )
    return _pdf([page]), {
        "asal": "Dinas Pendidikan dan Kebudayaan Kabupaten Lembah Hijau",
        "nomor": "421/1290/Disdikbud",
        "tanggal": "2026-12-03",
        "hal": "Penyampaian Jadwal Asesmen",
        "sifat": "Biasa",
        "urgensi": "",
        "lampiran": "2 (dua) berkas",
        "asal_jabatan": "Kepala Subbagian Umum dan Kepegawaian",
    }


def x_spaced_colon_strings() -> tuple[bytes, dict[str, str]]:
    """Labels typed with spaces up to the colon, each drawn as one string."""
    page = Page()
    y = _kop(page, ("PEMERINTAH KOTA MEKARSARI", "KECAMATAN CIBEUREUM"), ADDRESS)
    page.put(A4[0] - 70, y, "Cibeureum, 17 Agustus 2026", "Times-Roman", 12, "r")
    y -= 26
    for label, value in (
        ("Nomor       :", "470/77/Kec.Cbr"),
        ("Sifat         :", "Biasa"),
        ("Lampiran  :", "-"),
        ("Hal           :", "Rekapitulasi Data Penduduk"),
    ):
        page.put(72, y, f"{label} {value}", "Times-Roman", 12)
        y -= 15
    y = _body(page, y - 30, "Times-Roman", 12)
    _signature(page, y, ("CAMAT CIBEUREUM,",), "Asep Saepudin, S.IP.", "197707072003121005")
    return _pdf([page]), {
        "asal": "Kecamatan Cibeureum Kota Mekarsari",
        "nomor": "470/77/Kec.Cbr",
        "tanggal": "2026-08-17",
        "hal": "Rekapitulasi Data Penduduk",
        "sifat": "Biasa",
        "urgensi": "",
        "lampiran": "",
        "asal_jabatan": "Camat Cibeureum",
    }


def x_kementerian() -> tuple[bytes, dict[str, str]]:
    page = Page()
    y = _kop(
        page,
        ("KEMENTERIAN DALAM NEGERI", "DIREKTORAT JENDERAL BINA ADMINISTRASI KEWILAYAHAN"),
        ADDRESS,
    )
    page.put(A4[0] - 70, y, "Jakarta, 11 Mei 2026", align="r")
    y -= 26
    y = _labels(
        page,
        y,
        [
            ("Nomor", ("100.2.1/3321/BAK",)),
            ("Sifat", ("Segera",)),
            ("Lampiran", ("1 (satu) berkas",)),
            ("Hal", ("Penegasan Batas Daerah",)),
        ],
    )
    y = _body(page, y - 30)
    _signature(
        page,
        y,
        (
            "a.n. Direktur Jenderal",
            "Bina Administrasi Kewilayahan",
            "Sekretaris Direktorat Jenderal,",
        ),
        "Dr. Sri Wahyuni, M.Si.",
        "196808081994032005",
    )
    return _pdf([page]), {
        "asal": "Direktorat Jenderal Bina Administrasi Kewilayahan Kementerian Dalam Negeri",
        "nomor": "100.2.1/3321/BAK",
        "tanggal": "2026-05-11",
        "hal": "Penegasan Batas Daerah",
        "sifat": "Biasa",
        "urgensi": "Segera",
        "lampiran": "1 (satu) berkas",
        "asal_jabatan": "Sekretaris Direktorat Jenderal",
    }


def x_kepada_column() -> tuple[bytes, dict[str, str]]:
    """Date and "Kepada" block in the right column, labels on the left, all in capitals."""
    page = Page()
    y = _kop(
        page, ("PEMERINTAH KABUPATEN SUKAMAJU", "BADAN PENANGGULANGAN BENCANA DAERAH"), ADDRESS
    )
    top = y
    y = _labels(
        page,
        y - 20,
        [
            ("NOMOR", ("360/901/BPBD",)),
            ("SIFAT", ("SEGERA",)),
            ("LAMPIRAN", ("-",)),
            ("PERIHAL", ("LAPORAN KEJADIAN", "BENCANA BANJIR")),
        ],
        colon_x=135,
        value_x=142,
    )
    for k, line in enumerate(
        ("SUKAMAJU, 28 NOVEMBER 2026", "", "KEPADA", "YTH. BUPATI SUKAMAJU", "DI -", "SUKAMAJU")
    ):
        if line:
            page.put(345 if k != 5 else 365, top - 14 * k, line)
    y = _body(page, y - 40)
    _signature(page, y, ("KEPALA PELAKSANA,",), "HERU SANTOSO, S.T.", "197404042000031004")
    return _pdf([page]), {
        "asal": "Badan Penanggulangan Bencana Daerah Kabupaten Sukamaju",
        "nomor": "360/901/BPBD",
        "tanggal": "2026-11-28",
        "hal": "LAPORAN KEJADIAN BENCANA BANJIR",
        "sifat": "Biasa",
        "urgensi": "Segera",
        "lampiran": "",
        "asal_jabatan": "Kepala Pelaksana",
    }


def x_shuffled_caps_centred() -> tuple[bytes, dict[str, str]]:
    page = Page()
    y = _kop(
        page, ("PEMERINTAH KOTA MEKARSARI", "KECAMATAN CIBEUREUM", "KELURAHAN SUKARAJA"), ADDRESS
    )
    page.put(A4[0] - 70, y, "SUKARAJA, 04-02-2026", align="r")
    y -= 26
    for label, values in (
        ("NOMOR", ("400/21/KEL.SKR",)),
        ("SIFAT", ("PENTING",)),
        ("LAMPIRAN", ("-",)),
        ("HAL", ("PERMOHONAN PENGAMANAN", "KEGIATAN POSYANDU")),
    ):
        label_y = y - 7 if len(values) > 1 else y
        page.put(72, label_y, label)
        page.put(140, label_y, ":")
        for value in values:
            page.put(150, y, value)
            y -= 14
    y = _body(page, y - 30)
    _signature(page, y, ("A.N. CAMAT CIBEUREUM", "LURAH SUKARAJA,"), "TATANG", "196601011986031017")
    # every word on its own, in a shuffled order
    words: list[tuple[float, float, str, str, float, str]] = []
    for x, yy, text, font, size, align in page.rows:
        width = stringWidth(text, font, size)
        start = {"l": x, "c": x - width / 2, "r": x - width}[align]
        position = 0
        for word in text.split(" "):
            if word:
                words.append(
                    (start + stringWidth(text[:position], font, size), yy, word, font, size, "l")
                )
            position += len(word) + 1
    page.rows = words
    order = sorted(range(len(words)), key=lambda k: (k * 7919) % len(words))
    return _pdf([page], order=order), {
        "asal": "Kelurahan Sukaraja Kecamatan Cibeureum Kota Mekarsari",
        "nomor": "400/21/KEL.SKR",
        "tanggal": "2026-02-04",
        "hal": "PERMOHONAN PENGAMANAN KEGIATAN POSYANDU",
        "sifat": "Biasa",
        "urgensi": "Segera",
        "lampiran": "",
        "asal_jabatan": "Lurah Sukaraja",
    }


def x_invitation_table() -> tuple[bytes, dict[str, str]]:
    page = Page()
    y = _kop(page, ("PEMERINTAH PROVINSI NUSA INDAH", "DINAS PARIWISATA"), ADDRESS)
    page.put(A4[0] - 70, y, "Nusa Indah, 1 Desember 2026", align="r")
    y -= 26
    y = _labels(
        page,
        y,
        [
            ("Nomor", ("556/903/Dispar",)),
            ("Sifat", ("Biasa",)),
            ("Lampiran", ("-",)),
            ("Hal", ("Undangan",)),
        ],
    )
    y -= 20
    page.put(72, y, "Dengan hormat kami mengundang Saudara untuk hadir pada:")
    y -= 18
    for label, value in (
        ("Hari/tanggal", ": Senin, 14 Desember 2026"),
        ("Pukul", ": 09.00 WITA s.d. selesai"),
        ("Tempat", ": Aula Dinas Pariwisata"),
    ):
        page.put(100, y, label)
        page.put(190, y, value)
        y -= 14
    y = _body(page, y - 20)
    _signature(page, y, ("KEPALA DINAS PARIWISATA,",), "I Gusti Ayu Sri", "197111112000032001")
    return _pdf([page]), {
        "asal": "Dinas Pariwisata Provinsi Nusa Indah",
        "nomor": "556/903/Dispar",
        "tanggal": "2026-12-01",
        "hal": "Undangan",
        "sifat": "Biasa",
        "urgensi": "",
        "lampiran": "",
        "asal_jabatan": "Kepala Dinas Pariwisata",
    }


def x_caps_touching_address() -> tuple[bytes, dict[str, str]]:
    """All in capitals, the address column starting a hair after the end of the Hal."""
    page = Page()
    y = _kop(page, ("PEMERINTAH KABUPATEN SUKAMAJU", "BADAN KEPEGAWAIAN DAERAH"), ADDRESS)
    page.put(A4[0] - 70, y, "SUKAMAJU, 18 AGUSTUS 2026", align="r")
    y -= 26
    hal = "PERMOHONAN DATA KEPEGAWAIAN"
    column = 150 + stringWidth(hal, "Helvetica", 11) + 0.8
    top = y
    y = _labels(
        page,
        y,
        [
            ("NOMOR", ("800/1021/BKD",)),
            ("SIFAT", ("BIASA",)),
            ("HAL", (hal,)),
        ],
    )
    for k, line in enumerate(("YTH. KEPALA DINAS", "KESEHATAN", "DI -", "SUKAMAJU")):
        page.put(column + (12 if k == 3 else 0), top - 14 * k, line)
    y = _body(page, y - 50)
    _signature(page, y, ("KEPALA BADAN KEPEGAWAIAN DAERAH,",), "SUPRIYADI, S.H.", "19650101")
    return _pdf([page]), {
        "asal": "Badan Kepegawaian Daerah Kabupaten Sukamaju",
        "nomor": "800/1021/BKD",
        "tanggal": "2026-08-18",
        "hal": hal,
        "sifat": "Biasa",
        "urgensi": "",
        "lampiran": "",
        "asal_jabatan": "Kepala Badan Kepegawaian Daerah",
    }


REPORTLAB = (
    x_nota_dinas,
    x_mixed_case_kop,
    x_long_hal,
    x_hal_with_di,
    x_rahasia_segera,
    x_two_pages,
    x_tte,
    x_title_case_ub,
    x_spaced_colon_strings,
    x_kementerian,
    x_kepada_column,
    x_shuffled_caps_centred,
    x_invitation_table,
    x_caps_touching_address,
)


# -- Writer documents with tab stops -----------------------------------------------------------

_FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls/>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm"
  fo:line-height="{spacing}"/>
  <style:text-properties style:font-name="{font}" fo:font-family="'{font}'"
  fo:font-size="{size}pt"/>
 </style:default-style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21.5cm"
  fo:page-height="{height}cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm"
  fo:margin-left="2.5cm"
  fo:margin-right="2cm"/></style:page-layout>
 <style:style style:name="K" style:family="paragraph"><style:paragraph-properties
  fo:text-align="center"/>
  <style:text-properties fo:font-weight="bold" fo:font-size="{kop}pt"/></style:style>
 <style:style style:name="A" style:family="paragraph"><style:paragraph-properties
  fo:text-align="center"/>
  <style:text-properties fo:font-size="8pt"/></style:style>
 <style:style style:name="R" style:family="paragraph"><style:paragraph-properties
  fo:text-align="end"/></style:style>
 <style:style style:name="L" style:family="paragraph"><style:paragraph-properties>
  <style:tab-stops><style:tab-stop style:position="{tab1}cm"/><style:tab-stop
  style:position="{tab2}cm"/>
  <style:tab-stop
  style:position="9.5cm"/></style:tab-stops></style:paragraph-properties></style:style>
 <style:style style:name="S" style:family="paragraph"><style:paragraph-properties
  fo:margin-left="8.5cm"/>
 </style:style>
 <style:style style:name="B" style:family="paragraph"><style:paragraph-properties
  fo:text-align="justify"
  fo:margin-top="0.2cm"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/>
</office:master-styles>
<office:body><office:text>
"""


@dataclass
class WriterLetter:
    """A letter typed in Writer: labels on tab stops, the signature block indented."""

    name: str
    kop: tuple[str, ...]
    date_line: str
    labels: tuple[tuple[str, tuple[str, ...]], ...]
    signer: tuple[str, ...]
    expected: dict[str, str]
    font: str = "Liberation Sans"
    size: float = 11
    spacing: str = "115%"
    height: float = 33.0
    right_column: tuple[str, ...] = ()
    colon: str = ":"

    def fodt(self) -> str:
        out = [
            _FODT_HEAD.format(
                font=self.font,
                size=self.size,
                spacing=self.spacing,
                height=self.height,
                kop=self.size + 2,
                tab1=2.6,
                tab2=3.0,
            )
        ]
        out += [f'<text:p text:style-name="K">{escape(line)}</text:p>' for line in self.kop]
        out.append(f'<text:p text:style-name="A">{escape(ADDRESS)}</text:p>')
        out.append('<text:p text:style-name="B"/>')
        out.append(f'<text:p text:style-name="R">{escape(self.date_line)}</text:p>')
        right = list(self.right_column)
        for label, values in self.labels:
            for k, value in enumerate(values):
                head = f"{escape(label)}<text:tab/>{self.colon}" if k == 0 else "<text:tab/>"
                side = f"<text:tab/>{escape(right.pop(0))}" if right else ""
                out.append(
                    f'<text:p text:style-name="L">{head}<text:tab/>{escape(value)}{side}</text:p>'
                )
        for line in right:
            tabs = "<text:tab/>" * 3
            out.append(f'<text:p text:style-name="L">{tabs}{escape(line)}</text:p>')
        out.append('<text:p text:style-name="B"/>')
        out += [f'<text:p text:style-name="B">{escape(line)}</text:p>' for line in BODY]
        out.append('<text:p text:style-name="B"/>')
        out += [f'<text:p text:style-name="S">{escape(row)}</text:p>' for row in self.signer]
        out += ['<text:p text:style-name="S"/>'] * 4
        out += [
            '<text:p text:style-name="S">Rudi Hartono, S.H.</text:p>',
            '<text:p text:style-name="S">NIP 197101012000031002</text:p>',
            "</office:text></office:body></office:document>",
        ]
        return "\n".join(out)


WRITER = (
    WriterLetter(
        "odt-00",
        ("PEMERINTAH KABUPATEN SUKAMAJU", "KECAMATAN SUKAMAJU KIDUL", "DESA MEKARWANGI"),
        "Mekarwangi, 12 Januari 2026",
        (
            ("Nomor", ("140/05/Ds.Mkw",)),
            ("Sifat", ("Biasa",)),
            ("Lampiran", ("1 (satu) lembar",)),
            ("Perihal", ("Permohonan Bantuan Perbaikan Jalan Desa",)),
        ),
        ("KEPALA DESA MEKARWANGI,",),
        {
            "asal": "Desa Mekarwangi Kecamatan Sukamaju Kidul Kabupaten Sukamaju",
            "nomor": "140/05/Ds.Mkw",
            "tanggal": "2026-01-12",
            "hal": "Permohonan Bantuan Perbaikan Jalan Desa",
            "sifat": "Biasa",
            "urgensi": "",
            "lampiran": "1 (satu) lembar",
            "asal_jabatan": "Kepala Desa Mekarwangi",
        },
    ),
    WriterLetter(
        "odt-01",
        ("PEMERINTAH KOTA BATU PUTIH", "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL"),
        "Batu Putih, 7 Juli 2026",
        (
            ("Nomor", ("470/1402/Disdukcapil",)),
            ("Sifat", ("Sangat Segera",)),
            ("Lampiran", ("-",)),
            ("Hal", ("Aktivasi Hak Akses Data", "Kependudukan")),
        ),
        ("a.n. WALI KOTA BATU PUTIH", "Plh. KEPALA DINAS KEPENDUDUKAN", "DAN PENCATATAN SIPIL,"),
        {
            "asal": "Dinas Kependudukan dan Pencatatan Sipil Kota Batu Putih",
            "nomor": "470/1402/Disdukcapil",
            "tanggal": "2026-07-07",
            "hal": "Aktivasi Hak Akses Data Kependudukan",
            "sifat": "Biasa",
            "urgensi": "Amat Segera",
            "lampiran": "",
            "asal_jabatan": "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        },
        font="Liberation Serif",
        size=12,
        right_column=("Yth. Kepala Dinas Komunikasi", "dan Informatika", "di -", "TEMPAT"),
    ),
    WriterLetter(
        "odt-02",
        ("PEMERINTAH KABUPATEN TANJUNG LAUT", "RUMAH SAKIT UMUM DAERAH"),
        "Tanjung Laut, 19/08/2026",
        (
            ("No.", ("445/733/RSUD",)),
            ("Sifat", ("Terbatas",)),
            ("Lamp.", ("2 (dua) berkas",)),
            ("Hal", ("Klaim Pelayanan Kesehatan",)),
        ),
        ("DIREKTUR,",),
        {
            "asal": "Rumah Sakit Umum Daerah Kabupaten Tanjung Laut",
            "nomor": "445/733/RSUD",
            "tanggal": "2026-08-19",
            "hal": "Klaim Pelayanan Kesehatan",
            "sifat": "Terbatas",
            "urgensi": "",
            "lampiran": "2 (dua) berkas",
            "asal_jabatan": "Direktur",
        },
        spacing="150%",
    ),
    WriterLetter(
        "odt-03",
        ("PEMERINTAH PROVINSI NUSA INDAH", "DINAS KELAUTAN DAN PERIKANAN"),
        "Nusa Indah, 23 September 2026",
        (
            ("Nomor", ("523/2044/DKP",)),
            ("Sifat", ("Segera",)),
            ("Lampiran", ("1 (satu) berkas",)),
            ("Hal", ("Undangan Sosialisasi Perizinan", "Kapal Perikanan")),
        ),
        ("KEPALA DINAS KELAUTAN", "DAN PERIKANAN,"),
        {
            "asal": "Dinas Kelautan dan Perikanan Provinsi Nusa Indah",
            "nomor": "523/2044/DKP",
            "tanggal": "2026-09-23",
            "hal": "Undangan Sosialisasi Perizinan Kapal Perikanan",
            "sifat": "Biasa",
            "urgensi": "Segera",
            "lampiran": "1 (satu) berkas",
            "asal_jabatan": "Kepala Dinas Kelautan dan Perikanan",
        },
        font="DejaVu Sans",
        size=10,
        colon="",
    ),
    WriterLetter(
        "odt-04",
        ("PEMERINTAH KABUPATEN LEMBAH HIJAU", "SATUAN POLISI PAMONG PRAJA"),
        "Lembah Hijau, 6 Apr 2026",
        (
            ("Nomor", ("300/219/Satpol PP",)),
            ("Sifat", ("Biasa",)),
            ("Lampiran", ("-",)),
            ("Hal", ("Pelaksanaan Operasi Ketertiban Umum",)),
        ),
        ("Kepala Satuan Polisi Pamong Praja,",),
        {
            "asal": "Satuan Polisi Pamong Praja Kabupaten Lembah Hijau",
            "nomor": "300/219/Satpol PP",
            "tanggal": "2026-04-06",
            "hal": "Pelaksanaan Operasi Ketertiban Umum",
            "sifat": "Biasa",
            "urgensi": "",
            "lampiran": "",
            "asal_jabatan": "Kepala Satuan Polisi Pamong Praja",
        },
        height=29.7,
    ),
    WriterLetter(
        "odt-05",
        ("PEMERINTAH KOTA MEKARSARI", "BADAN PERENCANAAN PEMBANGUNAN DAERAH"),
        "Mekarsari, 15 Oktober 2026",
        (
            ("Nomor", ("050/833/Bappeda",)),
            ("Sifat", ("Penting",)),
            ("Lampiran", ("1 (satu) berkas",)),
            ("Hal", ("Penyusunan Rencana Kerja", "Perangkat Daerah Tahun 2027")),
        ),
        ("a.n. KEPALA BADAN", "SEKRETARIS,"),
        {
            "asal": "Badan Perencanaan Pembangunan Daerah Kota Mekarsari",
            "nomor": "050/833/Bappeda",
            "tanggal": "2026-10-15",
            "hal": "Penyusunan Rencana Kerja Perangkat Daerah Tahun 2027",
            "sifat": "Biasa",
            "urgensi": "Segera",
            "lampiran": "1 (satu) berkas",
            "asal_jabatan": "Sekretaris",
        },
        right_column=("Yth. Para Kepala Perangkat Daerah", "di -", "MEKARSARI"),
    ),
)


def render_writer(soffice: str) -> dict[str, bytes]:
    """The Writer letters as PDF, converted in one LibreOffice run."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for letter in WRITER:
            (work / f"{letter.name}.fodt").write_text(letter.fodt(), encoding="utf-8")
        subprocess.run(
            [
                soffice,
                "--headless",
                f"-env:UserInstallation=file://{work}/profile",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                *(str(work / f"{letter.name}.fodt") for letter in WRITER),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        return {letter.name: (work / f"{letter.name}.pdf").read_bytes() for letter in WRITER}


def watermarked_scan(image_pdf: bytes) -> bytes:
    """A scan with a scanner app's small text line at the foot of the page."""
    from pypdf import PdfReader, PdfWriter

    stamp = io.BytesIO()
    pdf = canvas.Canvas(stamp, pagesize=A4)
    pdf.setFont("Helvetica", 7)
    pdf.drawString(40, 20, "Scanned with CamScanner")
    pdf.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(image_pdf)))
    writer.pages[0].merge_page(PdfReader(io.BytesIO(stamp.getvalue())).pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
