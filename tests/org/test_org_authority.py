"""Who holds a jabatan on a date, and the signature blocks that follow."""

from __future__ import annotations

from datetime import date

import pytest
from demo_people import (
    KABID_APTIKA,
    KABID_IKP_PLT_SEKDIS,
    KADIS,
    KASI_APL_PLH_KABID,
    KASI_PIP,
    KASUBBAG_UMPEG,
    PJ_GUBERNUR,
    SEKDA,
)

from tnde.errors import OrgError
from tnde.formatting import signature_lines
from tnde.org import OrgChart, acting_for, can_act_as, holders, signature_block
from tnde.templates.values import Delegation, Person

TODAY = date(2026, 11, 27)
PLH_FIRST, PLH_LAST = date(2026, 11, 23), date(2026, 12, 11)
PLH_DASAR = (
    "Surat Perintah Kepala Dinas Komunikasi dan Informatika Nomor 800.1.11.1/412/Diskominfo/2026"
)


def who(chart: OrgChart, jabatan_id: str, on: date) -> list[tuple[str, str]]:
    return [(h.nip, h.bentuk) for h in holders(chart, jabatan_id, on)]


# -- holders around the Plh. period ------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2026, 11, 22), [(KABID_APTIKA, "definitif")]),
        (PLH_FIRST, [(KABID_APTIKA, "definitif"), (KASI_APL_PLH_KABID, "Plh.")]),
        (PLH_LAST, [(KABID_APTIKA, "definitif"), (KASI_APL_PLH_KABID, "Plh.")]),
        (date(2026, 12, 12), [(KABID_APTIKA, "definitif")]),
    ],
)
def test_a_plh_holds_the_jabatan_only_within_its_period(
    demo: OrgChart, on: date, expected: list[tuple[str, str]]
) -> None:
    assert who(demo, "KABID_APTIKA", on) == expected


def test_a_vacant_jabatan_is_held_by_its_plt_only(demo: OrgChart) -> None:
    assert who(demo, "SEKDIS", TODAY) == [(KABID_IKP_PLT_SEKDIS, "Plt.")]
    assert who(demo, "SEKDIS", date(2026, 8, 31)) == []


def test_acting_for_lists_own_jabatan_first_then_acting_duties(demo: OrgChart) -> None:
    assert [(h.jabatan_id, h.bentuk) for h in acting_for(demo, KASI_APL_PLH_KABID, TODAY)] == [
        ("KASI_APL", "definitif"),
        ("KABID_APTIKA", "Plh."),
    ]
    assert [h.jabatan_id for h in acting_for(demo, KASI_APL_PLH_KABID, date(2026, 12, 12))] == [
        "KASI_APL"
    ]


def test_can_act_as_respects_the_plh_period(demo: OrgChart) -> None:
    holding = can_act_as(demo, KASI_APL_PLH_KABID, "KABID_APTIKA", PLH_LAST)
    assert holding is not None
    assert holding.bentuk == "Plh."
    assert holding.acting
    assert holding.dasar == PLH_DASAR
    assert can_act_as(demo, KASI_APL_PLH_KABID, "KABID_APTIKA", date(2026, 12, 12)) is None
    assert can_act_as(demo, KADIS, "KABID_APTIKA", TODAY) is None


def test_look_ups_of_unknown_people_and_jabatan_raise(demo: OrgChart) -> None:
    with pytest.raises(OrgError, match="tidak ada jabatan 'NOPE'"):
        holders(demo, "NOPE", TODAY)
    with pytest.raises(OrgError) as excinfo:
        acting_for(demo, "199001012020011001", TODAY)
    assert excinfo.value.code == "unknown_pegawai"


# -- signature blocks --------------------------------------------------------------------------


def lines(chart: OrgChart, nip: str, jabatan_id: str, on: date = TODAY, **kw: str) -> list[str]:
    return signature_lines(signature_block(chart, nip, jabatan_id, on, **kw), "upper")


def test_a_definitive_holder_signs_without_delegation(demo: OrgChart) -> None:
    signer = signature_block(demo, KADIS, "KADIS", TODAY)
    assert signer.delegasi is None
    assert signer.person == Person(
        nama="Dr. Budi Santoso, S.Kom., M.T.",
        nip=KADIS,
        pangkat="Pembina Utama Muda",
        golongan="IV/c",
        jabatan="Kepala Dinas Komunikasi dan Informatika",
    )
    assert signature_lines(signer, "upper") == ["KEPALA DINAS KOMUNIKASI DAN INFORMATIKA,"]


def test_a_plt_signs_as_plt_with_the_dasar_recorded(demo: OrgChart) -> None:
    signer = signature_block(demo, KABID_IKP_PLT_SEKDIS, "SEKDIS", TODAY)
    assert signer.delegasi == Delegation(
        bentuk="Plt.", dasar="Surat Perintah Sekretaris Daerah Nomor 800.1.3.3/1187/BKD/2026"
    )
    assert signature_lines(signer, "upper") == ["Plt. SEKRETARIS DINAS KOMUNIKASI DAN INFORMATIKA,"]


def test_a_plh_signs_as_plh_within_the_period(demo: OrgChart) -> None:
    signer = signature_block(demo, KASI_APL_PLH_KABID, "KABID_APTIKA", PLH_LAST)
    assert signer.delegasi == Delegation(bentuk="Plh.", dasar=PLH_DASAR)
    assert signer.person.nama == "Fajar Nugroho, S.Kom., M.Cs."
    assert signature_lines(signer, "upper") == ["Plh. KEPALA BIDANG APLIKASI INFORMATIKA,"]
    assert signature_lines(signer, "title") == ["Plh. Kepala Bidang Aplikasi Informatika,"]


def test_a_plh_cannot_sign_after_the_period(demo: OrgChart) -> None:
    with pytest.raises(OrgError) as excinfo:
        signature_block(demo, KASI_APL_PLH_KABID, "KABID_APTIKA", date(2026, 12, 12))
    assert excinfo.value.code == "period_over"
    assert "berakhir pada 2026-12-11" in str(excinfo.value)
    assert KASI_APL_PLH_KABID not in str(excinfo.value)


def test_a_plh_cannot_sign_before_the_period(demo: OrgChart) -> None:
    with pytest.raises(OrgError) as excinfo:
        signature_block(demo, KASI_APL_PLH_KABID, "KABID_APTIKA", date(2026, 11, 22))
    assert excinfo.value.code == "period_not_started"


def test_a_pj_signs_as_pj(demo: OrgChart) -> None:
    signer = signature_block(demo, PJ_GUBERNUR, "GUB", TODAY)
    assert signer.delegasi is not None
    assert signer.delegasi.bentuk == "Pj."
    assert signer.delegasi.dasar == "Keputusan Presiden Nomor 27/P Tahun 2026"
    assert signature_lines(signer, "upper") == ["Pj. GUBERNUR NUSANTARA RAYA,"]


def test_an_signs_for_the_direct_superior(demo: OrgChart) -> None:
    assert lines(demo, SEKDA, "SEKDA", atas_nama_jabatan_id="GUB") == [
        "a.n. GUBERNUR NUSANTARA RAYA",
        "SEKRETARIS DAERAH,",
    ]
    assert lines(demo, KABID_IKP_PLT_SEKDIS, "KABID_IKP", atas_nama_jabatan_id="KADIS") == [
        "a.n. KEPALA DINAS KOMUNIKASI DAN INFORMATIKA",
        "KEPALA BIDANG INFORMASI DAN KOMUNIKASI PUBLIK,",
    ]


def test_a_plt_signing_an_prints_both_forms(demo: OrgChart) -> None:
    signer = signature_block(
        demo, KABID_IKP_PLT_SEKDIS, "SEKDIS", TODAY, atas_nama_jabatan_id="KADIS"
    )
    assert signer.delegasi is not None
    assert signer.delegasi.pelaksana == "Plt."
    assert signer.delegasi.dasar
    assert signature_lines(signer, "upper") == [
        "a.n. KEPALA DINAS KOMUNIKASI DAN INFORMATIKA",
        "Plt. SEKRETARIS DINAS KOMUNIKASI DAN INFORMATIKA,",
    ]


def test_ub_passes_the_an_mandate_one_level_down(demo: OrgChart) -> None:
    signer = signature_block(
        demo,
        KASUBBAG_UMPEG,
        "KASUBBAG_UMPEG",
        TODAY,
        atas_nama_jabatan_id="KADIS",
        ub_via_jabatan_id="SEKDIS",
    )
    assert signer.delegasi == Delegation(
        bentuk="u.b.",
        atas_nama="Kepala Dinas Komunikasi dan Informatika",
        jabatan_antara="Sekretaris Dinas Komunikasi dan Informatika",
    )
    assert signature_lines(signer, "upper") == [
        "a.n. KEPALA DINAS KOMUNIKASI DAN INFORMATIKA",
        "SEKRETARIS DINAS KOMUNIKASI DAN INFORMATIKA",
        "u.b.",
        "KEPALA SUBBAGIAN UMUM DAN KEPEGAWAIAN,",
    ]


@pytest.mark.parametrize(
    ("nip", "jabatan_id", "kw", "code"),
    [
        (KASI_PIP, "KASI_PIP", {"atas_nama_jabatan_id": "KADIS"}, "chain_too_long"),
        (
            KABID_IKP_PLT_SEKDIS,
            "KABID_IKP",
            {"atas_nama_jabatan_id": "KABID_APTIKA"},
            "not_superior",
        ),
        (KADIS, "KADIS", {"atas_nama_jabatan_id": "KASI_PIP"}, "not_superior"),
        (
            KASI_PIP,
            "KASI_PIP",
            {"atas_nama_jabatan_id": "SEKDA", "ub_via_jabatan_id": "KADIS"},
            "chain_too_long",
        ),
        (
            KASUBBAG_UMPEG,
            "KASUBBAG_UMPEG",
            {"atas_nama_jabatan_id": "KADIS", "ub_via_jabatan_id": "KABID_IKP"},
            "not_superior",
        ),
        (
            KASUBBAG_UMPEG,
            "KASUBBAG_UMPEG",
            {"atas_nama_jabatan_id": "SEKDIS", "ub_via_jabatan_id": "SEKDIS"},
            "not_superior",
        ),
        (KASUBBAG_UMPEG, "KASUBBAG_UMPEG", {"ub_via_jabatan_id": "SEKDIS"}, "ub_without_an"),
        (PJ_GUBERNUR, "GUB", {"atas_nama_jabatan_id": "GUB"}, "acting_with_delegation"),
        (KADIS, "KABID_IKP", {}, "not_holder"),
        ("199001012020011001", "KADIS", {}, "unknown_pegawai"),
        (KADIS, "WAKADIS", {}, "unknown_jabatan"),
        (SEKDA, "SEKDA", {"atas_nama_jabatan_id": "PRESIDEN"}, "unknown_jabatan"),
    ],
)
def test_signature_blocks_the_chart_does_not_allow_are_refused_with_a_code(
    demo: OrgChart, nip: str, jabatan_id: str, kw: dict[str, str], code: str
) -> None:
    with pytest.raises(OrgError) as excinfo:
        signature_block(demo, nip, jabatan_id, TODAY, **kw)
    assert excinfo.value.code == code
    assert nip not in str(excinfo.value)


def test_a_definitive_holder_absent_behind_a_plh_may_still_sign(demo: OrgChart) -> None:
    # The Plh. stands in for an absence; the definitive holder keeps the jabatan.
    assert lines(demo, KABID_APTIKA, "KABID_APTIKA") == ["KEPALA BIDANG APLIKASI INFORMATIKA,"]
