"""Signing letters with PAdES signatures: devices (PKCS#12 file, PKCS#11 token, a remote
signing service such as BSrE: :class:`RemoteDevice`, profiles in ``remote-signing.toml``),
the batch of letters signed with one secret, the archive copy, and signing any PDF.

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
    from tnde.signing.context import (
        DEMO_REMOTE_PROFILE,
        WorkspaceSigning,
        check_unknown_outcome,
        open_unknown_outcomes,
        remote_device,
        workspace_remote_profiles,
        workspace_services,
    )
    from tnde.signing.devices import Pkcs11Device, Pkcs12Device, SigningDevice, SigningSession
    from tnde.signing.outcomes import (
        UNKNOWN_LABEL,
        UnknownOutcome,
        resolve_unknown,
        unknown_outcomes,
    )
    from tnde.signing.pades import Level, SigningServices, SignRequest, sign_pdf
    from tnde.signing.pdf import sign_any_pdf
    from tnde.signing.prepare import TRANSPARENT_STAMP
    from tnde.signing.remote import RemoteDevice
    from tnde.signing.remote_profiles import (
        PROFILE_FILE,
        RemoteProfile,
        credential_account,
        read_profiles,
        remote_profile,
        write_profiles,
    )

__all__ = [
    "DEMO_REMOTE_PROFILE",
    "PROFILE_FILE",
    "TRANSPARENT_STAMP",
    "UNKNOWN_LABEL",
    "LetterSignResult",
    "Level",
    "Pkcs11Device",
    "Pkcs12Device",
    "RemoteDevice",
    "RemoteProfile",
    "SignRequest",
    "SigningDevice",
    "SigningServices",
    "SigningSession",
    "UnknownOutcome",
    "WorkspaceSigning",
    "archive_copy",
    "archive_signed_letter",
    "check_identity",
    "check_unknown_outcome",
    "credential_account",
    "open_unknown_outcomes",
    "paraf_field",
    "precheck_letters",
    "prepare_base",
    "read_profiles",
    "remote_device",
    "remote_profile",
    "resolve_unknown",
    "sign_any_pdf",
    "sign_letters",
    "sign_pdf",
    "signature_fields",
    "unknown_outcomes",
    "workspace_remote_profiles",
    "workspace_services",
    "write_profiles",
]

# Loaded on first use: pyHanko and pypdf are slow to import (see tnde.lazy).
__getattr__ = lazy_exports(
    __name__,
    {
        "LetterSignResult": "tnde.signing.batch",
        "DEMO_REMOTE_PROFILE": "tnde.signing.context",
        "PROFILE_FILE": "tnde.signing.remote_profiles",
        "RemoteDevice": "tnde.signing.remote",
        "RemoteProfile": "tnde.signing.remote_profiles",
        "UNKNOWN_LABEL": "tnde.signing.outcomes",
        "UnknownOutcome": "tnde.signing.outcomes",
        "credential_account": "tnde.signing.remote_profiles",
        "read_profiles": "tnde.signing.remote_profiles",
        "check_unknown_outcome": "tnde.signing.context",
        "open_unknown_outcomes": "tnde.signing.context",
        "remote_device": "tnde.signing.context",
        "remote_profile": "tnde.signing.remote_profiles",
        "resolve_unknown": "tnde.signing.outcomes",
        "unknown_outcomes": "tnde.signing.outcomes",
        "write_profiles": "tnde.signing.remote_profiles",
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
        "workspace_remote_profiles": "tnde.signing.context",
        "workspace_services": "tnde.signing.context",
    },
)
