"""Numbers: two registry desks offline never issue the same number."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.office import nip
from tnde.sync import status
from tnde.workflow.finishing import number_letter, number_series

if TYPE_CHECKING:
    from tests.sync.conftest import Office


def _approved(office: Office, hal: str) -> str:
    konseptor, kasi = office.desk("analis"), office.desk("kasi")
    letter = konseptor.draft(hal)
    konseptor.sync()
    kasi.sync()
    kasi.letters.approve(nip("kasi"), letter, step=1)
    kasi.sync()
    return letter


def test_two_registry_desks_number_offline_from_disjoint_blocks(office: Office) -> None:
    letters = [_approved(office, f"Surat {i}") for i in range(4)]
    desks = [office.desk("tu"), office.desk("tu", seat="laptop")]
    for desk in desks:
        desk.sync()
        desk.syncer.lease(number_series(desk.letters, letters[0]), 3)
    # both number two letters each while offline
    numbered = {}
    for desk, mine in zip(desks, (letters[:2], letters[2:]), strict=True):
        for letter in mine:
            numbered[letter] = number_letter(desk.letters, nip("tu"), letter).nomor
    assert len(set(numbered.values())) == 4
    for desk in desks:
        report = desk.syncer.sync_once()
        assert (report.accepted, report.rejected) == (2, 0)
    for desk in desks:
        desk.sync()
        assert status(desk.ws)["rejected"] == []
        for letter, nomor in numbered.items():
            assert desk.letters.get(letter).nomor == nomor
