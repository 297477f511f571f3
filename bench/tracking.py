"""Tracking and search speed on a big workspace: 200,000 incoming letters, 500,000 dispositions.

Usage: ``PYTHONPATH=. .venv/bin/python bench/tracking.py [--runs N] [--rebuild] [--what-if]``.

The workspace is built once and cached in ``<temp>/tnde-bench-tracking`` (or ``--keep DIR``);
later runs reuse it (``--rebuild`` forces a new one). It holds a Dinas of ~50 units and ~500
jabatan (org rows inserted with SQL) and about three years of incoming mail, spread over the
working days from December 2023 to November 2026, with Indonesian-looking senders, subjects,
summaries and letter text made from word lists.

**How the letters get there.** Registering 200,000 letters one by one through
:class:`~tnde.incoming.desk.IncomingDesk` (one transaction, event, hash and audit row per action,
some 1.2 million actions) would take an hour, so the *projection* rows are written directly
with SQL, 20,000 letters per transaction: ``incoming`` (with ``state_json`` made by the real
:func:`~tnde.incoming.codec.incoming_to_json` from real :class:`IncomingState` values),
``disposisi`` and ``incoming_fts``. The values have the shapes the desk writes: timestamps from
:func:`tnde.workflow.service.iso` (``2026-11-20T02:00:00.000Z``), due dates from
:func:`tnde.dispositions.due.due_at` with the profile's calendar, agenda numbers ``n/yyyy`` per
unit and year (the ``number_series`` counters are set past them), UUIDv7 ids, statuses
``terkirim``/``dibaca``/``dalam_proses``/``selesai``/``dibatalkan`` and the letter statuses
the fold derives. No ``event`` rows are written for them (nothing measured here reads the log),
so the bench never acts on a synthetic letter. Then ~1,000 letters go through the real desk
(register, read, dispose, forward, read, progress, complete, cancel), and every column of both
kinds of rows is checked against the same formats, and the JSON key tree of a real
``state_json`` against a synthetic one: the build stops if they differ.

Then it measures, at a fixed "now" (27 November 2026, 15:00 WIB), and prints medians:

* ``unit_counters`` for the busiest Bidang and for the Dinas (target ≤ 50 ms), and
  ``person_counters`` for its Kepala Bidang (also Plt. of a vacant Kasi) and for the Kepala
  Dinas (target ≤ 50 ms);
* ``track`` first page (50 rows) for the Bidang: no filter, ``overdue_only``, a ``text`` filter
  with a common and a rare word (target ≤ 100 ms);
* ``search`` for a common, a very common and a rare word (target ≤ 100 ms);
* without a target: ``weekly_counts`` (the PDF report's chart) and the duplicate check that
  every :meth:`IncomingDesk.register` runs.

``--what-if`` also times the proposed indexes and queries (inside a transaction that is rolled
back: the cached workspace is unchanged) and checks they return the same rows.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import StepClock, SyntheticOrg, nip_for, report, seed_org, timed

from tnde.dispositions import WorkCalendar, due_at
from tnde.ids import uuid7
from tnde.incoming import (
    Disposition,
    DispositionStatus,
    IncomingDesk,
    IncomingState,
    Recipient,
    derive_status,
    incoming_to_json,
    refuse_duplicate,
)
from tnde.profiles import load_profile

# The query layer itself (not the Tracking service): the what-if runs time these functions and
# proposed variants on one connection, inside transactions that are rolled back.
from tnde.tracking.queries import (
    TrackingFilter,
    fts_query,
    person_counters,
    search,
    track,
    unit_counters,
    weekly_counts,
)
from tnde.workflow import iso
from tnde.workspace import CURRENT_VERSION, Workspace, WorkspaceConfig

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterator

BUILD_VERSION = 2
"""Bump when the generated workspace changes shape, so stale caches are rebuilt."""
PROFILE = "diskominfo-nusantara-raya"
SEED = 20261127
FIRST_DAY = dt.date(2023, 12, 1)
NOW = dt.datetime(2026, 11, 27, 8, 0, tzinfo=dt.UTC)
"""The moment every query is asked at (15:00 WIB on a Friday)."""
REAL_FROM = NOW - dt.timedelta(hours=40)
"""The real registrations happen in the last two days before :data:`NOW`."""
BATCH = 20_000
BUSY_UNIT = "BID1"
"""The Bidang that receives the most dispositions."""

INSTRUCTIONS = (
    "Tindak lanjuti/selesaikan",
    "Koordinasikan/konfirmasikan",
    "Untuk diketahui",
    "Hadiri/wakili",
    "Siapkan bahan/jawaban",
    "Pelajari/kaji",
    "Pantau",
    "Arsipkan",
)
"""Instructions used, all from the profile's list (checked when building)."""
NOTES = (
    "",
    "",
    "Segera koordinasikan dengan seksi terkait.",
    "Mohon dihadiri dan laporkan hasilnya.",
    "Siapkan bahan paparan untuk pimpinan.",
    "Pelajari dan sampaikan telaahan staf.",
    "Untuk ditindaklanjuti sesuai ketentuan.",
)
PROGRESS = ("Sedang disusun.", "Koordinasi dengan seksi.", "Menunggu data dari OPD.", "")
REPORTS = (
    "Sudah dihadiri, laporan terlampir.",
    "Data sudah dikirim melalui pos-el.",
    "Telaahan staf sudah disampaikan.",
    "Surat balasan sudah dikirim.",
    "Sudah ditindaklanjuti.",
)


# -- the org chart ----------------------------------------------------------------------------


def _words(text: str, sep: str = " ") -> tuple[str, ...]:
    return tuple(text.split(sep))


FIRST_NAMES = _words(
    "Budi Agus Siti Dewi Rina Andi Maya Fajar Bambang Hadi Lina Putu Rizky Nur Wahyu Yusuf "
    "Hendra Sri Eko Dian Ratna Yuliana Ahmad Muhammad Indah Lestari Kurnia Teguh Suryani Wayan "
    "Made Ketut Nyoman Asep Ujang Cecep Ayu Fitri Rahmat Hidayat Fadli Irfan Novi Retno Yogi"
)
LAST_NAMES = _words(
    "Santoso Wijaya Pratama Lestari Rahmawati Harahap Nasution Siregar Sitompul Kurniawan "
    "Setiawan Hidayat Nugroho Saputra Wulandari Marpaung Simanjuntak Purba Lubis Gunawan "
    "Susanto Permana Ramadhan Firmansyah Syahputra Utami Anggraini Hakim Fauzi Maulana"
)
DEGREES = ("S.Kom.", "S.T.", "S.Sos.", "S.E.", "S.I.Kom.", "S.Si.", "A.Md.", "S.Kom., M.T.", "")

BIDANG = (
    ("Aplikasi Informatika", "Aptika", ("Tata Kelola Aplikasi", "Pengembangan Aplikasi",
     "Integrasi Layanan", "Keamanan Aplikasi")),
    ("Informasi dan Komunikasi Publik", "IKP", ("Pengelolaan Informasi Publik",
     "Kemitraan Komunikasi Publik", "Pengelolaan Media", "Layanan Aduan")),
    ("Persandian", "Sandi", ("Persandian", "Keamanan Informasi", "Tanda Tangan Elektronik",
     "Jaring Komunikasi Sandi")),
    ("Statistik", "Stat", ("Statistik Sektoral", "Satu Data", "Analisis Data",
     "Diseminasi Data")),
    ("Infrastruktur Teknologi Informasi", "Infra", ("Jaringan", "Pusat Data",
     "Telekomunikasi", "Sarana TIK")),
    ("E-Government", "Egov", ("Arsitektur SPBE", "Layanan SPBE", "Evaluasi SPBE",
     "Kota Cerdas")),
    ("Pengelolaan Data dan Layanan", "Data", ("Interoperabilitas", "Tata Kelola Data",
     "Layanan Data", "Portal Data")),
    ("Komunikasi Pimpinan", "Kompim", ("Protokol Media", "Dokumentasi", "Peliputan",
     "Publikasi")),
)  # fmt: skip
BIDANG_WEIGHTS = (5.0, 3.0, 2.5, 2.0, 2.0, 2.0, 1.5, 1.5)
"""How often the Kepala Dinas disposes to each Bidang (Aplikasi Informatika is the busiest)."""
SEKSI_STAFF = 12
UPTD = ("Pusat Data Daerah", "Balai Monitoring Frekuensi", "Command Center", "Radio Publik")


class Org(SyntheticOrg):
    """The generated Dinas, its people named from realistic name lists."""

    def person_name(self, n: int) -> str:
        name = f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {LAST_NAMES[(n * 7) % len(LAST_NAMES)]}"
        degree = DEGREES[n % len(DEGREES)]
        return f"{name}, {degree}" if degree else name


def make_org() -> Org:
    """Dinas, Sekretariat with three Subbagian, eight Bidang of four Seksi, four UPTD."""
    org = Org()
    org.add_unit("DINAS", "Dinas Komunikasi dan Informatika", None, "Diskominfo")
    org.add_jabatan("KADIS", "Kepala Dinas", "DINAS", None, eselon="II.a", heads=True)
    org.add_unit("SEK", "Sekretariat", "DINAS", "Diskominfo")
    org.add_jabatan("SEKDIS", "Sekretaris Dinas", "SEK", "KADIS", eselon="III.a", heads=True)
    for sub, nama in (("UMPEG", "Umum dan Kepegawaian"), ("KEU", "Keuangan"), ("PROG", "Program")):
        unit = f"SEK.{sub}"
        org.add_unit(unit, f"Subbagian {nama}", "SEK", "Diskominfo")
        head = f"KASUBBAG_{sub}"
        org.add_jabatan(
            head,
            f"Kepala Subbagian {nama}",
            unit,
            "SEKDIS",
            eselon="IV.a",
            heads=True,
            registry=sub == "UMPEG",
        )
        for k in range(1, 11):
            org.add_jabatan(f"{head}.STAF{k}", f"Pengadministrasi {nama} {k}", unit, head)
    for b, (nama, kode, seksi_names) in enumerate(BIDANG, start=1):
        unit = f"BID{b}"
        org.add_unit(unit, f"Bidang {nama}", "DINAS", f"Diskominfo.{kode}")
        kabid = f"KABID{b}"
        org.add_jabatan(kabid, f"Kepala Bidang {nama}", unit, "KADIS", eselon="III.b", heads=True)
        for k in (1, 2):
            org.add_jabatan(f"{kabid}.JF{k}", f"Pranata Komputer Ahli Muda {k}", unit, kabid)
        for s, seksi_nama in enumerate(seksi_names, start=1):
            seksi = f"{unit}.S{s}"
            org.add_unit(seksi, f"Seksi {seksi_nama}", unit, f"Diskominfo.{kode}")
            kasi = f"KASI{b}_{s}"
            # one seksi of the busiest bidang has no Kasi: its Kabid acts as Plt.
            vacant = (b, s) == (1, 4)
            org.add_jabatan(
                kasi,
                f"Kepala Seksi {seksi_nama}",
                seksi,
                kabid,
                eselon="IV.a",
                heads=True,
                vacant=vacant,
            )
            for k in range(1, SEKSI_STAFF + 1):
                org.add_jabatan(f"{kasi}.STAF{k}", f"Pelaksana {seksi_nama} {k}", seksi, kasi)
    org.acting("KASI1_4", "KABID1")
    for u, nama in enumerate(UPTD, start=1):
        unit = f"UPTD{u}"
        org.add_unit(unit, f"UPTD {nama}", "DINAS", f"UPTD{u}")
        head = f"KAUPTD{u}"
        org.add_jabatan(head, f"Kepala UPTD {nama}", unit, "KADIS", eselon="IV.a", heads=True)
        tu = f"{unit}.TU"
        org.add_unit(tu, f"Subbagian Tata Usaha UPTD {nama}", unit, f"UPTD{u}")
        org.add_jabatan(
            f"KASUBBAG_TU{u}",
            f"Kepala Subbagian Tata Usaha UPTD {nama}",
            tu,
            head,
            eselon="IV.b",
            heads=True,
            registry=True,
        )
        for k in range(1, 7):
            org.add_jabatan(f"KASUBBAG_TU{u}.STAF{k}", f"Pelaksana TU {k}", tu, f"KASUBBAG_TU{u}")
    return org


# -- text ---------------------------------------------------------------------------------------

PROVINSI = "Provinsi Nusantara Raya"
DAERAH_NAMES = _words(
    "Sukamulya|Sukamaju|Mekarsari|Tanjung Harapan|Bukit Raya|Lembah Hijau|Sungai Emas|"
    "Talang Jaya|Batu Putih|Air Molek|Pesisir Barat|Karang Indah|Teluk Permai|Sindang Laut|"
    "Padang Luas|Rimba Jaya|Muara Baru|Gunung Sari|Tegal Arum|Way Kanan Raya",
    "|",
)
"""Regencies and cities of the (fictitious) province, the busiest first."""
CENTRAL = (
    "Kementerian Komunikasi dan Digital Republik Indonesia",
    "Kementerian Dalam Negeri Republik Indonesia",
    "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
    "Badan Siber dan Sandi Negara",
    "Badan Pusat Statistik Provinsi Nusantara Raya",
    "Arsip Nasional Republik Indonesia",
    "Badan Riset dan Inovasi Nasional",
    "Ombudsman Republik Indonesia Perwakilan Provinsi Nusantara Raya",
    "Komisi Informasi Provinsi Nusantara Raya",
    "Balai Monitor Spektrum Frekuensi Radio Kelas I Sukamulya",
)
PROVINCIAL = (
    "Sekretariat Daerah",
    "Biro Organisasi Sekretariat Daerah",
    "Biro Hukum Sekretariat Daerah",
    "Biro Umum Sekretariat Daerah",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Kepegawaian Daerah",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Inspektorat",
    "Dinas Kesehatan",
    "Dinas Pendidikan",
    "Dinas Perhubungan",
    "Badan Penanggulangan Bencana Daerah",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Sekretariat DPRD",
    "Rumah Sakit Umum Daerah",
    "Badan Pendapatan Daerah",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Satuan Polisi Pamong Praja",
)
LOCAL = (
    "Dinas Komunikasi dan Informatika",
    "Pemerintah",
    "Badan Perencanaan Pembangunan Daerah",
    "Dinas Kesehatan",
    "Sekretariat Daerah",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Inspektorat",
)
OTHERS = (
    "Universitas Nusantara Raya",
    "Politeknik Negeri Sukamulya",
    "PT Telekomunikasi Indonesia Tbk Witel Nusantara Raya",
    "Relawan Teknologi Informasi dan Komunikasi Provinsi Nusantara Raya",
    "Lembaga Penyiaran Publik RRI Sukamulya",
    "Persatuan Wartawan Indonesia Provinsi Nusantara Raya",
    "CV Karya Digital Mandiri",
    "Yayasan Literasi Digital Nusantara",
    "Asosiasi Penyelenggara Jasa Internet Indonesia Wilayah Nusantara Raya",
)
SENDER_CODES = (
    "Setda",
    "Bappeda",
    "BKD",
    "BPKAD",
    "Inspt",
    "Dinkes",
    "Disdik",
    "Dishub",
    "Kominfo",
)
KKA = ("000.1.2", "000.1.7", "005", "000.8.3.3", "800.2", "400.14.1", "500.12", "100.3", "900.1")

TOPICS = (
    "Sistem Pemerintahan Berbasis Elektronik",
    "Satu Data Indonesia",
    "Keamanan Informasi Pemerintah Daerah",
    "Jaringan Intra Pemerintah Daerah",
    "Pengelolaan Pengaduan Pelayanan Publik SP4N-LAPOR",
    "Pusat Data Daerah",
    "Sertifikat Elektronik dan Tanda Tangan Elektronik",
    "Statistik Sektoral",
    "Keterbukaan Informasi Publik",
    "Pengelolaan Media Sosial Pemerintah",
    "Infrastruktur Teknologi Informasi dan Komunikasi",
    "Kota Cerdas",
    "Nama Domain Instansi Pemerintah",
    "Arsitektur SPBE Daerah",
    "Penanganan Insiden Siber",
    "Aplikasi Umum Bidang Kepegawaian",
    "Layanan Internet Desa",
    "Reformasi Birokrasi",
    "Indeks Pembangunan Teknologi Informasi dan Komunikasi",
    "Interoperabilitas Data",
)
RARE_TOPIC = "Kriptografi Pascakuantum"
RARE_WORD = "pascakuantum"
COMMON_WORD = "rapat"
VERY_COMMON_WORD = "provinsi"
DATA = (
    "Jumlah Aparatur Sipil Negara",
    "Indikator Kinerja Utama",
    "Aset Teknologi Informasi",
    "Penggunaan Bandwidth",
    "Aplikasi yang Dikelola",
    "Menara Telekomunikasi",
    "Titik Akses Internet Publik",
    "Realisasi Anggaran Triwulan",
    "Statistik Sektoral",
    "Layanan Publik Digital",
)
EVENTS = (
    "Bimbingan Teknis",
    "Sosialisasi",
    "Forum Group Discussion",
    "Workshop",
    "Rapat Kerja",
    "Pelatihan",
    "Seminar",
    "Rapat Evaluasi",
)
PLACES = (
    "Ruang Rapat Sekretariat Daerah",
    "Aula Dinas Komunikasi dan Informatika",
    "Hotel Grand Sukamulya",
    "Ruang Command Center",
    "Gedung Sate Raya",
    "Zoom Meeting",
)
DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS_ID = _words(
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
)


def pick_sender(rng: random.Random) -> tuple[str, str]:
    """A sender (asal) and its code for the letter number, mostly the province's own offices."""
    r = rng.random()
    if r < 0.38:
        unit = rng.choice(PROVINCIAL)
        return f"{unit} {PROVINSI}", rng.choice(SENDER_CODES)
    if r < 0.62:
        # a few regencies write far more than the rest
        place = DAERAH_NAMES[min(int(rng.expovariate(0.25)), len(DAERAH_NAMES) - 1)]
        kind = "Kota" if place in ("Sukamulya", "Batu Putih", "Teluk Permai") else "Kabupaten"
        unit = rng.choice(LOCAL)
        return f"{unit} {kind} {place}", "Diskominfo" if "Komunikasi" in unit else "Pemkab"
    if r < 0.88:
        return rng.choice(CENTRAL), rng.choice(("Kominfo", "BSSN", "BPS", "Kemendagri", "ANRI"))
    return rng.choice(OTHERS), rng.choice(("UNR", "PNS", "Telkom", "Relawan", "RRI"))


def pick_topic(rng: random.Random) -> str:
    return RARE_TOPIC if rng.random() < 0.0003 else rng.choice(TOPICS)


def pick_hal(rng: random.Random, year: int) -> tuple[str, str]:
    """The subject (hal) and a short summary (isi ringkas)."""
    topic = pick_topic(rng)
    kind = rng.random()
    when = (
        f"{DAYS_ID[rng.randrange(5)]}, {rng.randint(1, 28)} {rng.choice(MONTHS_ID)} {year}, "
        f"pukul {rng.choice(('08.00', '09.00', '10.00', '13.00', '13.30'))} WIB"
    )
    place = rng.choice(PLACES)
    if kind < 0.2:
        return (
            f"Undangan Rapat Koordinasi {topic}",
            f"Undangan rapat koordinasi pada hari {when} di {place}.",
        )
    if kind < 0.34:
        data = rng.choice(DATA)
        return (
            f"Permohonan Data {data}",
            f"Permohonan data {data.lower()} tahun {year - 1} untuk penyusunan {topic.lower()}.",
        )
    if kind < 0.46:
        event = rng.choice(EVENTS)
        return (
            f"Undangan {event} {topic}",
            f"Undangan {event.lower()} {topic.lower()} pada hari {when} di {place}.",
        )
    if kind < 0.56:
        return (
            f"Penyampaian Laporan {topic} Semester {rng.choice(('I', 'II'))} Tahun {year}",
            f"Laporan pelaksanaan {topic.lower()} disampaikan untuk bahan evaluasi.",
        )
    if kind < 0.64:
        return (
            f"Permohonan Narasumber {rng.choice(EVENTS)} {topic}",
            f"Mohon kesediaan pejabat menjadi narasumber {topic.lower()} pada hari {when}.",
        )
    if kind < 0.72:
        return (
            f"Usulan Peserta {rng.choice(EVENTS)} {topic}",
            f"Mohon usulan nama peserta paling lambat tujuh hari kerja; kegiatan {when}.",
        )
    if kind < 0.79:
        return (
            f"Pemberitahuan {topic}",
            f"Pemberitahuan perubahan kebijakan {topic.lower()} yang berlaku mulai tahun {year}.",
        )
    if kind < 0.85:
        return (
            f"Permohonan Fasilitasi {topic}",
            f"Permohonan fasilitasi dan pendampingan teknis {topic.lower()}.",
        )
    if kind < 0.9:
        return (
            f"Penyampaian Hasil Evaluasi {topic} Tahun {year - 1}",
            f"Hasil evaluasi {topic.lower()} beserta rekomendasi tindak lanjut.",
        )
    if kind < 0.95:
        return (
            f"Permintaan Dukungan Jaringan dan Peliputan {rng.choice(EVENTS)}",
            f"Mohon dukungan jaringan internet dan peliputan kegiatan pada hari {when}.",
        )
    return (
        f"Surat Edaran tentang {topic}",
        f"Surat edaran tentang {topic.lower()} untuk dilaksanakan oleh perangkat daerah.",
    )


OPENINGS = (
    "Menindaklanjuti surat Saudara tentang hal tersebut di atas,",
    "Dalam rangka meningkatkan kualitas penyelenggaraan pemerintahan daerah,",
    "Sehubungan dengan pelaksanaan program kerja tahun anggaran berjalan,",
    "Berdasarkan Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan "
    "Berbasis Elektronik,",
    "Memperhatikan hasil rapat koordinasi sebelumnya,",
)


def letter_body(rng: random.Random, asal: str, nomor: str, hal: str, isi: str) -> str:
    """What the PDF's text layer would give: letterhead, heading lines, two paragraphs."""
    signer = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}, {rng.choice(DEGREES[:6])}"
    return (
        f"{asal.upper()}\nNomor : {nomor}\nLampiran : -\nHal : {hal}\n"
        f"Yth. Kepala Dinas Komunikasi dan Informatika {PROVINSI}\ndi Sukamulya\n"
        f"{rng.choice(OPENINGS)} bersama ini kami sampaikan {hal.lower()}. {isi} "
        "Untuk informasi lebih lanjut dapat menghubungi narahubung kami pada jam kerja.\n"
        "Demikian disampaikan, atas perhatian dan kerja sama Saudara diucapkan terima kasih.\n"
        f"{signer}\nNIP {nip_for(rng.randrange(100_000))}"
    )


# -- synthetic letters --------------------------------------------------------------------------


def working_days(calendar: WorkCalendar, first: dt.date, last: dt.date) -> list[dt.date]:
    days, day = [], first
    while day <= last:
        if calendar.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


@dataclass
class Synth:
    """Makes the rows of synthetic letters, as the desk would have projected them."""

    org: Org
    calendar: WorkCalendar
    rng: random.Random
    agenda: dict[tuple[str, int], int] = field(default_factory=dict)
    numbers: set[tuple[str, str, str]] = field(default_factory=set)
    """(unit, sender, number) already registered: a unit registers a letter once."""
    """(unit, year) → last agenda number given."""
    counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.zone = self.calendar.tzinfo
        self.now = NOW
        self.registry_of = {
            "DINAS": "KASUBBAG_UMPEG",
            "SEK": "KASUBBAG_UMPEG",
            **{f"UPTD{u}": f"KASUBBAG_TU{u}" for u in range(1, len(UPTD) + 1)},
        }
        kadis_pool = ["SEKDIS", *(f"KABID{b}" for b in range(1, len(BIDANG) + 1))]
        kadis_pool += [f"KAUPTD{u}" for u in range(1, len(UPTD) + 1)]
        kadis_weights = [2.0, *BIDANG_WEIGHTS, *[0.4] * len(UPTD)]
        self.pools: dict[str, tuple[list[str], list[float]]] = {
            "KADIS": (kadis_pool, kadis_weights)
        }

    def delay(self, mean_hours: float) -> dt.timedelta:
        return dt.timedelta(seconds=self.rng.expovariate(1 / (mean_hours * 3600)))

    def letter(
        self, when: dt.datetime
    ) -> tuple[IncomingState, tuple[str, str, str, str, str], int]:
        """One letter registered at ``when``: its state, FTS values and event count."""
        rng = self.rng
        r = rng.random()
        unit = "DINAS" if r < 0.84 else "SEK" if r < 0.9 else f"UPTD{rng.randint(1, len(UPTD))}"
        pimpinan = self.org.head[unit]
        day = when.astimezone(self.zone).date()
        key = (unit, day.year)
        self.agenda[key] = self.agenda.get(key, 0) + 1
        asal, code = pick_sender(rng)
        hal, isi = pick_hal(rng, day.year)
        kka = rng.choice(KKA)
        nomor = f"{kka}/{rng.randint(1, 4000)}/{code}/{day.year}"
        while (unit, asal.lower(), nomor.lower()) in self.numbers:  # the unique index's rule
            nomor = f"{kka}/{rng.randint(4001, 99999)}/{code}/{day.year}"
        self.numbers.add((unit, asal.lower(), nomor.lower()))
        urgensi = rng.choices(("Biasa", "Segera", "Amat Segera"), (0.74, 0.2, 0.06))[0]
        sifat = rng.choices(("Biasa", "Terbatas", "Rahasia"), (0.9, 0.08, 0.02))[0]
        copy_only = rng.random() < 0.05
        has_pdf = rng.random() < 0.8
        meta = {
            "asal": asal,
            "nomor": nomor,
            "tanggal": (day - dt.timedelta(days=rng.randint(0, 9))).isoformat(),
            "hal": hal,
            "asal_jabatan": "",
            "sifat": sifat,
            "urgensi": urgensi,
            "kka": kka if rng.random() < 0.7 else "",
            "isi_ringkas": isi if rng.random() < 0.85 else "",
            "lampiran": rng.choice(("", "", "1 (satu) berkas", "2 (dua) lembar")),
            "diterima": day.isoformat(),
        }
        events = 1
        times = [when]
        read_by: tuple[tuple[str, str], ...] = ()
        read_at = when + self.delay(5)
        unread = rng.random() < (0.1 if copy_only else 0.004)
        if not unread and read_at < self.now:
            read_by = ((self.org.holder[pimpinan], iso(read_at)),)
            events += 1
            times.append(read_at)
        dispositions: list[Disposition] = []
        if read_by and not copy_only and rng.random() < 0.985:
            events += self.dispose(
                pimpinan, "", read_at + self.delay(6), urgensi, dispositions, times, depth=0
            )
        state = IncomingState(
            incoming_id=uuid7(int(when.timestamp() * 1000)),
            unit_id=unit,
            pimpinan_jabatan=pimpinan,
            agenda=f"{self.agenda[key]}/{day.year}",
            meta=meta,
            blob=f"{rng.getrandbits(256):064x}" if has_pdf else "",
            copy_only=copy_only,
            verification="unverified",
            source_letter_id="",
            status="diregistrasi",
            head_seq=events,
            registered_by=self.org.holder[self.registry_of[unit]],
            registered_at=iso(when),
            updated_at=iso(max(times)),
            read_by=read_by,
            dispositions=tuple(dispositions),
        )
        state = derive_status(state)
        body = letter_body(rng, asal, nomor, hal, isi) if has_pdf else ""
        fts = (hal, meta["isi_ringkas"], asal, nomor, body)
        self.counts[state.status] = self.counts.get(state.status, 0) + 1
        return state, fts, events

    def recipients_of(self, giver: str, depth: int) -> list[str]:
        rng = self.rng
        if giver in self.pools:
            pool, weights = self.pools[giver]
            k = rng.choices((1, 2, 3), (0.6, 0.28, 0.12))[0]
            chosen: list[str] = []
            while len(chosen) < k:
                j = rng.choices(pool, weights)[0]
                if j not in chosen:
                    chosen.append(j)
            return chosen
        below = [j for j in self.org.children.get(giver, []) if j in self.org.holder]
        heads = [j for j in below if self.org.head.get(self.org.unit_of[j]) == j]
        if heads and depth < 2:
            return rng.sample(heads, min(len(heads), rng.choices((1, 2), (0.6, 0.4))[0]))
        return [rng.choice(below)] if below else []

    def dispose(
        self,
        giver: str,
        parent_id: str,
        at: dt.datetime,
        urgensi: str,
        out: list[Disposition],
        times: list[dt.datetime],
        depth: int,
    ) -> int:
        """Dispositions from ``giver`` at ``at`` and what their recipients did; events."""
        if at >= self.now:
            return 0
        rng = self.rng
        recipients = self.recipients_of(giver, depth)
        if not recipients:
            return 0
        due = due_at(urgensi, at, self.calendar)
        given, due_iso = iso(at), iso(due)
        instructions = tuple(rng.sample(INSTRUCTIONS, rng.choices((1, 2), (0.7, 0.3))[0]))
        note = rng.choice(NOTES)
        events = 1
        times.append(at)
        ms = int(at.timestamp() * 1000)
        for n, jabatan in enumerate(recipients):
            d = Disposition(
                disposisi_id=uuid7(ms),
                parent_id=parent_id,
                giver_nip=self.org.holder[giver],
                giver_jabatan=giver,
                recipient_jabatan=jabatan,
                recipient_unit=self.org.unit_of[jabatan],
                leading=len(recipients) > 1 and n == 0,
                instructions=instructions,
                note=note,
                given_at=given,
                due_at=due_iso,
            )
            changes: dict[str, Any] = {}
            if rng.random() < 0.012:  # withdrawn before it was read
                cancelled = at + dt.timedelta(minutes=rng.randint(2, 90))
                if cancelled < self.now:
                    changes = {"status": DispositionStatus.DIBATALKAN}
                    events += 1
                    times.append(cancelled)
                out.append(Disposition(**{**vars(d), **changes}))
                continue
            read = at + self.delay(7)
            index = len(out)
            out.append(d)
            if read >= self.now:
                continue
            changes = {"status": DispositionStatus.DIBACA, "read_at": iso(read)}
            events += 1
            times.append(read)
            # forwarded down the line (Kabid to Kasi, Kasi to staff) once read
            forwards = 0.5 if depth == 0 else 0.3 if depth == 1 else 0.0
            if rng.random() < forwards:
                events += self.dispose(
                    jabatan, d.disposisi_id, read + self.delay(3), urgensi, out, times, depth + 1
                )
            step = read
            if rng.random() < 0.5:
                step = read + self.delay(12)
                if step < self.now:
                    changes |= {
                        "status": DispositionStatus.DALAM_PROSES,
                        "progress_note": rng.choice(PROGRESS),
                    }
                    events += 1
                    times.append(step)
            # most are finished in time, some late, and a few are never closed
            if rng.random() < 0.94:
                span = (due - at).total_seconds()
                done = step + dt.timedelta(seconds=span * rng.lognormvariate(-1.0, 0.8))
                if done < self.now and step < self.now:
                    changes |= {
                        "status": DispositionStatus.SELESAI,
                        "completed_at": iso(done),
                        "report": rng.choice(REPORTS),
                    }
                    events += 1
                    times.append(done)
            out[index] = Disposition(**{**vars(d), **changes})
        return events


INSERT_INCOMING = (
    "INSERT INTO incoming (rowid, unit_id, pimpinan_jabatan, agenda, asal, nomor, tanggal, hal, "
    "sifat, urgensi, kka, diterima, blob_sha256, copy_only, status, updated_at, state_json, "
    "incoming_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
INSERT_DISPOSISI = (
    "INSERT INTO disposisi (disposisi_id, incoming_id, parent_id, giver_jabatan, "
    "recipient_jabatan, recipient_unit, leading, urgensi, given_at, due_at, status, "
    "completed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
)
INSERT_FTS = (
    "INSERT INTO incoming_fts (rowid, hal, isi_ringkas, asal, nomor, body) VALUES (?,?,?,?,?,?)"
)


def incoming_row(rowid: int, s: IncomingState) -> tuple[Any, ...]:
    """The ``incoming`` row :func:`tnde.incoming.desk._project` writes for ``s``."""
    m = s.meta
    return (
        rowid,
        s.unit_id,
        s.pimpinan_jabatan,
        s.agenda,
        m["asal"],
        m["nomor"],
        m["tanggal"],
        m["hal"],
        m["sifat"],
        m["urgensi"],
        m.get("kka", ""),
        m["diterima"],
        s.blob or None,
        int(s.copy_only),
        s.status,
        s.updated_at,
        incoming_to_json(s),
        s.incoming_id,
    )


def disposisi_rows(s: IncomingState) -> list[tuple[Any, ...]]:
    """The ``disposisi`` rows :func:`tnde.incoming.desk._project` writes for ``s``."""
    return [
        (
            d.disposisi_id,
            s.incoming_id,
            d.parent_id or None,
            d.giver_jabatan,
            d.recipient_jabatan,
            d.recipient_unit,
            int(d.leading),
            s.meta["urgensi"],
            d.given_at,
            d.due_at,
            d.status.value,
            d.completed_at or None,
        )
        for d in s.dispositions
    ]


def office_calendar() -> WorkCalendar:
    """The calendar the desk uses for due dates: the profile's holidays and time zone."""
    profile = load_profile(PROFILE)
    unknown = set(INSTRUCTIONS) - set(profile.instructions)
    if unknown:
        raise SystemExit(f"instructions not in the profile's list: {sorted(unknown)}")
    return WorkCalendar(holidays=profile.holidays, zone=profile.timezone)


def registration_times(
    rng: random.Random, calendar: WorkCalendar, letters: int
) -> Iterator[dt.datetime]:
    """``letters`` moments in office hours (07:30-16:00 office time), evenly over the working
    days from :data:`FIRST_DAY` to just before :data:`REAL_FROM`, in order."""
    zone = calendar.tzinfo
    last = (REAL_FROM - dt.timedelta(days=1)).astimezone(zone).date()
    days = working_days(calendar, FIRST_DAY, last)
    per_day = letters / len(days)
    made = 0
    for n, day in enumerate(days):
        todo = round((n + 1) * per_day) - made
        opening = dt.datetime.combine(day, dt.time(7, 30), zone)
        seconds = sorted(rng.randrange(0, int(8.5 * 3600)) for _ in range(todo))
        for s in seconds:
            yield opening + dt.timedelta(seconds=s)
        made += todo


def build_synthetic(ws: Workspace, org: Org, letters: int) -> dict[str, Any]:
    """Write ``letters`` synthetic letters' projection rows; their counts."""
    rng = random.Random(SEED)
    synth = Synth(org, office_calendar(), rng)
    started = time.perf_counter()
    dispositions = events = 0
    conn = ws.thread_connection()
    batch: list[tuple[IncomingState, tuple[str, ...], int]] = []

    def flush() -> None:
        nonlocal dispositions
        first = done - len(batch) + 1
        with ws.transaction(conn):
            conn.executemany(
                INSERT_INCOMING, (incoming_row(first + i, s) for i, (s, _, _) in enumerate(batch))
            )
            rows = [row for s, _, _ in batch for row in disposisi_rows(s)]
            conn.executemany(INSERT_DISPOSISI, rows)
            conn.executemany(INSERT_FTS, ((first + i, *f) for i, (_, f, _) in enumerate(batch)))
        dispositions += len(rows)
        rate = done / (time.perf_counter() - started)
        print(f"  {done:>7,} letters, {dispositions:>7,} dispositions ({rate:,.0f}/s)", end="\r")
        batch.clear()

    done = 0
    for when in registration_times(rng, synth.calendar, letters):
        state, fts, n = synth.letter(when)
        batch.append((state, fts, n))
        events += n
        done += 1
        if len(batch) == BATCH:
            flush()
    if batch:
        flush()
    print()
    with ws.transaction(conn):
        conn.executemany(
            "INSERT INTO number_series (unit_id, series, year, last_no) VALUES (?, 'agenda', ?, ?)",
            [(unit, year, last) for (unit, year), last in synth.agenda.items()],
        )
    return {
        "letters": done,
        "dispositions": dispositions,
        "events_represented": events,
        "letter_status": synth.counts,
        "synthetic_seconds": round(time.perf_counter() - started, 1),
    }


# -- real letters through the desk ----------------------------------------------------------------


def build_real(ws: Workspace, org: Org, letters: int) -> dict[str, Any]:
    """``letters`` letters through :class:`IncomingDesk`, with dispositions in every state."""
    rng = random.Random(SEED + 7)
    clock = StepClock(REAL_FROM, rng, (2, 6))
    desk = IncomingDesk(ws, clock=clock)
    tu, kadis = org.holder["KASUBBAG_UMPEG"], org.holder["KADIS"]
    started = time.perf_counter()
    actions = 0
    for first in range(0, letters, 100):
        with ws.transaction():  # the desk's transactions nest as savepoints
            for n in range(first, min(first + 100, letters)):
                actions += real_letter(desk, org, rng, n, tu, kadis)
    return {
        "real_letters": letters,
        "real_actions": actions,
        "real_seconds": round(time.perf_counter() - started, 1),
        "real_clock_end": clock.now.isoformat(),
    }


def real_letter(
    desk: IncomingDesk, org: Org, rng: random.Random, n: int, tu: str, kadis: str
) -> int:
    """One letter through the desk; the number of actions."""
    year = desk.today().year
    asal, code = pick_sender(rng)
    hal, isi = pick_hal(rng, year)
    meta = {
        "asal": asal,
        "nomor": f"{rng.choice(KKA)}/{9000 + n}/{code}/{year}",
        "tanggal": desk.today() - dt.timedelta(days=rng.randint(0, 5)),
        "hal": hal,
        "urgensi": rng.choices(("Biasa", "Segera", "Amat Segera"), (0.74, 0.2, 0.06))[0],
        "kka": rng.choice(KKA),
        "isi_ringkas": isi,
    }
    # The duplicate check scans the unit's letters (see the measurements): only the first
    # letters run it, the rest say the registration is meant (which changes no projection row).
    state = desk.register(tu, unit_id="DINAS", meta=meta, confirm_duplicate=n >= 10)
    letter = state.incoming_id
    if n % 10 == 9:
        return 1  # still unread
    desk.read(kadis, letter)
    if n % 10 == 8:
        return 2  # read, not yet disposed
    kabid = [f"KABID{b}" for b in rng.sample(range(1, len(BIDANG) + 1), rng.randint(1, 2))]
    if n % 5 == 0:
        kabid = ["KABID1", *(k for k in kabid if k != "KABID1")][:2]
    recipients = [Recipient(j, leading=len(kabid) > 1 and i == 0) for i, j in enumerate(kabid)]
    state = desk.dispose(
        kadis, letter, recipients=recipients, instructions=[rng.choice(INSTRUCTIONS)]
    )
    actions = 3
    for d in state.dispositions:
        nip = org.holder[d.recipient_jabatan]
        fate = rng.random()
        if fate < 0.05:
            desk.cancel(kadis, letter, d.disposisi_id, "Salah alamat")
            actions += 1
            continue
        if fate < 0.25:
            continue  # terkirim
        desk.read_disposition(nip, letter, d.disposisi_id)
        actions += 1
        if fate < 0.45:
            kasi = [j for j in org.children[d.recipient_jabatan] if j.startswith("KASI")]
            down = desk.dispose(
                nip,
                letter,
                parent_id=d.disposisi_id,
                recipients=[Recipient(rng.choice(kasi))],
                instructions=["Siapkan bahan/jawaban"],
            ).dispositions[-1]
            actions += 1
            if fate < 0.35:
                kasi_nip = org.holder[down.recipient_jabatan]
                desk.read_disposition(kasi_nip, letter, down.disposisi_id)
                desk.complete(kasi_nip, letter, down.disposisi_id, rng.choice(REPORTS))
                actions += 2
        if fate < 0.6:
            continue  # dibaca
        desk.progress(nip, letter, d.disposisi_id, rng.choice(PROGRESS) or "Dikerjakan.")
        actions += 1
        if fate < 0.75:
            continue  # dalam proses
        desk.complete(nip, letter, d.disposisi_id, rng.choice(REPORTS))
        actions += 1
    return actions


# -- the shapes of synthetic and real rows agree ------------------------------------------------

TS = "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z"
DATE = "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]"
UUID7 = "????????-????-7???-[89ab]???-????????????"
HEX64 = "[0-9a-f]" * 64
FORMATS: dict[str, dict[str, str]] = {
    "incoming": {
        "incoming_id": f"GLOB '{UUID7}'",
        "agenda": "GLOB '[1-9]*/[0-9][0-9][0-9][0-9]' AND agenda NOT GLOB '*[^0-9/]*'",
        "tanggal": f"GLOB '{DATE}'",
        "diterima": f"GLOB '{DATE}'",
        "updated_at": f"GLOB '{TS}'",
        "sifat": "IN ('Biasa', 'Terbatas', 'Rahasia', 'Sangat Rahasia')",
        "urgensi": "IN ('Amat Segera', 'Segera', 'Biasa')",
        "status": "IN ('diregistrasi', 'dibaca', 'didisposisi', 'selesai')",
        "copy_only": "IN (0, 1)",
        "blob_sha256": f"IS NULL OR blob_sha256 GLOB '{HEX64}'",
        "state_json": "LIKE '{%}' AND json_valid(state_json)",
    },
    "disposisi": {
        "disposisi_id": f"GLOB '{UUID7}'",
        "incoming_id": f"GLOB '{UUID7}'",
        "parent_id": f"IS NULL OR parent_id GLOB '{UUID7}'",
        "given_at": f"GLOB '{TS}'",
        "due_at": f"GLOB '{TS}'",
        "completed_at": f"IS NULL OR completed_at GLOB '{TS}'",
        "status": "IN ('terkirim', 'dibaca', 'dalam_proses', 'selesai', 'dibatalkan')",
        "urgensi": "IN ('Amat Segera', 'Segera', 'Biasa')",
        "leading": "IN (0, 1)",
    },
}


def check_shapes(ws: Workspace, synthetic: int) -> list[str]:
    """Every column of real (desk-made) and synthetic rows in the same formats and SQL types,
    and the same JSON key tree in ``state_json``; the problems found."""
    conn = ws.thread_connection()
    problems: list[str] = []
    split = {
        "incoming": ("rowid <= ?", "rowid > ?"),
        "disposisi": (
            "incoming_id IN (SELECT incoming_id FROM incoming WHERE rowid <= ?)",
            "incoming_id IN (SELECT incoming_id FROM incoming WHERE rowid > ?)",
        ),
    }
    for table, formats in FORMATS.items():
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        for kind, where in zip(("synthetic", "real"), split[table], strict=True):
            for col, test in formats.items():
                bad = conn.execute(
                    f"SELECT count(*), min({col}) FROM {table} WHERE {where} "
                    f"AND NOT ({col} {test})",
                    (synthetic,),
                ).fetchone()
                if bad[0]:
                    problems.append(f"{table}.{col}: {bad[0]} {kind} rows like {bad[1]!r}")
        for col in columns:
            types = [
                {
                    r[0]
                    for r in conn.execute(
                        f"SELECT DISTINCT typeof({col}) FROM {table} WHERE {where}", (synthetic,)
                    )
                }
                for where in split[table]
            ]
            # real letters come without a PDF here (blob_sha256 is then NULL in both kinds)
            if not types[1] <= types[0]:
                problems.append(f"{table}.{col}: synthetic {types[0]}, real {types[1]}")
    # the JSON key tree of a letter with dispositions in every state, real and synthetic
    trees = []
    for where in split["incoming"]:
        row = conn.execute(
            f"SELECT state_json FROM incoming WHERE {where} AND status = 'didisposisi' "
            'AND state_json LIKE \'%"completed_at":"2%\' AND state_json LIKE \'%"read_by":[[%\' '
            "ORDER BY rowid DESC LIMIT 1",
            (synthetic,),
        ).fetchone()
        trees.append(_key_tree(json.loads(row[0])) if row else None)
    if trees[0] != trees[1]:
        problems.append(f"state_json key trees differ: synthetic {trees[0]}, real {trees[1]}")
    fts, incoming = (
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("incoming_fts", "incoming")
    )
    if fts != incoming:
        problems.append(f"{fts} full-text rows for {incoming} letters")
    # and the desk reads a synthetic letter back
    some = conn.execute("SELECT incoming_id FROM incoming WHERE rowid = ?", (synthetic // 2,))
    desk = IncomingDesk(ws)
    state = desk.get(some.fetchone()[0])
    if (
        incoming_to_json(state)
        != conn.execute(
            "SELECT state_json FROM incoming WHERE incoming_id = ?", (state.incoming_id,)
        ).fetchone()[0]
    ):
        problems.append("a synthetic state_json does not survive the desk's codec round trip")
    return problems


def _key_tree(value: object) -> object:
    """Keys and value types, lists reduced to their first element's shape."""
    if isinstance(value, dict):
        return {k: _key_tree(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [_key_tree(value[0])] if value else []
    return type(value).__name__


# -- the workspace --------------------------------------------------------------------------------


def build(path: Path, letters: int, real: int) -> dict[str, Any]:
    """A new workspace at ``path`` with the org chart, synthetic and real letters."""
    started = time.perf_counter()
    org = make_org()
    # a demo workspace: the generated office's officials all act in this one workspace
    ws = Workspace.create(path, config=WorkspaceConfig(profile_id=PROFILE, demo=True))
    try:
        seed_org(ws, org)
        info = build_synthetic(ws, org, letters)
        print(f"  synthetic rows written in {info['synthetic_seconds']:.0f} s")
        info |= build_real(ws, org, real)
        print(f"  {real} letters through IncomingDesk in {info['real_seconds']:.0f} s")
        problems = check_shapes(ws, info["letters"])
        if problems:
            raise SystemExit("synthetic rows differ from the desk's:\n  " + "\n  ".join(problems))
        print("  synthetic and desk-made rows have the same formats, types and JSON keys")
        ws.thread_connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        ws.close()
    info |= {
        "version": BUILD_VERSION,
        "schema": CURRENT_VERSION,
        "units": len(org.units),
        "jabatan": len(org.jabatan),
        "build_seconds": round(time.perf_counter() - started, 1),
    }
    (path / "bench.json").write_text(json.dumps(info, indent=1), encoding="utf-8")
    return info


def workspace_for(args: argparse.Namespace) -> tuple[Path, dict[str, Any], bool]:
    """The cached workspace (built when missing or stale): path, build info, built now."""
    root = Path(args.keep) if args.keep else Path(tempfile.gettempdir()) / "tnde-bench-tracking"
    path = root / f"ws-{args.letters}"
    marker = path / "bench.json"
    if marker.is_file() and not args.rebuild:
        info = json.loads(marker.read_text(encoding="utf-8"))
        if (info.get("version"), info.get("schema")) == (BUILD_VERSION, CURRENT_VERSION):
            return path, info, False
    if path.exists():
        shutil.rmtree(path)
    print(f"building {args.letters:,} incoming letters in {path} …")
    return path, build(path, args.letters, args.real), True


# -- measuring ----------------------------------------------------------------------------------


TRACK_SQL = (
    "SELECT i.agenda, i.diterima, i.asal, i.hal, d.urgensi, coalesce(j.nama, "
    "d.recipient_jabatan), d.leading, d.status, d.given_at, d.due_at, d.completed_at "
    "FROM disposisi d JOIN incoming i ON i.incoming_id = d.incoming_id "
    "LEFT JOIN jabatan j ON j.jabatan_id = d.recipient_jabatan "
    "WHERE {where} ORDER BY d.due_at, d.disposisi_id LIMIT 50 OFFSET 0"
)
"""The query :func:`tnde.tracking.queries.track` sends (copied, for EXPLAIN)."""
SEARCH_SQL = (
    "SELECT i.incoming_id, i.agenda, i.asal, i.nomor, i.hal, i.diterima "
    "FROM incoming_fts f JOIN incoming i ON i.rowid = f.rowid "
    "WHERE incoming_fts MATCH ? ORDER BY bm25(incoming_fts) LIMIT 50"
)
"""The query :func:`tnde.tracking.queries.search` sends."""
DUPLICATE_SQL = (
    "SELECT agenda, incoming_id FROM incoming WHERE unit_id = ? AND ("
    "(blob_sha256 = ? AND ? != '') OR (lower(asal) = lower(?) AND lower(nomor) = lower(?))"
    ") LIMIT 1"
)
"""The duplicate check of :meth:`IncomingDesk.register` (``desk.refuse_duplicate``)."""

PROPOSED_INDEXES = (
    # track(): the unit's rows already in page order, so LIMIT 50 stops after 50 rows
    "CREATE INDEX disposisi_by_unit_due ON disposisi(recipient_unit, due_at, disposisi_id)",
    # register(): the duplicate check by sender and number without scanning the unit
    "CREATE INDEX incoming_by_unit_sender ON incoming(unit_id, lower(asal), lower(nomor))",
    # unit_counters(): the incoming counts from the index alone (copy_only was read from the
    # table for every letter still 'dibaca', read tembusan included)
    "CREATE INDEX incoming_by_unit_status ON incoming(unit_id, status, copy_only)",
    "CREATE INDEX incoming_by_pimpinan_status ON incoming(pimpinan_jabatan, status, copy_only)",
)
PROPOSED_DUPLICATE_SQL = (
    "SELECT agenda, incoming_id FROM ("
    " SELECT agenda, incoming_id FROM incoming WHERE ? != '' AND blob_sha256 = ? AND +unit_id = ?"
    " UNION ALL SELECT agenda, incoming_id FROM incoming"
    "  WHERE unit_id = ? AND lower(asal) = lower(?) AND lower(nomor) = lower(?)"
    ") LIMIT 1"
)
"""The same check as two indexed lookups (the OR defeats both indexes; ``+unit_id`` keeps the
planner on ``incoming_by_file`` for the first)."""
PROPOSED_TEXT_SQL = (
    "SELECT i.agenda, i.diterima, i.asal, i.hal, d.urgensi, coalesce(j.nama, "
    "d.recipient_jabatan), d.leading, d.status, d.given_at, d.due_at, d.completed_at "
    "FROM incoming_fts f CROSS JOIN incoming i ON i.rowid = f.rowid "
    "CROSS JOIN disposisi d ON d.incoming_id = i.incoming_id "
    "LEFT JOIN jabatan j ON j.jabatan_id = d.recipient_jabatan "
    "WHERE incoming_fts MATCH ? AND d.recipient_unit = ? "
    "ORDER BY d.due_at, d.disposisi_id LIMIT 50 OFFSET 0"
)
"""track(text=…) driven from the full-text matches (CROSS JOIN fixes the join order), for
when they are few (see :func:`track_text`)."""
PROPOSED_SEARCH_SQL = (
    "SELECT i.incoming_id, i.agenda, i.asal, i.nomor, i.hal, i.diterima FROM ("
    " SELECT rowid, rank FROM incoming_fts WHERE incoming_fts MATCH ? ORDER BY rank LIMIT ?"
    ") f JOIN incoming i ON i.rowid = f.rowid ORDER BY f.rank"
)
"""search(): rank inside the full-text table and join only the 50 best (``rank`` is bm25)."""
NEWEST_SEARCH_SQL = (
    "SELECT i.incoming_id, i.agenda, i.asal, i.nomor, i.hal, i.diterima "
    "FROM incoming_fts f JOIN incoming i ON i.rowid = f.rowid "
    "WHERE incoming_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?"
)
"""search() newest first: FTS5 walks its doclist backwards and stops at the limit."""
HYBRID_SEARCH_SQL = (
    "SELECT i.incoming_id, i.agenda, i.asal, i.nomor, i.hal, i.diterima FROM ("
    " SELECT rowid, rank FROM incoming_fts WHERE incoming_fts MATCH ?1 AND rowid >= ("
    "  SELECT coalesce(min(rowid), 0) FROM (SELECT rowid FROM incoming_fts"
    "   WHERE incoming_fts MATCH ?1 ORDER BY rowid DESC LIMIT 2000))"
    " ORDER BY rank LIMIT ?2"
    ") f JOIN incoming i ON i.rowid = f.rowid ORDER BY f.rank"
)
"""search() by bm25 among the newest 2,000 matches: the same hits as now when a word matches
at most 2,000 letters, and a bounded cost when it matches 100,000."""
WEEKLY_INDEXES = (
    "CREATE INDEX disposisi_by_unit_given ON disposisi(recipient_unit, given_at)",
    "CREATE INDEX disposisi_by_unit_completed ON disposisi(recipient_unit, completed_at)",
)
WEEKLY_SQL = (
    "SELECT 'o', substr(given_at, 1, 10), count(*) FROM disposisi "
    "WHERE recipient_unit = ? AND given_at >= ? GROUP BY 2 UNION ALL "
    "SELECT 'c', substr(completed_at, 1, 10), count(*) FROM disposisi "
    "WHERE recipient_unit = ? AND completed_at >= ? GROUP BY 2"
)
"""weekly_counts(): counts per day since the first week, from two range scans; the days are
added up into weeks in Python."""


def weekly_proposed(conn: sqlite3.Connection, unit: str, weeks: int, now: dt.datetime) -> list[Any]:
    """What :func:`weekly_counts` returns, from :data:`WEEKLY_SQL`."""
    from tnde.tracking import WeekCount

    start = (now.date() - dt.timedelta(days=now.weekday())) - dt.timedelta(weeks=weeks - 1)
    opened = [0] * weeks
    completed = [0] * weeks
    for kind, day, count in conn.execute(WEEKLY_SQL, (unit, start.isoformat()) * 2):
        week = (dt.date.fromisoformat(day) - start).days // 7
        if week < weeks:
            (opened if kind == "o" else completed)[week] += count
    return [
        WeekCount(week_start=start + dt.timedelta(weeks=i), opened=o, completed=c)
        for i, (o, c) in enumerate(zip(opened, completed, strict=True))
    ]


@dataclass
class Bench:
    ws: Workspace
    conn: sqlite3.Connection
    org: Org
    runs: int

    def plan(self, sql: str, params: tuple[Any, ...]) -> str:
        rows = self.conn.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
        return "; ".join(r[3] for r in rows)

    def counters(self, label: str = "") -> None:
        conn, now = self.conn, NOW
        for unit in (BUSY_UNIT, "DINAS"):
            found = unit_counters(conn, unit, now)
            report(
                f"unit_counters({unit}){label}: {found.disposisi_belum_dibaca} unread, "
                f"{found.terlambat} late",
                timed(lambda u=unit: unit_counters(conn, u, now), self.runs),
                50,
            )
        for who, jabatan in (("Kabid 1, also Plt. Kasi", "KABID1"), ("Kepala Dinas", "KADIS")):
            nip = self.org.holder[jabatan]
            found = person_counters(conn, nip, now, now.date())
            report(
                f"person_counters({who}){label}: {found.disposisi_belum_selesai} open, "
                f"{found.masuk_belum_didisposisi} to dispose",
                timed(lambda n=nip: person_counters(conn, n, now, now.date()), self.runs),
                50,
            )

    def tracking(self, label: str = "") -> dict[str, list[Any]]:
        conn, out = self.conn, {}
        cases = {
            "no filter": TrackingFilter(unit_id=BUSY_UNIT),
            "overdue_only": TrackingFilter(unit_id=BUSY_UNIT, overdue_only=True),
            f"text={COMMON_WORD!r}": TrackingFilter(unit_id=BUSY_UNIT, text=COMMON_WORD),
            f"text={RARE_WORD!r}": TrackingFilter(unit_id=BUSY_UNIT, text=RARE_WORD),
        }
        for name, flt in cases.items():
            rows = track(conn, flt, NOW)
            out[name] = rows
            report(
                f"track({BUSY_UNIT}, {name}){label}: {len(rows)} rows",
                timed(lambda f=flt: track(conn, f, NOW), self.runs),
                100,
            )
        return out

    def searching(self, label: str = "") -> None:
        for word in (COMMON_WORD, VERY_COMMON_WORD, RARE_WORD):
            total = self.conn.execute(
                "SELECT count(*) FROM incoming_fts WHERE incoming_fts MATCH ?", (f'"{word}"*',)
            ).fetchone()[0]
            report(
                f"search({word!r}){label}: {total:,} matches",
                timed(lambda w=word: search(self.conn, w), self.runs),
                100,
            )

    def extras(self) -> None:
        """Without a target: the PDF report's weekly chart, and the duplicate check."""
        report(
            f"weekly_counts({BUSY_UNIT}, 8 weeks) for track --pdf",
            timed(lambda: weekly_counts(self.conn, BUSY_UNIT, 8, NOW), self.runs),
        )
        asal, nomor = "Badan Kepegawaian Daerah Provinsi Nusantara Raya", "800.2/1/BKD/2026"
        from tnde.errors import WorkflowRefused

        def check() -> None:
            # the real check; it refuses (raises) when it finds the letter, as it does here
            with contextlib.suppress(WorkflowRefused):
                refuse_duplicate(self.conn, "DINAS", "", asal, nomor)

        report("duplicate check of IncomingDesk.register (DINAS, no file)", timed(check, self.runs))

    def explain(self) -> None:
        unit = (BUSY_UNIT,)
        word = f'"{COMMON_WORD}"*'
        now = iso(NOW)
        overdue = (
            "d.recipient_unit = ? AND d.status IN ('terkirim', 'dibaca', 'dalam_proses') "
            "AND d.due_at < ?"
        )
        text = (
            "d.recipient_unit = ? AND i.rowid IN (SELECT rowid FROM incoming_fts "
            "WHERE incoming_fts MATCH ?)"
        )
        for name, sql, params in (
            ("track", TRACK_SQL.format(where="d.recipient_unit = ?"), unit),
            ("track overdue", TRACK_SQL.format(where=overdue), (*unit, now)),
            ("track text", TRACK_SQL.format(where=text), (*unit, word)),
            ("search", SEARCH_SQL, (word,)),
            ("duplicate check", DUPLICATE_SQL, ("DINAS", "", "", "a", "b")),
        ):
            print(f"  plan, {name}: {self.plan(sql, params)}")


def track_text(conn: sqlite3.Connection, unit: str, text: str) -> list[tuple[Any, ...]]:
    """The proposed text-filtered track: from the matches when they are few (≤ 5,000 letters),
    else along the unit's rows in due-date order (the current query, with the new index)."""

    query = fts_query(text)
    matches = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM incoming_fts WHERE incoming_fts MATCH ? LIMIT 5001)",
        (query,),
    ).fetchone()[0]
    if matches <= 5000:
        return [tuple(r) for r in conn.execute(PROPOSED_TEXT_SQL, (query, unit))]
    where = (
        "d.recipient_unit = ? AND i.rowid IN (SELECT rowid FROM incoming_fts "
        "WHERE incoming_fts MATCH ?)"
    )
    return [tuple(r) for r in conn.execute(TRACK_SQL.format(where=where), (unit, query))]


def what_if(bench: Bench, before: dict[str, list[Any]]) -> None:
    """The proposed indexes and queries, inside a transaction that is rolled back; each checked
    to return what the current one does."""
    conn = bench.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        for sql in PROPOSED_INDEXES:
            started = time.perf_counter()
            conn.execute(sql)
            print(f"  {sql}  ({time.perf_counter() - started:.1f} s)")
        bench.counters(" +index")
        after = bench.tracking(" +index")
        for name, rows in before.items():
            if rows != after[name]:
                raise AssertionError(f"track({name}) returns other rows with the new index")
        unit = (BUSY_UNIT,)
        print(
            "  plan, track +index: "
            + bench.plan(TRACK_SQL.format(where="d.recipient_unit = ?"), unit)
        )
        for word in (COMMON_WORD, RARE_WORD):
            rows = track_text(conn, BUSY_UNIT, word)
            old = track(conn, TrackingFilter(unit_id=BUSY_UNIT, text=word), NOW)
            if [(r[0], r[9]) for r in rows] != [(o.agenda, iso(o.due_at)) for o in old]:
                raise AssertionError(f"the proposed text query finds other rows for {word!r}")
            report(
                f"proposed track({BUSY_UNIT}, text={word!r}) +index",
                timed(lambda w=word: track_text(conn, BUSY_UNIT, w), bench.runs),
                100,
            )
        print(
            "  plan, proposed text query: "
            + bench.plan(PROPOSED_TEXT_SQL, (f'"{RARE_WORD}"*', BUSY_UNIT))
        )
        print()
        what_if_search(bench)
        print()
        what_if_duplicates(bench)
        print()
        for sql in WEEKLY_INDEXES:
            conn.execute(sql)
            print(f"  {sql}")
        if weekly_proposed(conn, BUSY_UNIT, 8, NOW) != weekly_counts(conn, BUSY_UNIT, 8, NOW):
            raise AssertionError("the proposed weekly counts differ")
        report(
            f"weekly_counts({BUSY_UNIT}, 8 weeks) now, +indexes",
            timed(lambda: weekly_counts(conn, BUSY_UNIT, 8, NOW), bench.runs),
        )
        report(
            f"weekly_counts({BUSY_UNIT}, 8 weeks) proposed, +indexes",
            timed(lambda: weekly_proposed(conn, BUSY_UNIT, 8, NOW), bench.runs),
        )
    finally:
        conn.execute("ROLLBACK")


def what_if_search(bench: Bench) -> None:

    conn = bench.conn
    for word in (COMMON_WORD, VERY_COMMON_WORD, RARE_WORD):
        query = fts_query(word)
        now = [r.incoming_id for r in search(conn, word)]
        ranked = [r[0] for r in conn.execute(PROPOSED_SEARCH_SQL, (query, 50))]
        if set(ranked) != set(now):  # the order of equal scores may differ
            raise AssertionError(f"the proposed search finds other letters for {word!r}")
        total = conn.execute(
            "SELECT count(*) FROM incoming_fts WHERE incoming_fts MATCH ?", (query,)
        ).fetchone()[0]
        hybrid = [r[0] for r in conn.execute(HYBRID_SEARCH_SQL, (query, 50))]
        if total <= 2000 and set(hybrid) != set(now):
            raise AssertionError(f"the hybrid search finds other letters for {word!r}")
        report(
            f"proposed search({word!r}), rank then join",
            timed(
                lambda q=query: conn.execute(PROPOSED_SEARCH_SQL, (q, 50)).fetchall(), bench.runs
            ),
            100,
        )
        report(
            f"alternative search({word!r}), bm25 among the newest 2,000",
            timed(lambda q=query: conn.execute(HYBRID_SEARCH_SQL, (q, 50)).fetchall(), bench.runs),
            100,
        )
        report(
            f"alternative search({word!r}), newest first",
            timed(lambda q=query: conn.execute(NEWEST_SEARCH_SQL, (q, 50)).fetchall(), bench.runs),
            100,
        )
    query = fts_query(COMMON_WORD)
    print("  plan, proposed search: " + bench.plan(PROPOSED_SEARCH_SQL, (query, 50)))
    print("  plan, newest first: " + bench.plan(NEWEST_SEARCH_SQL, (query, 50)))
    print("  plan, bm25 among the newest: " + bench.plan(HYBRID_SEARCH_SQL, (query, 50)))


def what_if_duplicates(bench: Bench) -> None:
    conn = bench.conn
    asal, nomor = "Badan Kepegawaian Daerah Provinsi Nusantara Raya", "800.2/1/BKD/2026"
    hit = conn.execute(
        "SELECT asal, nomor, blob_sha256 FROM incoming WHERE unit_id = 'DINAS' "
        "AND blob_sha256 IS NOT NULL LIMIT 1 OFFSET 5000"
    ).fetchone()
    cases = {
        "no file, new": ("", asal, nomor),
        "file, new": ("0" * 64, asal, nomor),
        "no file, registered before": ("", hit[0].upper(), hit[1]),
        "file, registered before": (hit[2], "x", "y"),
    }
    for name, (sha, a, n) in cases.items():
        params = ("DINAS", sha, sha, a, n)
        proposed = (sha, sha, "DINAS", "DINAS", a, n)
        same = [tuple(r) for r in conn.execute(DUPLICATE_SQL, params)]
        if same != [tuple(r) for r in conn.execute(PROPOSED_DUPLICATE_SQL, proposed)]:
            raise AssertionError(f"the proposed duplicate check finds another letter ({name})")
        if bool(same) != name.endswith("before"):
            raise AssertionError(f"the duplicate check is wrong for {name}")
        report(
            f"duplicate check now, +index ({name})",
            timed(lambda p=params: conn.execute(DUPLICATE_SQL, p).fetchall(), bench.runs),
        )
        report(
            f"duplicate check proposed, +index ({name})",
            timed(
                lambda p=proposed: conn.execute(PROPOSED_DUPLICATE_SQL, p).fetchall(), bench.runs
            ),
        )
    print(
        "  plan, proposed duplicate check: "
        + bench.plan(PROPOSED_DUPLICATE_SQL, ("x", "x", "DINAS", "DINAS", "a", "b"))
    )


def measure(path: Path, args: argparse.Namespace) -> None:
    org = make_org()
    ws = Workspace.open(path)
    try:
        conn = ws.connect()
        if (
            conn.execute(
                "SELECT 1 FROM assignment WHERE nip = ?", (org.holder["KABID1"],)
            ).fetchone()
            is None
        ):
            raise SystemExit("the cached workspace has another org chart: run with --rebuild")
        per_unit = conn.execute(
            "SELECT count(*), sum(status IN ('terkirim', 'dibaca', 'dalam_proses')), "
            "sum(status IN ('terkirim', 'dibaca', 'dalam_proses') AND due_at < ?) "
            "FROM disposisi WHERE recipient_unit = ?",
            (iso(NOW), BUSY_UNIT),
        ).fetchone()
        print(
            f"  {BUSY_UNIT}: {per_unit[0]:,} dispositions, {per_unit[1]:,} open, "
            f"{per_unit[2]:,} overdue"
        )
        bench = Bench(ws, conn, org, args.runs)
        print()
        bench.counters()
        print()
        before = bench.tracking()
        print()
        bench.searching()
        print()
        bench.extras()
        print()
        bench.explain()
        if args.what_if:
            print()
            what_if(bench, before)
    finally:
        ws.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--letters", type=int, default=200_000, help="synthetic letters")
    parser.add_argument("--real", type=int, default=1_000, help="letters through the desk")
    parser.add_argument("--runs", type=int, default=30, help="repetitions of each query (≥ 30)")
    parser.add_argument("--keep", metavar="DIR", help="keep the workspace in DIR (reused later)")
    parser.add_argument("--rebuild", action="store_true", help="build anew even when cached")
    parser.add_argument(
        "--what-if",
        action="store_true",
        help="also time the proposed indexes and queries (rolled back)",
    )
    args = parser.parse_args()
    args.runs = max(args.runs, 30)

    path, info, built = workspace_for(args)
    how = "built now" if built else "cached"
    size = (path / "workspace.sqlite").stat().st_size / 1e6
    statuses = ", ".join(f"{k} {v:,}" for k, v in sorted(info["letter_status"].items()))
    print(
        f"workspace ({how}): {path}\n"
        f"  {info['letters']:,} synthetic + {info['real_letters']:,} real letters, "
        f"{info['dispositions']:,} synthetic dispositions, {info['units']} units, "
        f"{info['jabatan']} jabatan, {size:,.0f} MB; build took {info['build_seconds']:.0f} s\n"
        f"  synthetic letters by status: {statuses}"
    )
    measure(path, args)


if __name__ == "__main__":
    main()
