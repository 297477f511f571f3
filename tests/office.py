"""The small office most workflow and incoming tests run in: a five-unit Dinas with its
jabatan, seven officials (one of them Plh. Kepala Dinas for a few days) in a real (demo)
workspace,
and a clock the tests move by hand.

Loaded for every test through ``pytest_plugins`` in ``tests/conftest.py``; the helpers
(:func:`nip`, :func:`surat_dinas_values`…) are imported from here.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from tnde.org import Assignment, Jabatan, OrgChart, Pegawai, Unit, replace_org
from tnde.workflow import Letters
from tnde.workspace import Workspace, WorkspaceConfig

if TYPE_CHECKING:
    from pathlib import Path

DAY = dt.date(2026, 11, 20)

# (unit_id, nama, parent, kode)
UNITS = [
    ("DINAS", "Dinas Komunikasi dan Informatika", None, "Diskominfo"),
    ("SEK", "Sekretariat", "DINAS", "Sekr"),
    ("BID1", "Bidang Aplikasi Informatika", "DINAS", "Aptika"),
    ("SEKSI1", "Seksi Tata Kelola Aplikasi", "BID1", "TKA"),
    ("BID2", "Bidang Persandian", "DINAS", "Sandi"),
]
# (jabatan_id, nama, unit, heads_unit, superior, registry)
JABATAN = [
    ("KADIS", "Kepala Dinas Komunikasi dan Informatika", "DINAS", 1, None, 0),
    ("SEKDIS", "Sekretaris Dinas", "SEK", 1, "KADIS", 0),
    ("KASUBBAG", "Kepala Subbagian Umum dan Kepegawaian", "SEK", 0, "SEKDIS", 1),
    ("KABID1", "Kepala Bidang Aplikasi Informatika", "BID1", 1, "KADIS", 0),
    ("KASI1", "Kepala Seksi Tata Kelola Aplikasi", "SEKSI1", 1, "KABID1", 0),
    ("ANALIS", "Analis Sistem Informasi", "SEKSI1", 0, "KASI1", 0),
    ("KABID2", "Kepala Bidang Persandian", "BID2", 1, "KADIS", 0),
]
# name → (nip, nama, pangkat, golongan)
PEOPLE = {
    "analis": ("199203152019031004", "Rizky Pratama, S.Kom.", "Penata Muda Tingkat I", "III/b"),
    "kasi": ("198506122010011003", "Dewi Lestari, S.T., M.Kom.", "Penata Tingkat I", "III/d"),
    "kabid1": ("197804222005011002", "Hendra Wijaya, S.Kom., M.T.", "Pembina", "IV/a"),
    "sekdis": ("197512032000032001", "Ir. Sri Rahayu, M.Si.", "Pembina Tingkat I", "IV/b"),
    "kadis": ("196708271994031001", "Dr. Budi Santoso, S.Kom., M.T.", "Pembina Utama Muda", "IV/c"),
    "kabid2": ("197106301998031005", "Agus Salim, S.Sos., M.M.", "Pembina Tingkat I", "IV/b"),
    "tu": ("198911072014022002", "Nur Aini, A.Md.", "Penata Muda", "III/a"),
}
# (who, jabatan, bentuk, mulai, selesai, dasar)
ASSIGNMENTS = [
    ("analis", "ANALIS", "definitif", "2019-03-01", None, ""),
    ("kasi", "KASI1", "definitif", "2020-01-01", None, ""),
    ("kabid1", "KABID1", "definitif", "2021-01-01", None, ""),
    ("sekdis", "SEKDIS", "definitif", "2019-01-01", None, ""),
    ("kadis", "KADIS", "definitif", "2022-01-01", None, ""),
    ("kabid2", "KABID2", "definitif", "2020-06-01", None, ""),
    ("kabid2", "KADIS", "Plh.", "2026-11-18", "2026-11-22", "800.1.3.2/77/Diskominfo/2026"),
    ("tu", "KASUBBAG", "definitif", "2018-01-01", None, ""),
]


def nip(who: str) -> str:
    return PEOPLE[who][0]


class FixedClock:
    """A clock tests move by hand."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)  # every action a second apart, in order
        return self.now


def office_chart() -> OrgChart:
    """The office above as an org chart."""
    return OrgChart(
        units=tuple(Unit(u, nama, parent, kode) for u, nama, parent, kode in UNITS),
        jabatan=tuple(
            Jabatan(j, nama, unit, heads_unit=bool(head), superior_id=sup, registry=bool(registry))
            for j, nama, unit, head, sup, registry in JABATAN
        ),
        pegawai=tuple(Pegawai(*person) for person in PEOPLE.values()),
        assignments=tuple(
            Assignment(
                f"a{i}",
                nip(who),
                jabatan,
                bentuk,
                dt.date.fromisoformat(mulai),
                dt.date.fromisoformat(selesai) if selesai else None,
                dasar,
            )
            for i, (who, jabatan, bentuk, mulai, selesai, dasar) in enumerate(ASSIGNMENTS)
        ),
    )


def seed_org(ws: Workspace) -> None:
    """Put the office's org chart into ``ws`` the way an import does."""
    with ws.transaction() as conn:
        replace_org(conn, office_chart(), actor="uji")


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """The office in a demo workspace: one test acts as every official of the route (a
    workspace outside demo mode takes actions as its owner only)."""
    ws = Workspace.create(tmp_path / "ruang kerja – uji", config=WorkspaceConfig(demo=True))
    seed_org(ws)
    return ws


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC))


@pytest.fixture
def letters(workspace: Workspace, clock: FixedClock) -> Letters:
    return Letters(workspace, clock=clock)


def surat_dinas_values(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "tanggal": "2026-11-20",
        "kka": "000.8.3.3",
        "sifat": "Biasa",
        "hal": "Penyampaian Standar Operasional Prosedur Naskah Dinas Elektronik",
        "tujuan": ["Kepala Perangkat Daerah di Lingkungan Pemerintah Provinsi Nusantara Raya"],
        "di": "Tempat",
        "isi": "Bersama ini kami sampaikan SOP sebagaimana terlampir.\n\n"
        "Demikian disampaikan, atas perhatian Saudara diucapkan terima kasih.",
        "lampiran": [{"judul": "SOP", "isi": "1. Konseptor menyusun konsep."}],
        "tembusan": ["Kepala Bidang Persandian"],
    }
    values.update(changes)
    return values
