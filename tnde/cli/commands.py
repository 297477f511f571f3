"""The sub-commands of ``tnde``. Each returns an exit code and writes to stdout/stderr only."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tnde import render
from tnde.cli.output import emit_json as _json
from tnde.cli.output import out as _out
from tnde.datafile import read_input
from tnde.drafts import load_draft, prepare
from tnde.errors import DataFileError
from tnde.fsutil import write_atomic
from tnde.lint import RULES, counts_as_failure, lint
from tnde.messages import _
from tnde.numbering import NumberContext, default_kka, load_kka_csv, parse_pattern
from tnde.profiles import available_profiles, load_profile
from tnde.templates import load_all_templates, load_template

if TYPE_CHECKING:
    import argparse


class UsageError(Exception):
    """The command line itself is wrong (exit code 2)."""


def read_argument_file(path: Path) -> bytes:
    """A file named on the command line (bounded, regular files only); a file that cannot
    be read is a usage error naming it."""
    try:
        return read_input(path)
    except DataFileError as exc:
        raise UsageError(str(exc)) from None


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


# -- templates and profiles ---------------------------------------------------------------------


def cmd_templates(args: argparse.Namespace) -> int:
    """``tnde templates [JENIS]``: the jenis naskah and their fields."""

    folder = args.templates
    templates = [load_template(args.jenis, folder)] if args.jenis else load_all_templates(folder)
    if args.json:
        _json(
            [
                {
                    "jenis": t.jenis,
                    "nama": t.nama,
                    "kode": t.kode,
                    "group": t.group,
                    "description": t.description,
                    "fields": [
                        {
                            "name": f.name,
                            "label": f.label,
                            "type": f.type,
                            "required": f.required,
                            "help": f.help,
                        }
                        for f in t.fields
                    ],
                }
                for t in templates
            ]
        )
        return 0
    for template in templates:
        _out(f"{template.jenis:<20} {template.nama} ({template.kode}, {template.group})")
        if args.jenis or len(templates) == 1:
            _out(f"  {template.description}")
            for spec in template.fields:
                mark = "*" if spec.required else " "
                _out(f"  {mark} {spec.name:<20} {spec.type:<12} {spec.label} — {spec.help}")
        else:
            names = ", ".join(f.name + ("*" if f.required else "") for f in template.fields)
            _out("  " + _("fields: {names}", names=names))
    return 0


def cmd_profiles(args: argparse.Namespace) -> int:
    """``tnde profiles``: the shipped office profiles."""

    profiles = [load_profile(name) for name in available_profiles()]
    if args.json:
        _json(
            [
                {"id": p.id, "nama": p.nama, "paper": p.paper, "source": str(p.source)}
                for p in profiles
            ]
        )
        return 0
    for profile in profiles:
        _out(f"{profile.id:<30} {profile.paper:<7} {profile.nama}")
    return 0


# -- drafts -------------------------------------------------------------------------------------


def _prepare(draft_path: str, profile: str | None, templates: Path | None = None) -> Any:
    return prepare(load_draft(Path(draft_path)), profile, templates)


def _report_problems(source: str, problems: Any) -> None:
    for problem in problems:
        _err(f"{source}: [naskah.{problem.field}] {problem.detail}")


def cmd_render(args: argparse.Namespace) -> int:
    """``tnde render DRAFT -o OUT.pdf``: validate, then lay out and write the PDF atomically."""

    output = Path(args.output)
    if output.is_dir():
        raise UsageError(_("{output} is a folder; give a file name for the PDF", output=output))
    if not output.parent.exists():
        raise UsageError(_("folder {parent} does not exist", parent=output.parent))
    prepared = _prepare(args.draft, args.profile, args.templates)
    if prepared.problems:
        _report_problems(args.draft, prepared.problems)
        _err(_("tnde: {count} problem(s); nothing written", count=len(prepared.problems)))
        return 1
    result = render.render_letter(
        prepared.template,
        prepared.profile,
        prepared.values,
        mode="print" if args.print else "final" if args.final else "draft",
    )
    write_atomic(output, result.pdf)
    _out(
        _(
            "{output}: {pages} page(s), {template}, {profile}",
            output=output,
            pages=result.pages,
            template=prepared.template.nama,
            profile=prepared.profile.id,
        )
    )
    return 0


def cmd_lint(args: argparse.Namespace) -> int:
    """``tnde lint DRAFT``: validation problems and regulation findings."""
    if not args.rules and not args.draft:
        raise UsageError(_("give a draft file, or --rules"))

    if args.rules:
        for rule in RULES:
            _out(f"{rule.id}  {rule.title}")
        return 0
    today = _parse_date(args.today) if args.today else dt.date.today()
    prepared = _prepare(args.draft, args.profile, args.templates)
    findings = lint(prepared.template, prepared.profile, prepared.values, today=today)
    if args.json:
        _json(
            {
                "problems": [
                    {"field": p.field, "code": p.code, "message": p.detail}
                    for p in prepared.problems
                ],
                "findings": [{**asdict(f), "severity": f.severity.value} for f in findings],
            }
        )
    else:
        _report_problems(args.draft, prepared.problems)
        for finding in findings:
            where = f"[naskah.{finding.field}] " if finding.field else ""
            level = finding.severity.value
            _out(f"{args.draft}: {level}: {finding.rule_id} {where}{finding.message}")
        if not prepared.problems and not findings:
            _out(_("{draft}: no findings", draft=args.draft))
    return 1 if prepared.problems or counts_as_failure(findings) else 0


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(_("{text!r} is not a date (use YYYY-MM-DD)", text=text)) from None


# -- numbering ----------------------------------------------------------------------------------


def cmd_kka(args: argparse.Namespace) -> int:
    """``tnde kka [TEXT]``: search the classification codes (or check a CSV list)."""

    tree = load_kka_csv(Path(args.file)) if args.file else default_kka()
    found = tree.search(args.text) if args.text else list(tree)
    if args.json:
        _json([asdict(k) for k in found])
    else:
        for item in found:
            _out(f"{item.kode:<14} {item.nama}")
        if args.file:
            _err(_("{file}: {count} codes, valid", file=args.file, count=len(tree)))
    return 0


def cmd_number(args: argparse.Namespace) -> int:
    """``tnde number PATTERN``: format a number, or parse one with ``--parse``."""

    pattern = parse_pattern(args.pattern)
    if args.parse:
        _json(asdict(pattern.parse(args.parse)))
        return 0
    tanggal = _parse_date(args.date) if args.date else dt.date.today()
    context = NumberContext(
        seq=args.seq,
        tanggal=tanggal,
        kka=args.kka,
        unit=args.unit,
        derajat=args.derajat,
        jenis=args.jenis,
        jabatan=args.jabatan,
    )
    _out(pattern.format(context))
    return 0
