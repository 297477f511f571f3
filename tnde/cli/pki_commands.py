"""``tnde pki …``: the DEMO PKI of a workspace, its trust store, and the loopback responders."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tnde.cli.commands import UsageError
from tnde.cli.output import emit_json as _json
from tnde.cli.output import out as _out
from tnde.cli.workspace_commands import open_workspace
from tnde.errors import PkiError
from tnde.pki import (
    DEMO_PASSPHRASE,
    DemoPki,
    PkiServer,
    TrustStore,
    demo_folder,
    format_duration,
    init_demo_pki,
    parse_duration,
)
from tnde.workspace import audit_append

if TYPE_CHECKING:
    import argparse
    import datetime as dt

    from tnde.pki import TrustedRoot
    from tnde.workspace import Workspace

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
    pki = sub.add_parser("pki", help="certificates: the DEMO PKI and the workspace trust store")
    pki_sub = pki.add_subparsers(dest="pki_command", required=True, parser_class=type(pki))

    p = pki_sub.add_parser(
        "demo-init",
        help="create the DEMO PKI for the org chart's officials and trust its root",
    )
    p.add_argument("--replace", action="store_true", help="replace an existing DEMO PKI")
    p.add_argument("--port", type=int, help="loopback port of the services (default: a free one)")
    p.add_argument("--actor", default="cli", help="who is recorded in the audit log")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=cmd_pki_demo_init)

    trust = pki_sub.add_parser("trust", help="the root CAs this workspace trusts")
    trust_sub = trust.add_subparsers(dest="trust_command", required=True, parser_class=type(pki))
    p = trust_sub.add_parser("add", help="trust a root certificate (PEM or DER file)")
    p.add_argument("file", type=Path, help="the root certificate")
    p.add_argument("--label", help="a name for the list (default: the certificate's CN)")
    p.add_argument(
        "--footer-issuer", metavar="TEXT", help="how letter footers name the issuing authority"
    )
    p.add_argument("--demo", action="store_true", help="a test root (never 'tersertifikasi')")
    _root_options(p)
    p.add_argument("--actor", default="cli", help="who is recorded in the audit log")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=cmd_pki_trust_add)
    p = trust_sub.add_parser("list", help="the trusted roots")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=cmd_pki_trust_list)
    p = trust_sub.add_parser("set", help="change what a trusted root allows")
    p.add_argument("fingerprint", help="SHA-256 fingerprint (or its first 8+ hex digits)")
    _root_options(p)
    p.add_argument(
        "--no-purposes",
        action="store_true",
        help="accept only the document-signing purposes under this root again",
    )
    p.add_argument("--actor", default="cli", help="who is recorded in the audit log")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=cmd_pki_trust_set)
    p = trust_sub.add_parser("remove", help="stop trusting a root")
    p.add_argument("fingerprint", help="SHA-256 fingerprint (or its first 8+ hex digits)")
    p.add_argument("--actor", default="cli", help="who is recorded in the audit log")
    p.set_defaults(run=cmd_pki_trust_remove)

    p = pki_sub.add_parser("revoke", help="revoke a DEMO certificate (by NIP or serial)")
    p.add_argument("who", metavar="NIP|SERIAL", help="the official's NIP or a serial in hex")
    p.add_argument("--reason", default="keyCompromise", help="RFC 5280 reason (keyCompromise)")
    p.set_defaults(run=cmd_pki_revoke)

    p = pki_sub.add_parser("serve", help="serve the DEMO TSA, OCSP and CRLs until Ctrl-C")
    p.set_defaults(run=cmd_pki_serve)


def _root_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--purpose",
        action="append",
        metavar="OID",
        help="an extended key usage (dotted OID) also accepted for signing under this root; "
        "repeat for several (replaces the root's list)",
    )
    p.add_argument(
        "--revocation-freshness",
        metavar="DURATION",
        help="how long before a signature a CRL/OCSP answer may be issued and still count "
        "(30m, 24h, 2d; default 0)",
    )


# -- commands -----------------------------------------------------------------------------------


def cmd_pki_demo_init(args: argparse.Namespace) -> int:
    """``tnde pki demo-init``: DEMO certificates for everyone who holds a jabatan today."""

    with open_workspace(args) as ws:
        pki = init_demo_pki(ws, actor=args.actor, replace_existing=args.replace, port=args.port)
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
    _out(f"PKI DEMO dibuat di {pki.folder} (sertifikat uji, bukan PSrE)")
    _out(f"  akar DEMO dipercaya di ruang kerja ini: {pki.folder / 'root.pem'}")
    _out(f"  layanan TSA/OCSP/CRL: http://127.0.0.1:{pki.port}  (jalankan: tnde pki serve)")
    _out(f"  {len(officials)} berkas .p12 di {pki.folder / 'officials'}")
    _out(f"  kata sandi semua .p12 DEMO: DEMO_PASSPHRASE = {passphrase!r}")
    for item in officials:
        _out(f"    {item['p12']}")
    return 0


def cmd_pki_trust_add(args: argparse.Namespace) -> int:
    """``tnde pki trust add FILE``: trust a root CA in this workspace."""

    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        raise PkiError(
            PkiError.BAD_FILE, f"tidak dapat dibaca: {exc.strerror}", path=str(args.file)
        ) from None
    freshness = _freshness(args)
    with open_workspace(args) as ws:
        root = TrustStore.for_workspace(ws.path).add_root(
            data,
            label=args.label,
            footer_issuer=args.footer_issuer,
            demo=args.demo,
            source=str(args.file),
            purposes=args.purpose,
            revocation_freshness=freshness,
        )
        _audit(ws, args.actor, "pki.trust_add", root)
    if args.json:
        _json(_root_json(root))
    else:
        _out(f"akar dipercaya: {root.label}  {root.fingerprint}")
    return 0


def cmd_pki_trust_list(args: argparse.Namespace) -> int:
    """``tnde pki trust list``: the roots this workspace trusts."""

    with open_workspace(args) as ws:
        roots = TrustStore.for_workspace(ws.path).list()
    if args.json:
        _json([_root_json(r) for r in roots])
        return 0
    if not roots:
        _out("belum ada akar tepercaya; tambahkan dengan: tnde pki trust add FILE")
        return 0
    for r in roots:
        demo = "  [DEMO]" if r.demo else ""
        _out(f"{r.label}{demo}")
        _out(f"  sidik jari SHA-256  {r.fingerprint}")
        _out(f"  subjek              {r.subject}")
        _out(f"  berlaku sampai      {r.not_after.date().isoformat()}")
        _out(f"  penerbit di footer  {r.footer_issuer or '(dari sertifikat CA penerbit)'}")
        _out(f"  tujuan EKU tambahan {', '.join(r.purposes) or '(tidak ada)'}")
        _out(f"  kesegaran CRL/OCSP  {format_duration(r.revocation_freshness)}")
    return 0


def cmd_pki_trust_set(args: argparse.Namespace) -> int:
    """``tnde pki trust set FINGERPRINT --purpose OID --revocation-freshness 24h``."""

    if args.no_purposes and args.purpose:
        raise UsageError("--purpose and --no-purposes exclude each other")
    purposes = [] if args.no_purposes else args.purpose
    freshness = _freshness(args)
    if purposes is None and freshness is None:
        raise UsageError(
            "nothing to change: give --purpose, --no-purposes or --revocation-freshness"
        )
    with open_workspace(args) as ws:
        root = TrustStore.for_workspace(ws.path).update_root(
            args.fingerprint, purposes=purposes, revocation_freshness=freshness
        )
        _audit(ws, args.actor, "pki.trust_set", root)
    if args.json:
        _json(_root_json(root))
    else:
        _out(f"akar diubah: {root.label}  {root.fingerprint}")
        _out(f"  tujuan EKU tambahan {', '.join(root.purposes) or '(tidak ada)'}")
        _out(f"  kesegaran CRL/OCSP  {format_duration(root.revocation_freshness)}")
    return 0


def cmd_pki_trust_remove(args: argparse.Namespace) -> int:
    """``tnde pki trust remove FINGERPRINT``."""

    with open_workspace(args) as ws:
        gone = TrustStore.for_workspace(ws.path).remove(args.fingerprint)
        _audit(ws, args.actor, "pki.trust_remove", gone)
    _out(f"tidak lagi dipercaya: {gone.label}  {gone.fingerprint}")
    return 0


def cmd_pki_revoke(args: argparse.Namespace) -> int:
    """``tnde pki revoke NIP|SERIAL``: revoke a DEMO certificate (OCSP and CRLs say so)."""

    with open_workspace(args) as ws:
        pki = DemoPki.open(demo_folder(ws.path))
    serial = pki.revoke(args.who, reason=args.reason)
    _out(f"sertifikat DEMO {serial:x} dicabut ({args.reason})")
    return 0


def cmd_pki_serve(args: argparse.Namespace) -> int:
    """``tnde pki serve``: the DEMO TSA/OCSP/CRL responders on loopback, until Ctrl-C."""

    with open_workspace(args) as ws:
        pki = DemoPki.open(demo_folder(ws.path))
    with PkiServer(pki) as server:
        _out(f"layanan PKI DEMO berjalan di {server.url} (Ctrl-C untuk berhenti)")
        _out(f"  TSA   {server.tsa_url}")
        _out(f"  OCSP  {server.ocsp_url}")
        _out(f"  CRL   {server.crl_url('root')}  {server.crl_url('issuing-ca')}")
        sys.stdout.flush()
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            _out("berhenti")
    return 0


def _audit(ws: Workspace, actor: str, action: str, root: TrustedRoot) -> None:
    """Who trusted (or stopped trusting) which root, allowing what, is an audited fact."""

    with ws.transaction() as conn:
        audit_append(
            conn,
            actor=actor,
            action=action,
            object=root.fingerprint,
            details={
                "label": root.label,
                "subject": root.subject,
                "demo": root.demo,
                "purposes": list(root.purposes),
                "revocation_freshness": format_duration(root.revocation_freshness),
            },
        )


def _root_json(root: TrustedRoot) -> dict[str, Any]:
    return {
        "label": root.label,
        "subject": root.subject,
        "fingerprint": root.fingerprint,
        "not_after": root.not_after.isoformat(),
        "demo": root.demo,
        "footer_issuer": root.footer_issuer,
        "purposes": list(root.purposes),
        "revocation_freshness": format_duration(root.revocation_freshness),
    }


def _freshness(args: argparse.Namespace) -> dt.timedelta | None:
    """``--revocation-freshness`` as a duration, or ``None`` when not given."""

    return None if args.revocation_freshness is None else parse_duration(args.revocation_freshness)
