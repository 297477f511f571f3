"""Default review routes: paraf up the line of superiors, then the signature."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from demo_people import (
    ANALIS_STAT,
    KADIS,
    KASI_APL_PLH_KABID,
    PENGADMINISTRASI,
    PRANATA_KOMPUTER,
)

from tnde.errors import OrgError
from tnde.org import OrgChart, RouteStep, build_route, coordination

TODAY = date(2026, 11, 27)


def test_a_route_goes_up_three_levels_to_the_signer(demo: OrgChart) -> None:
    route = build_route(demo, PRANATA_KOMPUTER, "KADIS", TODAY, max_paraf=3)
    assert route == (
        RouteStep("periksa", "KASI_APL"),
        RouteStep("periksa", "KABID_APTIKA"),
        RouteStep("tandatangan", "KADIS"),
    )
    assert all(step.nip == "" for step in route)


def test_a_route_may_use_exactly_the_paraf_limit(demo: OrgChart) -> None:
    route = build_route(demo, ANALIS_STAT, "SEKDA", TODAY, max_paraf=3)
    assert [s.jabatan_id for s in route] == ["KASI_STAT", "KABID_SANDISTAT", "KADIS", "SEKDA"]


def test_a_route_longer_than_the_paraf_limit_is_refused(demo: OrgChart) -> None:
    with pytest.raises(OrgError) as excinfo:
        build_route(demo, ANALIS_STAT, "SEKDA", TODAY, max_paraf=2)
    assert excinfo.value.code == "too_many_paraf"
    assert "memerlukan 3 paraf, lebih dari 2" in str(excinfo.value)


def test_a_signer_who_is_not_above_the_konseptor_is_refused(demo: OrgChart) -> None:
    with pytest.raises(OrgError) as excinfo:
        build_route(demo, PRANATA_KOMPUTER, "KABID_IKP", TODAY, max_paraf=3)
    assert excinfo.value.code == "signer_not_above"
    with pytest.raises(OrgError) as excinfo:
        build_route(demo, KADIS, "KASI_APL", TODAY, max_paraf=3)
    assert excinfo.value.code == "signer_not_above"


def test_a_konseptor_who_holds_the_signing_jabatan_needs_only_the_signature(
    demo: OrgChart,
) -> None:
    assert build_route(demo, KADIS, "KADIS", TODAY, max_paraf=0) == (
        RouteStep("tandatangan", "KADIS"),
    )


def test_a_route_through_a_vacant_jabatan_is_refused_unless_a_plt_holds_it(
    demo: OrgChart,
) -> None:
    route = build_route(demo, PENGADMINISTRASI, "KADIS", TODAY, max_paraf=3)
    assert [s.jabatan_id for s in route] == ["KASUBBAG_UMPEG", "SEKDIS", "KADIS"]
    without_plt = dataclasses.replace(
        demo, assignments=tuple(a for a in demo.assignments if a.assignment_id != "PLT-SEKDIS-2026")
    )
    with pytest.raises(OrgError) as excinfo:
        build_route(without_plt, PENGADMINISTRASI, "KADIS", TODAY, max_paraf=3)
    assert (excinfo.value.code, excinfo.value.subject) == ("vacant", "SEKDIS")


def test_a_konseptor_drafts_from_their_own_jabatan_while_also_plh(demo: OrgChart) -> None:
    route = build_route(demo, KASI_APL_PLH_KABID, "KADIS", TODAY, max_paraf=3)
    assert [s.jabatan_id for s in route] == ["KABID_APTIKA", "KADIS"]


def test_a_konseptor_without_a_jabatan_on_the_date_is_refused(demo: OrgChart) -> None:
    with pytest.raises(OrgError) as excinfo:
        build_route(demo, PRANATA_KOMPUTER, "KADIS", date(2020, 1, 1), max_paraf=3)
    assert excinfo.value.code == "no_jabatan"


def test_coordination_adds_paraf_for_jabatan_outside_the_route_once_each(
    demo: OrgChart,
) -> None:
    route = build_route(demo, PRANATA_KOMPUTER, "KADIS", TODAY, max_paraf=3)
    steps = coordination(
        demo, ["KABID_IKP", "KABID_APTIKA", "KABID_SANDISTAT", "KABID_IKP"], route=route
    )
    assert steps == (
        RouteStep("paraf_koordinasi", "KABID_IKP"),
        RouteStep("paraf_koordinasi", "KABID_SANDISTAT"),
    )
    with pytest.raises(OrgError) as excinfo:
        coordination(demo, ["KABID_HUKUM"], route=route)
    assert excinfo.value.code == "unknown_jabatan"
