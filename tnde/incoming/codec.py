"""IncomingState to and from JSON (the ``incoming.state_json`` projection column)."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from tnde.incoming.state import Disposition, DispositionStatus, IncomingState


def incoming_to_json(state: IncomingState) -> str:
    """Compact, key-sorted JSON of the state."""
    data: dict[str, Any] = {f.name: getattr(state, f.name) for f in fields(state)}
    data["dispositions"] = [{**vars(d), "status": d.status.value} for d in state.dispositions]
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def incoming_from_json(text: str) -> IncomingState:
    """The state stored by :func:`incoming_to_json`."""
    data: dict[str, Any] = json.loads(text)
    data["read_by"] = tuple(tuple(r) for r in data["read_by"])
    data["dispositions"] = tuple(
        Disposition(
            **{
                **d,
                "status": DispositionStatus(d["status"]),
                "instructions": tuple(d["instructions"]),
            }
        )
        for d in data["dispositions"]
    )
    return IncomingState(**data)
