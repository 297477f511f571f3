"""What changed between two revisions of a letter, as a reviewer reads it."""

from __future__ import annotations

import difflib
import json
from typing import Any


def _lines(values: dict[str, Any]) -> list[str]:
    """The values as readable lines: a header per field, then its text."""
    out: list[str] = []
    for name in sorted(values):
        value = values[name]
        text = (
            value
            if isinstance(value, str)
            else json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)
        )
        out.append(f"[{name}]")
        # one line per paragraph: a changed word marks its paragraph, never a re-wrapped block
        out.extend(text.splitlines() or [""])
    return out


def text_diff(
    old: dict[str, Any],
    new: dict[str, Any],
    *,
    old_label: str = "sebelumnya",
    new_label: str = "sekarang",
) -> str:
    """A unified diff of two revisions' values ("" when they are the same)."""
    return "\n".join(
        difflib.unified_diff(_lines(old), _lines(new), old_label, new_label, lineterm="")
    )
