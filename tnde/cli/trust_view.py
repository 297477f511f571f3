"""How the command line shows a trusted root, for a workspace's trust store and for the
archive's alike."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tnde.cli.output import out
from tnde.messages import _
from tnde.pki import format_duration

if TYPE_CHECKING:
    from tnde.pki import TrustedRoot

__all__ = ["print_root", "root_json", "said_trusted"]


def root_json(root: TrustedRoot) -> dict[str, Any]:
    """A trusted root as ``--json`` prints it."""
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


def print_root(root: TrustedRoot) -> None:
    """The lines every listing of trusted roots starts a root with."""
    out(f"{root.label}{'  [DEMO]' if root.demo else ''}")
    out("  " + _("SHA-256 fingerprint {fingerprint}", fingerprint=root.fingerprint))
    out("  " + _("subject             {subject}", subject=root.subject))
    out("  " + _("valid until         {date}", date=root.not_after.date().isoformat()))


def said_trusted(root: TrustedRoot) -> None:
    """The line that confirms a root was added."""
    out(_("trusted root: {label}  {fingerprint}", label=root.label, fingerprint=root.fingerprint))
