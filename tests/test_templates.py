"""Templates are data: they load, they are checked strictly, and a new jenis needs no code."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

from tnde.errors import TemplateError
from tnde.profiles import load_profile
from tnde.render import render_letter
from tnde.templates.blocks import BLOCK_KINDS
from tnde.templates.loader import load_all_templates, load_template, templates_dir
from tnde.templates.values import Signer, validate_values

if TYPE_CHECKING:
    from pathlib import Path

REQUIRED_JENIS = {
    "surat_dinas",
    "surat_undangan",
    "nota_dinas",
    "memo",
    "surat_edaran",
    "surat_perintah",
    "surat_tugas",
    "keputusan",
    "berita_acara",
    "surat_keterangan",
    "surat_kuasa",
    "pengumuman",
    "laporan",
    "telaahan_staf",
    "notula",
    "lembar_disposisi",
    "surat_pengantar",
}


def test_all_required_jenis_ship() -> None:
    shipped = {t.jenis for t in load_all_templates()}
    assert shipped >= REQUIRED_JENIS


def test_every_template_uses_known_blocks_and_has_a_signature_or_form() -> None:
    for template in load_all_templates():
        kinds = {b.kind for b in template.layout}
        assert kinds <= set(BLOCK_KINDS)
        assert kinds & {"tanda_tangan", "tanda_tangan_ganda", "lembar_disposisi"}, template.jenis
        assert all(f.label and f.type for f in template.fields)


def copy_templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templat kantor"
    folder.mkdir()
    shutil.copy(templates_dir() / "_fields.toml", folder)
    shutil.copy(templates_dir() / "surat_dinas.toml", folder)
    return folder


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        ('block = "kepala_surat"', 'block = "kepala_surat_x"', "layout[1].block", "tidak dikenal"),
        (
            'indent = "kepala"',
            'indent = "kepala"\nwarna = "merah"',
            "layout[3].warna",
            "tidak punya parameter",
        ),
        (
            'block = "tembusan"\nfield = "tembusan"',
            'block = "tembusan"\nfield = "cc"',
            "layout[5].field",
            "tidak ada isian 'cc'",
        ),
        ('use = "hal"', 'use = "perihal"', "fields[7].use", "tidak ada isian bersama"),
        (
            'label = "Surat {penandatangan.jabatan_naskah}"',
            'label = "Surat {pejabat.jabatan}"',
            "layout[6].label",
            "penanda {pejabat}",
        ),
        (
            '[[fields]]\nuse = "di"',
            '[[fields]]\nuse = "di"\ntype = "warna"',
            "fields[9].type",
            "bukan salah satu dari",
        ),
        ('[[fields]]\nuse = "di"', '[[fields]]\nuse = "hal"', "fields", "didefinisikan dua kali"),
        ('group = "korespondensi"', 'group = "surat"', "group", "bukan salah satu dari"),
    ],
)
def test_template_errors_name_file_and_key(
    tmp_path: Path, old: str, new: str, key: str, problem: str
) -> None:
    folder = copy_templates(tmp_path)
    path = folder / "surat_dinas.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_template("surat_dinas", folder)
    assert info.value.path == str(path)
    assert info.value.key == key
    assert problem in info.value.problem


def test_unknown_jenis_lists_the_known_ones() -> None:
    with pytest.raises(TemplateError, match=r"jenis naskah tidak dikenal .*surat_dinas"):
        load_template("surat_cinta")


def test_new_jenis_from_data_alone(tmp_path: Path) -> None:
    """An office adds "Surat Pernyataan" with a TOML file and renders it, without Python."""
    folder = copy_templates(tmp_path)
    (folder / "surat_pernyataan.toml").write_text(
        """
schema_version = 1
jenis = "surat_pernyataan"
nama = "Surat Pernyataan Melaksanakan Tugas"
kode = "SPMT"
group = "khusus"
[[fields]]
use = "nomor"
[[fields]]
use = "tanggal"
[[fields]]
name = "pegawai"
type = "person"
label = "Pegawai"
required = true
[[fields]]
use = "penandatangan"
[[layout]]
block = "kop"
[[layout]]
block = "judul"
text = "Surat Pernyataan Melaksanakan Tugas"
nomor = true
[[layout]]
block = "teks"
text = "Yang bertanda tangan di bawah ini menyatakan dengan sesungguhnya bahwa:"
[[layout]]
block = "daftar"
rows = [{label = "Nama", field = "pegawai.nama"}, {label = "NIP", field = "pegawai.nip"}]
[[layout]]
block = "teks"
text = "telah nyata melaksanakan tugas sejak tanggal {tanggal}."
[[layout]]
block = "tempat_tanggal"
[[layout]]
block = "tanda_tangan"
field = "penandatangan"
""",
        encoding="utf-8",
    )
    template = load_template("surat_pernyataan", folder)
    values, problems = validate_values(
        template,
        {
            "tanggal": "2026-11-02",
            "pegawai": {"nama": "Sari Wulandari, S.E.", "nip": "199001152015032002"},
            "penandatangan": {
                "jabatan": "Kepala Badan",
                "nama": "Ir. Joko Prasetyo",
                "nip": "197203051998031004",
            },
        },
    )
    assert problems == []
    result = render_letter(template, load_profile("bkpsdm-kabupaten-sukamaju"), values)
    assert result.pages == 1
    assert result.pdf.startswith(b"%PDF")


SIGNER = {"jabatan": "Kepala Dinas", "nama": "Budi", "nip": "196708271994031001"}


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"hal": ""}, "hal", "required"),
        ({"hal": "x" * 301}, "hal", "too_long"),
        ({"sifat": "Penting"}, "sifat", "choice"),
        ({"kka": "umum"}, "kka", "kka_format"),
        ({"tanggal": "31 Februari 2026"}, "tanggal", "bad_date"),
        ({"tujuan": []}, "tujuan", "required"),
        ({"tujuan": [""]}, "tujuan[0]", "bad_item"),
        ({"penandatangan": {**SIGNER, "nip": "1967"}}, "penandatangan.nip", "nip_length"),
        ({"penandatangan": {**SIGNER, "jabatan": ""}}, "penandatangan.jabatan", "required"),
        ({"penandatangan": {**SIGNER, "gelar": "x"}}, "penandatangan.gelar", "unknown_key"),
        (
            {"penandatangan": {**SIGNER, "delegasi": {"bentuk": "an"}}},
            "penandatangan.delegasi.bentuk",
            "delegation_form",
        ),
        (
            {"penandatangan": {**SIGNER, "delegasi": {"bentuk": "u.b.", "atas_nama": "Gubernur"}}},
            "penandatangan.delegasi.jabatan_antara",
            "required",
        ),
        ({"lampiran": [{"judul": ""}]}, "lampiran[0].judul", "required"),
        ({"warna": "merah"}, "warna", "unknown_field"),
    ],
)
def test_value_problems_name_the_field(change: dict[str, object], field: str, code: str) -> None:
    raw: dict[str, object] = {
        "tanggal": "2026-11-20",
        "kka": "000.8.3.3",
        "hal": "Uji",
        "tujuan": ["Kepala Dinas"],
        "isi": "Isi.",
        "penandatangan": SIGNER,
    }
    raw.update(change)
    _, problems = validate_values(load_template("surat_dinas"), raw)
    assert [(p.field, p.code) for p in problems] == [(field, code)]


def test_delegation_is_parsed() -> None:
    raw = {
        "tanggal": "2026-11-20",
        "kka": "000.8.3.3",
        "hal": "Uji",
        "tujuan": ["Kepala"],
        "isi": "Isi.",
        "penandatangan": {
            **SIGNER,
            "delegasi": {
                "bentuk": "u.b.",
                "atas_nama": "Gubernur Nusantara Raya",
                "jabatan_antara": "Sekretaris Daerah",
            },
        },
    }
    values, problems = validate_values(load_template("surat_dinas"), raw)
    assert problems == []
    signer = values["penandatangan"]
    assert isinstance(signer, Signer)
    assert signer.delegasi is not None
    assert signer.delegasi.jabatan_antara == "Sekretaris Daerah"


@pytest.mark.parametrize("blank", ["", "   ", "\t\n "])
def test_a_required_text_of_spaces_is_as_empty_as_none(blank: str) -> None:
    template = load_template("surat_dinas")
    _, problems = validate_values(template, {"hal": blank})
    assert "hal" in {p.field for p in problems if p.code == "required"}
