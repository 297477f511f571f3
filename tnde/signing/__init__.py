"""Signing letters with PAdES signatures: devices (PKCS#12 file, PKCS#11 token), the batch of
letters signed with one secret, the archive copy, and signing any PDF.

The door for the window and the CLI: :func:`sign_letters` (after :func:`precheck_letters`),
:func:`workspace_services` for the time-stamp and revocation services of a workspace,
:func:`archive_signed_letter`, and :func:`sign_any_pdf`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnde.lazy import lazy_exports

if TYPE_CHECKING:
    from tnde.signing.archive import archive_copy, archive_signed_letter
    from tnde.signing.batch import (
        LetterSignResult,
        check_identity,
        paraf_field,
        precheck_letters,
        prepare_base,
        sign_letters,
        signature_fields,
    )
    from tnde.signing.context import WorkspaceSigning, workspace_services
    from tnde.signing.devices import Pkcs11Device, Pkcs12Device, SigningDevice, SigningSession
    from tnde.signing.pades import Level, SigningServices, SignRequest, sign_pdf
    from tnde.signing.pdf import sign_any_pdf
    from tnde.signing.prepare import TRANSPARENT_STAMP

__all__ = [
    "TRANSPARENT_STAMP",
    "LetterSignResult",
    "Level",
    "Pkcs11Device",
    "Pkcs12Device",
    "SignRequest",
    "SigningDevice",
    "SigningServices",
    "SigningSession",
    "WorkspaceSigning",
    "archive_copy",
    "archive_signed_letter",
    "check_identity",
    "paraf_field",
    "precheck_letters",
    "prepare_base",
    "sign_any_pdf",
    "sign_letters",
    "sign_pdf",
    "signature_fields",
    "workspace_services",
]

# Loaded on first use: pyHanko and pypdf are slow to import (see tnde.lazy).
__getattr__ = lazy_exports(
    __name__,
    {
        "LetterSignResult": "tnde.signing.batch",
        "Level": "tnde.signing.pades",
        "Pkcs11Device": "tnde.signing.devices",
        "Pkcs12Device": "tnde.signing.devices",
        "SignRequest": "tnde.signing.pades",
        "SigningDevice": "tnde.signing.devices",
        "SigningServices": "tnde.signing.pades",
        "SigningSession": "tnde.signing.devices",
        "TRANSPARENT_STAMP": "tnde.signing.prepare",
        "WorkspaceSigning": "tnde.signing.context",
        "archive_copy": "tnde.signing.archive",
        "archive_signed_letter": "tnde.signing.archive",
        "check_identity": "tnde.signing.batch",
        "paraf_field": "tnde.signing.batch",
        "precheck_letters": "tnde.signing.batch",
        "prepare_base": "tnde.signing.batch",
        "sign_any_pdf": "tnde.signing.pdf",
        "sign_letters": "tnde.signing.batch",
        "sign_pdf": "tnde.signing.pades",
        "signature_fields": "tnde.signing.batch",
        "workspace_services": "tnde.signing.context",
    },
)
