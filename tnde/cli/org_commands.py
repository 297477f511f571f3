"""``tnde org …``: import, show and export the workspace's org chart."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tnde.cli.commands import UsageError
from tnde.cli.output import emit_json as _json
from tnde.cli.output import out as _out
from tnde.cli.workspace_commands import audit_actor, open_workspace
from tnde.messages import _
from tnde.org import holders, import_org, load_org, read_org, validate_chart, write_org

if TYPE_CHECKING:
    import argparse

    from tnde.org import OrgChart, OrgProblem, Unit
    from tnde.workspace import Workspace

__all__ = ["cmd_org_export", "cmd_org_import", "cmd_org_show", "register"]


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add ``org import``, ``org show`` and ``org export`` to the ``tnde`` command."""
    org = sub.add_parser("org", help=_("the org chart: units, jabatan, pegawai, who holds what"))
    org_sub = org.add_subparsers(dest="org_command", required=True, parser_class=type(org))

    p = org_sub.add_parser(
        "import", help=_("replace the org chart with a TOML file or a folder of CSV files")
    )
    p.add_argument(
        "source",
        type=Path,
        help=_(
            "org TOML file, or a folder with unit.csv, jabatan.csv, pegawai.csv, assignment.csv"
        ),
    )
    p.add_argument("--check", action="store_true", help=_("only validate; write nothing"))
    p.add_argument(
        "--actor", help=_("who is recorded in the audit log (default: the workspace's owner)")
    )
    p.add_argument("--json", action="store_true", help=_("machine-readable problems"))
    p.set_defaults(run=cmd_org_import)

    p = org_sub.add_parser("show", help=_("the unit tree with the holders of each jabatan"))
    p.add_argument("--on", help=_("holders on YYYY-MM-DD (default: today)"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(run=cmd_org_show)

    p = org_sub.add_parser("export", help=_("write the org chart to a file"))
    p.add_argument(
        "target", type=Path, help=_("FILE.toml, or any other name for a folder of CSV files")
    )
    p.set_defaults(run=cmd_org_export)


# -- commands -----------------------------------------------------------------------------------


def cmd_org_import(args: argparse.Namespace) -> int:
    """``tnde org import SOURCE``: validate, then replace the chart (all or nothing)."""

    chart = read_org(args.source)
    problems = validate_chart(chart)
    if problems:
        if args.json:
            _json({"imported": False, "problems": [_problem_json(p) for p in problems]})
        for problem in problems:
            _err(_locate(args.source, problem))
        _err(
            _(
                "{count} problem(s) in {source}; nothing was imported",
                count=len(problems),
                source=args.source,
            )
        )
        return 1
    counts = _counts(chart)
    if args.check:
        _report(
            args,
            {"imported": False, "counts": counts},
            _("{source}: valid ({counts})", source=args.source, counts=counts),
        )
        return 0
    workspace = _open(args)
    try:
        import_org(workspace, chart, actor=audit_actor(workspace, args.actor, "cli"))
    finally:
        workspace.close()
    _report(
        args,
        {"imported": True, "counts": counts},
        _("imported {counts} into {path}", counts=counts, path=workspace.path),
    )
    return 0


def cmd_org_show(args: argparse.Namespace) -> int:
    """``tnde org show [--on DATE] [--json]``: the unit tree with today's holders."""

    on = _parse_date(args.on) if args.on else dt.date.today()
    chart = _load(args)

    def holder_rows(jabatan_id: str) -> list[dict[str, Any]]:
        return [
            {
                "nip": h.nip,
                "nama": chart.pegawai_by_nip[h.nip].nama if h.nip in chart.pegawai_by_nip else "",
                "bentuk": h.bentuk,
                "dasar": h.dasar,
                "mulai": h.mulai.isoformat(),
                "selesai": h.selesai.isoformat() if h.selesai else None,
            }
            for h in holders(chart, jabatan_id, on)
        ]

    def node(unit: Unit, seen: set[str]) -> dict[str, Any]:
        seen.add(unit.unit_id)
        return {
            "unit_id": unit.unit_id,
            "nama": unit.nama,
            "kode": unit.kode,
            "jabatan": [
                {
                    "jabatan_id": j.jabatan_id,
                    "nama": j.nama,
                    "eselon": j.eselon,
                    "heads_unit": j.heads_unit,
                    "superior_id": j.superior_id,
                    "registry": j.registry,
                    "holders": holder_rows(j.jabatan_id),
                }
                for j in chart.jabatan_in(unit.unit_id)
            ],
            "children": [
                node(child, seen)
                for child in chart.children(unit.unit_id)
                if child.unit_id not in seen
            ],
        }

    seen: set[str] = set()
    tree = [node(root, seen) for root in chart.roots()]
    if args.json:
        _json({"on": on.isoformat(), "units": tree})
        return 0
    if not chart.units:
        _out(_("the workspace has no org chart yet; import one with: tnde org import FILE.toml"))
        return 0
    _out(_("Org chart on {date}", date=on.isoformat()))
    for root in tree:
        _print_unit(root, 0)
    return 0


def cmd_org_export(args: argparse.Namespace) -> int:
    """``tnde org export TARGET``: the chart as TOML (``*.toml``) or as four CSV files."""

    chart = _load(args)
    if not chart.units:
        _err(_("the workspace has no org chart to export"))
        return 1
    write_org(chart, args.target)
    _out(_("exported {counts} to {target}", counts=_counts(chart), target=args.target))
    return 0


# -- helpers ------------------------------------------------------------------------------------


def _open(args: argparse.Namespace) -> Workspace:
    return open_workspace(args)


def _load(args: argparse.Namespace) -> OrgChart:
    workspace = _open(args)
    try:
        conn = workspace.connect()
        return load_org(conn)
    finally:
        workspace.close()


def _counts(chart: OrgChart) -> str:
    return _(
        "{units} units, {jabatan} jabatan, {pegawai} pegawai, {assignments} assignments",
        units=len(chart.units),
        jabatan=len(chart.jabatan),
        pegawai=len(chart.pegawai),
        assignments=len(chart.assignments),
    )


def _locate(source: Path, problem: OrgProblem) -> str:
    """Where a problem is, in the terms of the file it came from."""
    if source.is_dir():
        file = source / (problem.table + ".csv")
        row = problem.index + 2  # after the header row, counted from 1
        where = (
            _("{file} [row {row}, {column}]", file=file, row=row, column=problem.field)
            if problem.field
            else _("{file} [row {row}]", file=file, row=row)
        )
    else:
        where = f"{source} [{problem.key}]"
    return f"{where}: {problem.detail}"


def _problem_json(problem: OrgProblem) -> dict[str, Any]:
    return {
        "table": problem.table,
        "index": problem.index,
        "field": problem.field,
        "key": problem.key,
        "code": problem.code,
        "message": problem.detail,
    }


def _print_unit(node: dict[str, Any], depth: int) -> None:
    pad = "  " * depth
    kode = f" [{node['kode']}]" if node["kode"] else ""
    _out(f"{pad}{node['nama']} ({node['unit_id']}){kode}")
    for j in node["jabatan"]:
        marks = " " + _("(registry desk)") if j["registry"] else ""
        names = "; ".join(_holder_text(h) for h in j["holders"]) or _("(vacant)")
        _out(f"{pad}  - {j['nama']} [{j['jabatan_id']}]{marks}: {names}")
    for child in node["children"]:
        _print_unit(child, depth + 1)


def _holder_text(holder: dict[str, Any]) -> str:
    if holder["bentuk"] == "definitif":
        return str(holder["nama"])
    if holder["selesai"]:
        return _(
            "{bentuk} {nama} until {end}",
            bentuk=holder["bentuk"],
            nama=holder["nama"],
            end=holder["selesai"],
        )
    return f"{holder['bentuk']} {holder['nama']}"


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(_("{text!r} is not a date (use YYYY-MM-DD)", text=text)) from None


def _report(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    if getattr(args, "json", False):
        _json(data)
    else:
        _out(text)


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")
