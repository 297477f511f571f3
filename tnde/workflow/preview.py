"""The PDF to show for a letter: its newest final or signed PDF, else its text as a draft."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from tnde.errors import TndeError

if TYPE_CHECKING:
    from tnde.workflow.letters import Letters

log = logging.getLogger(__name__)

__all__ = ["letter_pdf"]


def letter_pdf(letters: Letters, letter_id: str) -> bytes:
    """The PDF of the letter as it stands: the stored final PDF once it was numbered (and
    each signed revision after), else the head revision rendered with a KONSEP watermark.

    A draft whose fields are not all valid yet is rendered from the valid ones; the
    signature block of an unnumbered letter is previewed from the org chart when it can be.

    Raises:
        WorkflowRefused: unknown letter.
        RenderError: the layout cannot be made.
    """
    from tnde.profiles import load_profile
    from tnde.render import render_letter
    from tnde.templates.loader import load_template
    from tnde.templates.values import validate_values

    state = letters.get(letter_id)
    if state.final_blob:
        return letters.ws.blobs.get(state.final_blob)
    template = load_template(state.jenis)
    raw = dict(state.head_values)
    if template.field("penandatangan") is not None and not raw.get("penandatangan"):
        try:
            raw["penandatangan"] = letters._signer_preview(state)
        except TndeError:
            log.info("no signer preview for %s", letter_id)
    values, problems = validate_values(template, raw)
    if problems:
        log.info("previewing %s with %d field problems", letter_id, len(problems))
    return render_letter(template, load_profile(state.profile_id), values, mode="draft").pdf
