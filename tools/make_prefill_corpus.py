"""Generate the pre-fill accuracy corpus: letters made by other tools, in other layouts.

Writes ``tests/data/prefill_corpus/*.pdf`` and ``expected.json`` (the values a pencatat would
type for each letter). The letters come from three makers, none of them our renderer:

- reportlab's canvas, drawn by hand in layouts unlike ours: one to three kop levels, labels
  with and without colons, ``Hal.``, widely spaced labels, a two-column header with the
  address beside the labels, the date at the top right or under the labels, dates such as
  ``3 Des 2026`` and ``03-12-2026``, all-caps letters, a ``Hal`` label vertically centred
  beside a two-line value, text drawn in a shuffled order, delegation lines (a.n., u.b.,
  Plt., Plh.) in capitals or title case;
- LibreOffice Writer (``soffice --headless --convert-to pdf``) from HTML with tables and
  paragraphs, when ``soffice`` is installed (skipped otherwise, keeping existing files);
- image-only scans: pages of the letters above rasterised (``pdftoppm``) and wrapped in a PDF
  without text.

Every letter is drawn from its own seeded random generator, so running the script again gives
the same letters. ``split`` in ``expected.json`` puts every other letter in the ``holdout`` half,
kept aside while the rules are designed on the ``dev`` half.

Run: ``.venv/bin/python tools/make_prefill_corpus.py`` (needs poppler-utils for the scans).
"""

from __future__ import annotations

import html
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import prefill_corpus_extra
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "prefill_corpus"

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)  # fmt: skip
BULAN_PENDEK = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agt", "Sep", "Okt", "Nov", "Des"]

# (kop lines, what the pencatat types as asal)
OFFICES = (
    (("PEMERINTAH KABUPATEN SUKAMAJU", "DINAS PENDIDIKAN"), "Dinas Pendidikan Kabupaten Sukamaju"),
    (
        ("PEMERINTAH KOTA MEKARSARI", "KECAMATAN CIBEUREUM", "KELURAHAN SUKARAJA"),
        "Kelurahan Sukaraja Kecamatan Cibeureum Kota Mekarsari",
    ),
    (
        ("PEMERINTAH KABUPATEN TANJUNG LAUT", "KECAMATAN PASIR PUTIH", "DESA KARANG ANYAR"),
        "Desa Karang Anyar Kecamatan Pasir Putih Kabupaten Tanjung Laut",
    ),
    (
        ("PEMERINTAH PROVINSI NUSA INDAH", "SEKRETARIAT DAERAH"),
        "Sekretariat Daerah Provinsi Nusa Indah",
    ),
    (
        ("PEMERINTAH KOTA BATU PUTIH", "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA"),
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Batu Putih",
    ),
    (
        ("PEMERINTAH KABUPATEN LEMBAH HIJAU", "DINAS KESEHATAN"),
        "Dinas Kesehatan Kabupaten Lembah Hijau",
    ),
    (
        ("PEMERINTAH KOTA MEKARSARI", "DINAS PERHUBUNGAN"),
        "Dinas Perhubungan Kota Mekarsari",
    ),
    (
        ("BADAN PUSAT STATISTIK", "KABUPATEN LEMBAH HIJAU"),
        "Badan Pusat Statistik Kabupaten Lembah Hijau",
    ),
    (("BUPATI SUKAMAJU",), "Bupati Sukamaju"),
    (
        ("PEMERINTAH PROVINSI NUSA INDAH", "DINAS PEKERJAAN UMUM DAN PENATAAN RUANG"),
        "Dinas Pekerjaan Umum dan Penataan Ruang Provinsi Nusa Indah",
    ),
)
ADDRESSES = (
    "Jalan Merdeka Nomor 12, Telepon (0251) 321456, Kode Pos 16111",
    "Jl. Ahmad Yani No. 5 Telp. (0274) 556677 Faks. (0274) 556678",
    "Jalan Pemuda Nomor 3 Sukamaju 45211, Pos-el: sekretariat@sukamaju.go.id",
)
SECOND_ADDRESS = "Laman: www.contoh-daerah.go.id  Pos-el: info@contoh-daerah.go.id"
PLACES = ("Sukamaju", "Mekarsari", "Batu Putih", "Cibeureum", "Lembah Hijau", "Nusa Indah")
SUBJECTS = (
    ("Permohonan Data Kepegawaian",),
    ("Undangan Rapat Koordinasi", "Penyusunan Rencana Kerja Tahun 2027"),
    ("Penyampaian Laporan Realisasi Anggaran", "Triwulan III Tahun 2026"),
    ("Permohonan Narasumber",),
    ("Pemberitahuan Jadwal Pelatihan", "Pengelolaan Arsip Dinamis"),
    ("Usulan Kenaikan Pangkat Periode April 2027",),
    ("Permintaan Rekomendasi Teknis", "Pembangunan Jaringan Irigasi Desa"),
    ("Konfirmasi Kehadiran",),
    ("Penyampaian Hasil Evaluasi Kinerja", "Unit Layanan Pengadaan"),
    ("Data Penerima Bantuan Sosial",),
)
# (printed sifat, expected sifat, expected urgensi); "" when the letter prints no Sifat line
SIFATS = (
    ("Biasa", "Biasa", ""),
    ("Segera", "Biasa", "Segera"),
    ("Sangat Segera", "Biasa", "Amat Segera"),
    ("Penting", "Biasa", "Segera"),
    ("Terbatas", "Terbatas", ""),
    ("Rahasia", "Rahasia", ""),
    ("Amat Segera", "Biasa", "Amat Segera"),
    ("Biasa", "Biasa", ""),
)
LAMPIRAN = (
    ("1 (satu) berkas", "1 (satu) berkas"),
    ("-", ""),
    ("2 (dua) lembar", "2 (dua) lembar"),
    ("1 (satu) bundel", "1 (satu) bundel"),
)
# (printed rows above the signature space, the signer's own jabatan)
SIGNERS = (
    (("KEPALA DINAS PENDIDIKAN,",), "Kepala Dinas Pendidikan"),
    (("a.n. BUPATI SUKAMAJU", "SEKRETARIS DAERAH,"), "Sekretaris Daerah"),
    (("a.n. WALI KOTA MEKARSARI", "Plt. SEKRETARIS DAERAH,"), "Sekretaris Daerah"),
    (
        ("a.n. BUPATI SUKAMAJU", "SEKRETARIS DAERAH", "u.b.", "ASISTEN ADMINISTRASI UMUM,"),
        "Asisten Administrasi Umum",
    ),
    (("Plh. CAMAT CIBEUREUM,",), "Camat Cibeureum"),
    (("LURAH SUKARAJA,",), "Lurah Sukaraja"),
    (("a.n. Kepala Badan", "Kepala Bagian Umum,"), "Kepala Bagian Umum"),
    (("Kepala Dinas Kesehatan,",), "Kepala Dinas Kesehatan"),
    (("a.n. KEPALA DINAS", "SEKRETARIS,"), "Sekretaris"),
    (("Plt. KEPALA DINAS PERHUBUNGAN,",), "Kepala Dinas Perhubungan"),
)
NAMES = (
    ("Drs. H. Ahmad Fauzi, M.Si.", "196803121994031005"),
    ("Siti Rahmawati, S.E., M.M.", "197505202000032002"),
    ("Ir. Bambang Sutejo", "196601011990031012"),
    ("dr. Lestari Handayani", "197812312005012004"),
)
ADDRESSEES = (
    ("Yth. Kepala Dinas Komunikasi dan Informatika", "Provinsi Nusantara Raya"),
    ("Yth. Sekretaris Daerah Kabupaten Sukamaju",),
    ("Yth. Para Kepala Perangkat Daerah",),
)
BODY = (
    "Sehubungan dengan pelaksanaan kegiatan sebagaimana tersebut pada pokok surat, bersama ini",
    "kami sampaikan permohonan agar Saudara berkenan menindaklanjuti hal tersebut sesuai dengan",
    "ketentuan peraturan perundang-undangan yang berlaku. Data agar disampaikan paling lambat",
    "tanggal 20 Desember 2026 melalui surat elektronik resmi kantor kami.",
    "Demikian disampaikan, atas perhatian dan kerja sama Saudara kami ucapkan terima kasih.",
)


@dataclass
class Letter:
    """One letter of the corpus: what is printed, and how."""

    name: str
    maker: str
    kop: tuple[str, ...]
    address: str
    asal: str
    nomor: str
    day: int
    month: int
    year: int
    place: str
    date_style: str
    sifat_printed: str
    sifat: str
    urgensi: str
    lampiran_printed: str
    lampiran: str
    hal_lines: tuple[str, ...]
    signer_rows: tuple[str, ...]
    asal_jabatan: str
    signer: tuple[str, str]
    addressee: tuple[str, ...]
    style: dict[str, object] = field(default_factory=dict)

    @property
    def printed_date(self) -> str:
        d, m, y = self.day, self.month, self.year
        return {
            "long": f"{d} {BULAN[m - 1]} {y}",
            "short": f"{d} {BULAN_PENDEK[m - 1]} {y}",
            "dash": f"{d:02d}-{m:02d}-{y}",
            "slash": f"{d:02d}/{m:02d}/{y}",
            "caps": f"{d} {BULAN[m - 1].upper()} {y}",
        }[self.date_style]

    @property
    def hal(self) -> str:
        return " ".join(self.hal_lines)

    def expected(self) -> dict[str, str]:
        return {
            "asal": self.asal,
            "nomor": self.nomor,
            "tanggal": f"{self.year:04d}-{self.month:02d}-{self.day:02d}",
            "hal": self.hal,
            "sifat": self.sifat,
            "urgensi": self.urgensi,
            "lampiran": self.lampiran,
            "asal_jabatan": self.asal_jabatan,
        }


def make_letter(index: int, maker: str) -> Letter:
    """The ``index``-th letter: contents and layout choices from its own seed."""
    rng = random.Random(f"prefill-{index}")
    kop, asal = OFFICES[rng.randrange(len(OFFICES))]
    sifat_printed, sifat, urgensi = SIFATS[rng.randrange(len(SIFATS))]
    if rng.random() < 0.15:  # no Sifat line at all
        sifat_printed, sifat, urgensi = "", "", ""
    lampiran_printed, lampiran = LAMPIRAN[rng.randrange(len(LAMPIRAN))]
    if rng.random() < 0.15:
        lampiran_printed, lampiran = "", ""
    signer_rows, jabatan = SIGNERS[rng.randrange(len(SIGNERS))]
    caps = rng.random() < 0.2
    hal_lines = SUBJECTS[rng.randrange(len(SUBJECTS))]
    style: dict[str, object] = {
        "label": rng.choice(("colon", "colon", "tight", "nocolon", "dot", "wide", "upper")),
        "hal_word": rng.choice(("Hal", "Hal", "Perihal")),
        "date_at": rng.choice(("top_right", "top_right", "under_labels", "above_sign")),
        "two_column": rng.random() < 0.4,
        "centred_hal": len(hal_lines) > 1 and rng.random() < 0.35,
        "shuffled": rng.random() < 0.2,
        "caps": caps,
        "place": rng.random() < 0.75,
        "kop_align": rng.choice(("centre", "centre", "left")),
        "font": rng.choice(("Helvetica", "Times-Roman", "Courier")),
        "rule": rng.random() < 0.7,
    }
    if caps:
        hal_lines = tuple(h.upper() for h in hal_lines)
    nomor = rng.choice(
        (
            f"{rng.randint(0, 999):03d}/{rng.randint(1, 999)}/{kop[-1].split()[0].title()}/2026",
            f"B-{rng.randint(100, 9999)}/{rng.randint(10000, 99999)}"
            f"/KP.{rng.randint(100, 999)}/2026",
            f"800.1.{rng.randint(1, 9)}/{rng.randint(1, 500)}-Umum",
            f"005/{rng.randint(1, 300)}/Kel.{rng.randint(1, 9)}/XII/2026",
        )
    )
    if maker == "lo":  # Writer draws in reading order and centres rows by its own rules
        style["shuffled"] = False
    return Letter(
        name=f"{maker}-{index:02d}",
        maker=maker,
        kop=kop,
        address=rng.choice(ADDRESSES),
        asal=asal,
        nomor=nomor,
        day=rng.randint(1, 28),
        month=rng.randint(1, 12),
        year=2026,
        place=rng.choice(PLACES),
        date_style=rng.choice(("long", "long", "short", "dash", "slash", "caps")),
        sifat_printed=sifat_printed,
        sifat=sifat,
        urgensi=urgensi,
        lampiran_printed=lampiran_printed,
        lampiran=lampiran,
        hal_lines=hal_lines,
        signer_rows=signer_rows,
        asal_jabatan=jabatan,
        signer=NAMES[rng.randrange(len(NAMES))],
        addressee=ADDRESSEES[rng.randrange(len(ADDRESSEES))],
        style=style,
    )


# -- reportlab ------------------------------------------------------------------------------


def _label_text(letter: Letter, label: str) -> tuple[str, str]:
    """The label as printed and the separator before the value (in its own column or not)."""
    kind = letter.style["label"]
    shown = label.upper() if kind == "upper" or letter.style["caps"] else label
    if kind == "dot":
        return shown + ".", ""
    if kind == "nocolon":
        return shown, ""
    if kind == "tight":
        return shown + ":", ""
    return shown, ":"


def _words(
    op: tuple[str, float, float, str, str, float],
) -> list[tuple[str, float, float, str, str, float]]:
    """A drawing operation split into one left-aligned operation per word."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    how, x, y, text, face, size = op
    width = stringWidth(text, face, size)
    start = {"l": x, "c": x - width / 2, "r": x - width}[how]
    out = []
    position = 0
    for word in text.split(" "):
        if word:
            offset = stringWidth(text[:position], face, size)
            out.append(("l", start + offset, y, word, face, size))
        position += len(word) + 1
    return out


def _wrap(
    lines: tuple[str, ...], *, face: str, size: float, width: float, caps: bool
) -> tuple[str, ...]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[str] = []
    for line in lines:
        current = ""
        for word in line.split():
            candidate = f"{current} {word}".strip()
            shown = candidate.upper() if caps else candidate
            if current and stringWidth(shown, face, size) > width:
                out.append(current)
                current = word
            else:
                current = candidate
        out.append(current)
    return tuple(out)


def render_reportlab(letter: Letter) -> bytes:
    """Draw ``letter`` with reportlab's canvas, in the layout its style names."""
    rng = random.Random(letter.name)
    width, height = A4
    font = str(letter.style["font"])
    bold = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold", "Courier": "Courier-Bold"}[
        font
    ]
    caps = bool(letter.style["caps"])
    ops: list[tuple[str, float, float, str, str, float]] = []

    def put(
        text: str, x: float, y: float, size: float = 11, face: str = font, how: str = "l"
    ) -> None:
        if caps and not any(ch.isdigit() for ch in text[:3]):
            text = text.upper()
        ops.append((how, x, y, text, face, size))

    y = height - 55
    left_kop = letter.style["kop_align"] == "left"
    kop_x = 120 if left_kop else width / 2
    for k, line in enumerate(letter.kop):
        size = 13 if k < len(letter.kop) - 1 else 15
        put(line, kop_x, y, size, bold, "l" if left_kop else "c")
        y -= size + 5
    put(letter.address, kop_x, y, 8.5, font, "l" if left_kop else "c")
    y -= 11
    if rng.random() < 0.5:
        put(SECOND_ADDRESS, kop_x, y, 8.5, font, "l" if left_kop else "c")
        y -= 11
    rule_y = y - 2
    y -= 30
    date_line = (
        f"{letter.place}, {letter.printed_date}" if letter.style["place"] else (letter.printed_date)
    )
    date_at = letter.style["date_at"]
    if date_at == "top_right":
        put(date_line, width - 70, y, 11, font, "r")
        y -= 24
    labels: list[tuple[str, tuple[str, ...]]] = [("Nomor", (letter.nomor,))]
    if letter.sifat_printed:
        labels.append(("Sifat", (letter.sifat_printed,)))
    if letter.lampiran_printed:
        labels.append(("Lampiran", (letter.lampiran_printed,)))
    labels.append((str(letter.style["hal_word"]), letter.hal_lines))
    label_x, colon_x, value_x = 72, 140, 150
    if letter.style["label"] == "wide":
        colon_x, value_x = 190, 200
    right_x = 350
    header_top = y
    for label, values in labels:
        if letter.style["two_column"]:
            # the value wraps before the address column, as a word processor would wrap it
            values = _wrap(values, face=font, size=11, width=right_x - value_x - 12, caps=caps)
        shown, sep = _label_text(letter, label)
        if letter.style["label"] == "wide":
            shown = " ".join(shown)
        inline = sep == "" and letter.style["label"] in ("tight", "dot")
        vx = label_x + 8 + 6 * len(shown) if inline else value_x
        centred = letter.style["centred_hal"] and len(values) > 1
        label_y = y - 7 if centred else y
        put(shown, label_x, label_y)
        if sep:
            put(sep, colon_x, label_y)
        for value in values:
            put(value, vx, y)
            y -= 14
        y -= 2
    if letter.style["two_column"]:
        ay = header_top
        for line in (*letter.addressee, "di -", "     " + letter.place.upper()):
            put(
                line.strip() if line.startswith(" ") else line,
                right_x + (15 if line.startswith(" ") else 0),
                ay,
            )
            ay -= 14
        y = min(y, ay)
    if date_at == "under_labels":
        put(date_line, width - 70, y - 6, 11, font, "r")
        y -= 20
    y -= 16
    if not letter.style["two_column"]:
        for line in (*letter.addressee, "di " + letter.place):
            put(line, 72, y)
            y -= 14
        y -= 12
    for line in BODY:
        put(line, 72, y, 8.5 if font == "Courier" else 10.5)
        y -= 15
    y -= 20
    sign_x = 330
    if date_at == "above_sign":
        put(date_line, sign_x, y)
        y -= 16
    for row in letter.signer_rows:
        put(row, sign_x, y)
        y -= 14
    y -= 50
    name, nip = letter.signer
    put(name, sign_x, y, 11, bold)
    y -= 14
    if rng.random() < 0.5:
        put("Pembina Utama Muda (IV/c)", sign_x, y)
        y -= 14
    put(f"NIP {nip}", sign_x, y)
    y -= 30
    put("Tembusan:", 72, y, 10)
    put("1. Arsip.", 72, y - 13, 10)

    if letter.style["shuffled"]:
        # Word by word, in random order: a tool that draws glyph runs as it pleases.
        ops = [word for op in ops for word in _words(op)]
        rng.shuffle(ops)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    pdf.setTitle(letter.name)
    for how, x, yy, text, face, size in ops:
        pdf.setFont(face, size)
        if how == "c":
            pdf.drawCentredString(x, yy, text)
        elif how == "r":
            pdf.drawRightString(x, yy, text)
        else:
            pdf.drawString(x, yy, text)
    if letter.style["rule"]:
        pdf.setLineWidth(1.5)
        pdf.line(60, rule_y, width - 60, rule_y)
    if left_kop:
        pdf.rect(60, height - 110, 50, 60)  # where the logo stands
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# -- LibreOffice ----------------------------------------------------------------------------


def letter_html(letter: Letter) -> str:
    """``letter`` as an HTML page for LibreOffice Writer: tables for the header fields."""
    e = html.escape
    caps = bool(letter.style["caps"])

    def c(text: str) -> str:
        return e(text.upper() if caps else text)

    kop = "".join(
        f'<p align="center" style="margin:0"><b>'
        f'<font size="{4 if k == len(letter.kop) - 1 else 3}">'
        f"{e(line)}</font></b></p>"
        for k, line in enumerate(letter.kop)
    )
    kop += f'<p align="center" style="margin:0"><font size="1">{e(letter.address)}</font></p><hr/>'
    date_line = (
        f"{letter.place}, {letter.printed_date}" if letter.style["place"] else (letter.printed_date)
    )
    rows: list[tuple[str, str]] = [("Nomor", letter.nomor)]
    if letter.sifat_printed:
        rows.append(("Sifat", letter.sifat_printed))
    if letter.lampiran_printed:
        rows.append(("Lampiran", letter.lampiran_printed))
    rows.append((str(letter.style["hal_word"]), "<br/>".join(c(h) for h in letter.hal_lines)))
    label_kind = letter.style["label"]
    cells = []
    for label, value in rows:
        value_html = value if label == letter.style["hal_word"] else e(value)
        shown = c(label)
        if label_kind in ("tight", "dot", "nocolon"):
            mark = {"tight": ":", "dot": ".", "nocolon": ""}[str(label_kind)]
            cells.append(f"<tr><td width='90'>{shown}{mark}</td><td>{value_html}</td></tr>")
        else:
            cells.append(
                f"<tr><td width='90' valign='middle'>{shown}</td><td width='10' valign='middle'>:"
                f"</td><td>{value_html}</td></tr>"
            )
    fields = "<table cellpadding='1' cellspacing='0'>" + "".join(cells) + "</table>"
    addressee = "<br/>".join(c(a) for a in letter.addressee) + f"<br/>di {c(letter.place)}"
    if letter.style["two_column"]:
        header = (
            "<table width='100%'><tr><td width='60%' valign='top'>"
            + fields
            + f"</td><td valign='top'><p align='right'>{c(date_line)}</p>{addressee}"
            + "</td></tr></table>"
        )
    else:
        header = f"<p align='right'>{c(date_line)}</p>{fields}<p>{addressee}</p>"
    body = "".join(f"<p align='justify' style='margin:0'>{c(line)}</p>" for line in BODY)
    name, nip = letter.signer
    sign = "<br/>".join(c(row) if caps else e(row) for row in letter.signer_rows)
    signature = (
        "<table width='100%'><tr><td width='50%'></td><td>"
        f"{sign}<br/><br/><br/><br/><b><u>{e(name)}</u></b><br/>NIP {e(nip)}</td></tr></table>"
    )
    return (
        "<html><head><meta charset='utf-8'/><style>body{font-family:'Liberation Serif';"
        "font-size:11pt}</style></head><body>"
        f"{kop}{header}<br/>{body}<br/>{signature}"
        "<p><font size='2'>Tembusan:<br/>1. Arsip.</font></p>"
        "</body></html>"
    )


def render_libreoffice(letters: list[Letter], soffice: str) -> dict[str, bytes]:
    """Convert the letters' HTML to PDF with LibreOffice Writer, all in one run."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sources = []
        for letter in letters:
            path = work / f"{letter.name}.html"
            path.write_text(letter_html(letter), encoding="utf-8")
            sources.append(str(path))
        subprocess.run(
            [
                soffice,
                "--headless",
                f"-env:UserInstallation=file://{work}/profile",
                "--infilter=HTML (StarWriter)",
                "--convert-to",
                "pdf:writer_pdf_Export",
                "--outdir",
                str(work),
                *sources,
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        return {letter.name: (work / f"{letter.name}.pdf").read_bytes() for letter in letters}


# -- scans ----------------------------------------------------------------------------------


def image_only(pdf: bytes) -> bytes:
    """The first page rasterised at 90 dpi and wrapped in a PDF without any text."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "90",
                "-gray",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                str(source),
                str(Path(tmp) / "page"),
            ],
            check=True,
        )
        page = next(Path(tmp).glob("page*.png"))
        image = Image.open(page).convert("L")
        jpeg = io.BytesIO()
        image.save(jpeg, "JPEG", quality=45)
    buffer = io.BytesIO()
    out = canvas.Canvas(buffer, pagesize=A4)
    out.drawImage(ImageReader(io.BytesIO(jpeg.getvalue())), 0, 0, width=A4[0], height=A4[1])
    out.showPage()
    out.save()
    return buffer.getvalue()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    expected: dict[str, dict[str, object]] = {}
    pdfs: dict[str, bytes] = {}
    reportlab_letters = [make_letter(i, "rl") for i in range(36)]
    for letter in reportlab_letters:
        pdfs[letter.name] = render_reportlab(letter)
    lo_letters = [make_letter(100 + i, "lo") for i in range(14)]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        pdfs.update(render_libreoffice(lo_letters, soffice))
    else:
        sys.stderr.write("soffice not found: LibreOffice letters kept as they are\n")
    for k, letter in enumerate(reportlab_letters[:3] + lo_letters[:2]):
        source = pdfs.get(letter.name) or (OUT / f"{letter.name}.pdf").read_bytes()
        pdfs[f"scan-{k:02d}"] = image_only(source)
        expected[f"scan-{k:02d}"] = {"maker": "scan", "text_layer": False, "fields": {}}
    for letter in reportlab_letters + lo_letters:
        style = {k: v for k, v in asdict(letter)["style"].items()}
        expected[letter.name] = {
            "maker": letter.maker,
            "text_layer": True,
            "style": style,
            "fields": letter.expected(),
        }
    for position, name in enumerate(sorted(expected)):
        expected[name]["split"] = "holdout" if position % 2 else "dev"
    # The hand-made layouts: a second held-out set, written after the rules were designed.
    for k, recipe in enumerate(prefill_corpus_extra.REPORTLAB):
        name = f"x-{k:02d}"
        pdfs[name], fields = recipe()
        expected[name] = {"maker": "reportlab", "recipe": recipe.__name__, "text_layer": True}
        expected[name] |= {"fields": fields, "split": "fresh"}
    if soffice:
        pdfs.update(prefill_corpus_extra.render_writer(soffice))
    for letter in prefill_corpus_extra.WRITER:
        expected[letter.name] = {"maker": "libreoffice-fodt", "text_layer": True}
        expected[letter.name] |= {"fields": letter.expected, "split": "fresh"}
    pdfs["scan-05"] = prefill_corpus_extra.watermarked_scan(pdfs["scan-00"])
    expected["scan-05"] = {"maker": "scan", "text_layer": False, "fields": {}, "split": "fresh"}
    for name, data in pdfs.items():
        (OUT / f"{name}.pdf").write_bytes(data)
    (OUT / "expected.json").write_text(
        json.dumps(dict(sorted(expected.items())), indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
