"""``tnde sign`` (letters in the workspace) and ``tnde sign-pdf`` (any PDF).

The passphrase or PIN is read from the terminal without echo, or from a file descriptor
for scripts (``--secret-fd 3 3<secret.txt``); never from an argument, where it would sit
in the shell history and the process list. It lives in a ``bytearray`` that is wiped when
the command is done.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tnde import signing
from tnde.cli.commands import UsageError, read_argument_file
from tnde.cli.output import add_actor, emit_json, out
from tnde.cli.workspace_commands import open_workspace, workspace_path
from tnde.errors import SigningError, TndeError
from tnde.fsutil import write_atomic
from tnde.messages import _
from tnde.pki import TrustStore, demo_nik, load_certificate
from tnde.secrets import SERVICE, KeyringSecretStore
from tnde.workflow import Letters

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from cryptography import x509

    from tnde.signing import RemoteDevice, SigningDevice

    PurposesFor = Callable[[Sequence[x509.Certificate]], Sequence[str]]


def register(sub: Any) -> None:
    """Add ``sign`` and ``sign-pdf`` to the command line."""
    p = sub.add_parser("sign", help=_("sign numbered letters (PAdES), one or a batch"))
    p.add_argument("letters", nargs="+", metavar="LETTER", help=_("letter ids"))
    add_actor(p)
    _device_options(p)
    p.add_argument("--level", help=_("PAdES level B-B, B-T, B-LT, B-LTA (default: workspace's)"))
    p.add_argument("--json", action="store_true", help=_("machine-readable results"))
    p.add_argument(
        "--check-unknown",
        action="store_true",
        help=_(
            "do not sign: check letters whose signature has an unknown outcome (status tidak "
            "pasti) with the remote service, and allow signing them again"
        ),
    )
    p.set_defaults(run=cmd_sign)

    p = sub.add_parser(
        "sign-credential",
        help=_("store the client secret of a remote signing service in the OS keyring"),
    )
    p.add_argument("profile", metavar="PROFILE", help=_("remote signing profile name"))
    p.add_argument(
        "--secret-fd",
        type=_descriptor,
        metavar="FD",
        help=_("read the secret from this file descriptor instead of the terminal"),
    )
    p.set_defaults(run=cmd_sign_credential)

    p = sub.add_parser("sign-pdf", help=_("sign any PDF file (PAdES) into a new file"))
    p.add_argument("input", type=Path, metavar="IN.pdf")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf")
    _device_options(p)
    p.add_argument("--field", default="Tanda Tangan", help=_("signature field to fill or create"))
    p.add_argument("--page", type=int, default=1, help=_("page of a new visible field"))
    p.add_argument(
        "--box", help=_("x1,y1,x2,y2 in points for a new visible field (else invisible)")
    )
    p.add_argument("--level", default="B-LT", help=_("PAdES level (default B-LT)"))
    p.add_argument("--tsa", help=_("timestamp service URL (B-T and above)"))
    p.add_argument(
        "--trust",
        type=Path,
        action="append",
        default=[],
        metavar="ROOT.pem",
        help=_("trust root for checking the certificate (default: the workspace's trust store)"),
    )
    p.add_argument("--certify", action="store_true", help=_("certify (first signature only)"))
    p.add_argument("--reason", default="Penandatanganan dokumen")
    p.set_defaults(run=cmd_sign_pdf)


def _device_options(p: argparse.ArgumentParser) -> None:
    device = p.add_mutually_exclusive_group(required=True)
    device.add_argument("--p12", type=Path, metavar="FILE", help=_("PKCS#12 certificate file"))
    device.add_argument(
        "--pkcs11", type=Path, metavar="MODULE", help=_("PKCS#11 module (.so/.dll)")
    )
    device.add_argument(
        "--remote",
        metavar="PROFILE",
        help=_("remote signing service (a profile of the workspace's remote-signing.toml)"),
    )
    p.add_argument(
        "--nik",
        metavar="NIK",
        help=_("the signer's NIK at the remote service (default in a demo: the DEMO NIK)"),
    )
    p.add_argument("--token", metavar="LABEL", help=_("token label (with --pkcs11)"))
    p.add_argument(
        "--key", metavar="LABEL", help=_("key label on the token (default: the only one)")
    )
    p.add_argument(
        "--secret-fd",
        type=_descriptor,
        metavar="FD",
        help=_("read the passphrase/PIN from this file descriptor instead of the terminal"),
    )


def _descriptor(text: str) -> int:
    """A file descriptor number (0 or more) for ``--secret-fd``."""
    try:
        fd = int(text)
    except ValueError:
        fd = -1
    if fd < 0:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a file descriptor (a number 0 or more)", text=text)
        )
    return fd


def _device(args: argparse.Namespace) -> SigningDevice:
    if args.p12 is not None:
        return signing.Pkcs12Device(args.p12)
    if args.remote is not None:
        return _remote_device(args)
    if not args.token:
        raise UsageError(_("--pkcs11 needs --token LABEL"))
    return signing.Pkcs11Device(args.pkcs11, args.token, args.key)


def _remote_device(args: argparse.Namespace) -> RemoteDevice:
    ws = open_workspace(args)
    nik = args.nik
    if not nik and ws.config.demo and getattr(args, "actor", None):
        nik = demo_nik(args.actor)
    if not nik:
        raise UsageError(_("--remote needs --nik NIK (the signer's NIK at the service)"))
    device: RemoteDevice = signing.remote_device(ws, args.remote, nik)
    return device


def read_secret(args: argparse.Namespace, prompt: str) -> bytearray:
    """The passphrase/PIN from ``--secret-fd`` (first line) or the terminal, without echo."""
    if args.secret_fd is not None:
        try:
            with os.fdopen(args.secret_fd, "rb", closefd=False) as stream:
                line = stream.readline()
        except (OSError, ValueError) as exc:
            raise UsageError(
                _(
                    "--secret-fd {secret_fd}: {strerror}",
                    secret_fd=args.secret_fd,
                    strerror=getattr(exc, "strerror", None) or str(exc),
                )
            ) from None
        return bytearray(line.rstrip(b"\r\n"))
    if not sys.stdin.isatty():
        raise UsageError(_("no terminal to ask for the passphrase/PIN: use --secret-fd"))
    return bytearray(getpass.getpass(prompt).encode("utf-8"))


def _wipe(secret: bytearray) -> None:
    secret[:] = bytes(len(secret))


def cmd_sign(args: argparse.Namespace) -> int:
    """``tnde sign LETTER... --as NIP --p12 FILE``: exit 0 only when every letter is signed."""

    device = _device(args)
    try:
        level = signing.Level.parse(args.level) if args.level else None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    ws = open_workspace(args)
    letters = Letters(ws)
    if args.check_unknown:
        return _check_unknown(args, letters, device)
    refused = {
        i: s for i, s in signing.precheck_letters(letters, args.actor, args.letters).items()
        if isinstance(s, TndeError)
    }  # fmt: skip
    if len(refused) == len(set(args.letters)):
        # nothing to sign: say why for each letter without asking for the secret
        for letter_id, error in refused.items():
            sys.stderr.write(f"tnde: {letter_id}: {error}\n")
        return 1
    secret = read_secret(args, _("Passphrase/PIN {device}: ", device=device.description))

    try:
        with signing.workspace_services(ws) as signing_services:
            results = signing.sign_letters(
                letters,
                args.actor,
                args.letters,
                device,
                secret,
                signing_services.services,
                level=level or signing_services.level,
                issuer_of=signing_services.issuer_of,
            )
    finally:
        _wipe(secret)
    if args.json:
        emit_json(
            [
                {
                    "letter": r.letter_id,
                    "ok": r.ok,
                    "nomor": r.nomor,
                    "blob": r.blob,
                    "paraf": r.paraf,
                    "error": None if r.error is None else str(r.error),
                    "kind": getattr(r.error, "kind", None) or getattr(r.error, "rule", None),
                }
                for r in results
            ]
        )
    else:
        for r in results:
            if not r.ok:
                out(_("{letter_id}: FAILED {error}", letter_id=r.letter_id, error=r.error))
            elif r.paraf:  # the letter waits for its signer: "signed" would claim too much
                out(
                    _(
                        "{letter_id}: electronic paraf applied to {nomor}",
                        letter_id=r.letter_id,
                        nomor=r.nomor,
                    )
                )
            else:
                out(_("{letter_id}: signed {nomor}", letter_id=r.letter_id, nomor=r.nomor))
    return 0 if results and all(r.ok for r in results) else 1


def _check_unknown(args: argparse.Namespace, letters: Letters, device: SigningDevice) -> int:
    """``tnde sign LETTER... --remote PROFILE --check-unknown``.

    No file comes back from a lost hash-signing request, so nothing about the letter was
    stored; what is left to check is that the service answers and the signer may still sign.
    """
    if not isinstance(device, signing.RemoteDevice):
        raise UsageError(_("--check-unknown needs --remote PROFILE"))
    unknown = signing.unknown_outcomes(letters.workspace.thread_connection())
    missing = [i for i in args.letters if i not in unknown]
    for letter_id in missing:
        sys.stderr.write(
            "tnde: "
            + _("{letter_id}: has no signature of unknown outcome", letter_id=letter_id)
            + "\n"
        )
    if missing:
        return 1  # nothing checked: the command is about exactly these letters
    for letter_id in args.letters:
        how, result = signing.check_unknown_outcome(letters, device, args.actor, letter_id)
        out(
            _("{letter_id}: checked ({how}); signed: {result}", letter_id=letter_id, how=how,
              result=_("yes") if result == "signed" else _("no, it may be signed again"))
        )  # fmt: skip
    return 0


def cmd_sign_credential(args: argparse.Namespace) -> int:
    """``tnde sign-credential PROFILE``: the service's client secret into the keyring."""
    ws = open_workspace(args)
    profile = signing.workspace_remote_profiles(ws).get(args.profile)
    if profile is None:
        raise UsageError(_("no remote signing profile {name!r}", name=args.profile))
    if profile.auth == "none":
        raise UsageError(_("profile {name!r} uses no client credentials", name=args.profile))
    secret = read_secret(
        args, _("Client secret of {client_id} at {url}: ", client_id=profile.client_id,
                url=profile.url)
    )  # fmt: skip
    try:
        KeyringSecretStore().set(
            SERVICE, signing.credential_account(profile), bytes(secret).decode("utf-8")
        )
    finally:
        _wipe(secret)
    out(_("{name}: client secret stored in the keyring", name=profile.name))
    return 0


def cmd_sign_pdf(args: argparse.Namespace) -> int:
    """``tnde sign-pdf IN.pdf -o OUT.pdf --p12 FILE``."""

    device = _device(args)
    try:
        level = signing.Level.parse(args.level)
        box = _box(args.box) if args.box else None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    # realpath, not resolve(): a loop of links is a name like any other here, not an error
    if os.path.realpath(args.output) == os.path.realpath(args.input):
        raise UsageError(_("the output must be a new file: a signed PDF is never changed in place"))
    data = read_argument_file(args.input)
    roots, extra_purposes = _trust(args)
    secret = read_secret(args, _("Passphrase/PIN {device}: ", device=device.description))
    try:
        with (
            signing.SigningServices(
                trust_roots=roots, tsa_url=args.tsa, extra_purposes=extra_purposes
            ) as services,
            device.open(secret) as session,
        ):
            signed = signing.sign_any_pdf(
                data,
                session,
                services,
                field=args.field,
                page=args.page,
                box=box,
                level=level,
                certify=args.certify,
                reason=args.reason,
            )
    except SigningError as exc:
        if exc.subject or exc.kind != SigningError.PDF:
            raise
        # the PDF's problems name the file they are about
        raise SigningError(exc.kind, exc.detail, subject=str(args.input)) from None
    finally:
        _wipe(secret)
    write_atomic(args.output, signed)
    out(_("{output}: signed ({level})", output=args.output, level=level.value))
    return 0


def _box(text: str) -> tuple[float, float, float, float]:
    parts = [float(p) for p in text.split(",")]
    if len(parts) != 4 or parts[0] >= parts[2] or parts[1] >= parts[3]:
        # shown to the user as it is, through UsageError
        raise ValueError(_("--box {text!r}: expected x1,y1,x2,y2 with x1<x2 and y1<y2", text=text))
    return parts[0], parts[1], parts[2], parts[3]


def _trust(args: argparse.Namespace) -> tuple[list[x509.Certificate], PurposesFor | None]:
    """The trust roots, and the extra signing purposes per chain (``None`` with ``--trust``).

    Roots given with ``--trust`` are bare certificates: only the workspace's trust store says
    which other EKU purposes an admin accepts under a root.
    """

    if args.trust:
        roots = []
        for path in args.trust:
            roots.append(load_certificate(read_argument_file(path), source=str(path)))
        return roots, None

    store = TrustStore.for_workspace(workspace_path(args))
    return list(store.roots()), store.purposes_for
