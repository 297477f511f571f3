"""Signature events without the cryptography, for tests of the workflow rules only.

The real signing service (tnde.signing.batch) renders, signs and stores a PAdES file
before it records the event; the rules under test here look only at who signs which step,
so these tests record the event over the numbered PDF directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnde.workflow.events import EventType

if TYPE_CHECKING:
    from tnde.workflow.letters import Letters
    from tnde.workflow.state import LetterState


def sign_letter(letters: Letters, actor: str, letter_id: str) -> LetterState:
    """Record ``actor``'s signature at the letter's current step."""
    state = letters.get(letter_id)
    step = state.current_step()
    payload = {"step": step.step_no if step else 0, "blob": state.final_blob}
    return letters.record(letter_id, EventType.SIGNED, actor, payload)
