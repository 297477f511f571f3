"""``tnde pki …``: the DEMO PKI of a workspace, its trust store, and the loopback responders."""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tnde.cli.commands import UsageError
from tnde.cli.output import emit_json as _json
from tnde.cli.output import out as _out
from tnde.cli.trust_view import print_root, root_json, said_trusted
from tnde.cli.workspace_commands import audit_actor, open_workspace
from tnde.datafile import read_input
from tnde.messages import _
from tnde.pki import (
    DEMO_PASSPHRASE,
    FAULTS,
    DemoPki,
    DemoRemoteService,
    PkiServer,
    TrustDesk,
    TrustStore,
    demo_folder,
    demo_remote_port,
    format_duration,
    init_demo_pki,
    parse_duration,
)

if TYPE_CHECKING:
    import argparse
    import datetime as dt

    from tnde.pki import TrustedRoot

__all__ = [
    "cmd_pki_demo_init",
    "cmd_pki_revoke",
    "cmd_pki_serve",
    "cmd_pki_trust_add",
    "cmd_pki_trust_list",
    "cmd_pki_trust_remove",
    "cmd_pki_trust_set",
    "register",
]


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add ``pki demo-init``, ``pki trust add|list|set|remove``, ``pki revoke``, ``pki serve``."""
    pki = sub.add_parser("pki", help=_("certificates: the DEMO PKI and the workspace trust store"))
    pki_sub = pki.add_subparsers(dest="pki_command", required=True, parser_class=type(pki))

    p = pki_sub.add_parser(
        "demo-init",
        help=_("create the DEMO PKI for the org chart's officials and trust its root"),
    )
    p.add_argument("--replace", action="store_true", help=_("replace an existing DEMO PKI"))
    p.add_argument(
        "--port", type=int, help=_("loopback port of the services (default: a free one)")
    )
    p.add_argument(
        "--actor", help=_("who is recorded in the audit log (default: the workspace's owner)")
    )
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(run=cmd_pki_demo_init)

    trust = pki_sub.add_parser("trust", help=_("the root CAs this workspace trusts"))
    trust_sub = trust.add_subparsers(dest="trust_command", required=True, parser_class=type(pki))
    p = trust_sub.add_parser("add", help=_("trust a root certificate (PEM or DER file)"))
    p.add_argument("file", type=Path, help=_("the root certificate"))
    p.add_argument("--label", help=_("a name for the list (default: the certificate's CN)"))
    p.add_argument(
        "--footer-issuer", metavar="TEXT", help=_("how letter footers name the issuing authority")
    )
    p.add_argument("--demo", action="store_true", help=_("a test root (never 'tersertifikasi')"))
    _root_options(p)
    p.add_argument(
        "--actor", help=_("who is recorded in the audit log (default: the workspace's owner)")
    )
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(run=cmd_pki_trust_add)
    p = trust_sub.add_parser("list", help=_("the trusted roots"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(run=cmd_pki_trust_list)
    p = trust_sub.add_parser("set", help=_("change what a trusted root allows"))
    p.add_argument("fingerprint", help=_("SHA-256 fingerprint (or its first 8+ hex digits)"))
    _root_options(p)
    p.add_argument(
        "--no-purposes",
        action="store_true",
        help=_("accept only the document-signing purposes under this root again"),
    )
    p.add_argument(
        "--actor", help=_("who is recorded in the audit log (default: the workspace's owner)")
    )
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(run=cmd_pki_trust_set)
    p = trust_sub.add_parser("remove", help=_("stop trusting a root"))
    p.add_argument("fingerprint", help=_("SHA-256 fingerprint (or its first 8+ hex digits)"))
    p.add_argument(
        "--actor", help=_("who is recorded in the audit log (default: the workspace's owner)")
    )
    p.set_defaults(run=cmd_pki_trust_remove)

    p = pki_sub.add_parser("revoke", help=_("revoke a DEMO certificate (by NIP or serial)"))
    p.add_argument("who", metavar="NIP|SERIAL", help=_("the official's NIP or a serial in hex"))
    p.add_argument("--reason", default="keyCompromise", help=_("RFC 5280 reason (keyCompromise)"))
    p.set_defaults(run=cmd_pki_revoke)

    p = pki_sub.add_parser("serve", help=_("serve the DEMO TSA, OCSP and CRLs until Ctrl-C"))
    p.set_defaults(run=cmd_pki_serve)

    remote = pki_sub.add_parser(
        "demo-remote", help=_("the simulated BSrE remote signing service of the demo")
    )
    remote_sub = remote.add_subparsers(dest="remote_command", required=True, metavar="COMMAND")
    p = remote_sub.add_parser(
        "serve", help=_("serve the simulated BSrE signing service on loopback until Ctrl-C")
    )
    p.add_argument("--port", type=int, help=_("port (default: the demo profile's)"))
    p.add_argument(
        "--fault",
        default="",
        choices=[k for k in FAULTS if k],
        help=_("answer every request with this fault (for trying out error handling)"),
    )
    p.add_argument(
        "--slow-seconds",
        type=float,
        default=5.0,
        help=_("how long the 'slow' fault waits (default 5)"),
    )
    p.set_defaults(run=cmd_pki_demo_remote_serve)


def _root_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--purpose",
        action="append",
        metavar="OID",
        help=_(
            "an extended key usage (dotted OID) also accepted for signing under this root; "
            "repeat for several (replaces the root's list)"
        ),
    )
    p.add_argument(
        "--revocation-freshness",
        metavar="DURATION",
        help=_(
            "how long before a signature a CRL/OCSP answer may be issued and still count "
            "(30m, 24h, 2d; default 0)"
        ),
    )


# -- commands -----------------------------------------------------------------------------------


def cmd_pki_demo_init(args: argparse.Namespace) -> int:
    """``tnde pki demo-init``: DEMO certificates for everyone who holds a jabatan today."""

    with open_workspace(args) as ws:
        pki = init_demo_pki(
            ws,
            # outside a demo the refusal to make a DEMO PKI is the one worth reading
            actor=audit_actor(ws, args.actor, "cli") if ws.config.demo else ws.config.owner,
            replace_existing=args.replace,
            port=args.port,
        )
    officials = [
        {"nip": key, "p12": str(pki.folder / "officials" / f"{key}.p12")}
        for key in pki.official_keys()
    ]
    passphrase = DEMO_PASSPHRASE.decode("ascii")
    if args.json:
        _json(
            {
                "folder": str(pki.folder),
                "port": pki.port,
                "root": str(pki.folder / "root.pem"),
                "passphrase": passphrase,
                "officials": officials,
            }
        )
        return 0
    _out(_("DEMO PKI made in {folder} (test certificates, not a PSrE)", folder=pki.folder))
    _out("  " + _("DEMO root trusted in this workspace: {path}", path=pki.folder / "root.pem"))
    _out(
        "  "
        + _(
            "TSA/OCSP/CRL services: http://127.0.0.1:{port}  (run: tnde pki serve)",
            port=pki.port,
        )
    )
    _out(
        "  "
        + _(
            "{count} .p12 files in {folder}",
            count=len(officials),
            folder=pki.folder / "officials",
        )
    )
    _out(
        "  "
        + _(
            "password of every DEMO .p12: DEMO_PASSPHRASE = {passphrase!r}",
            passphrase=passphrase,
        )
    )
    for item in officials:
        _out(f"    {item['p12']}")
    return 0


def cmd_pki_trust_add(args: argparse.Namespace) -> int:
    """``tnde pki trust add FILE``: trust a root CA in this workspace."""

    data = read_input(args.file)
    freshness = _freshness(args)
    with open_workspace(args) as ws:
        root = TrustDesk(ws, audit_actor(ws, args.actor, "cli")).add(
            data,
            label=args.label,
            footer_issuer=args.footer_issuer,
            demo=args.demo,
            source=str(args.file),
            purposes=args.purpose,
            revocation_freshness=freshness,
        )
    if args.json:
        _json(root_json(root))
    else:
        said_trusted(root)
    return 0


def cmd_pki_trust_list(args: argparse.Namespace) -> int:
    """``tnde pki trust list``: the roots this workspace trusts."""

    with open_workspace(args) as ws:
        roots = TrustStore.for_workspace(ws.path).list()
    if args.json:
        _json([root_json(r) for r in roots])
        return 0
    if not roots:
        _out(_("no trusted root yet; add one with: tnde pki trust add FILE"))
        return 0
    for r in roots:
        print_root(r)
        _out(
            "  "
            + _(
                "issuer in footers   {issuer}",
                issuer=r.footer_issuer or _("(from the issuing CA certificate)"),
            )
        )
        _print_rules(r)
    return 0


def _print_rules(root: TrustedRoot) -> None:
    """The rules a root sets for the signatures under it."""
    purposes = ", ".join(root.purposes) or _("(none)")
    _out("  " + _("extra EKU purposes  {purposes}", purposes=purposes))
    window = format_duration(root.revocation_freshness)
    _out("  " + _("CRL/OCSP freshness  {window}", window=window))


def cmd_pki_trust_set(args: argparse.Namespace) -> int:
    """``tnde pki trust set FINGERPRINT --purpose OID --revocation-freshness 24h``."""

    if args.no_purposes and args.purpose:
        raise UsageError(_("--purpose and --no-purposes exclude each other"))
    purposes = [] if args.no_purposes else args.purpose
    freshness = _freshness(args)
    if purposes is None and freshness is None:
        raise UsageError(
            _("nothing to change: give --purpose, --no-purposes or --revocation-freshness")
        )
    with open_workspace(args) as ws:
        root = TrustDesk(ws, audit_actor(ws, args.actor, "cli")).update(
            args.fingerprint, purposes=purposes, revocation_freshness=freshness
        )
    if args.json:
        _json(root_json(root))
    else:
        _out(
            _(
                "root changed: {label}  {fingerprint}",
                label=root.label,
                fingerprint=root.fingerprint,
            )
        )
        _print_rules(root)
    return 0


def cmd_pki_trust_remove(args: argparse.Namespace) -> int:
    """``tnde pki trust remove FINGERPRINT``."""

    with open_workspace(args) as ws:
        gone = TrustDesk(ws, audit_actor(ws, args.actor, "cli")).remove(args.fingerprint)
    _out(
        _(
            "no longer trusted: {label}  {fingerprint}",
            label=gone.label,
            fingerprint=gone.fingerprint,
        )
    )
    return 0


def cmd_pki_revoke(args: argparse.Namespace) -> int:
    """``tnde pki revoke NIP|SERIAL``: revoke a DEMO certificate (OCSP and CRLs say so)."""

    with open_workspace(args) as ws:
        ws.require_writable()  # the revocation is written in the workspace's DEMO PKI folder
        pki = DemoPki.open(demo_folder(ws.path))
    serial = pki.revoke(args.who, reason=args.reason)
    _out(_("DEMO certificate {serial:x} revoked ({reason})", serial=serial, reason=args.reason))
    return 0


def cmd_pki_serve(args: argparse.Namespace) -> int:
    """``tnde pki serve``: the DEMO TSA/OCSP/CRL responders on loopback, until Ctrl-C."""

    with open_workspace(args) as ws:
        pki = DemoPki.open(demo_folder(ws.path))
    with PkiServer(pki) as server:
        _out(_("DEMO PKI services running at {url} (Ctrl-C to stop)", url=server.url))
        _out(f"  TSA   {server.tsa_url}")
        _out(f"  OCSP  {server.ocsp_url}")
        _out(f"  CRL   {server.crl_url('root')}  {server.crl_url('issuing-ca')}")
        sys.stdout.flush()
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            _out(_("stopped"))
    return 0


def cmd_pki_demo_remote_serve(args: argparse.Namespace) -> int:
    """``tnde pki demo-remote serve``: "BSrE (simulasi)" on loopback, until Ctrl-C."""

    with open_workspace(args) as ws:
        pki = DemoPki.open(demo_folder(ws.path))
    port = args.port if args.port is not None else demo_remote_port(pki.port)
    if not 0 <= port <= 65535:
        raise UsageError(_("port {port} is not a port number 0-65535", port=port))
    if not math.isfinite(args.slow_seconds) or not 0 <= args.slow_seconds <= 600:
        raise UsageError(_("--slow-seconds must be a number of seconds from 0 to 600"))
    service = DemoRemoteService(pki, port=port)
    service.fault, service.slow_seconds = args.fault, args.slow_seconds
    with service:
        _out(_("simulated BSrE signing service at {url} (Ctrl-C to stop)", url=service.url))
        if service.fault:
            _out(_("  fault: {fault} ({what})", fault=service.fault, what=FAULTS[service.fault]))
        sys.stdout.flush()
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            _out(_("stopped"))
    return 0


def _freshness(args: argparse.Namespace) -> dt.timedelta | None:
    """``--revocation-freshness`` as a duration, or ``None`` when not given."""

    return None if args.revocation_freshness is None else parse_duration(args.revocation_freshness)
