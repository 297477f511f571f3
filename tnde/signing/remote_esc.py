"""Signing at an Esign Client Service that signs whole PDFs (``/api/v2/sign/pdf``).

For agencies whose service offers nothing else. The letter is final before it leaves:
numbered, QR code and footer drawn by us, PDF/A-2b (:func:`tnde.signing.batch.prepare_base`,
without empty fields of ours, since the service adds a field of its own). The service
returns the PDF with its signature, and nothing of it is accepted until:

1. it is our file with something appended (our bytes are a prefix of it), and exactly one
   new signature, made with the official's certificate (the one the service's status and
   chain routes gave, checked against the org chart and the trust store at the start);
2. pyHanko's difference analysis finds nothing changed from our file but the signature
   and its field (no page, annotation or metadata change);
3. at B-LT we add the DSS (revocation data fetched now), and our own verifier
   (:func:`tnde.verify.verify_pdf`) finds the whole file VALID.

Anything else is refused (``SigningError.BAD_RESPONSE``) and nothing is stored.
"""

from __future__ import annotations

import base64
import binascii
import logging
from io import BytesIO
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.serialization import Encoding

from tnde.errors import SigningError
from tnde.messages import _
from tnde.signing.pades import add_long_term
from tnde.signing.remote_client import field_value, put_field
from tnde.verify import Verdict, verify_pdf

if TYPE_CHECKING:
    from tnde.signing.devices import SigningSession
    from tnde.signing.pades import SigningServices, SignRequest
    from tnde.signing.remote_client import RemoteClient

log = logging.getLogger(__name__)

__all__ = ["WholePdfSigning", "accept_signed_pdf"]


class WholePdfSigning:
    """The session's ``whole_pdf`` for an Esign Client Service (one PDF per request)."""

    def __init__(self, client: RemoteClient, nik: str, passphrase: bytearray) -> None:
        self._client = client
        self._nik = nik
        self._passphrase = passphrase
        self.session: SigningSession | None = None
        """Set once the session exists (its certificate and chain)."""

    def __call__(self, pdf: bytes, request: SignRequest, services: SigningServices) -> bytes:
        assert self.session is not None
        profile = self._client.profile
        body: dict[str, Any] = {}
        put_field(body, profile.field_path("nik"), self._nik)
        put_field(body, profile.field_path("passphrase"), bytes(self._passphrase).decode("utf-8"))
        body[profile.field_path("properties")] = [
            {
                "tampilan": "INVISIBLE",
                "reason": request.reason,
                "location": request.location,
            }
        ]
        put_field(body, profile.field_path("file"), [base64.b64encode(pdf).decode("ascii")])
        answer = self._client.call("POST", profile.endpoint("sign_pdf"), body, signs=True)
        body.clear()
        value = field_value(answer, profile.field_path("signed_file"))
        try:
            returned = base64.b64decode(str(value), validate=True) if value else b""
        except binascii.Error:
            returned = b""
        return accept_signed_pdf(pdf, returned, self.session, services, request)


def accept_signed_pdf(
    sent: bytes,
    returned: bytes,
    session: SigningSession,
    services: SigningServices,
    request: SignRequest,
) -> bytes:
    """The file to store, once ``returned`` passed every check (module docstring).

    Raises:
        SigningError: ``BAD_RESPONSE`` naming what is wrong; nothing has been stored then.
    """
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, ModificationLevel
    from pyhanko.sign.general import SigningError as PyhankoSigningError

    if len(returned) <= len(sent) or not returned.startswith(sent):
        raise SigningError(
            SigningError.BAD_RESPONSE,
            _(
                "the signing service sent back a different file, not the letter with a "
                "signature added; it was refused and nothing was stored"
            ),
        )
    try:
        before = PdfFileReader(BytesIO(sent))
        reader = PdfFileReader(BytesIO(returned))
        base_revision = before.xrefs.total_revisions - 1
        signatures = reader.embedded_signatures
        new = signatures[len(before.embedded_signatures) :]
        diff = DEFAULT_DIFF_POLICY.review_file(reader, base_revision)
        # pyHanko's policy lets the document information change; here only save stamps may
        metadata_kept = _metadata(before) == _metadata(reader)
    except (PdfError, PyhankoSigningError, ValueError, KeyError) as exc:
        log.info("signed PDF from the service unreadable: %r", exc)
        raise SigningError(
            SigningError.BAD_RESPONSE,
            _("the signed file from the signing service cannot be read; nothing was stored"),
        ) from None
    expected = session.certificate.public_bytes(Encoding.DER)
    if len(new) != 1 or new[0].signer_cert.dump() != expected:
        raise SigningError(
            SigningError.BAD_RESPONSE,
            _(
                "the signature from the signing service was not made with the official's "
                "certificate; it was refused and nothing was stored"
            ),
        )
    level = getattr(diff, "modification_level", ModificationLevel.OTHER)
    if level > ModificationLevel.FORM_FILLING or not metadata_kept:
        raise SigningError(
            SigningError.BAD_RESPONSE,
            _(
                "the signing service changed the letter besides adding its signature; "
                "it was refused and nothing was stored"
            ),
        )
    final = (
        add_long_term(returned, session, services) if request.level.embeds_revocation else returned
    )
    report = verify_pdf(final, trust_roots=list(services.trust_roots), now=services.clock())
    acceptable = (
        report.verdict is Verdict.VALID
        if request.level.embeds_revocation
        else report.verdict is not Verdict.INVALID
    )
    if not acceptable:
        raise SigningError(
            SigningError.BAD_RESPONSE,
            _(
                "our verifier does not accept the file signed by the service ({verdict}: "
                "{reasons}); nothing was stored",
                verdict=report.verdict.value,
                reasons="; ".join(report.reasons[:3]),
            ),
        )
    return final


_INFO_MAINTENANCE = frozenset({"/ModDate", "/Producer"})
"""/Info keys a signing library refreshes on every save; they say nothing of the letter."""


def _metadata(reader: Any) -> dict[str, str]:
    """The document information dictionary, as the file states it (save stamps aside).

    The XMP packet is left to the difference analysis' judgement: signing libraries rewrite
    it (modification dates, producer) when they add a signature."""
    info = reader.trailer_view.get("/Info")
    info = info.get_object() if info is not None else None
    items = info.items() if info is not None else ()
    return {str(k): str(v) for k, v in items if str(k) not in _INFO_MAINTENANCE}
