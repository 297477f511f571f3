"""Severities, findings and the rule type of the draft linter."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from tnde.lint.context import LintContext

Hit: TypeAlias = tuple[str, str]
"""What a check reports: the dotted field path (or ``""``) and the message in Indonesian."""

Check: TypeAlias = "Callable[[LintContext], Iterator[Hit]]"
"""A rule's check: reads the draft through the context and yields one hit per problem."""


class Severity(enum.Enum):
    """How much a finding matters, most serious first."""

    ERROR = "error"
    """The letter breaks a rule of the regulation as printed; fix it before signing."""
    WARNING = "warning"
    """Very likely a mistake or a departure from the office style; review it."""
    INFO = "info"
    """Advice on usual practice; the letter is acceptable as it is."""

    @property
    def rank(self) -> int:
        """Sort position: errors first, then warnings, then information."""
        return _RANKS[self]

    @property
    def label(self) -> str:
        """The Indonesian word for the severity, for lists shown to drafters."""
        return _LABELS[self]


_RANKS = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_LABELS = {Severity.ERROR: "kesalahan", Severity.WARNING: "peringatan", Severity.INFO: "catatan"}


@dataclass(frozen=True)
class Finding:
    """One problem the linter found in a draft."""

    rule_id: str
    """Id of the rule that found it (``"TND001"``)."""
    field: str
    """Dotted path of the offending value (``"penandatangan.jabatan"``, ``"tembusan[1]"``), or
    ``""`` when the problem is about the letter as a whole."""
    severity: Severity
    message: str
    """What is wrong and how to fix it, in Indonesian, quoting the offending text."""

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{self.rule_id} [{self.severity.label}] {where}{self.message}"


@dataclass(frozen=True)
class Rule:
    """A regulation-aware check of a draft, as listed by the CLI."""

    id: str
    """Stable id, ``TND`` and three digits."""
    severity: Severity
    """Severity of every finding of this rule."""
    title: str
    """Short Indonesian title."""
    rationale: str
    """One line citing the regulation or practice the rule enforces."""
    check: Check

    def run(self, ctx: LintContext) -> list[Finding]:
        """The findings of this rule on the draft in ``ctx``, in the order the check found them."""
        return [
            Finding(self.id, field, self.severity, message) for field, message in self.check(ctx)
        ]


def rule(rule_id: str, severity: Severity, title: str, rationale: str) -> Callable[[Check], Rule]:
    """Decorator that turns a check function into a :class:`Rule`."""

    def wrap(check: Check) -> Rule:
        return Rule(rule_id, severity, title, rationale, check)

    return wrap


def counts_as_failure(findings: list[Finding]) -> bool:
    """Whether the findings should fail a check run: any error or warning."""
    return any(f.severity in (Severity.ERROR, Severity.WARNING) for f in findings)
