"""What an auditor's trust store says beyond "trust this root": per-root verification rules.

Two rules depend on the certification authority and so live beside its root:

- **extra purposes**: extended key usages, besides the document-signing ones every CA uses
  (:data:`tnde.pki.purpose.DOCUMENT_SIGNING_PURPOSES`), that the admin accepts for
  certificates under this root;
- **revocation freshness**: how long *before* a signature's proven time a CRL or OCSP
  response may have been issued and still count as proof that the certificate was not
  revoked then. The default is zero: only data issued at or after the signing time prove
  anything about that time (a CRL from two hours earlier says nothing about a revocation
  one hour earlier). A CA that publishes CRLs once a day needs a window here, set by the
  admin who knows it.

A :class:`VerifyPolicy` is a plain value: it crosses into the batch's worker processes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tnde.pki.trust import TrustStore

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path

    from cryptography import x509

    from tnde.pki.trust import TrustedRoot

__all__ = ["RootPolicy", "VerifyPolicy", "workspace_trust"]


@dataclass(frozen=True)
class RootPolicy:
    """The rules for signatures whose chain ends in one root."""

    purposes: tuple[str, ...] = ()
    """Extra EKU OIDs (dotted) accepted for signer certificates under this root."""
    revocation_freshness: dt.timedelta = dt.timedelta(0)
    """How long before the signing time revocation data may have been issued."""


@dataclass(frozen=True)
class VerifyPolicy:
    """Per-root rules, by the root certificate's SHA-256 fingerprint (lowercase hex)."""

    roots: Mapping[str, RootPolicy] = field(default_factory=dict)

    def for_root(self, fingerprint: str | None) -> RootPolicy:
        """The rules for the root with ``fingerprint``; the defaults for unknown roots."""
        if fingerprint is None:
            return _DEFAULT
        return self.roots.get(fingerprint.lower(), _DEFAULT)

    @classmethod
    def from_trust_store(cls, entries: Iterable[TrustedRoot]) -> VerifyPolicy:
        """The rules a workspace's trust store sets (``pki/trust.toml``)."""
        return cls(
            {
                entry.fingerprint.lower(): RootPolicy(
                    tuple(entry.purposes), entry.revocation_freshness
                )
                for entry in entries
            }
        )


_DEFAULT = RootPolicy()


def workspace_trust(path: Path, *, demo: bool) -> tuple[list[x509.Certificate], VerifyPolicy]:
    """The roots a workspace's trust store trusts, and the rules it sets for them.

    Args:
        path: the workspace folder.
        demo: whether DEMO roots count (only in demo workspaces).

    Raises:
        PkiError: the trust store is malformed.
    """

    entries = [
        e
        for e in TrustStore.for_workspace(path).list()
        if e.certificate is not None and (demo or not e.demo)
    ]
    return [e.certificate for e in entries if e.certificate is not None], (
        VerifyPolicy.from_trust_store(entries)
    )
