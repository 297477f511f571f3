"""The numbering register: letter numbers issued atomically, voided with a reason, leased in blocks.

- :mod:`~tnde.register.register`: the central counter of each series (:func:`issue_central`,
  :func:`void_number`, :func:`void_issued`, :func:`uses`, :func:`last_issued`) and
  :func:`series_for`, which turns an office's :class:`~tnde.numbering.SeriesPolicy` into a
  :class:`SeriesRef`.
- :mod:`~tnde.register.leases`: blocks of numbers held by one registry desk
  (:func:`lease_block`, :func:`draw_from_lease`, :func:`close_lease`, :func:`open_leases`), and
  :func:`issue_number`, which numbers a letter from the central counter or from a lease.
- :mod:`~tnde.register.check`: :func:`check_register`, the register against the audit log and
  the numbers the letters' events claim (:class:`NumberClaim`), for ``tnde workspace check``.

A number is never given out twice: the counter moves inside ``BEGIN IMMEDIATE`` transactions,
the ``number_use`` table's primary key refuses a duplicate, and leased blocks are taken out of
central issuance. Every issue, void and lease appends a row to the workspace's audit log.
Everything raises :class:`tnde.errors.RegisterError` with a stable ``code``.
"""

from __future__ import annotations

from tnde.register.check import NumberClaim, check_register
from tnde.register.leases import (
    MAX_LEASE_SIZE,
    Lease,
    close_lease,
    draw_from_lease,
    get_lease,
    issue_number,
    lease_block,
    open_leases,
)
from tnde.register.register import (
    IssuedNumber,
    NumberUse,
    SeriesRef,
    SeriesState,
    issue_central,
    last_issued,
    list_series,
    series_for,
    uses,
    void_issued,
    void_number,
)

__all__ = [
    "MAX_LEASE_SIZE",
    "IssuedNumber",
    "Lease",
    "NumberClaim",
    "NumberUse",
    "SeriesRef",
    "SeriesState",
    "check_register",
    "close_lease",
    "draw_from_lease",
    "get_lease",
    "issue_central",
    "issue_number",
    "last_issued",
    "lease_block",
    "list_series",
    "open_leases",
    "series_for",
    "uses",
    "void_issued",
    "void_number",
]
