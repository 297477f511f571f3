"""A draft edited at two desks: its texts side by side, and the konseptor's choice between
them (keep the head text, take the other one, or write one from both)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.office import nip, surat_dinas_values
from tnde.errors import WorkflowRefused
from tnde.integrity import check_integrity
from tnde.workflow import EventType, LetterState, fold

if TYPE_CHECKING:
    from tnde.workflow import Letters

KONSEPTOR = nip("analis")


def _with_branch(letters: Letters, *, review: bool = False) -> tuple[str, str]:
    """A letter whose head is "Versi kantor" and whose open branch "Versi laptop" was
    written on the first text (as the archive hands a laptop's offline edit to the desk);
    submitted and approved by the Kasi first when ``review``. The letter and the branch."""
    first = letters.create(
        KONSEPTOR,
        jenis="surat_dinas",
        unit_id="SEKSI1",
        profile_id="diskominfo-nusantara-raya",
        values=surat_dinas_values(hal="Versi awal"),
    )
    letter = first.letter_id
    letters.set_route(KONSEPTOR, letter, signer_jabatan="KABID1")
    letters.revise(KONSEPTOR, letter, surat_dinas_values(hal="Versi kantor"))
    if review:
        letters.submit(KONSEPTOR, letter)
        letters.approve(nip("kasi"), letter, step=1)
    with letters.transaction() as conn:
        branch = letters.append(
            conn,
            letter_id=letter,
            type=EventType.REVISED,
            actor_nip=KONSEPTOR,
            payload={
                "values": surat_dinas_values(hal="Versi laptop"),
                "parent_revision": first.head_revision,
            },
        ).state.branches[0]
    return letter, branch


def _refolded(letters: Letters, letter: str) -> LetterState:
    """The letter's state folded afresh from its events, after checking that the stored
    projection and texts are what ``tnde workspace check`` expects."""
    state = fold(letters.history(letter))
    assert state == letters.get(letter)
    assert check_integrity(letters.workspace).errors == ()
    return state


def test_the_texts_are_listed_head_first_with_who_wrote_them(letters: Letters) -> None:
    letter, branch = _with_branch(letters)
    head, other = letters.text_versions(letter)
    assert (head.is_head, head.values["hal"]) == (True, "Versi kantor")
    assert (other.is_head, other.values["hal"], other.revision_hash) == (
        False,
        "Versi laptop",
        branch,
    )
    assert other.actor_nip == KONSEPTOR
    assert other.actor_name == "Rizky Pratama, S.Kom."
    assert other.device_id == letters.workspace.device_id
    assert other.made_at.endswith("Z")


def test_keeping_the_head_text_lets_the_branch_go_and_keeps_its_approvals(
    letters: Letters,
) -> None:
    letter, _ = _with_branch(letters, review=True)
    before = letters.get(letter)
    assert before.status.value == "siap_tandatangan"
    kept = letters.resolve_branches(KONSEPTOR, letter, before.head_values)
    assert kept.branches == ()
    assert (kept.head_revision, kept.revisions) == (before.head_revision, before.revisions)
    assert kept.route == before.route  # the Kasi's approval still names this text
    assert kept.status.value == "siap_tandatangan"
    assert _refolded(letters, letter) == kept


def test_taking_the_other_text_makes_it_the_head_and_restarts_the_review(
    letters: Letters,
) -> None:
    letter, branch = _with_branch(letters, review=True)
    taken = letters.resolve_branches(KONSEPTOR, letter, surat_dinas_values(hal="Versi laptop"))
    assert (taken.head_revision, taken.branches) == (branch, ())
    assert taken.status.value == "diajukan"
    assert taken.current_step().step_no == 1  # type: ignore[union-attr]
    assert _refolded(letters, letter) == taken


def test_a_text_written_from_both_settles_the_draft_and_it_can_be_submitted(
    letters: Letters,
) -> None:
    letter, _ = _with_branch(letters)
    with pytest.raises(WorkflowRefused) as refused:
        letters.submit(KONSEPTOR, letter)
    assert refused.value.rule == "WF-BRANCH-OPEN"
    merged = letters.resolve_branches(KONSEPTOR, letter, surat_dinas_values(hal="Versi gabungan"))
    assert merged.branches == ()
    assert merged.hal == "Versi gabungan"
    assert letters.submit(KONSEPTOR, letter).status.value == "diajukan"


def test_an_unchanged_text_without_a_choice_between_texts_is_still_no_change(
    letters: Letters,
) -> None:
    letter, _ = _with_branch(letters)
    for hal in ("Versi kantor", "Versi laptop"):
        with pytest.raises(WorkflowRefused) as refused:
            letters.revise(KONSEPTOR, letter, surat_dinas_values(hal=hal))
        assert refused.value.rule == "WF-NO-CHANGE"
    # a merge names only the open branches
    with pytest.raises(WorkflowRefused) as refused:
        letters.revise(KONSEPTOR, letter, surat_dinas_values(hal="Versi awal"), merges=["x"])
    assert refused.value.rule == "WF-MERGE"


def test_only_the_konseptor_settles_and_only_a_draft_with_another_text(
    letters: Letters,
) -> None:
    letter, _ = _with_branch(letters)
    values = letters.get(letter).head_values
    with pytest.raises(WorkflowRefused) as refused:
        letters.resolve_branches(nip("kasi"), letter, values)
    assert refused.value.rule == "WF-KONSEPTOR"
    letters.resolve_branches(KONSEPTOR, letter, values)
    with pytest.raises(WorkflowRefused) as refused:
        letters.resolve_branches(KONSEPTOR, letter, values)
    assert refused.value.rule == "WF-NO-BRANCH"
    with pytest.raises(WorkflowRefused) as refused:
        letters.resolve_branches(KONSEPTOR, "01900000-0000-7000-8000-000000000000", values)
    assert refused.value.rule == "WF-UNKNOWN"


def test_a_choice_made_on_texts_that_changed_meanwhile_is_refused(letters: Letters) -> None:
    letter, branch = _with_branch(letters)
    shown = [v.revision_hash for v in letters.text_versions(letter)]
    # another text arrives while the konseptor compares the two
    with letters.transaction() as conn:
        letters.append(
            conn,
            letter_id=letter,
            type=EventType.REVISED,
            actor_nip=KONSEPTOR,
            payload={
                "values": surat_dinas_values(hal="Versi ketiga"),
                "parent_revision": letters.history(letter)[0].revision_hash,
            },
        )
    with pytest.raises(WorkflowRefused) as refused:
        letters.resolve_branches(
            KONSEPTOR, letter, surat_dinas_values(hal="Versi laptop"), shown=shown
        )
    assert refused.value.rule == "WF-STALE-CHOICE"
    assert len(letters.get(letter).branches) == 2  # nothing was let go unseen
    now = [v.revision_hash for v in letters.text_versions(letter)]
    kept = letters.resolve_branches(
        KONSEPTOR, letter, surat_dinas_values(hal="Versi laptop"), shown=now
    )
    assert kept.head_revision == branch
