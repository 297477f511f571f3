"""The tracking report (PDF), its CSV export, and the counters behind them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from tests.conftest import pdf_text, run_tool
from tnde.errors import ProfileError
from tnde.profiles import profiles_dir
from tnde.tracking.export import CSV_HEADER, write_tracking_csv
from tnde.tracking.model import (
    STATUS_LABELS,
    STATUSES,
    TrackingReport,
    TrackingRow,
    WeekCount,
    summarize,
)
from tnde.tracking.report import render_tracking_report

if TYPE_CHECKING:
    from pathlib import Path

WIB = ZoneInfo("Asia/Jakarta")
NOW = dt.datetime(2026, 8, 22, 10, 15, tzinfo=WIB)
PROFILE = "diskominfo-nusantara-raya"
OPENED_FILL = b".207843 .380392 .560784 rg"  # the "Dibuka" bars (#35618f)
LATE_FILL = b".984314 .882353 .882353 rg"  # an overdue row (#fbe1e1)
PAGE_WIDTH, PAGE_HEIGHT = 841.89, 595.28  # A4 landscape, points

ASAL = ("Sekretariat Daerah", "Badan Kepegawaian Daerah", "Dinas Pendidikan & Kebudayaan")
HAL = ("Undangan rapat koordinasi", "Permohonan data <pegawai>", "Laporan semester I")
URGENSI = ("Amat Segera", "Segera", "Biasa")


def make_row(i: int, *, status: str | None = None, overdue: bool | None = None) -> TrackingRow:
    given = dt.datetime(2026, 7, 1, 8, 0, tzinfo=WIB) + dt.timedelta(hours=7 * i)
    status = status or STATUSES[i % len(STATUSES)]
    due = given + dt.timedelta(hours=(24, 48, 120)[i % 3])
    completed = given + dt.timedelta(hours=20 + i % 40) if status == "selesai" else None
    late = (completed or NOW) > due if overdue is None else overdue
    return TrackingRow(
        agenda=f"A-{i + 1:04d}/SET/2026",
        diterima=given.date(),
        asal=ASAL[i % 3],
        hal=HAL[i % 3],
        urgensi=URGENSI[i % 3],
        recipient="Kepala Bidang Aplikasi Informatika" if i % 2 else "Sekretaris",
        leading=i % 2 == 0,
        status=status,
        given_at=given,
        due_at=due,
        completed_at=completed,
        overdue=late and status != "dibatalkan",
        aging_days=i % 12,
    )


def make_report(
    rows: tuple[TrackingRow, ...], weeks: int = 6, *, unit: str = "Sekretariat"
) -> TrackingReport:
    return TrackingReport(
        title="Laporan Pemantauan Disposisi",
        unit=unit,
        filters=(("Periode", "1 Juli 2026 s.d. 22 Agustus 2026"), ("Penerima", "Semua jabatan")),
        generated_at=NOW,
        rows=rows,
        weeks=tuple(
            WeekCount(dt.date(2026, 6, 29) + dt.timedelta(weeks=j), 4 + j % 5, 2 + j % 3)
            for j in range(weeks)
        ),
    )


def write(pdf: bytes, folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(pdf)
    return path


def assert_fonts_embedded(path: Path) -> None:
    rows = run_tool("pdffonts", path).splitlines()[2:]
    assert rows, "no fonts at all"
    for row in rows:
        assert "Helvetica" not in row, row
        assert row.split()[-5] == "yes", f"font not embedded: {row}"


def page_content(path: Path, page: int = 0) -> bytes:
    data = PdfReader(path).pages[page].get_contents()
    assert data is not None
    return bytes(data.get_data())


# -- the PDF ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 rows, rendered once for the tests that look at a long report."""
    rows = tuple(make_row(i) for i in range(300))
    folder = tmp_path_factory.mktemp("laporan besar – é")
    return write(render_tracking_report(make_report(rows, weeks=30)), folder, "300.pdf")


def test_an_empty_report_says_so(out_dir: Path) -> None:
    path = write(render_tracking_report(make_report((), weeks=0)), out_dir, "kosong.pdf")
    run_tool("qpdf", "--check", path)
    assert_fonts_embedded(path)
    text = pdf_text(path)
    assert "LAPORAN PEMANTAUAN DISPOSISI" in text
    assert "Tidak ada disposisi yang sesuai dengan filter." in text
    assert "Belum ada data mingguan" in text
    assert "Halaman 1 dari 1" in text
    assert OPENED_FILL not in page_content(path)


def test_three_rows_with_header_counters_chart_and_table(out_dir: Path) -> None:
    rows = (
        make_row(0, status="selesai", overdue=False),
        make_row(1, status="dalam_proses", overdue=True),
        make_row(2, status="terkirim", overdue=False),
    )
    path = write(render_tracking_report(make_report(rows)), out_dir, "tiga.pdf")
    run_tool("qpdf", "--check", path)
    assert_fonts_embedded(path)
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    assert float(reader.pages[0].mediabox.width) == pytest.approx(PAGE_WIDTH, abs=0.5)
    assert float(reader.pages[0].mediabox.height) == pytest.approx(PAGE_HEIGHT, abs=0.5)
    flat = " ".join(pdf_text(path).split())
    for part in (
        "LAPORAN PEMANTAUAN DISPOSISI",
        "Sekretariat",
        "Periode : 1 Juli 2026 s.d. 22 Agustus 2026",
        "Dibuat : 22 Agustus 2026 pukul 10.15 WIB",
        "Disposisi dibuka dan diselesaikan per minggu",
        "Dibuka",
        "Diselesaikan",
        "29 Jun",
        "Rincian Disposisi",
        "A-0002/SET/2026",
        "Permohonan data <pegawai>",  # escaped for the layout, printed as typed
        "Dinas Pendidikan &",  # wraps before "Kebudayaan"
        "Halaman 1 dari 1",
    ):
        assert part in flat, part
    # counters: Jumlah, Belum dibaca, Dibaca, Dalam proses, Selesai, Dibatalkan, Terlambat
    assert "3 1 0 1 1 0 1" in flat
    assert flat.count("Terlambat") == 2  # the counter's label and the one late row
    content = page_content(path)
    assert OPENED_FILL in content  # the bars are drawn
    assert content.count(LATE_FILL) >= 1  # the late row is shaded
    info = reader.metadata
    assert info is not None
    assert info.title == "Laporan Pemantauan Disposisi"
    assert info.creation_date == NOW.astimezone(dt.UTC)


def test_a_long_report_repeats_the_table_header_on_every_page(big_report: Path) -> None:
    run_tool("qpdf", "--check", big_report)
    assert_fonts_embedded(big_report)
    pages = len(PdfReader(big_report).pages)
    assert pages > 5
    seen: list[str] = []
    for n in range(1, pages + 1):
        text = pdf_text(big_report, page=n)
        assert re.search(r"No\.\s+No\. Agenda\s+Diterima\s+Asal Surat\s+Hal", text), n
        assert f"Halaman {n} dari {pages}" in text
        seen += re.findall(r"A-\d{4}/SET/2026", text)
    assert seen == [f"A-{i:04d}/SET/2026" for i in range(1, 301)]  # each row once, in order


def test_the_report_is_byte_identical_for_identical_input(out_dir: Path) -> None:
    report = make_report(tuple(make_row(i) for i in range(12)))
    first = render_tracking_report(report, profile_id=PROFILE)
    assert render_tracking_report(report, profile_id=PROFILE) == first
    other = make_report(tuple(make_row(i) for i in range(12)), unit="Bidang Statistik")
    assert render_tracking_report(other, profile_id=PROFILE) != first


def test_a_profile_adds_its_kop_and_its_time_zone(out_dir: Path) -> None:
    report = make_report((make_row(0, status="selesai"),))
    path = write(render_tracking_report(report, profile_id=PROFILE), out_dir, "kop.pdf")
    assert_fonts_embedded(path)
    text = pdf_text(path)
    assert "DINAS KOMUNIKASI DAN INFORMATIKA" in text
    assert "10.15 WIB" in text

    source = (profiles_dir() / f"{PROFILE}.toml").read_text("utf-8")
    makassar = out_dir / "kantor-makassar.toml"
    makassar.write_text(
        source.replace(f'id = "{PROFILE}"', 'id = "kantor-makassar"\ntimezone = "Asia/Makassar"'),
        "utf-8",
    )
    path = write(render_tracking_report(report, profile_id=str(makassar)), out_dir, "wita.pdf")
    assert "22 Agustus 2026 pukul 11.15 WITA" in " ".join(pdf_text(path).split())


def test_an_unknown_profile_is_an_error() -> None:
    with pytest.raises(ProfileError):
        render_tracking_report(make_report(()), profile_id="tidak-ada")


def test_very_long_text_is_shortened_rather_than_breaking_the_layout(out_dir: Path) -> None:
    long_row = make_row(0)
    long_row = TrackingRow(**{**long_row.__dict__, "hal": "sangat panjang " * 400})
    path = write(render_tracking_report(make_report((long_row,))), out_dir, "panjang.pdf")
    run_tool("qpdf", "--check", path)
    assert "\u2026" in pdf_text(path)


# -- the model --------------------------------------------------------------------------------


def test_summary_counts_every_status_and_the_late_ones() -> None:
    rows = tuple(make_row(i, overdue=i % 4 == 0) for i in range(10))
    summary = summarize(rows)
    assert summary.total == 10
    assert summary.belum_dibaca == sum(r.status == "terkirim" for r in rows)
    assert (
        summary.belum_dibaca
        + summary.dibaca
        + summary.dalam_proses
        + summary.selesai
        + summary.dibatalkan
    ) == summary.total
    assert summary.terlambat == sum(r.overdue for r in rows)


def test_a_row_refuses_an_unknown_status_and_naive_times() -> None:
    row = make_row(0)
    with pytest.raises(ValueError, match="'terlambat'"):
        TrackingRow(**{**row.__dict__, "status": "terlambat"})
    with pytest.raises(ValueError, match="due_at"):
        TrackingRow(**{**row.__dict__, "due_at": dt.datetime(2026, 7, 2, 8, 0)})
    with pytest.raises(ValueError, match="generated_at"):
        TrackingReport("t", "u", (), dt.datetime(2026, 7, 2, 8, 0), (), ())


# -- CSV --------------------------------------------------------------------------------------


def test_csv_round_trips_through_csv_reader() -> None:
    rows = tuple(make_row(i) for i in range(7))
    buffer = io.BytesIO()
    write_tracking_csv(rows, buffer)
    data = buffer.getvalue()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel on Windows needs
    assert data.count(b"\xef\xbb\xbf") == 1
    read = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(read[0]) == CSV_HEADER
    assert len(read) == len(rows) + 1
    labels = {label: code for code, label in STATUS_LABELS.items()}
    for row, line in zip(rows, read[1:], strict=True):
        record = dict(zip(CSV_HEADER, line, strict=True))
        assert record["No. Agenda"] == row.agenda
        assert dt.date.fromisoformat(record["Tanggal Diterima"]) == row.diterima
        assert record["Asal Surat"] == row.asal
        assert record["Hal"] == row.hal
        assert record["Tingkat Urgensi"] == row.urgensi
        assert record["Penerima Disposisi"] == row.recipient
        assert record["Penanggung Jawab Utama"] == ("Ya" if row.leading else "Tidak")
        assert labels[record["Status"]] == row.status
        assert dt.datetime.fromisoformat(record["Tanggal Disposisi"]) == row.given_at
        assert dt.datetime.fromisoformat(record["Batas Waktu"]) == row.due_at
        completed = record["Tanggal Selesai"]
        assert (dt.datetime.fromisoformat(completed) if completed else None) == row.completed_at
        assert record["Terlambat"] == ("Ya" if row.overdue else "Tidak")
        assert int(record["Umur (Hari Kerja)"]) == row.aging_days
    assert "2026-07-01T08:00:00+07:00" in data.decode("utf-8-sig")


def test_csv_keeps_the_stream_open_and_can_use_semicolons() -> None:
    buffer = io.BytesIO()
    write_tracking_csv([make_row(0)], buffer, delimiter=";")
    assert not buffer.closed
    lines = buffer.getvalue().decode("utf-8-sig").splitlines()
    assert lines[0].split(";") == list(CSV_HEADER)
    assert buffer.getvalue().endswith(b"\r\n")


def test_csv_neutralises_text_a_spreadsheet_would_run_as_a_formula() -> None:
    row = TrackingRow(**{**make_row(0).__dict__, "hal": '=HYPERLINK("http://x")', "asal": "-2+3"})
    buffer = io.BytesIO()
    write_tracking_csv([row], buffer)
    record = next(iter(csv.DictReader(io.StringIO(buffer.getvalue().decode("utf-8-sig")))))
    assert record["Hal"] == '\'=HYPERLINK("http://x")'
    assert record["Asal Surat"] == "'-2+3"


def test_csv_of_no_rows_is_just_the_header() -> None:
    buffer = io.BytesIO()
    write_tracking_csv([], buffer)
    assert buffer.getvalue().decode("utf-8-sig") == ",".join(CSV_HEADER) + "\r\n"
