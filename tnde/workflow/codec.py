"""LetterState to and from JSON, for the projection row (``letter.state_json``)."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from tnde.workflow.state import LetterState, LetterStatus, Recipient, Step


def state_to_json(state: LetterState) -> str:
    """The state as compact, key-sorted JSON.

    Built field by field rather than with ``dataclasses.asdict``, whose deep copy of every
    value was the largest cost of an action on a busy workspace.
    """
    data: dict[str, Any] = {f.name: getattr(state, f.name) for f in fields(state)}
    data["status"] = state.status.value
    data["route"] = [vars(step) for step in state.route]
    data["recipients"] = [vars(recipient) for recipient in state.recipients]
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def state_from_json(text: str) -> LetterState:
    """The state stored by :func:`state_to_json`."""
    data: dict[str, Any] = json.loads(text)
    data["status"] = LetterStatus(data["status"])
    data["route"] = tuple(Step(**s) for s in data["route"])
    data["recipients"] = tuple(Recipient(**r) for r in data["recipients"])
    for key in ("revisions", "signed_blobs", "dispatched"):
        data[key] = tuple(data[key])
    # absent in states projected before cryptographic paraf existed
    data["paraf_required"] = tuple(data.get("paraf_required", ()))
    data["paraf_signed"] = tuple(tuple(p) for p in data.get("paraf_signed", ()))
    data.setdefault("final_inputs", {})
    data.setdefault("archive_blob", "")
    data["branches"] = tuple(data.get("branches", ()))

    data["read_by"] = tuple(tuple(r) for r in data["read_by"])
    data["notes"] = tuple(tuple(n) for n in data["notes"])
    data["planned_signers"] = tuple(tuple(p) for p in data["planned_signers"])
    return LetterState(**data)
