"""OrgChart indexes and validation: every inconsistency is reported, located and coded."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from tnde.errors import OrgError
from tnde.org import Assignment, Jabatan, OrgChart, OrgProblem, Pegawai, Unit, validate_chart

NIP_A = "198507302010011005"
NIP_B = "198702202010121002"


def small_chart(**changes: object) -> OrgChart:
    """A sound three-level chart; keyword arguments replace whole tables."""
    chart = OrgChart(
        units=(
            Unit("DINAS", "Dinas Contoh", None, "DC"),
            Unit("DINAS.BID", "Bidang Satu", "DINAS", "DC.1"),
        ),
        jabatan=(
            Jabatan("KADIS", "Kepala Dinas Contoh", "DINAS", "II.a", True, None, False),
            Jabatan("KABID", "Kepala Bidang Satu", "DINAS.BID", "III.b", True, "KADIS", False),
            Jabatan("STAF", "Analis", "DINAS.BID", "", False, "KABID", True),
        ),
        pegawai=(Pegawai(NIP_A, "Andi"), Pegawai(NIP_B, "Fajar")),
        assignments=(
            Assignment("a1", NIP_A, "KADIS", "definitif", date(2024, 1, 1)),
            Assignment("a2", NIP_B, "KABID", "definitif", date(2024, 1, 1)),
        ),
    )
    return dataclasses.replace(chart, **changes)


def codes(chart: OrgChart) -> list[tuple[str, str]]:
    return [(p.key, p.code) for p in validate_chart(chart)]


def test_the_shipped_demo_chart_validates_clean(demo: OrgChart) -> None:
    assert validate_chart(demo) == ()


def test_the_demo_chart_has_the_positions_the_sample_office_needs(demo: OrgChart) -> None:
    bentuk = {a.bentuk for a in demo.assignments}
    assert {"definitif", "Plt.", "Plh.", "Pj."} <= bentuk
    assert [j.jabatan_id for j in demo.registry_desks()] == ["KASUBBAG_UMPEG"]
    kabid = demo.subordinates("KADIS")
    assert sum(j.jabatan_id.startswith("KABID") for j in kabid) == 3
    for j in kabid:
        if j.jabatan_id.startswith("KABID"):
            assert len(demo.subordinates(j.jabatan_id)) == 2
    plh = next(a for a in demo.assignments if a.bentuk == "Plh.")
    assert plh.selesai is not None
    assert plh.dasar


def test_indexes_answer_tree_and_chain_questions(demo: OrgChart) -> None:
    assert [u.unit_id for u in demo.roots()] == ["PROV"]
    assert [u.unit_id for u in demo.children("PROV")] == ["SETDA", "DISKOMINFO"]
    assert demo.head_of("DISKOMINFO") == demo.get_jabatan("KADIS")
    assert [j.jabatan_id for j in demo.superior_chain("KASI_APL")] == [
        "KABID_APTIKA",
        "KADIS",
        "SEKDA",
        "GUB",
    ]
    assert demo.superior_chain("GUB") == ()


def test_unknown_ids_raise_org_errors_with_codes() -> None:
    chart = small_chart()
    with pytest.raises(OrgError) as excinfo:
        chart.get_jabatan("NOPE")
    assert excinfo.value.code == "unknown_jabatan"
    with pytest.raises(OrgError) as excinfo:
        chart.get_pegawai("199001012020011001")
    assert excinfo.value.code == "unknown_pegawai"
    assert "199001012020011001" not in str(excinfo.value)  # no personal data in messages
    with pytest.raises(OrgError) as excinfo:
        chart.unit("NOPE")
    assert excinfo.value.code == "unknown_unit"


def test_a_sound_chart_has_no_problems() -> None:
    assert validate_chart(small_chart()) == ()


def test_unknown_references_are_reported_where_they_are() -> None:
    chart = small_chart(
        units=(Unit("DINAS", "Dinas Contoh"), Unit("DINAS.BID", "Bidang Satu", "GHOST")),
        jabatan=(
            Jabatan("KADIS", "Kepala Dinas", "DINAS", heads_unit=True),
            Jabatan("KABID", "Kepala Bidang", "NOWHERE", superior_id="BOSS"),
        ),
        assignments=(
            Assignment("a1", "199001012020011001", "KADIS", "definitif", date(2024, 1, 1)),
            Assignment("a2", NIP_B, "STAF", "definitif", date(2024, 1, 1)),
        ),
    )
    assert codes(chart) == [
        ("unit[1].parent_id", "unknown_unit"),
        ("jabatan[1].unit_id", "unknown_unit"),
        ("jabatan[1].superior_id", "unknown_jabatan"),
        ("assignment[0].nip", "unknown_pegawai"),
        ("assignment[1].jabatan_id", "unknown_jabatan"),
    ]


def test_a_cycle_in_unit_parents_is_reported_once_with_its_path() -> None:
    chart = small_chart(
        units=(
            Unit("A", "Unit A", "C"),
            Unit("B", "Unit B", "A"),
            Unit("C", "Unit C", "B"),
            Unit("DINAS", "Dinas"),
            Unit("DINAS.BID", "Bidang", "DINAS"),
        )
    )
    problems = validate_chart(chart)
    assert [(p.key, p.code) for p in problems] == [("unit[0].parent_id", "cycle")]
    assert "A → C → B → A" in problems[0].detail


def test_a_cycle_in_jabatan_superiors_is_reported() -> None:
    jabatan = list(small_chart().jabatan)
    jabatan[0] = dataclasses.replace(jabatan[0], superior_id="STAF")
    problems = validate_chart(small_chart(jabatan=tuple(jabatan)))
    assert [(p.key, p.code) for p in problems] == [("jabatan[0].superior_id", "cycle")]
    assert "KADIS → STAF → KABID → KADIS" in problems[0].detail


def test_a_jabatan_that_is_its_own_superior_is_a_cycle() -> None:
    jabatan = list(small_chart().jabatan)
    jabatan[2] = dataclasses.replace(jabatan[2], superior_id="STAF")
    assert codes(small_chart(jabatan=tuple(jabatan))) == [("jabatan[2].superior_id", "cycle")]


@pytest.mark.parametrize("bentuk", ["Plt.", "Plh.", "Pj."])
def test_an_acting_assignment_without_dasar_is_a_problem(bentuk: str) -> None:
    acting = Assignment("a3", NIP_A, "KABID", bentuk, date(2026, 1, 5), date(2026, 1, 9))
    chart = small_chart(assignments=(*small_chart().assignments, acting))
    assert codes(chart) == [("assignment[2].dasar", "acting_without_dasar")]


def test_a_plh_needs_an_end_date() -> None:
    plh = Assignment("a3", NIP_A, "KABID", "Plh.", date(2026, 1, 5), None, "SP 1/2026")
    chart = small_chart(assignments=(*small_chart().assignments, plh))
    assert codes(chart) == [("assignment[2].selesai", "plh_open_ended")]


def test_overlapping_definitive_holders_of_one_jabatan_are_a_problem() -> None:
    base = small_chart().assignments
    chart = small_chart(
        assignments=(
            dataclasses.replace(base[0], selesai=date(2026, 3, 31)),
            base[1],
            Assignment("a3", NIP_B, "KADIS", "definitif", date(2026, 3, 31)),
        )
    )
    problems = validate_chart(chart)
    assert [(p.key, p.code) for p in problems] == [("assignment[2].mulai", "overlap")]
    assert "'a1'" in problems[0].detail


def test_consecutive_definitive_holders_do_not_overlap() -> None:
    base = small_chart().assignments
    chart = small_chart(
        assignments=(
            dataclasses.replace(base[0], selesai=date(2026, 3, 31)),
            base[1],
            Assignment("a3", NIP_B, "KADIS", "definitif", date(2026, 4, 1)),
        )
    )
    assert validate_chart(chart) == ()


def test_invalid_nips_are_reported_without_repeating_them() -> None:
    bad = "198513302010011005"  # month 13
    chart = small_chart(
        pegawai=(Pegawai(NIP_A, "Andi"), Pegawai(NIP_B, "Fajar"), Pegawai(bad, "X"))
    )
    problems = validate_chart(chart)
    assert [(p.key, p.code) for p in problems] == [("pegawai[2].nip", "bad_nip")]
    assert bad not in str(problems[0])


def test_a_nip_with_spaces_is_reported_in_a_chart_built_in_code() -> None:
    spaced = "19850730 201001 1 005"
    chart = small_chart(pegawai=(Pegawai(spaced, "Andi"), Pegawai(NIP_B, "Fajar")))
    assert ("pegawai[0].nip", "bad_nip") in codes(chart)


def test_duplicates_empty_names_two_heads_and_bad_periods_are_reported() -> None:
    base = small_chart()
    chart = small_chart(
        units=(*base.units, Unit("DINAS", "")),
        jabatan=(
            *base.jabatan,
            Jabatan("KABID2", "Kepala Bidang Dua", "DINAS.BID", heads_unit=True),
        ),
        pegawai=(*base.pegawai, Pegawai(NIP_A, "Andi lagi")),
        assignments=(
            *base.assignments,
            Assignment("a1", NIP_B, "STAF", "definitif", date(2026, 5, 1), date(2026, 4, 1)),
            Assignment("a4", NIP_B, "STAF", "acting", date(2026, 5, 1)),
        ),
    )
    assert codes(chart) == [
        ("unit[2].unit_id", "duplicate"),
        ("unit[2].nama", "empty"),
        ("jabatan[3].heads_unit", "two_heads"),
        ("pegawai[2].nip", "duplicate"),
        ("assignment[2].assignment_id", "duplicate"),
        ("assignment[2].selesai", "bad_period"),
        ("assignment[3].bentuk", "bad_bentuk"),
    ]


def test_a_problem_reads_as_its_key_and_detail() -> None:
    problem = OrgProblem("jabatan", 3, "superior_id", "unknown_jabatan", "no such jabatan")
    assert str(problem) == "jabatan[3].superior_id: no such jabatan"
    assert OrgProblem("unit", 0, "", "x", "whole row").key == "unit[0]"
