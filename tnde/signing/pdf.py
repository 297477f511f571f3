"""Signing a PDF that did not come from the workspace (``tnde sign-pdf``).

The field is filled when it exists and is empty. Otherwise it is created first, which is
only allowed while the document has no signature yet: a field added after a certification
signature invalidates it, so that case is refused with the reason.
"""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING

from tnde.errors import SigningError
from tnde.messages import _
from tnde.signing.pades import Level, SigningServices, SignRequest, check_certificate, sign_pdf
from tnde.signing.prepare import FieldPlan, add_signature_fields

if TYPE_CHECKING:
    from tnde.signing.devices import SigningSession

__all__ = ["sign_any_pdf"]


def sign_any_pdf(
    pdf: bytes,
    session: SigningSession,
    services: SigningServices,
    *,
    field: str,
    page: int = 1,
    box: tuple[float, float, float, float] | None = None,
    level: Level = Level.B_LT,
    certify: bool = False,
    reason: str = "",
) -> bytes:
    """Sign ``pdf`` into ``field`` (created when missing) and return the new file."""

    fields = _signature_fields(pdf)
    if fields.get(field):
        raise SigningError(
            SigningError.PDF, _("signature field {name!r} is signed already", name=field)
        )
    if field not in fields:
        if any(fields.values()):
            raise SigningError(
                SigningError.PDF,
                _(
                    "signature field {name!r} does not exist, and no new field may be added "
                    "after the document is signed; choose one of the empty fields: {empty}",
                    name=field,
                    empty=", ".join(n for n, signed in fields.items() if not signed) or _("none"),
                ),
            )
        pdf = add_signature_fields(pdf, [FieldPlan(field, page, box)])
    check_certificate(session, services)
    request = SignRequest(
        field=field,
        level=level,
        certify=certify and not any(fields.values()),
        reason=reason or "Penandatanganan dokumen",
    )
    return sign_pdf(pdf, session, request, services)


def _signature_fields(pdf: bytes) -> dict[str, bool]:
    """Field name → whether it is signed."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    try:
        reader = PdfFileReader(BytesIO(pdf))
        return {name: value is not None for name, value, _ in enumerate_sig_fields(reader)}
    except (PdfError, ValueError, KeyError) as exc:
        raise SigningError(SigningError.PDF, _("unreadable PDF: {exc}", exc=exc)) from None
