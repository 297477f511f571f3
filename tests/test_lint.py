"""Regulation-aware draft checks: tnde.lint.

Each case starts from the shipped Surat Dinas sample, changes one thing (a value, the office
profile's style, or the template) and checks that exactly the expected rule reacts (positive
cases) or stays silent on a near miss (negative cases). Every rule has both.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import io
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tnde.drafts import load_draft, prepare
from tnde.errors import TemplateError
from tnde.lint import RULES, Finding, Severity, counts_as_failure, lint, rule_by_id
from tnde.numbering import KkaTree, load_kka_csv
from tnde.profiles import Profile, load_profile
from tnde.resources import resource_path
from tnde.templates.loader import load_template
from tnde.templates.model import Block, Column, FieldSpec, Template
from tnde.templates.values import validate_values

TODAY = dt.date(2026, 11, 18)
"""A fixed "today", two days before the sample's date."""
SAMPLES_DIR = Path(str(resource_path("samples")))
DISKOMINFO = "diskominfo-nusantara-raya"
BKPSDM = "bkpsdm-kabupaten-sukamaju"

Edit = Callable[[dict[str, Any]], None]


# -- building drafts --------------------------------------------------------------------------


def sample_naskah() -> dict[str, Any]:
    """A fresh copy of the raw values of the shipped Surat Dinas sample."""
    with (SAMPLES_DIR / "surat_dinas.toml").open("rb") as fh:
        return copy.deepcopy(tomllib.load(fh)["naskah"])


def put(path: str, value: Any) -> Edit:
    """An edit that sets a dotted path (``penandatangan.delegasi``), creating tables."""

    def edit(raw: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        for key in parents:
            raw = raw.setdefault(key, {})
        raw[last] = value

    return edit


def drop(path: str) -> Edit:
    """An edit that removes a dotted path."""

    def edit(raw: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        for key in parents:
            raw = raw[key]
        del raw[last]

    return edit


def both(*edits: Edit) -> Edit:
    """Several edits applied in order."""

    def edit(raw: dict[str, Any]) -> None:
        for e in edits:
            e(raw)

    return edit


def field_changed(name: str, **changes: Any) -> Callable[[Template], Template]:
    """A template transform that changes attributes of one field."""

    def change(template: Template) -> Template:
        fields = tuple(
            dataclasses.replace(f, **changes) if f.name == name else f for f in template.fields
        )
        return dataclasses.replace(template, fields=fields)

    return change


def with_peserta_table(template: Template) -> Template:
    """Surat Dinas plus a table of people with a NIP column (as a Surat Tugas has)."""
    table = FieldSpec(
        name="peserta",
        label="Peserta",
        type="table",
        columns=(Column("nama", "Nama"), Column("nip", "NIP")),
    )
    return dataclasses.replace(
        template,
        fields=(*template.fields, table),
        layout=(*template.layout, Block("tabel", {"field": "peserta"})),
    )


def without_block(kind: str) -> Callable[[Template], Template]:
    """A template transform that removes every layout block of ``kind``."""

    def change(template: Template) -> Template:
        return dataclasses.replace(
            template, layout=tuple(b for b in template.layout if b.kind != kind)
        )

    return change


def profile_for(name: str, style: dict[str, Any], fonts: dict[str, str]) -> Profile:
    profile = load_profile(name)
    if style:
        profile = dataclasses.replace(profile, style=dataclasses.replace(profile.style, **style))
    if fonts:
        by_group = {**profile.fonts.by_group, **fonts}
        profile = dataclasses.replace(
            profile, fonts=dataclasses.replace(profile.fonts, by_group=by_group)
        )
    return profile


SMALL_KKA = "kode,nama\n000,Umum\n000.8,Organisasi\n000.8.3,Ketatalaksanaan\n000.8.3.9,Lain\n"


@dataclasses.dataclass(frozen=True)
class Case:
    """One draft variant and what a rule should say about it."""

    rule_id: str
    edit: Edit | None = None
    profile: str = DISKOMINFO
    style: dict[str, Any] = dataclasses.field(default_factory=dict)
    """Overrides of the profile's style."""
    fonts: dict[str, str] = dataclasses.field(default_factory=dict)
    template: Callable[[Template], Template] | None = None
    today: dt.date = TODAY
    kka: str | None = None
    """A KKA CSV to lint against instead of the shipped list."""
    field: str | None = None
    """The expected finding's field (positive cases)."""
    text: str = ""
    """Text the expected finding's message must contain (positive cases)."""
    invalid: bool = False
    """The edit makes validation fail (so the value is missing)."""

    def run(self) -> list[Finding]:
        template = load_template("surat_dinas")
        if self.template is not None:
            template = self.template(template)
        raw = sample_naskah()
        if self.edit is not None:
            self.edit(raw)
        values, problems = validate_values(template, raw)
        assert bool(problems) == self.invalid, problems
        tree: KkaTree | None = load_kka_csv(io.StringIO(self.kka)) if self.kka else None
        profile = profile_for(self.profile, self.style, self.fonts)
        return lint(template, profile, values, today=self.today, kka=tree)


def case(desc: str, rule_id: str, **kwargs: Any) -> Any:
    return pytest.param(Case(rule_id, **kwargs), id=f"{rule_id}-{desc}")


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


SIGNER = "penandatangan"
PLT = {"bentuk": "Plt.", "dasar": "Surat Perintah Gubernur Nomor 800.1.3.1/12/BKD"}
AN = {"bentuk": "a.n.", "atas_nama": "Gubernur Nusantara Raya"}
UB = {
    "bentuk": "u.b.",
    "atas_nama": "Gubernur Nusantara Raya",
    "jabatan_antara": "Sekretaris Daerah",
}
ISI_NO_LAMPIRAN = "Bersama ini kami sampaikan jadwal rapat.\n\nDemikian disampaikan."

POSITIVE = [
    # TND001 required parts
    case("hal-missing", "TND001", edit=drop("hal"), invalid=True, field="hal", text="Hal"),
    case(
        "hal-optional-but-printed",
        "TND001",
        edit=drop("hal"),
        template=field_changed("hal", required=False),
        field="hal",
        text="kepala surat Surat Dinas mencetak Hal",
    ),
    case(
        "signer-optional-but-signature-block",
        "TND001",
        edit=drop(SIGNER),
        template=field_changed(SIGNER, required=False),
        field=SIGNER,
        text="blok tanda tangan",
    ),
    # TND002 jabatan comma
    case(
        "period",
        "TND002",
        edit=put("penandatangan.jabatan", "Kepala Dinas Komunikasi dan Informatika."),
        field="penandatangan.jabatan",
        text='"KEPALA DINAS KOMUNIKASI DAN INFORMATIKA.,"',
    ),
    case(
        "semicolon",
        "TND002",
        edit=put("penandatangan.jabatan", "Kepala Dinas;"),
        field="penandatangan.jabatan",
        text='tanda baca ";"',
    ),
    case(
        "an-line",
        "TND002",
        edit=both(
            put("penandatangan.jabatan", "Sekretaris Daerah"),
            put("penandatangan.delegasi", {**AN, "atas_nama": "Gubernur Nusantara Raya."}),
        ),
        field="penandatangan.delegasi.atas_nama",
        text='"a.n. GUBERNUR NUSANTARA RAYA."',
    ),
    # TND003 typed delegation
    *[
        case(
            f"jabatan-{typed}",
            "TND003",
            edit=put("penandatangan.jabatan", f"{typed} Gubernur Nusantara Raya Sekretaris Daerah"),
            field="penandatangan.jabatan",
            text=f'"{typed}"',
        )
        for typed in ("A.N.", "An.", "a/n", "atas nama", "a.n.", "AN")
    ],
    *[
        case(
            f"antara-{typed}",
            "TND003",
            edit=both(
                put("penandatangan.jabatan", "Asisten Administrasi Umum"),
                put(
                    "penandatangan.delegasi", {**UB, "jabatan_antara": f"Sekretaris Daerah {typed}"}
                ),
            ),
            field="penandatangan.delegasi.jabatan_antara",
            text=f'"{typed}"',
        )
        for typed in ("U.B.", "ub.", "u/b")
    ],
    case(
        "atas-nama-repeats-an",
        "TND003",
        edit=both(
            put("penandatangan.jabatan", "Sekretaris Daerah"),
            put("penandatangan.delegasi", {**AN, "atas_nama": "A.N. Gubernur Nusantara Raya"}),
        ),
        field="penandatangan.delegasi.atas_nama",
        text='dicetak "a.n."',
    ),
    case(
        "plt-typed",
        "TND003",
        edit=put("penandatangan.jabatan", "Plt. Kepala Dinas Komunikasi dan Informatika"),
        field="penandatangan.jabatan",
        text='"Plt."',
    ),
    # TND004 Yth. to a person
    *[
        case(f"yth-{desc}", "TND004", edit=put("tujuan", [item]), field="tujuan[0]", text=clue)
        for desc, item, clue in (
            ("bapak", "Bapak Kepala Dinas Pendidikan", '"Bapak"'),
            ("ibu", "Ibu Sri Wahyuni", '"Ibu"'),
            ("sdr", "Sdr. Andi Wijaya", '"Sdr."'),
            ("title", "Dr. Andi Wijaya", '"Dr."'),
            ("hajah", "Hj. Siti Aminah", '"Hj."'),
            ("degree", "Andi Wijaya, S.Kom., M.T.", '"S.Kom."'),
            ("nip", "Andi Wijaya NIP 19900512 201503 1 001", "NIP"),
            ("double-yth", "Yth. Kepala Dinas Pendidikan", '"Yth."'),
        )
    ],
    case(
        "double-yth-even-if-persons-allowed",
        "TND004",
        edit=put("tujuan", ["Kepada Bapak Andi Wijaya"]),
        style={"yth_person_allowed": True},
        field="tujuan[0]",
        text='"Kepada"',
    ),
    # TND005 lampiran count
    case(
        "count-differs",
        "TND005",
        edit=put("jumlah_lampiran", 2),
        field="jumlah_lampiran",
        text="2 berkas",
    ),
    case("count-zero", "TND005", edit=put("jumlah_lampiran", 0), field="jumlah_lampiran"),
    case(
        "terlampir-without-lampiran",
        "TND005",
        edit=drop("lampiran"),
        field="isi",
        text='"terlampir"',
    ),
    # TND006 Yth. in tembusan
    case(
        "item",
        "TND006",
        edit=put("tembusan", ["Yth. Sekretaris Daerah Provinsi Nusantara Raya"]),
        field="tembusan[0]",
        text="tanpa",
    ),
    case(
        "label",
        "TND006",
        style={"tembusan_label": "Tembusan Yth.:"},
        field="tembusan",
        text='"Tembusan Yth.:"',
    ),
    case(
        "printed-twice",
        "TND006",
        profile=BKPSDM,
        edit=put("tembusan", ["Yth. Bupati Sukamaju (sebagai laporan)"]),
        field="tembusan[0]",
        text="dua kali",
    ),
    # TND007 Arsip
    case(
        "arsip", "TND007", edit=put("tembusan", ["Sekretaris Daerah", "Arsip"]), field="tembusan[1]"
    ),
    case("pertinggal", "TND007", edit=put("tembusan", ["Pertinggal"]), field="tembusan[0]"),
    # TND008 kepala daerah without (sebagai laporan)
    *[
        case(f"laporan-{i}", "TND008", edit=put("tembusan", [item]), field="tembusan[0]", text=item)
        for i, item in enumerate(
            ("Gubernur Nusantara Raya", "Wakil Bupati Sukamaju", "Wali Kota Sukamulya")
        )
    ],
    # TND009 Hal length
    case("hal-151", "TND009", edit=put("hal", "P" * 151), field="hal", text="151 karakter"),
    case(
        "hal-profile-limit",
        "TND009",
        profile=BKPSDM,
        edit=put("hal", "Penyampaian " + "a" * 110),
        field="hal",
        text="batas 120",
    ),
    # TND010 Hal period
    case("hal-period", "TND010", edit=put("hal", "Penyampaian SOP."), field="hal", text='SOP."'),
    # TND011 NIP dates
    case(
        "tmt-before-18",
        "TND011",
        edit=put("penandatangan.nip", "199005122005031001"),
        field="penandatangan.nip",
        text="sebelum usia 18",
    ),
    case(
        "tmt-future",
        "TND011",
        edit=put("penandatangan.nip", "199501012027011001"),
        field="penandatangan.nip",
        text="01/2027",
    ),
    case(
        "table-bad-nip",
        "TND011",
        template=with_peserta_table,
        edit=put("peserta", [{"nama": "Andi", "nip": "19900512"}]),
        field="peserta[0].nip",
        text="18 digit",
    ),
    case(
        "table-tmt",
        "TND011",
        template=with_peserta_table,
        edit=put("peserta", [{"nama": "Andi", "nip": "19900512 200503 1 001"}]),
        field="peserta[0].nip",
        text='"Andi"',
    ),
    # TND012 signer identity
    case(
        "pangkat-no-nip",
        "TND012",
        edit=drop("penandatangan.nip"),
        field="penandatangan.nip",
        text='"Pembina Utama Muda"',
    ),
    case(
        "golongan-no-pangkat",
        "TND012",
        edit=drop("penandatangan.pangkat"),
        field="penandatangan.pangkat",
        text='isi pangkat "Pembina Utama Muda"',
    ),
    # TND013/TND014 date
    case("future", "TND013", edit=put("tanggal", days(31)), field="tanggal", text="31 hari"),
    case(
        "future-profile", "TND013", profile=BKPSDM, edit=put("tanggal", days(15)), field="tanggal"
    ),
    case("old", "TND014", edit=put("tanggal", dt.date(2025, 11, 17)), field="tanggal"),
    case(
        "old-leap-day",
        "TND014",
        edit=put("tanggal", dt.date(2027, 2, 27)),
        today=dt.date(2028, 2, 29),
        field="tanggal",
    ),
    # TND015/TND016 KKA
    case("unknown", "TND015", edit=put("kka", "000.8.3.9"), field="kka", text="000.8.3 "),
    case("unknown-branch", "TND015", edit=put("kka", "KP.07.6"), field="kka", text='"KP.07.6"'),
    case("top-level", "TND016", edit=put("kka", "000"), field="kka", text="000.1"),
    case("top-level-ministry", "TND016", edit=put("kka", "HM"), field="kka", text='"HM"'),
    # TND017/TND018 salutation
    case(
        "dengan-hormat",
        "TND017",
        edit=put("isi", "Dengan hormat,\n\n" + sample_naskah()["isi"]),
        field="isi",
        text='"Dengan hormat,"',
    ),
    case(
        "twice",
        "TND018",
        style={"salam_pembuka": "Dengan hormat,"},
        edit=put("isi", "Dengan hormat,\n\n" + sample_naskah()["isi"]),
        field="isi",
    ),
    # TND019 Plt. basis
    *[
        case(
            f"{form}-without-dasar",
            "TND019",
            edit=put("penandatangan.delegasi", {"bentuk": form}),
            field="penandatangan.delegasi.dasar",
            text=form,
        )
        for form in ("Plt.", "Plh.", "Pj.")
    ],
    # TND020 a.n. own jabatan
    case(
        "an-self",
        "TND020",
        edit=put(
            "penandatangan.delegasi",
            {**AN, "atas_nama": "KEPALA DINAS KOMUNIKASI DAN INFORMATIKA,"},
        ),
        field="penandatangan.jabatan",
        text="dua kali",
    ),
    case(
        "ub-repeats",
        "TND020",
        edit=both(
            put("penandatangan.jabatan", "Sekretaris Daerah"),
            put("penandatangan.delegasi", UB),
        ),
        field="penandatangan.jabatan",
    ),
    # TND026 a.n. skipping levels of the hierarchy
    case(
        "kasubbag-an-gubernur",
        "TND026",
        edit=both(
            put("penandatangan.jabatan", "Kepala Subbagian Umum dan Kepegawaian"),
            put("penandatangan.delegasi", AN),
        ),
        field="penandatangan.jabatan",
        text="jenjang",
    ),
    case(
        "kasi-an-kadis",
        "TND026",
        edit=both(
            put("penandatangan.jabatan", "Kepala Seksi Persandian"),
            put(
                "penandatangan.delegasi",
                {"bentuk": "a.n.", "atas_nama": "Kepala Dinas Komunikasi dan Informatika"},
            ),
        ),
        field="penandatangan.jabatan",
    ),
    # TND021 font of legal products
    case(
        "penetapan-sans",
        "TND021",
        template=lambda t: dataclasses.replace(t, group="penetapan"),
        fonts={"penetapan": "sans"},
        field="",
        text="Bookman",
    ),
    # TND022 closing paragraph
    case(
        "no-closing",
        "TND022",
        edit=put("isi", "Bersama ini kami sampaikan SOP sebagaimana terlampir."),
        field="isi",
    ),
    # TND023 tembusan repeats tujuan
    case(
        "repeat",
        "TND023",
        edit=put(
            "tembusan", ["Kepala Perangkat Daerah di Lingkungan Pemerintah Provinsi Nusantara Raya"]
        ),
        field="tembusan[0]",
    ),
    # TND024 "di"
    case("di-doubled", "TND024", edit=put("di", "di Tempat"), field="di", text='"di Tempat"'),
    case("di-dash", "TND024", edit=put("di", "-"), field="di", text="tanda pisah"),
    # TND025 pangkat/golongan
    case(
        "mismatch",
        "TND025",
        edit=put("penandatangan.pangkat", "Penata"),
        field="penandatangan.pangkat",
        text='"Pembina Utama Muda"',
    ),
    case(
        "golongan-in-pangkat",
        "TND025",
        edit=put("penandatangan.pangkat", "Pembina Utama Muda (IV/c)"),
        field="penandatangan.pangkat",
    ),
    case(
        "bad-golongan",
        "TND025",
        edit=put("penandatangan.golongan", "IV-c"),
        field="penandatangan.golongan",
        text='"IV-c"',
    ),
]

NEGATIVE = [
    case("optional-empty", "TND001", edit=drop("tembusan")),
    case(
        "hal-not-printed",
        "TND001",
        edit=drop("hal"),
        template=lambda t: field_changed("hal", required=False)(
            dataclasses.replace(
                t,
                layout=tuple(
                    dataclasses.replace(
                        b,
                        params={**b.params, "rows": [{"label": "Nomor", "field": "nomor_tampil"}]},
                    )
                    if b.kind == "kepala_surat"
                    else b
                    for b in t.layout
                ),
            )
        ),
    ),
    case("typed-comma", "TND002", edit=put("penandatangan.jabatan", "Kepala Dinas Kominfo,")),
    case(
        "ub-lines",
        "TND002",
        edit=both(
            put("penandatangan.jabatan", "Asisten Administrasi Umum"),
            put("penandatangan.delegasi", UB),
        ),
    ),
    *[
        case(f"word-{i}", "TND003", edit=put("penandatangan.jabatan", jabatan))
        for i, jabatan in enumerate(
            (
                "Analis Kebijakan Ahli Madya",
                "Kepala Sub Bagian Umum dan Kepegawaian",
                "Kepala Dinas Pangan",
                "Kepala UPTD Pengelolaan Air Limbah Domestik",
                "Pjs Kepala Seksi",
            )
        )
    ],
    case(
        "structured-an",
        "TND003",
        edit=both(
            put("penandatangan.jabatan", "Sekretaris Daerah"), put("penandatangan.delegasi", AN)
        ),
    ),
    *[
        case(f"jabatan-{i}", "TND004", edit=put("tujuan", [item]))
        for i, item in enumerate(
            (
                "Direktur RSUD Dr. Soetomo",
                "Kepala Dinas Pendidikan, Pemuda dan Olahraga",
                "Kepala Otorita Ibu Kota Nusantara",
                "Kepala Dinas Kesehatan u.p. Kepala Bidang Pelayanan",
                "Ibukota Provinsi Nusantara Raya",
            )
        )
    ],
    case(
        "persons-allowed",
        "TND004",
        edit=put("tujuan", ["Bapak Andi Wijaya, S.Kom."]),
        style={"yth_person_allowed": True},
    ),
    case(
        "lembar", "TND005", edit=both(put("jumlah_lampiran", 3), put("satuan_lampiran", "lembar"))
    ),
    case("same-count", "TND005", edit=put("jumlah_lampiran", 1)),
    case(
        "separate-berkas",
        "TND005",
        edit=both(drop("lampiran"), put("jumlah_lampiran", 1)),
    ),
    case("no-mention", "TND005", edit=both(drop("lampiran"), put("isi", ISI_NO_LAMPIRAN))),
    case(
        "allowed",
        "TND006",
        style={"tembusan_yth_allowed": True},
        edit=put("tembusan", ["Yth. Sekretaris Daerah"]),
    ),
    case("pemda-label", "TND006", profile=BKPSDM),
    case("kearsipan", "TND007", edit=put("tembusan", ["Kepala Dinas Perpustakaan dan Kearsipan"])),
    case("sebagai-laporan", "TND008", edit=put("tembusan", ["Bupati Sukamaju sebagai laporan"])),
    case("biro", "TND008", edit=put("tembusan", ["Kepala Biro Pemerintahan Sekretariat Daerah"])),
    case("hal-150", "TND009", edit=put("hal", "P" * 150)),
    case("hal-inner-period", "TND010", edit=put("hal", "Penyampaian SOP Ver. 2")),
    case("hal-degree", "TND010", edit=put("hal", "Keterangan Aktif Bekerja a.n. Dimas, S.T.")),
    case("hal-etc", "TND010", edit=put("hal", "Pengadaan Laptop, Printer, dsb.")),
    case("tmt-at-18", "TND011", edit=put("penandatangan.nip", "199005122008051001")),
    case("tmt-this-month", "TND011", edit=put("penandatangan.nip", "199501012026111001")),
    case(
        "table-good-nip",
        "TND011",
        template=with_peserta_table,
        edit=put("peserta", [{"nama": "Andi", "nip": "19900512 201503 1 001"}, {"nama": "Budi"}]),
    ),
    case(
        "political-official",
        "TND012",
        edit=both(
            drop("penandatangan.nip"), drop("penandatangan.pangkat"), drop("penandatangan.golongan")
        ),
    ),
    case(
        "pppk",
        "TND012",
        edit=both(drop("penandatangan.pangkat"), put("penandatangan.golongan", "IX")),
    ),
    case("within-limit", "TND013", edit=put("tanggal", days(30))),
    case("exactly-a-year", "TND014", edit=put("tanggal", dt.date(2025, 11, 18))),
    case("listed", "TND015", edit=put("kka", "000.8.3.3")),
    case("office-list", "TND015", edit=put("kka", "000.8.3.9"), kka=SMALL_KKA),
    case("top-level-not-unknown", "TND015", edit=put("kka", "HM")),
    case("second-level", "TND016", edit=put("kka", "000.8")),
    case(
        "mid-body",
        "TND017",
        edit=put("isi", "Bersama ini, dengan hormat kami sampaikan SOP.\n\nDemikian disampaikan."),
    ),
    case(
        "profile-has-salam",
        "TND017",
        style={"salam_pembuka": "Dengan hormat,"},
        edit=put("isi", "Dengan hormat,\n\nDemikian disampaikan."),
    ),
    case("salam-once", "TND018", style={"salam_pembuka": "Dengan hormat,"}),
    case(
        "no-salam-block",
        "TND018",
        style={"salam_pembuka": "Dengan hormat,"},
        template=without_block("salam"),
        edit=put("isi", "Dengan hormat,\n\nDemikian disampaikan."),
    ),
    case("plt-with-dasar", "TND019", edit=put("penandatangan.delegasi", PLT)),
    case(
        "an-superior",
        "TND020",
        edit=both(
            put("penandatangan.jabatan", "Sekretaris Daerah"), put("penandatangan.delegasi", AN)
        ),
    ),
    case(
        "sekda-an-gubernur",
        "TND026",
        edit=both(
            put("penandatangan.jabatan", "Sekretaris Daerah"), put("penandatangan.delegasi", AN)
        ),
    ),
    case(
        "kabid-an-kadis",
        "TND026",
        edit=both(
            put("penandatangan.jabatan", "Kepala Bidang Persandian"),
            put(
                "penandatangan.delegasi",
                {"bentuk": "a.n.", "atas_nama": "Kepala Dinas Komunikasi dan Informatika"},
            ),
        ),
    ),
    case("ub-one-level-each", "TND026", edit=put("penandatangan.delegasi", UB)),
    case("penetapan-serif", "TND021", template=lambda t: dataclasses.replace(t, group="penetapan")),
    case("korespondensi-sans", "TND021"),
    case(
        "atas-perhatian",
        "TND022",
        edit=put("isi", "Kami sampaikan SOP.\n\nAtas perhatian Saudara, terima kasih."),
    ),
    case(
        "not-a-letter",
        "TND022",
        template=without_block("kepala_surat"),
        edit=put("isi", "Kami sampaikan SOP."),
    ),
    case(
        "distinct", "TND023", edit=put("tembusan", ["Kepala Perangkat Daerah Kabupaten Sukamaju"])
    ),
    case("dili", "TND024", edit=put("di", "Dili")),
    case("tempat", "TND024", edit=put("di", "Tempat")),
    case(
        "tingkat-abbreviated",
        "TND025",
        edit=both(
            put("penandatangan.pangkat", "Pembina Tk. I"), put("penandatangan.golongan", "IV/b")
        ),
    ),
    case("military-rank", "TND025", edit=put("penandatangan.pangkat", "Kolonel")),
]


@pytest.mark.parametrize("c", POSITIVE)
def test_rule_reports(c: Case) -> None:
    findings = [f for f in c.run() if f.rule_id == c.rule_id]
    assert findings, f"{c.rule_id} found nothing"
    rule = rule_by_id(c.rule_id)
    assert all(f.severity is rule.severity for f in findings)
    if c.field is not None:
        assert c.field in [f.field for f in findings], findings
    if c.text:
        assert any(c.text in f.message for f in findings), findings


@pytest.mark.parametrize("c", NEGATIVE)
def test_rule_stays_silent(c: Case) -> None:
    assert [f for f in c.run() if f.rule_id == c.rule_id] == []


def test_every_rule_has_positive_and_negative_cases() -> None:
    ids = {r.id for r in RULES}
    assert {p.values[0].rule_id for p in POSITIVE} == ids
    assert {p.values[0].rule_id for p in NEGATIVE} == ids


# -- the whole run ----------------------------------------------------------------------------


@pytest.mark.parametrize("profile", [DISKOMINFO, BKPSDM])
def test_shipped_surat_dinas_sample_is_clean(profile: str) -> None:
    assert Case("", profile=profile).run() == []


@pytest.mark.parametrize("path", sorted(SAMPLES_DIR.glob("*.toml")), ids=lambda p: p.stem)
def test_shipped_samples_have_no_errors(path: Path) -> None:
    try:
        prepared = prepare(load_draft(path))
    except TemplateError as exc:  # the sample's template is still being written
        pytest.skip(str(exc))
    tanggal = prepared.values.get("tanggal")
    today = tanggal if isinstance(tanggal, dt.date) else TODAY  # as if checked on its date
    findings = lint(prepared.template, prepared.profile, prepared.values, today=today)
    errors = [str(f) for f in findings if f.severity is Severity.ERROR]
    assert errors == [], prepared.problems


def test_findings_sorted_by_severity_then_rule() -> None:
    edit = both(
        put("hal", "Penyampaian SOP."),  # TND010 warning
        put("tanggal", days(60)),  # TND013 error
        put("tembusan", ["Bupati Sukamaju", "Arsip"]),  # TND008 info, TND007 warning
        put("penandatangan.jabatan", "A.N. Gubernur Sekretaris Daerah."),  # TND002, TND003
    )
    findings = Case("", edit=edit).run()
    assert [f.rule_id for f in findings] == [
        "TND002", "TND003", "TND013", "TND007", "TND010", "TND008",
    ]  # fmt: skip
    ranks = [f.severity.rank for f in findings]
    assert ranks == sorted(ranks)


def test_today_is_an_argument() -> None:
    late = Case("", today=dt.date(2027, 12, 1)).run()
    assert [f.rule_id for f in late] == ["TND014"]
    assert Case("", today=dt.date(2026, 9, 1)).run()[0].rule_id == "TND013"


def test_counts_as_failure() -> None:
    info = Finding("TND008", "tembusan[0]", Severity.INFO, "…")
    warning = Finding("TND010", "hal", Severity.WARNING, "…")
    error = Finding("TND001", "hal", Severity.ERROR, "…")
    assert not counts_as_failure([])
    assert not counts_as_failure([info])
    assert counts_as_failure([info, warning])
    assert counts_as_failure([error])


def test_finding_str_names_rule_severity_and_field() -> None:
    finding = Finding("TND010", "hal", Severity.WARNING, "Hal diakhiri tanda titik.")
    assert str(finding) == "TND010 [peringatan] hal: Hal diakhiri tanda titik."


def test_rule_catalogue() -> None:
    ids = [r.id for r in RULES]
    assert len(RULES) >= 12
    assert ids == sorted(set(ids))
    for r in RULES:
        assert re.fullmatch(r"TND\d{3}", r.id)
        assert r.title
        assert "\n" not in r.title
        assert r.rationale
        assert "\n" not in r.rationale
        assert callable(r.check)
    assert rule_by_id("TND001").severity is Severity.ERROR
    with pytest.raises(KeyError):
        rule_by_id("TND999")


def test_lint_can_run_selected_rules() -> None:
    template = load_template("surat_dinas")
    raw = sample_naskah()
    raw["hal"] = "Penyampaian SOP."
    raw["tanggal"] = days(90)
    values, _ = validate_values(template, raw)
    only = [rule_by_id("TND010")]
    findings = lint(template, load_profile(DISKOMINFO), values, today=TODAY, rules=only)
    assert [f.rule_id for f in findings] == ["TND010"]
