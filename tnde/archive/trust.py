"""The root CAs the archive's verification page trusts: the archive folder's own trust store.

An uploaded letter is verified against these roots only, never the operating system's store.
The store has the format of a workspace's (:mod:`tnde.pki.trust`: labels, demo flags,
per-root revocation freshness and extra purposes), in the archive folder::

    ARCHIVE/trust/trust.toml            which roots, with their rules
    ARCHIVE/trust/roots/<sha256>.pem    one file per trusted root

``tnde archive trust add|list|remove`` changes it (each change in the archive's audit log); the
page reads it at every check, so a root added while the server runs counts from the next
upload on, without a restart.

DEMO roots (TNDE DEMO, a practice workspace's own PKI) count only in an archive made for the
demo profile, as they count only in demo workspaces: there the admin adds the demo
workspace's ``pki/demo/root.pem``. Any other archive refuses them, and ignores one that was
put into its store by hand.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tnde.archive.audit import audit_append
from tnde.archive.config import CONFIG_FILE
from tnde.archive.errors import ArchiveError
from tnde.canonical import format_timestamp
from tnde.messages import _
from tnde.pki.trust import TrustStore
from tnde.verify.policy import VerifyPolicy

if TYPE_CHECKING:
    import builtins
    import datetime as dt

    from cryptography import x509

    from tnde.archive.folder import ArchiveFolder
    from tnde.pki.trust import TrustedRoot

__all__ = [
    "DEMO_PROFILE",
    "TRUST_FOLDER",
    "TrustRoots",
    "add_trust_root",
    "is_demo_profile",
    "list_trust_roots",
    "read_trust",
    "remove_trust_root",
    "trust_store",
]

log = logging.getLogger(__name__)

TRUST_FOLDER = "trust"
"""The trust store's folder inside the archive folder."""

DEMO_PROFILE = "diskominfo-nusantara-raya"
"""The profile of the demo office (``tnde.demo.DEMO_PROFILE``, which this layer cannot import;
``tests/archive/test_archive_verification_trust.py`` keeps the two equal)."""


@dataclass(frozen=True)
class TrustRoots:
    """What one verification trusts: the root certificates and the rules they set."""

    certificates: tuple[x509.Certificate, ...]
    policy: VerifyPolicy


def trust_store(folder: Path) -> TrustStore:
    """The trust store of the archive in ``folder`` (it may not exist yet: then it is empty)."""
    return TrustStore(Path(folder) / TRUST_FOLDER / "roots")


def is_demo_profile(profile: str) -> bool:
    """Whether an archive's ``profile`` setting names the demo office (by id or by file)."""
    return Path(profile).stem == DEMO_PROFILE


def read_trust(folder: Path, *, demo: bool) -> TrustRoots:
    """The roots the archive in ``folder`` trusts now (DEMO roots only when ``demo``).

    Raises:
        PkiError: ``trust.toml`` or a certificate file is malformed or does not match.
    """
    entries = [
        entry
        for entry in trust_store(folder).list()
        if entry.certificate is not None and (demo or not entry.demo)
    ]
    roots = tuple(entry.certificate for entry in entries if entry.certificate is not None)
    return TrustRoots(roots, VerifyPolicy.from_trust_store(entries))


def add_trust_root(
    archive: ArchiveFolder,
    data: bytes,
    *,
    actor: str,
    at: dt.datetime,
    label: str | None = None,
    source: str = "",
    revocation_freshness: dt.timedelta | None = None,
) -> TrustedRoot:
    """Trust the root certificate in ``data`` (PEM or DER) for ``archive``; audited.

    The file changes inside the audit row's transaction: when the row cannot be written,
    the command fails (the file may then already be changed; running it again is harmless).

    Raises:
        PkiError: ``data`` is not a self-signed CA certificate, or is a DEMO root and the
            archive is not the demo office's.
    """
    demo = is_demo_profile(archive.config.profile)
    with archive.database.write() as conn:
        root = trust_store(archive.folder).add_root(
            data,
            label=label,
            source=source,
            revocation_freshness=revocation_freshness,
            demo_workspace=demo,
        )
        audit_append(
            conn,
            actor=actor,
            action="trust.root_added",
            object=root.fingerprint,
            details={"label": root.label, "subject": root.subject, "demo": root.demo},
            at=format_timestamp(at),
        )
    log.info("the archive trusts root %s (%s)", root.label, root.fingerprint[:16])
    return root


def list_trust_roots(folder: Path) -> builtins.list[TrustedRoot]:
    """The roots the archive in ``folder`` trusts, in the order added (no database needed).

    Raises:
        ArchiveError: ``not_an_archive``.
        PkiError: the trust store is malformed.
    """
    if not (Path(folder) / CONFIG_FILE).is_file():
        raise ArchiveError(
            ArchiveError.NOT_AN_ARCHIVE,
            _(
                "{folder} is not an archive folder (it has no {file}); make one with: "
                "tnde archive init",
                folder=folder,
                file=CONFIG_FILE,
            ),
        )
    return trust_store(folder).list()


def remove_trust_root(
    archive: ArchiveFolder, fingerprint: str, *, actor: str, at: dt.datetime
) -> TrustedRoot:
    """Stop trusting a root (by its SHA-256 fingerprint, or a unique prefix of 8+ digits).

    Raises:
        PkiError: ``NOT_FOUND`` when no root (or more than one) matches.
    """
    with archive.database.write() as conn:
        root = trust_store(archive.folder).remove(fingerprint)
        audit_append(
            conn,
            actor=actor,
            action="trust.root_removed",
            object=root.fingerprint,
            details={"label": root.label, "subject": root.subject},
            at=format_timestamp(at),
        )
    log.info("the archive no longer trusts root %s (%s)", root.label, root.fingerprint[:16])
    return root
