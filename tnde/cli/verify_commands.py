"""``tnde verify FILE|FOLDER…``: offline verification of signed PDFs, the auditor's command.

Exit codes follow the CLI's: 0 only when every file is VALID (SAH); 1 when any file is not
(or nothing was found, or a trust root cannot be read); 2 for a wrong command line (a path
that does not exist, no trust root at all).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from tnde import verify
from tnde.cli.commands import UsageError, read_argument_file
from tnde.cli.output import emit_json as _json
from tnde.cli.output import out as _out
from tnde.cli.terminal import own_stderr
from tnde.cli.workspace_commands import open_workspace
from tnde.errors import PkiError
from tnde.fsutil import write_atomic
from tnde.messages import _
from tnde.pki import fingerprint, load_certificate, parse_duration
from tnde.workflow import Letters

if TYPE_CHECKING:
    from cryptography import x509

    from tnde.verify import FileReport

__all__ = ["cmd_verify", "register"]

_ZONE = ZoneInfo("Asia/Jakarta")


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add ``verify`` to the ``tnde`` command."""
    p = sub.add_parser(
        "verify",
        help=_("verify signed PDFs offline (files or folders)"),
        description=(
            _(
                "Verify the electronic signatures of PDF files offline: only the given trust "
                "roots (--trust, or the workspace trust store with --workspace) and the data "
                "inside the files are used. Exit 0 only when every file is VALID."
            )
        ),
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="FILE|FOLDER")
    p.add_argument(
        "--workspace",
        type=Path,
        default=argparse.SUPPRESS,  # else the option before the command stands
        metavar="PATH",
        help=_("use this workspace's trust store and records (as before the command)"),
    )
    p.add_argument(
        "--trust",
        action="append",
        type=Path,
        default=[],
        metavar="ROOT.pem",
        help=_("a trusted root certificate, PEM or DER (repeatable)"),
    )
    p.add_argument(
        "--crl",
        action="append",
        type=Path,
        default=[],
        metavar="FILE.crl",
        help=_("a CRL the auditor holds (DER or PEM, repeatable), besides the files' own data"),
    )
    p.add_argument(
        "--revocation-freshness",
        metavar="DURATION",
        help=(
            _(
                "for the --trust roots: how long before a signature a CRL/OCSP answer about the "
                "signer may be issued and still count (e.g. 24h; default 0: issued at or after "
                "the signing time)"
            )
        ),
    )
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.add_argument("--report", type=Path, metavar="OUT.pdf", help=_("write the Berita Acara PDF"))

    p.add_argument("--jobs", type=int, default=2, help=_("worker processes for folders (2)"))
    p.set_defaults(run=cmd_verify)


def cmd_verify(args: argparse.Namespace) -> int:
    """Verify, print (text or JSON), optionally write the report; exit 0 iff all VALID."""

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        raise UsageError(_("not found: {names}", names=", ".join(missing)))
    if args.jobs < 1:
        raise UsageError(_("--jobs must be 1 or more"))
    roots, policy = _trust_roots(args)
    if not args.verbose:
        verify.quiet_library_logs()
    workspace = open_workspace(args) if getattr(args, "workspace", None) is not None else None
    try:
        run = verify.verify_folder(
            args.paths,
            trust_roots=roots,
            policy=policy,
            workers=args.jobs,
            crls=_crls(args.crl),
            records=Letters(workspace) if workspace is not None else None,
            progress=_progress_printer(),
        )
    finally:
        if workspace is not None:
            workspace.close()
    if not run.files:
        _err(_("no PDF file to verify"))
        return 1
    if args.report is not None:
        write_atomic(args.report, verify.render_report(run))
    if args.json:
        _json(verify.run_json(run))
    else:
        _print_run(run)
        if args.report is not None:
            _out(_("Report (berita acara) written to {path}", path=args.report))
    return 0 if run.verdict is verify.Verdict.VALID else 1


# -- trust roots ----------------------------------------------------------------------------------


def _trust_roots(args: argparse.Namespace) -> tuple[list[x509.Certificate], verify.VerifyPolicy]:
    """``--trust`` files (with ``--revocation-freshness`` as their window), plus the
    workspace trust store and the per-root rules it sets (extra purposes, revocation
    freshness) when ``--workspace`` is given."""

    given: list[x509.Certificate] = []
    for path in args.trust:
        data = read_argument_file(path)
        given += _certificates(data, str(path))
    window = _window(getattr(args, "revocation_freshness", None))
    rules = {_fingerprint(r): verify.RootPolicy(revocation_freshness=window) for r in given}
    stored: list[x509.Certificate] = []
    if getattr(args, "workspace", None) is not None:
        workspace = open_workspace(args)
        try:
            # a DEMO root counts only in a demo workspace
            stored, policy = verify.workspace_trust(workspace.path, demo=workspace.config.demo)
            rules.update(policy.roots)
        finally:
            workspace.close()
    roots = given + stored
    if not roots:
        raise UsageError(
            _(
                "no trusted root: give --trust ROOT.pem or --workspace W (the workspace's "
                "trust store)"
            )
        )
    unique = {_fingerprint(r): r for r in roots}
    return list(unique.values()), verify.VerifyPolicy(rules)


def _window(text: str | None) -> dt.timedelta:
    """``--revocation-freshness`` as a duration (zero when not given)."""
    if not text:
        return dt.timedelta(0)

    try:
        return parse_duration(text)
    except PkiError as exc:
        raise UsageError(_("--revocation-freshness: {exc}", exc=exc)) from None


def _crls(paths: list[Path]) -> list[bytes]:
    """The ``--crl`` files as DER, each checked to be a CRL."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    out = []
    for path in paths:
        data = read_argument_file(path)
        try:
            crl = (
                x509.load_pem_x509_crl(data)
                if data.lstrip().startswith(b"-----BEGIN")
                else x509.load_der_x509_crl(data)
            )
        except ValueError:
            raise UsageError(_("{path} is not a CRL file (DER or PEM)", path=path)) from None
        out.append(crl.public_bytes(Encoding.DER))
    return out


def _certificates(data: bytes, source: str) -> list[x509.Certificate]:
    """Every certificate in a PEM bundle, or the one DER certificate."""
    from cryptography import x509

    if data.count(b"-----BEGIN CERTIFICATE-----") > 1:
        try:
            return list(x509.load_pem_x509_certificates(data))
        except ValueError:  # one block of the bundle is not a certificate
            raise PkiError(
                PkiError.BAD_FILE,
                _("not a readable X.509 certificate (PEM or DER)"),
                path=source,
            ) from None
    return [load_certificate(data, source=source)]


def _fingerprint(cert: x509.Certificate) -> str:
    return fingerprint(cert)


def _subject(cert: x509.Certificate) -> str:
    return cert.subject.rfc4514_string()


# -- output ---------------------------------------------------------------------------------------


def _print_run(run: verify.VerificationRun) -> None:
    for report in run.files:
        _print_file(report)
    counts = run.counts()

    summary = ", ".join(f"{v.label} {counts[v.value]}" for v in verify.Verdict)
    _out(_("Summary: {count} file(s) ({verdicts})", count=len(run.files), verdicts=summary))


def _print_file(report: FileReport) -> None:
    _out(f"{report.verdict.value:<13} {report.path}  [{report.verdict.label}]")
    for reason in report.reasons:
        _out(f"    - {reason}")
    for note in report.notes:
        _out("    " + _("note: {note}", note=note))
    for sig in report.signatures:
        head = f"  #{sig.index} {sig.field}: {sig.verdict.value} [{sig.verdict.label}]"
        if sig.signer is not None:
            who = sig.signer
            parts = [who.nama]
            if who.nip:
                parts.append(f"NIP {who.nip}")
            if who.jabatan:
                parts.append(who.jabatan)
            head += " — " + ", ".join(parts)
        _out(head)
        facts = []
        if sig.timestamp is not None:
            facts.append(_("timestamp {time}", time=_when(sig.timestamp.time)))
        if sig.claimed_time is not None:
            facts.append(_("claimed {time}", time=_when(sig.claimed_time)))
        if sig.pades_level:
            facts.append(f"PAdES {sig.pades_level}")
        if sig.certification is not None:
            facts.append(_("certification P={level}", level=sig.certification))
        if sig.modification_level:
            facts.append(_("changes after it: {level}", level=sig.modification_level))
        if facts:
            _out("      " + "; ".join(facts))
        for item in sig.revocation_evidence:
            _out("      " + _("revocation status proven by: {evidence}", evidence=item))


def _when(moment: dt.datetime) -> str:
    return f"{moment.astimezone(_ZONE):%Y-%m-%d %H.%M} WIB"


def _progress_printer() -> Any:
    """Progress on stderr for long runs (50 files or more) in a terminal; nothing otherwise."""
    stream = own_stderr()  # the \r below is ours: the terminal must obey it
    if not stream.isatty():
        return None

    def show(done: int, all_files: int, path: str = "") -> None:
        if all_files < 50:
            return
        stream.write("\r" + _("verifying {done}/{total} …", done=done, total=all_files))
        if done == all_files:
            stream.write("\n")
        stream.flush()

    return show


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")
