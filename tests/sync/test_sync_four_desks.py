"""Four desks and one archive: a letter from konsep to dikirim, delivered into another
unit's register and disposed there, every step on its own desk, only through the archive."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from tests.office import nip, surat_dinas_values
from tests.workflow.signature_events import sign_letter
from tnde.errors import WorkflowRefused
from tnde.incoming import IncomingDesk, IncomingFilter, Recipient
from tnde.incoming.dispatch import send_letter
from tnde.integrity import check_integrity
from tnde.sync import status
from tnde.workflow.finishing import number_letter, number_series

if TYPE_CHECKING:
    from tests.sync.conftest import Office

NOW = dt.datetime.now(dt.UTC)
DAY = NOW.date()


def test_a_letter_travels_its_whole_route_through_the_archive(office: Office) -> None:
    konseptor, kasi, tu, kabid = (office.desk(w) for w in ("analis", "kasi", "tu", "kabid1"))
    kabid2 = office.desk("kabid2")

    letter = konseptor.letters.create(
        nip("analis"),
        jenis="surat_dinas",
        unit_id="SEKSI1",
        profile_id="diskominfo-nusantara-raya",
        values=surat_dinas_values(),
    ).letter_id
    konseptor.letters.set_route(nip("analis"), letter, signer_jabatan="KABID1")
    konseptor.letters.set_recipients(
        nip("analis"),
        letter,
        tujuan=[{"text": "Kepala Bidang Persandian", "jabatan_id": "KABID2"}],
        tembusan=[{"text": "Sekretaris Dinas", "jabatan_id": "SEKDIS"}],
    )
    konseptor.letters.submit(nip("analis"), letter)
    konseptor.sync()

    kasi.sync()
    kasi.letters.approve(nip("kasi"), letter, step=1)
    kasi.sync()

    # the registry desk numbers from a block the archive leased to it
    tu.sync()
    with pytest.raises(WorkflowRefused) as refused:
        number_letter(tu.letters, nip("tu"), letter)
    assert refused.value.rule == "REG-LEASE-REQUIRED"
    ref = number_series(tu.letters, letter)
    lease = tu.syncer.lease(ref, 10)
    numbered = number_letter(tu.letters, nip("tu"), letter)
    assert numbered.nomor
    tu.sync()

    # the signer's desk receives the numbered PDF with the event and signs at its step
    kabid.sync()
    state = kabid.letters.get(letter)
    assert state.status.value == "dinomori"
    assert kabid.ws.blobs.has(state.final_blob)
    sign_letter(kabid.letters, nip("kabid1"), letter)
    kabid.sync()

    # the registry sends it; the recipient's unit registers it as incoming, in one action,
    # with an agenda number of that unit from a block the archive leased to this desk
    tu.sync()
    with pytest.raises(WorkflowRefused) as refused:
        send_letter(tu.letters, nip("tu"), letter)
    assert refused.value.rule == "REG-LEASE-REQUIRED"
    for unit in ("BID2", "SEK"):  # the tujuan's and the tembusan's
        tu.syncer.lease(IncomingDesk(tu.ws).agenda_series(unit), 10)
    send_letter(tu.letters, nip("tu"), letter)
    tu.sync()

    # the tembusan reaches the Sekretaris's desk as a copy, which they mark read
    sekdis = office.desk("sekdis")
    sekdis.sync()
    copies = IncomingDesk(sekdis.ws).incoming_page(nip("sekdis"), copies=True, today=DAY, now=NOW)
    assert [c.hal for c in copies] == [surat_dinas_values()["hal"]]
    IncomingDesk(sekdis.ws).read(nip("sekdis"), copies[0].incoming_id)
    assert sekdis.syncer.sync_once().accepted == 1

    kabid2.sync()
    incoming = IncomingDesk(kabid2.ws)
    rows = incoming.incoming_page(nip("kabid2"), today=DAY, now=NOW)
    assert [r.hal for r in rows] == [surat_dinas_values()["hal"]]
    incoming_id = rows[0].incoming_id
    # and the unit's search finds it by its subject
    found = incoming.incoming_page(
        nip("kabid2"), flt=IncomingFilter(text="Operasional"), today=DAY, now=NOW
    )
    assert [r.incoming_id for r in found] == [incoming_id]
    incoming.read(nip("kabid2"), incoming_id)
    incoming.dispose(
        nip("kabid2"),
        incoming_id,
        recipients=[Recipient("KASI1", leading=True)],
        instructions=[incoming_instructions(kabid2)[0]],
    )
    kabid2.sync()

    # the disposition reaches the Kasi's desk, in another unit
    kasi.sync()
    given = IncomingDesk(kasi.ws).disposition_page(nip("kasi"), today=DAY, now=NOW)
    assert [d.incoming_id for d in given] == [incoming_id]

    # every desk ends with what the archive holds and nothing waiting or refused
    for desk in (konseptor, kasi, tu, kabid, kabid2, sekdis):
        desk.sync()
        found = status(desk.ws)
        assert (found["pending"], found["rejected"]) == (0, []), desk.who
        # and each desk's own check finds its events, projections and register in order
        report = check_integrity(desk.ws)
        assert [f for f in report.findings if f.severity == "error"] == [], desk.who
    assert konseptor.letters.get(letter).status.value == "dikirim"
    assert konseptor.letters.get(letter).nomor == numbered.nomor
    assert lease.first_no <= 1 <= lease.last_no


def incoming_instructions(desk: object) -> tuple[str, ...]:
    from tnde.incoming.desk import _instructions

    return _instructions(desk.ws)  # type: ignore[attr-defined]
