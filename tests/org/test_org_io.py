"""Org chart files: strict TOML and CSV reading with located errors, and lossless round trips."""

from __future__ import annotations

import dataclasses
import tomllib
from datetime import date
from typing import TYPE_CHECKING

import pytest

from tnde.errors import OrgFileError
from tnde.org import (
    CSV_FILES,
    Assignment,
    OrgChart,
    Pegawai,
    demo_org_path,
    org_toml_text,
    parse_org_toml,
    read_org,
    read_org_csv,
    read_org_toml,
    validate_chart,
    write_org,
    write_org_csv,
    write_org_toml,
)

if TYPE_CHECKING:
    from pathlib import Path

MINIMAL = """\
schema_version = 1

[[unit]]
unit_id = "DINAS"
nama = "Dinas Contoh"

[[jabatan]]
jabatan_id = "KADIS"
nama = "Kepala Dinas Contoh"
unit_id = "DINAS"
heads_unit = true

[[pegawai]]
nip = "19850730 201001 1 005"
nama = "Andi Firmansyah"

[[assignment]]
nip = "198507302010011005"
jabatan_id = "KADIS"
bentuk = "definitif"
mulai = 2024-01-02
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "bagan organisasi – é"
    path.mkdir()
    return path


def read_error(path: Path) -> OrgFileError:
    with pytest.raises(OrgFileError) as excinfo:
        read_org(path)
    return excinfo.value


# -- TOML --------------------------------------------------------------------------------------


def test_a_minimal_file_reads_with_defaults_and_a_normalised_nip(folder: Path) -> None:
    path = folder / "bagan.toml"
    path.write_text(MINIMAL, "utf-8")
    chart = read_org(path)
    assert validate_chart(chart) == ()
    assert chart.units[0].parent_id is None
    assert chart.units[0].kode == ""
    assert chart.pegawai[0].nip == "198507302010011005"
    assignment = chart.assignments[0]
    assert assignment.assignment_id == "KADIS:definitif:2024-01-02"  # stable, no NIP in it
    assert assignment.selesai is None
    assert assignment.dasar == ""


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        ("heads_unit = true", "heads_unt = true", "jabatan[0].heads_unt", "kunci tidak dikenal"),
        ("heads_unit = true", 'heads_unit = "ya"', "jabatan[0].heads_unit", "true atau false"),
        ('nama = "Dinas Contoh"\n', "", "unit[0].nama", "kunci wajib tidak ada"),
        ('bentuk = "definitif"', 'bentuk = "Plt"', "assignment[0].bentuk", "bukan salah satu dari"),
        ("mulai = 2024-01-02", 'mulai = "2 Jan 2024"', "assignment[0].mulai", "bukan tanggal"),
        ("schema_version = 1", "schema_version = 2", "schema_version", "tidak didukung"),
        ('unit_id = "DINAS"\nnama', 'unit_id = ""\nnama', "unit[0].unit_id", "tidak boleh kosong"),
        ("[[unit]]", "[[units]]", "units", "kunci tidak dikenal"),
    ],
)
def test_toml_errors_name_the_file_the_key_and_the_problem(
    folder: Path, old: str, new: str, key: str, problem: str
) -> None:
    path = folder / "bagan.toml"
    assert old in MINIMAL
    path.write_text(MINIMAL.replace(old, new, 1), "utf-8")
    error = read_error(path)
    assert (error.path, error.key) == (str(path), key)
    assert problem in error.problem
    assert str(path) in str(error)
    assert key in str(error)


def test_malformed_toml_names_the_file(folder: Path) -> None:
    path = folder / "rusak.toml"
    path.write_text("[[unit]\n", "utf-8")
    error = read_error(path)
    assert error.path == str(path)
    assert "TOML rusak" in error.problem


def test_the_demo_chart_round_trips_through_toml(demo: OrgChart, folder: Path) -> None:
    text = org_toml_text(demo)
    again = parse_org_toml(tomllib.loads(text), "memory")
    assert again == demo
    path = folder / "ekspor.toml"
    write_org_toml(again, path)
    assert path.read_text("utf-8") == text
    assert read_org_toml(path) == demo


def test_toml_round_trip_keeps_quotes_newlines_and_non_ascii(folder: Path) -> None:
    chart = read_org_toml(demo_org_path())
    tricky = dataclasses.replace(
        chart,
        pegawai=(
            *chart.pegawai,
            Pegawai("199101012015031001", 'Ñoño "Si Kancil" \\ Siregar', email="a\tb"),
        ),
        assignments=(
            *chart.assignments,
            Assignment(
                "x1",
                "199101012015031001",
                "KASI_INFRA",
                "Plh.",
                date(2026, 1, 5),
                date(2026, 1, 9),
                'SP "7",\nbaris dua – é',
            ),
        ),
    )
    path = folder / "ekspor.toml"
    write_org(tricky, path)
    assert read_org(path) == tricky


# -- CSV ---------------------------------------------------------------------------------------


def test_the_demo_chart_round_trips_through_csv(demo: OrgChart, folder: Path) -> None:
    write_org_csv(demo, folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(CSV_FILES)
    assert read_org_csv(folder) == demo
    assert read_org(folder) == demo  # a folder means CSV


def test_csv_round_trip_keeps_commas_quotes_and_newlines(demo: OrgChart, folder: Path) -> None:
    odd = dataclasses.replace(
        demo,
        pegawai=(*demo.pegawai, Pegawai("199101012015031001", 'Siregar, "Ucok"', "Penata, III")),
        assignments=(
            *demo.assignments,
            Assignment(
                "x1",
                "199101012015031001",
                "KASI_INFRA",
                "Plh.",
                date(2026, 1, 5),
                date(2026, 1, 9),
                "SP 7;\nbaris dua – é",
            ),
        ),
    )
    write_org(odd, folder / "csv")
    assert read_org(folder / "csv") == odd


def write_csv_set(folder: Path, **overrides: str) -> None:
    files = {
        "unit": "unit_id,nama,parent_id,kode\nDINAS,Dinas Contoh,,DC\n",
        "jabatan": "jabatan_id,nama,unit_id,heads_unit,superior_id\nKADIS,Kepala Dinas,DINAS,ya,\n",
        "pegawai": "nip,nama,pangkat,golongan\n198507302010011005,Andi,Pembina,IV/a\n",
        "assignment": (
            "nip,jabatan_id,bentuk,mulai,selesai,dasar\n"
            "198507302010011005,KADIS,definitif,2024-01-02,,\n"
        ),
    } | overrides
    for table, text in files.items():
        (folder / f"{table}.csv").write_text(text, "utf-8")


def test_csv_reads_optional_columns_excel_bom_and_semicolons(folder: Path) -> None:
    write_csv_set(folder, unit="unit_id;nama\nDINAS;Dinas Contoh, Provinsi\n")
    (folder / "pegawai.csv").write_bytes("nip,nama\n198507302010011005,Andi\n".encode("utf-8-sig"))
    chart = read_org(folder)
    assert validate_chart(chart) == ()
    assert chart.units[0].nama == "Dinas Contoh, Provinsi"
    assert chart.jabatan[0].heads_unit is True
    assert chart.assignments[0].assignment_id == "KADIS:definitif:2024-01-02"


@pytest.mark.parametrize(
    ("table", "text", "key", "problem"),
    [
        ("unit", "unit_id,nama,induk\nDINAS,Dinas,\n", "baris 1, induk", "kolom tidak dikenal"),
        ("unit", "unit_id\nDINAS\n", "baris 1", "kolom wajib 'nama'"),
        (
            "unit",
            "unit_id,nama\nDINAS,Dinas\n,Tanpa kode\n",
            "baris 3, unit_id",
            "tidak boleh kosong",
        ),
        ("unit", "unit_id,nama\nDINAS,Dinas,extra\n", "baris 2", "3 sel"),
        (
            "jabatan",
            "jabatan_id,nama,unit_id,registry\nKADIS,Kepala,DINAS,mungkin\n",
            "baris 2, registry",
            "bukan true atau false",
        ),
        (
            "pegawai",
            "nip,nama\n1.98507E+17,Andi\n",
            "baris 2, nip",
            "diubah menjadi angka oleh program lembar kerja",
        ),
        (
            "assignment",
            "nip,jabatan_id,bentuk,mulai\n\n198507302010011005,KADIS,definitif,02/01/2024\n",
            "baris 3, mulai",
            "bukan tanggal",
        ),
        (
            "assignment",
            "nip,jabatan_id,bentuk,mulai\n198507302010011005,KADIS,plt,2024-01-02\n",
            "baris 2, bentuk",
            "bukan salah satu dari",
        ),
    ],
)
def test_csv_errors_name_the_file_the_row_and_the_column(
    folder: Path, table: str, text: str, key: str, problem: str
) -> None:
    write_csv_set(folder, **{table: text})
    error = read_error(folder)
    assert (error.path, error.key) == (str(folder / f"{table}.csv"), key)
    assert problem in error.problem


def test_a_missing_csv_file_is_named(folder: Path) -> None:
    write_csv_set(folder)
    (folder / "assignment.csv").unlink()
    error = read_error(folder)
    assert error.path == str(folder / "assignment.csv")
    assert error.problem == "berkas tidak ditemukan"


def test_a_csv_file_that_is_not_utf8_is_named(folder: Path) -> None:
    write_csv_set(folder)
    (folder / "pegawai.csv").write_bytes("nip,nama\n198507302010011005,Ñoño\n".encode("cp1252"))
    error = read_error(folder)
    assert error.path == str(folder / "pegawai.csv")
    assert "UTF-8" in error.problem


def test_reading_does_not_judge_consistency_validate_does(folder: Path) -> None:
    write_csv_set(
        folder,
        assignment="nip,jabatan_id,bentuk,mulai\n198507302010011005,KADIS,Plt.,2024-01-02\n",
    )
    problems = validate_chart(read_org(folder))
    assert [(p.key, p.code) for p in problems] == [("assignment[0].dasar", "acting_without_dasar")]
