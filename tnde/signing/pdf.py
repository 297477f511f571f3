"""Signing a PDF that did not come from the workspace (``tnde sign-pdf``).

The field is filled when it exists and is empty. Otherwise it is created first, which is
only allowed while the document has no signature yet: a field added after a certification
signature invalidates it, so that case is refused with the reason.
"""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING

from tnde.errors import SigningError
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
        raise SigningError(SigningError.PDF, f"kolom tanda tangan {field!r} sudah ditandatangani")
    if field not in fields:
        if any(fields.values()):
            raise SigningError(
                SigningError.PDF,
                f"kolom tanda tangan {field!r} tidak ada, dan kolom baru tidak boleh ditambahkan "
                "setelah dokumen ditandatangani; pilih salah satu kolom kosong: "
                + (", ".join(n for n, signed in fields.items() if not signed) or "tidak ada"),
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
        raise SigningError(SigningError.PDF, f"PDF tidak terbaca: {exc}") from None
