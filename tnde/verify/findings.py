"""What the checks of one signature find, as they go."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tnde.verify.model import Verdict

__all__ = ["Findings", "name"]


@dataclass
class Findings:
    """Reasons (INVALID, INDETERMINATE), notes, and what time proofs were found."""

    invalid: list[str] = field(default_factory=list)
    indeterminate: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    proven_in_time: bool = False
    """Trust "now" failed only for time reasons, and signing-time validity was proven."""
    proven_by_ades: bool = False
    """The AdES engine passed the signature with its proof-of-existence chain."""

    def verdict(self) -> Verdict:
        if self.invalid:
            return Verdict.INVALID
        return Verdict.INDETERMINATE if self.indeterminate else Verdict.VALID


def name(value: Any) -> str | None:
    """An enum member's name (pyHanko's indications), else the value as text."""
    return None if value is None else str(getattr(value, "name", value))
