"""The rule catalogue, one module per part of the letter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnde.lint.rules import addressing, body, parts, signature

if TYPE_CHECKING:
    from tnde.lint.model import Rule

ALL_RULES: tuple[Rule, ...] = tuple(
    sorted((*parts.RULES, *signature.RULES, *addressing.RULES, *body.RULES), key=lambda r: r.id)
)
"""Every rule, by id."""

__all__ = ["ALL_RULES"]
