"""Signature blocks of a.n./u.b. chains, and routes built from the org chart."""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

from tests.office import nip, surat_dinas_values
from tests.workflow.signature_events import sign_letter
from tnde.workflow.finishing import number_letter
from tnde.workflow.state import LetterStatus

if TYPE_CHECKING:
    from tnde.workflow.letters import Letters
    from tnde.workspace import Workspace


def signed_text(letters: Letters, workspace: Workspace, letter: str, reviewers: list[str]) -> str:
    letters.submit(nip("analis"), letter)
    for who in reviewers:
        letters.approve(nip(who), letter)
    state = number_letter(letters, nip("tu"), letter)
    pdf = workspace.path / f"{letter}.pdf"
    pdf.write_bytes(workspace.blobs.get(state.final_blob))
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def new_letter(letters: Letters) -> str:
    return letters.create(
        nip("analis"),
        jenis="surat_dinas",
        unit_id="SEKSI1",
        profile_id="diskominfo-nusantara-raya",
        values=surat_dinas_values(),
    ).letter_id


def test_route_from_the_org_chart_with_coordination(letters: Letters) -> None:
    letter = new_letter(letters)
    state = letters.set_route(
        nip("analis"), letter, signer_jabatan="KADIS", coordination=["KABID2"]
    )
    assert [(s.kind, s.jabatan_id) for s in state.route] == [
        ("periksa", "KASI1"),
        ("periksa", "KABID1"),
        ("paraf_koordinasi", "KABID2"),
        ("tandatangan", "KADIS"),
    ]


def test_an_chain_prints_the_mandator(letters: Letters, workspace: Workspace) -> None:
    letter = new_letter(letters)
    letters.set_route(nip("analis"), letter, signer_jabatan="KABID1", atas_nama="KADIS")
    letters.set_recipients(nip("analis"), letter, tujuan=[{"text": "Kepala Perangkat Daerah"}])
    text = signed_text(letters, workspace, letter, ["kasi"])
    assert (
        "a.n. KEPALA DINAS KOMUNIKASI DAN INFORMATIKA KEPALA BIDANG APLIKASI INFORMATIKA," in text
    )
    assert "HENDRA WIJAYA, S.Kom., M.T." in text


def test_ub_chain_prints_both_levels(letters: Letters, workspace: Workspace) -> None:
    letter = new_letter(letters)
    letters.set_route(
        nip("analis"),
        letter,
        [{"kind": "tandatangan", "jabatan_id": "KASI1", "atas_nama": "KADIS", "ub_via": "KABID1"}],
    )
    letters.set_recipients(nip("analis"), letter, tujuan=[{"text": "Kepala Perangkat Daerah"}])
    text = signed_text(letters, workspace, letter, [])
    assert (
        "a.n. KEPALA DINAS KOMUNIKASI DAN INFORMATIKA KEPALA BIDANG APLIKASI INFORMATIKA "
        "u.b. KEPALA SEKSI TATA KELOLA APLIKASI," in text
    )
    sign_letter(letters, nip("kasi"), letter)
    assert letters.get(letter).status is LetterStatus.DITANDATANGANI
