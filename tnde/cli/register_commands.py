"""``tnde register …``: the numbering register of the workspace, headless.

``list`` shows the series (or, given unit, series and year, every number used in one series);
``lease`` hands a block of numbers to a registry desk; ``leases`` and ``close`` show and close
those blocks; ``void`` cancels a number with a reason. Changes are audited under ``--as``
(default: this device).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from tnde import sync
from tnde.cli.commands import UsageError
from tnde.cli.output import emit_json as _json
from tnde.cli.output import out as _out
from tnde.cli.workspace_commands import audit_actor, open_workspace
from tnde.messages import _
from tnde.register import (
    SeriesRef,
    list_series,
    open_leases,
    uses,
)
from tnde.secrets import KeyringSecretStore
from tnde.workflow import RegisterDesk

if TYPE_CHECKING:
    import argparse

    from tnde.register import Lease
    from tnde.workspace import Workspace


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add ``register`` and its verbs to the command line."""
    top = sub.add_parser(
        "register", help=_("the numbering register: series, leases, voided numbers")
    )
    verbs = top.add_subparsers(dest="verb", required=True, parser_class=type(top))

    p = verbs.add_parser("list", help=_("the series, or every number used in one series"))
    _series_options(p, required=False)
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(run=cmd_list)

    p = verbs.add_parser("lease", help=_("give a registry desk a block of numbers"))
    _series_options(p, required=True)
    p.add_argument("--size", type=int, required=True, help=_("how many numbers"))
    p.add_argument(
        "--desk",
        help=_(
            "the device or desk that will draw from it (a desk linked to an archive takes "
            "the block from the archive, for itself)"
        ),
    )
    _actor_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_lease)

    p = verbs.add_parser("leases", help=_("the open leases of a desk"))
    p.add_argument("--desk", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_leases)

    p = verbs.add_parser("close", help=_("close a lease, voiding the numbers it did not use"))
    p.add_argument("lease", help=_("the lease id"))
    p.add_argument("--reason", required=True, help=_("why (recorded with every voided number)"))
    _actor_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_close)

    p = verbs.add_parser("void", help=_("cancel a number for good, with a reason"))
    _series_options(p, required=True)
    p.add_argument("--no", type=int, required=True, help=_("the sequence number to void"))
    p.add_argument("--reason", required=True, help=_("why (required, kept in the register)"))
    _actor_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_void)


def _series_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument(
        "--unit", required=required, help=_("unit id owning the counter ('' for a shared one)")
    )
    parser.add_argument(
        "--series", required=required, help=_("series key, e.g. 'unit=OR|jenis=ND|year=2026'")
    )
    parser.add_argument("--year", type=int, required=required, help=_("year (0: never resets)"))


def _actor_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as",
        dest="actor",
        metavar="NIP",
        help=_("who acts, for the audit log (default: the workspace's owner)"),
    )


def _open(args: argparse.Namespace) -> Workspace:
    return open_workspace(args)


def _desk(args: argparse.Namespace, ws: Workspace) -> RegisterDesk:
    """The register changed by who the command names (outside demo mode, the owner; the
    core refuses anyone else, and an owner away from the registry desk)."""
    return RegisterDesk(ws, audit_actor(ws, args.actor, f"device:{ws.device_id}"))


def _ref(args: argparse.Namespace) -> Any:
    if args.unit is None or args.series is None or args.year is None:
        raise UsageError(_("give --unit, --series and --year together"))
    return SeriesRef(args.unit, args.series, args.year)


def _lease(args: argparse.Namespace, ws: Workspace) -> Lease:
    """A block from the archive for a linked desk, else from the workspace's register."""
    if sync.read_link(ws.connect()) is not None:
        syncer = sync.Syncer(ws, KeyringSecretStore())
        try:
            return syncer.lease(_ref(args), args.size)
        finally:
            syncer.close()
    if not args.desk:
        raise UsageError(_("name the desk that will hold the lease with --desk"))
    return _desk(args, ws).lease(_ref(args), size=args.size, desk=args.desk)


def _lease_dict(lease: Lease) -> dict[str, Any]:
    return {**asdict(lease), "size": lease.size, "remaining": lease.remaining}


def cmd_list(args: argparse.Namespace) -> int:
    """``tnde register list``: the series, or the numbers of one series."""

    ws = _open(args)
    try:
        conn = ws.connect()
        if None in (args.unit, args.series, args.year):
            found = list_series(conn, unit_id=args.unit, series=args.series, year=args.year)
            if args.json:
                _json([{**asdict(s.ref), "last_no": s.last_no} for s in found])
                return 0
            for state in found:
                ref = state.ref
                _out(f"{ref.unit_id or '-':<16} {ref.year:>4}  {ref.series:<40} {state.last_no:>6}")
            return 0
        ref = _ref(args)
        used = uses(conn, ref)
        counter = list_series(conn, unit_id=ref.unit_id, series=ref.series, year=ref.year)
        last_no = counter[0].last_no if counter else 0
        if args.json:
            rows = [{k: v for k, v in asdict(u).items() if k != "ref"} for u in used]
            _json({**asdict(ref), "last_no": last_no, "uses": rows})
            return 0
        for use in used:
            note = f"  ({use.reason})" if use.reason else ""
            lease = "  " + _("lease {lease_id}", lease_id=use.lease_id) if use.lease_id else ""
            _out(
                f"{use.no:>6}  {use.status:<7} {use.nomor or '-':<30} {use.letter_id or '-'}"
                f"{lease}{note}"
            )
        _out(
            _(
                "{count} number(s) used; the counter stands at {last_no}",
                count=len(used),
                last_no=last_no,
            )
        )
        return 0
    finally:
        ws.close()


def cmd_lease(args: argparse.Namespace) -> int:
    """``tnde register lease``: a block of numbers for a desk."""

    ws = _open(args)
    try:
        lease = _lease(args, ws)
        if args.json:
            _json(_lease_dict(lease))
        else:
            _out(
                _(
                    "lease {lease_id}: numbers {first_no}-{last_no} for desk {desk!r}",
                    lease_id=lease.lease_id,
                    first_no=lease.first_no,
                    last_no=lease.last_no,
                    desk=lease.desk,
                )
            )
        return 0
    finally:
        ws.close()


def cmd_leases(args: argparse.Namespace) -> int:
    """``tnde register leases --desk D``: the open leases of a desk."""

    ws = _open(args)
    try:
        leases = open_leases(ws.connect(), args.desk)
        if args.json:
            _json([_lease_dict(lease) for lease in leases])
            return 0
        for lease in leases:
            _out(
                _(
                    "{lease_id}  {first_no}-{last_no}  {remaining} left  "
                    "{series} ({unit_id}, {year})",
                    lease_id=lease.lease_id,
                    first_no=lease.first_no,
                    last_no=lease.last_no,
                    remaining=lease.remaining,
                    series=lease.ref.series,
                    unit_id=lease.ref.unit_id or "-",
                    year=lease.ref.year,
                )
            )
        return 0
    finally:
        ws.close()


def cmd_close(args: argparse.Namespace) -> int:
    """``tnde register close LEASE --reason TEXT``: void the rest of a lease."""

    ws = _open(args)
    try:
        voided = _desk(args, ws).close(args.lease, reason=args.reason)
        if args.json:
            _json({"lease_id": args.lease, "voided": list(voided)})
        else:
            _out(
                _(
                    "lease {lease_id} closed; {count} unused number(s) voided",
                    lease_id=args.lease,
                    count=len(voided),
                )
            )
        return 0
    finally:
        ws.close()


def cmd_void(args: argparse.Namespace) -> int:
    """``tnde register void``: cancel one number with a reason."""

    if not args.reason.strip():
        raise UsageError(_("--reason must not be empty"))
    ws = _open(args)
    try:
        use = _desk(args, ws).void(_ref(args), args.no, reason=args.reason)
        if args.json:
            _json({k: v for k, v in asdict(use).items() if k != "ref"} | asdict(use.ref))
        else:
            _out(_("no. {no} of {ref} voided: {reason}", no=use.no, ref=use.ref, reason=use.reason))
        return 0
    finally:
        ws.close()
