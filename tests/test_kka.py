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
        ("kode,nama\n000,Umum\n000.1.2,Perjalanan Dinas\n", "baris 3",
         "induk 000.1 dari 000.1.2 tidak tercantum"),
        ("kode,nama\n000.1.2,Perjalanan Dinas\n000,Umum\n", "baris 2",
         "induk 000.1 dari 000.1.2 tidak tercantum"),
        ("kode,nama\n000,Umum\n000,Umum lagi\n", "baris 3",
         "kode ganda 000 (pertama kali di baris 2)"),
        ("kode,nama\n00.1,X\n", "baris 2", "kode '00.1' tidak sah"),
        ("kode,nama\n0001,X\n", "baris 2", "kode '0001' tidak sah"),
        ("kode,nama\n000..1,X\n", "baris 2", "kode '000..1' tidak sah"),
        ("kode,nama\n000.1a,X\n", "baris 2", "kode '000.1a' tidak sah"),
        ("kode,nama\nkp.07,X\n", "baris 2", "kode 'kp.07' tidak sah"),
        ("kode,nama\nKP.7.6,X\n", "baris 2", "kode 'KP.7.6' tidak sah"),
        ("kode,nama\n,Umum\n", "baris 2", "kode '' tidak sah"),
        ("kode,nama\n000,\n", "baris 2", "nama kosong untuk 000"),
        ("kode,nama,retensi_aktif\n000,Umum,2 Tahun\n", "baris 2",
         "retensi_aktif harus bilangan bulat tahun, bukan '2 Tahun'"),
        ("kode,nama,retensi_inaktif\n000,Umum,-1\n", "baris 2", "retensi_inaktif"),
        ("kode,nama,nasib_akhir\n000,Umum,Hapus\n", "baris 2", "nasib_akhir harus salah satu dari"),
        ("kode,nama\n000,Pemeliharaan Gedung, Taman\n", "baris 2",
         "3 sel, padahal baris judul berisi 2"),
        ("kode,nama\n000,Umum\n\n\n000.9.1,X\n", "baris 5", "induk 000.9"),
        ("nama\nUmum\n", "baris 1", "kolom 'kode' tidak ada"),
        ("kode;nama\n000;Umum\n", "baris 1", "kolom 'kode' tidak ada"),
        ("", "", "berkas kosong"),
        ("kode,nama\n", "", "berkas tidak memuat kode klasifikasi"),
        ("kode,nama\n,\n", "", "berkas tidak memuat kode klasifikasi"),
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
    with pytest.raises(DataFileError, match="bukan teks UTF-8") as excinfo:
        load_kka_csv(path)
    assert excinfo.value.path == str(path)


def test_malformed_csv(data_dir: Path) -> None:
    path = _write(data_dir, "kode,nama\n000,Umum\n000.1," + "x" * 200_000 + "\n")
    with pytest.raises(DataFileError, match="CSV rusak") as excinfo:
        load_kka_csv(path)
    assert excinfo.value.key == "baris 3"


def test_not_utf8_stream(data_dir: Path) -> None:
    path = data_dir / "kka latin1.csv"
    path.write_bytes("kode,nama\n000,Pemeliharaan Gedung \xe9\n".encode("latin-1"))
    with path.open(encoding="utf-8", newline="") as stream, pytest.raises(DataFileError) as excinfo:
        load_kka_csv(stream)
    assert (excinfo.value.path, excinfo.value.problem) == (str(path), "bukan teks UTF-8")


def test_missing_file(data_dir: Path) -> None:
    with pytest.raises(DataFileError, match="berkas tidak dapat dibaca") as excinfo:
        load_kka_csv(data_dir / "tidak ada.csv")
    assert excinfo.value.key == ""


def test_source_name_is_used_for_streams() -> None:
    with pytest.raises(DataFileError) as excinfo:
        load_kka_csv(io.StringIO("kode,nama\n000.1,X\n"), source_name="impor SRIKANDI.csv")
    assert str(excinfo.value) == (
        "impor SRIKANDI.csv [baris 2]: induk 000 dari 000.1 tidak tercantum"
    )


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
