"""A review action names the step it acts on, so repeating it, or losing a race to a
colleague, acts once and says so."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.office import nip, surat_dinas_values
from tnde.errors import WorkflowRefused

if TYPE_CHECKING:
    from tnde.workflow.letters import Letters

# kabid2 heads Bidang Persandian and is Plh. Kepala Dinas on the tests' day: two steps in a row
ROUTE = [
    {"kind": "periksa", "jabatan_id": "KASI1"},
    {"kind": "periksa", "jabatan_id": "KABID2"},
    {"kind": "periksa", "jabatan_id": "KADIS"},
    {"kind": "tandatangan", "jabatan_id": "SEKDIS"},
]


def submitted(letters: Letters) -> str:
    letter = letters.create(
        nip("analis"),
        jenis="surat_dinas",
        unit_id="SEKSI1",
        profile_id="diskominfo-nusantara-raya",
        values=surat_dinas_values(),
    ).letter_id
    letters.set_route(nip("analis"), letter, ROUTE)
    letters.submit(nip("analis"), letter)
    return letter


def refusal(action: object, *args: object, **kwargs: object) -> str:
    with pytest.raises(WorkflowRefused) as refused:
        action(*args, **kwargs)  # type: ignore[operator]
    return refused.value.rule


def test_a_repeated_approve_acts_once_on_the_step_it_names(letters: Letters) -> None:
    letter = submitted(letters)
    letters.approve(nip("kasi"), letter, step=1)
    letters.approve(nip("kabid2"), letter, step=2)
    events = len(letters.history(letter))
    # the same command again: kabid2 also holds step 3 (Plh.), but named step 2
    assert refusal(letters.approve, nip("kabid2"), letter, step=2) == "WF-STEP-DONE"
    assert len(letters.history(letter)) == events
    assert letters.get(letter).current_step().step_no == 3  # type: ignore[union-attr]
    letters.approve(nip("kabid2"), letter, step=3)
    assert letters.get(letter).status.value == "siap_tandatangan"


def test_a_return_that_lost_the_race_to_an_approve_says_the_step_was_approved(
    letters: Letters,
) -> None:
    letter = submitted(letters)
    letters.approve(nip("kasi"), letter, step=1)  # at one desk
    with pytest.raises(WorkflowRefused) as refused:  # a moment later, the same step
        letters.return_for_revision(nip("kasi"), letter, "perbaiki", step=1)
    assert refused.value.rule == "WF-STEP-DONE"
    assert "langkah 1 (KASI1) sudah disetujui" in refused.value.detail
    assert refusal(letters.reject, nip("kasi"), letter, "tidak perlu", step=1) == "WF-STEP-DONE"


def test_a_step_not_yet_reached_is_refused(letters: Letters) -> None:
    letter = submitted(letters)
    assert refusal(letters.approve, nip("kabid2"), letter, step=2) == "WF-WRONG-STEP"


def test_without_a_named_step_the_waiting_one_is_taken(letters: Letters) -> None:
    letter = submitted(letters)
    assert letters.approve(nip("kasi"), letter).route[0].decided_by == nip("kasi")
