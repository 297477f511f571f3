"""Certificates for signing: identities, the workspace trust store and the TNDE DEMO PKI.

- :mod:`~tnde.pki.identity`: :class:`CertIdentity` from a BSrE-style certificate,
  :func:`nik_ref`, :func:`same_person_name`.
- :mod:`~tnde.pki.trust`: :class:`TrustStore`, the roots a workspace trusts (never the OS
  store), how letter footers name the issuer, and what each root allows.
- :mod:`~tnde.pki.purpose`: :func:`signing_purpose_problems`, whether a certificate may sign
  documents at all (not a CA, a signing keyUsage, a document-signing extendedKeyUsage).
- :mod:`~tnde.pki.demo`: :class:`DemoPki`, a throwaway hierarchy (root, issuing CA, officials,
  TSA, OCSP responder) that says DEMO everywhere; :mod:`~tnde.pki.responders` answers CRL,
  OCSP and RFC 3161 requests for it and :mod:`~tnde.pki.server` serves them on loopback HTTP.
- :mod:`~tnde.pki.workspace_demo`: :func:`init_demo_pki` gives a workspace its DEMO PKI.

Errors: :class:`tnde.errors.PkiError`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnde.lazy import lazy_exports
from tnde.pki.identity import (
    CertIdentity,
    certificate_pem,
    fingerprint,
    identity_of,
    load_certificate,
    nik_ref,
    same_person_name,
)
from tnde.pki.purpose import DOCUMENT_SIGNING_PURPOSES, signing_purpose_problems
from tnde.pki.trust import TrustedRoot, TrustStore, format_duration, parse_duration
from tnde.pki.trust_desk import TrustDesk

if TYPE_CHECKING:
    from tnde.pki.demo import DEMO_PASSPHRASE, DemoOfficial, DemoPki
    from tnde.pki.remote_simulator import FAULTS, DemoRemoteService, demo_remote_port
    from tnde.pki.server import PkiServer
    from tnde.pki.workspace_demo import (
        DEMO_FOOTER_ISSUER,
        demo_folder,
        demo_nik,
        demo_officials,
        free_port,
        init_demo_pki,
    )

__all__ = [
    "DEMO_FOOTER_ISSUER",
    "DEMO_PASSPHRASE",
    "DOCUMENT_SIGNING_PURPOSES",
    "FAULTS",
    "CertIdentity",
    "DemoOfficial",
    "DemoPki",
    "DemoRemoteService",
    "PkiServer",
    "TrustDesk",
    "TrustStore",
    "TrustedRoot",
    "certificate_pem",
    "demo_folder",
    "demo_nik",
    "demo_officials",
    "demo_remote_port",
    "fingerprint",
    "format_duration",
    "free_port",
    "identity_of",
    "init_demo_pki",
    "load_certificate",
    "nik_ref",
    "parse_duration",
    "same_person_name",
    "signing_purpose_problems",
]

# The DEMO PKI (with the org chart it reads) loads on first use: every verification worker
# process imports this package for the trust store alone (see tnde.lazy).
__getattr__ = lazy_exports(
    __name__,
    {
        "DEMO_FOOTER_ISSUER": "tnde.pki.workspace_demo",
        "DEMO_PASSPHRASE": "tnde.pki.demo",
        "DemoOfficial": "tnde.pki.demo",
        "DemoPki": "tnde.pki.demo",
        "DemoRemoteService": "tnde.pki.remote_simulator",
        "FAULTS": "tnde.pki.remote_simulator",
        "demo_remote_port": "tnde.pki.remote_simulator",
        "PkiServer": "tnde.pki.server",
        "demo_folder": "tnde.pki.workspace_demo",
        "demo_nik": "tnde.pki.workspace_demo",
        "demo_officials": "tnde.pki.workspace_demo",
        "free_port": "tnde.pki.workspace_demo",
        "init_demo_pki": "tnde.pki.workspace_demo",
    },
)
