"""Regulation-aware checks of a draft.

:func:`lint` runs every rule of :data:`RULES` over a draft's typed values and returns the
findings, errors first. It is a pure function: the date to check against is passed in, and
nothing is read from the clock, the disk (beyond the shipped KKA list) or the network::

    values, problems = validate_values(template, raw)
    findings = lint(template, profile, values, today=dt.date.today())
    if counts_as_failure(findings):
        ...

Rules read parts of the letter by what the template's layout prints (see
:class:`~tnde.lint.context.LintContext`), so they apply to every jenis that has those parts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tnde.lint import rules_addressing, rules_body, rules_parts, rules_signature
from tnde.lint.context import LintContext
from tnde.lint.model import Finding, Rule, Severity, counts_as_failure
from tnde.numbering.kka import KkaTree, default_kka

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from tnde.profiles.model import Profile
    from tnde.templates.model import Template

__all__ = [
    "RULES",
    "Finding",
    "LintContext",
    "Rule",
    "Severity",
    "counts_as_failure",
    "lint",
    "lint_errors",
    "rule_by_id",
]

RULES: tuple[Rule, ...] = tuple(
    sorted(
        (
            *rules_parts.RULES,
            *rules_signature.RULES,
            *rules_addressing.RULES,
            *rules_body.RULES,
        ),
        key=lambda r: r.id,
    )
)
"""Every rule, sorted by id; the CLI lists these."""

_BY_ID = {r.id: r for r in RULES}


def rule_by_id(rule_id: str) -> Rule:
    """The rule with id ``rule_id``.

    Raises:
        KeyError: no such rule.
    """
    return _BY_ID[rule_id]


def lint(
    template: Template,
    profile: Profile,
    values: dict[str, Any],
    *,
    today: dt.date,
    kka: KkaTree | None = None,
    rules: Iterable[Rule] = RULES,
) -> list[Finding]:
    """Check a draft against the regulation and the office profile.

    Args:
        template: the draft's jenis naskah.
        profile: the office profile the letter is printed with.
        values: typed values from :func:`tnde.templates.values.validate_values`; fields that
            failed validation are simply absent.
        today: the date to judge the letter date and NIPs against.
        kka: the office's classification codes (default: the shipped starter list).
        rules: the rules to run (default: all).

    Returns:
        The findings, sorted by severity (errors first) and then by rule id; within one rule
        in the order of the form.
    """
    ctx = LintContext(template, profile, values, today, kka if kka is not None else default_kka())
    findings = [finding for r in rules for finding in r.run(ctx)]
    return sorted(findings, key=lambda f: (f.severity.rank, f.rule_id))


def lint_errors(
    template: Template, profile: Profile, values: dict[str, Any], *, today: dt.date
) -> list[Finding]:
    """Only the findings of :func:`lint` that block a letter (severity ERROR)."""
    return [f for f in lint(template, profile, values, today=today) if f.severity is Severity.ERROR]
