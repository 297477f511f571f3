"""The KKA tree, its CSV loader, the shipped list and tnde.resources."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import tnde.resources
from tnde.errors import DataFileError
from tnde.numbering import (
    NASIB_AKHIR,
    KkaTree,
    Klasifikasi,
    default_kka,
    load_kka_csv,
    parent_code,
)
from tnde.resources import resource_path

HEADER = "kode,nama,retensi_aktif,retensi_inaktif,nasib_akhir,klas_keamanan\n"
SMALL = HEADER + (
    "000,Umum,,,,\n"
    "000.1,Ketatausahaan dan Kerumahtanggaan,,,,\n"
    "000.1.10,Ketertiban dan Keamanan,,,,\n"
    "000.1.2,Perjalanan Dinas Dalam Negeri,,,,\n"
    "000.1.2.3,Perjalanan Dinas Pegawai,5,3,musnah,Biasa/Terbuka\n"
    "000.5,Kearsipan,,,,\n"
    "000.5.6.2,Pemusnahan Arsip,,,,\n"
    "000.5.6,Penyusutan Arsip,,,,\n"
    "400,Kesejahteraan Rakyat,,,,\n"
)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A folder whose path has spaces and non-ASCII letters, like real office PCs."""
    folder = tmp_path / "Data Kantor Arsip é"
    folder.mkdir()
    return folder


def _write(folder: Path, text: str, name: str = "kka kantor.csv") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _tree(text: str = SMALL) -> KkaTree:
    return load_kka_csv(io.StringIO(text, newline=""), source_name="kka.csv")


# -- loading -----------------------------------------------------------------------------------


def test_load_from_path(data_dir: Path) -> None:
    tree = load_kka_csv(_write(data_dir, SMALL))
    assert len(tree) == 9
    item = tree.get("000.1.2.3")
    assert item == Klasifikasi(
        kode="000.1.2.3",
        nama="Perjalanan Dinas Pegawai",
        parent="000.1.2",
        retensi_aktif=5,
        retensi_inaktif=3,
        nasib_akhir="Musnah",
        klas_keamanan="Biasa/Terbuka",
    )
    assert tree.get("000.1.2") == Klasifikasi("000.1.2", "Perjalanan Dinas Dalam Negeri", "000.1")


def test_load_from_stream_and_minimal_columns() -> None:
    tree = _tree("nama,kode,keterangan\nUmum,000,x\nKearsipan,000.5,y\n")
    assert [k.kode for k in tree] == ["000", "000.5"]
    assert tree.get("000.5") == Klasifikasi("000.5", "Kearsipan", "000")


def test_bom_header_case_blank_rows_and_quoted_commas(data_dir: Path) -> None:
    text = (
        "\ufeffKode , NAMA\n"
        "000,Umum\n"
        ",\n"
        "\n"
        '000.1,"Pemeliharaan Gedung, Taman, dan Peralatan Kantor"\n'
    )
    tree = load_kka_csv(_write(data_dir, text))
    assert tree.get("000.1") is not None
    assert tree.get("000.1").nama == "Pemeliharaan Gedung, Taman, dan Peralatan Kantor"  # type: ignore[union-attr]


def test_alphabetic_codes() -> None:
    tree = _tree("kode,nama\nUM,Umum\nUM.02,Ketatausahaan\nUM.02.01,Persuratan\nKA,Kearsipan\n"
                 "KA.220,Penyusutan\nKP,Kepegawaian\nKP.07,Disiplin\nKP.07.6,Sanksi\n")  # fmt: skip
    assert tree.get("KA.220").parent == "KA"  # type: ignore[union-attr]
    assert [k.kode for k in tree.ancestors("UM.02.01")] == ["UM", "UM.02"]
    assert [k.kode for k in tree.roots()] == ["KA", "KP", "UM"]


@pytest.mark.parametrize("value", NASIB_AKHIR)
def test_nasib_akhir_is_canonicalised(value: str) -> None:
    tree = _tree(f"kode,nama,nasib_akhir\n000,Umum,{value.upper()}\n")
    assert tree.get("000").nasib_akhir == value  # type: ignore[union-attr]


def test_load_from_traversable() -> None:
    tree = load_kka_csv(resource_path("kka", "kka.csv"), source_name="shipped")
    assert "000.8.3.3" in tree


# -- errors name the file and the row ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ("kode,nama\n000,Umum\n000.1.2,Perjalanan Dinas\n", "row 3",
         "parent 000.1 of 000.1.2 is not listed"),
        ("kode,nama\n000.1.2,Perjalanan Dinas\n000,Umum\n", "row 2",
         "parent 000.1 of 000.1.2 is not listed"),
        ("kode,nama\n000,Umum\n000,Umum lagi\n", "row 3", "duplicate code 000 (first in row 2)"),
        ("kode,nama\n00.1,X\n", "row 2", "invalid code '00.1'"),
        ("kode,nama\n0001,X\n", "row 2", "invalid code"),
        ("kode,nama\n000..1,X\n", "row 2", "invalid code"),
        ("kode,nama\n000.1a,X\n", "row 2", "invalid code"),
        ("kode,nama\nkp.07,X\n", "row 2", "invalid code"),
        ("kode,nama\nKP.7.6,X\n", "row 2", "invalid code"),
        ("kode,nama\n,Umum\n", "row 2", "invalid code ''"),
        ("kode,nama\n000,\n", "row 2", "nama is empty for 000"),
        ("kode,nama,retensi_aktif\n000,Umum,2 Tahun\n", "row 2",
         "retensi_aktif must be a whole number of years, not '2 Tahun'"),
        ("kode,nama,retensi_inaktif\n000,Umum,-1\n", "row 2", "retensi_inaktif"),
        ("kode,nama,nasib_akhir\n000,Umum,Hapus\n", "row 2", "nasib_akhir must be one of"),
        ("kode,nama\n000,Pemeliharaan Gedung, Taman\n", "row 2", "3 cells but the header has 2"),
        ("kode,nama\n000,Umum\n\n\n000.9.1,X\n", "row 5", "parent 000.9"),
        ("nama\nUmum\n", "row 1", "missing column 'kode'"),
        ("kode;nama\n000;Umum\n", "row 1", "missing column 'kode'"),
        ("", "", "the file is empty"),
        ("kode,nama\n", "", "no classification codes"),
        ("kode,nama\n,\n", "", "no classification codes"),
    ],
)  # fmt: skip
def test_csv_errors(data_dir: Path, text: str, key: str, problem: str) -> None:
    path = _write(data_dir, text)
    with pytest.raises(DataFileError) as excinfo:
        load_kka_csv(path)
    err = excinfo.value
    assert (err.path, err.key) == (str(path), key)
    assert problem in err.problem
    assert str(path) in str(err)
    if key:
        assert f"[{key}]" in str(err)


def test_not_utf8(data_dir: Path) -> None:
    path = data_dir / "kka latin1.csv"
    path.write_bytes("kode,nama\n000,Umum\n000.1,Pemeliharaan Gedung é\n".encode("latin-1"))
    with pytest.raises(DataFileError, match="not UTF-8") as excinfo:
        load_kka_csv(path)
    assert excinfo.value.path == str(path)


def test_malformed_csv(data_dir: Path) -> None:
    path = _write(data_dir, "kode,nama\n000,Umum\n000.1," + "x" * 200_000 + "\n")
    with pytest.raises(DataFileError, match="malformed CSV") as excinfo:
        load_kka_csv(path)
    assert excinfo.value.key == "row 3"


def test_not_utf8_stream(data_dir: Path) -> None:
    path = data_dir / "kka latin1.csv"
    path.write_bytes("kode,nama\n000,Pemeliharaan Gedung \xe9\n".encode("latin-1"))
    with path.open(encoding="utf-8", newline="") as stream, pytest.raises(DataFileError) as excinfo:
        load_kka_csv(stream)
    assert (excinfo.value.path, excinfo.value.problem) == (str(path), "not UTF-8 text")


def test_missing_file(data_dir: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read file") as excinfo:
        load_kka_csv(data_dir / "tidak ada.csv")
    assert excinfo.value.key == ""


def test_source_name_is_used_for_streams() -> None:
    with pytest.raises(DataFileError) as excinfo:
        load_kka_csv(io.StringIO("kode,nama\n000.1,X\n"), source_name="impor SRIKANDI.csv")
    assert str(excinfo.value) == "impor SRIKANDI.csv [row 2]: parent 000 of 000.1 is not listed"


# -- navigation --------------------------------------------------------------------------------


def test_children_in_natural_order() -> None:
    tree = _tree()
    assert [k.kode for k in tree.children("000.1")] == ["000.1.2", "000.1.10"]
    assert [k.kode for k in tree.children("000")] == ["000.1", "000.5"]
    assert tree.children("000.1.2.3") == ()
    assert [k.kode for k in tree.roots()] == ["000", "400"]


def test_ancestors() -> None:
    tree = _tree()
    assert [k.kode for k in tree.ancestors("000.5.6.2")] == ["000", "000.5", "000.5.6"]
    assert tree.ancestors("000") == ()


def test_unknown_codes() -> None:
    tree = _tree()
    assert tree.get("999") is None
    assert "999" not in tree
    assert 0 not in tree
    with pytest.raises(KeyError):
        tree.children("999")
    with pytest.raises(KeyError):
        tree.ancestors("999")


def test_search() -> None:
    tree = _tree()
    assert [k.kode for k in tree.search("perjalanan")] == ["000.1.2", "000.1.2.3"]
    assert [k.kode for k in tree.search("000.5.6")] == ["000.5.6", "000.5.6.2"]
    assert [k.kode for k in tree.search("  ARSIP ")] == ["000.5", "000.5.6", "000.5.6.2"]
    assert len(tree.search("")) == len(tree)
    assert tree.search("tidak ada") == ()


def test_iteration_and_len() -> None:
    tree = _tree()
    codes = [k.kode for k in tree]
    assert len(codes) == len(tree) == 9
    assert codes.index("000.1.2") < codes.index("000.1.10")
    assert "9 codes" in repr(tree)


def test_parent_code() -> None:
    assert parent_code("000.1.2.3") == "000.1.2"
    assert parent_code("KP.07.6") == "KP.07"
    assert parent_code("000") is None


def test_tree_constructor_checks() -> None:
    umum = Klasifikasi("000", "Umum", None)
    with pytest.raises(ValueError, match="duplicate"):
        KkaTree([umum, umum])
    with pytest.raises(ValueError, match="parent"):
        KkaTree([Klasifikasi("000.1", "X", "000")])
    with pytest.raises(ValueError, match="parent"):
        KkaTree([umum, Klasifikasi("100.1", "X", "000")])


# -- the shipped list --------------------------------------------------------------------------


def test_shipped_list_loads() -> None:
    tree = default_kka()
    assert 60 <= len(tree) <= 200
    assert default_kka() is tree
    assert [k.kode for k in tree.roots()] == [f"{n}00" for n in range(10)]
    for item in tree:
        assert item.parent is None or item.parent in tree


@pytest.mark.parametrize(
    ("kode", "nama"),
    [
        ("000", "Umum"),
        ("000.1.2.3", "Perjalanan Dinas Pegawai"),
        ("000.1.5", "Rapat Pimpinan (Notula/Risalah Rapat)"),
        ("000.5.3.1", "Penciptaan"),
        ("000.5.6.1", "Pemindahan Arsip"),
        ("000.5.6.2", "Pemusnahan Arsip"),
        ("000.8.3.3", "Standar Operasional Prosedur"),
        ("100.3.3", "Keputusan/Ketetapan Pimpinan Pemerintah"),
        ("400.3", "Pendidikan"),
        ("400.14", "Hubungan Masyarakat"),
        ("800.1.11.1", "Surat Perintah Dinas/Surat Tugas"),
        ("900", "Keuangan"),
    ],
)
def test_shipped_codes(kode: str, nama: str) -> None:
    item = default_kka().get(kode)
    assert item is not None
    assert item.nama == nama


def test_shipped_list_covers_second_levels() -> None:
    tree = default_kka()
    assert len(tree.children("000")) == 9
    assert len(tree.children("400")) == 14
    assert len(tree.children("500")) == 18
    for top in ("100", "200", "300", "600", "700", "800", "900"):
        assert tree.children(top), top


# -- resources ---------------------------------------------------------------------------------


def test_resource_path_finds_shipped_files() -> None:
    csv_file = resource_path("kka", "kka.csv")
    assert csv_file.is_file()
    assert csv_file.read_text(encoding="utf-8").startswith("kode,nama")
    assert resource_path("kka").is_dir()


def test_resource_path_falls_back_to_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_installed(package: str) -> object:
        raise ModuleNotFoundError(package)

    monkeypatch.setattr("importlib.resources.files", not_installed)
    expected = Path(tnde.__file__).resolve().parent.parent / "resources" / "kka" / "kka.csv"
    assert resource_path("kka", "kka.csv") == expected


def test_resource_path_prefers_installed_package(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    monkeypatch.setattr("importlib.resources.files", lambda package: data_dir)
    assert resource_path("kka", "kka.csv") == data_dir / "kka" / "kka.csv"
