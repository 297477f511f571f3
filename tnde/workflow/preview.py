"""The PDF to show for a letter: its newest final or signed PDF, else its text as a draft."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from tnde import render
from tnde.workflow.inputs import letter_inputs

if TYPE_CHECKING:
    from tnde.workflow.letters import Letters

log = logging.getLogger(__name__)

__all__ = ["letter_pdf", "wet_ink_pdf"]


def letter_pdf(letters: Letters, letter_id: str) -> bytes:
    """The PDF of the letter as it stands: the stored final PDF once it was numbered (and
    each signed revision after), else the head revision rendered with a KONSEP watermark.

    A draft whose fields are not all valid yet is rendered from the valid ones; the
    signature block of an unnumbered letter is previewed from the org chart when it can be.

    Raises:
        WorkflowRefused: unknown letter.
        RenderError: the layout cannot be made.
    """
    state = letters.get(letter_id)
    if state.final_blob:
        return letters.blobs.get(state.final_blob)
    inputs = letter_inputs(
        letters.workspace.thread_connection(), state, letters.today(), signer_required=False
    )
    if inputs.problems:
        log.info("previewing %s with %d field problems", letter_id, len(inputs.problems))
    return render.render_letter(inputs.template, inputs.profile, inputs.values, mode="draft").pdf


def wet_ink_pdf(letters: Letters, letter_id: str) -> bytes:
    """The letter laid out for printing and signing by hand (``render --print``).

    Paper letters are still allowed: this copy leaves the signature block's room blank for
    the wet signature and the stamp, and prints no TTE placeholder, QR or TTE footer. A
    numbered letter carries its number and date; an unnumbered one leaves them blank, as
    the register then numbers it by hand.

    Raises:
        WorkflowRefused: unknown letter, or its text is not complete (``WF-INVALID``).
        RenderError: the layout cannot be made.
    """
    state = letters.get(letter_id)
    inputs = letter_inputs(letters.workspace.thread_connection(), state, letters.today())
    inputs.refuse_problems()
    return render.render_letter(inputs.template, inputs.profile, inputs.values, mode="print").pdf
