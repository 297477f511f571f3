"""Which counter a letter number comes from: the pure rules of numbering series.

Sequence numbers restart every calendar year (*tahun takwim*) and are kept per issuing unit,
often also per type of naskah. A :class:`SeriesPolicy` says which of these
apply in an office; :func:`series_key` turns the policy and a letter's context into the name of
its counter, and :func:`next_in_series` gives the number after the last one issued.

These functions only decide *which* counter and *what* comes next. Issuing a number for real
(reserving it atomically so two clerks never get the same one, and keeping it when the network
is down) is the job of the numbering register, which comes later in the workspace and stores
its counters under the keys made here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from tnde.errors import NumberingError
from tnde.messages import _

if TYPE_CHECKING:
    from datetime import date

__all__ = ["SeriesContext", "SeriesPolicy", "next_in_series", "series_key"]

_log = logging.getLogger(__name__)

_RESETS = ("yearly", "never")


@dataclass(frozen=True)
class SeriesPolicy:
    """How an office splits its letter numbers into independent series."""

    reset: Literal["yearly", "never"] = "yearly"
    """``"yearly"``: each calendar year starts again at 1 (the rule for naskah dinas);
    ``"never"``: one running series."""
    per_unit: bool = True
    """Each issuing unit (pencatat) has its own series."""
    per_jenis: bool = False
    """Each type of naskah (ND, ST, UND…) has its own series."""
    per_derajat: bool = False
    """Each security class (B, T, R, SR) has its own series."""

    def __post_init__(self) -> None:
        if self.reset not in _RESETS:
            raise NumberingError(
                "bad_policy",
                _(
                    "reset must be one of {choices}, not {reset!r}",
                    choices=", ".join(_RESETS),
                    reset=self.reset,
                ),
            )


@dataclass(frozen=True)
class SeriesContext:
    """What a letter looks like to the series rules, before it has a sequence number."""

    tanggal: date
    """Date of the letter; its calendar year picks the yearly series."""
    unit: str = ""
    """Code of the issuing unit."""
    jenis: str = ""
    """Code of the type of naskah."""
    derajat: str = ""
    """Security class code."""


def _escape(value: str) -> str:
    # Keys must stay unambiguous whatever a unit code contains.
    return value.replace("%", "%25").replace("|", "%7C").replace("=", "%3D")


def series_key(policy: SeriesPolicy, ctx: SeriesContext) -> str:
    """The stable name of the counter a letter draws from, e.g. ``"unit=OR|jenis=ND|year=2026"``.

    Fields appear in the fixed order unit, jenis, derajat, year, and only when the policy uses
    them; ``"%"``, ``"|"`` and ``"="`` inside values are percent-encoded. A policy that splits
    nothing gives ``"all"``. The key is what the register stores, so its format must not change.

    Raises:
        NumberingError: ``missing_value`` when the policy splits by a field the context
            leaves empty.
    """
    fields: list[tuple[str, str]] = []
    if policy.per_unit:
        fields.append(("unit", ctx.unit))
    if policy.per_jenis:
        fields.append(("jenis", ctx.jenis))
    if policy.per_derajat:
        fields.append(("derajat", ctx.derajat))
    for name, value in fields:
        if not value:
            raise NumberingError(
                "missing_value", _("series split by {name}, but {name} is empty", name=name)
            )
    if policy.reset == "yearly":
        fields.append(("year", str(ctx.tanggal.year)))
    return "|".join(f"{name}={_escape(value)}" for name, value in fields) or "all"


def next_in_series(last: int | None) -> int:
    """The sequence number after ``last``; ``None`` (nothing issued yet) gives 1.

    Raises:
        NumberingError: ``bad_value`` when ``last`` is negative.
    """
    if last is None:
        return 1
    if last < 0:
        raise NumberingError("bad_value", _("the last issued number cannot be {last}", last=last))
    return last + 1
