"""Received PDFs have their signatures verified, offline, when they are registered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.demoworkspace import letter_in
from tests.pkifixtures import small_pdf
from tnde.demo import REGISTRY_JABATAN
from tnde.incoming.desk import IncomingDesk
from tnde.org import holders, load_org
from tnde.workflow.letters import Letters

if TYPE_CHECKING:
    from tnde.workspace import Workspace

META = {"asal": "Dinas Uji", "nomor": "800/1/2026", "tanggal": "2026-11-20", "hal": "Uji"}


def test_an_internally_delivered_signed_letter_is_registered_as_valid(demo_ws: Workspace) -> None:
    letters = Letters(demo_ws)
    sent = letters.get(letter_in(letters, "dikirim"))
    rows = (
        demo_ws.thread_connection()
        .execute("SELECT incoming_id FROM incoming WHERE nomor = ?", (sent.nomor,))
        .fetchall()
    )
    assert rows
    row = rows[0]
    state = IncomingDesk(demo_ws).get(row[0])
    assert state.verification == "VALID"
    assert state.verification_detail.startswith("ditandatangani oleh Dr. Budi Santoso")


def test_an_unsigned_scan_and_a_tampered_file_are_told_apart(demo_ws: Workspace) -> None:
    letters = Letters(demo_ws)
    desk = IncomingDesk(demo_ws)
    chart = load_org(demo_ws.thread_connection())
    registry = str(holders(chart, REGISTRY_JABATAN, letters.today())[0].nip)
    unit = chart.get_jabatan(REGISTRY_JABATAN).unit_id
    scan = desk.register(registry, unit_id=unit, meta=META, pdf=small_pdf("Hasil pindaian"))
    assert scan.verification == "unsigned"

    signed = bytearray(
        demo_ws.blobs.get(letters.get(letter_in(letters, "ditandatangani")).final_blob)
    )
    at = signed.find(b"Diskominfo")  # inside the signed content: the kop's e-mail address
    signed[at] = ord("X")
    tampered = desk.register(
        registry, unit_id=unit, meta={**META, "nomor": "800/2/2026"}, pdf=bytes(signed)
    )
    assert tampered.verification == "INVALID"
    assert tampered.verification_detail
