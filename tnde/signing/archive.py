"""The archive copy of a signed letter: PAdES B-LTA.

A B-LT letter proves itself offline until the certificates of its TSA and CAs expire. The
archive copy adds, in new incremental updates after the last signature, whatever validation
data are still missing for every signature (DSS) and a document timestamp over all of it;
renewing that timestamp before it weakens keeps the proof alive for decades. The sent
letter is never touched: the archive copy is a new file.
"""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING

from tnde.errors import SigningError
from tnde.messages import _
from tnde.workflow.events import EventType
from tnde.workflow.finishing import archive_letter

if TYPE_CHECKING:
    from tnde.signing.pades import SigningServices
    from tnde.workflow.letters import Letters
    from tnde.workflow.state import LetterState

__all__ = ["archive_copy", "archive_signed_letter"]


def archive_copy(pdf: bytes, services: SigningServices) -> bytes:
    """``pdf`` with the DSS completed for each signature and an archive document timestamp.

    Raises:
        SigningError: ``PDF`` when it has no signature or cannot be read; ``SERVICE`` when
            the TSA or the revocation services cannot be reached.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.signers import PdfTimeStamper
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError
    from pyhanko.sign.validation.dss import async_add_validation_info
    from pyhanko_certvalidator.errors import PathValidationError

    try:
        signatures = PdfFileReader(BytesIO(pdf)).embedded_signatures
    except (PdfError, ValueError, KeyError) as exc:
        raise SigningError(SigningError.PDF, _("unreadable PDF: {exc}", exc=exc)) from None
    if not signatures:
        raise SigningError(SigningError.PDF, _("this PDF is not signed yet"))
    context = services.validation_context()
    data = pdf
    try:
        for index in range(len(signatures)):
            # each round reads the file as the previous round left it
            embedded = PdfFileReader(BytesIO(data)).embedded_signatures[index]
            out = BytesIO()
            services.run(async_add_validation_info(embedded, context, output=out))
            data = out.getvalue()
        out = BytesIO()
        stamper = PdfTimeStamper(services.timestamper())
        services.run(
            stamper.async_timestamp_pdf(
                IncrementalPdfFileWriter(BytesIO(data)),
                "sha256",
                validation_context=context,
                output=out,
            )
        )
    except TimestampRequestError:
        raise SigningError(
            SigningError.SERVICE,
            _(
                "the timestamp service (TSA) cannot be reached or refused: {tsa_url}",
                tsa_url=services.tsa_url,
            ),
        ) from None
    except PathValidationError as exc:
        raise SigningError(
            SigningError.SERVICE,
            _("the certificate validation data cannot be completed: {exc}", exc=exc),
        ) from None
    return out.getvalue()


def archive_signed_letter(
    letters: Letters, actor: str, letter_id: str, services: SigningServices
) -> LetterState:
    """File a sent letter with its B-LTA archive copy (the rules are checked first, so a
    refused filing contacts no service)."""

    state = letters.get(letter_id)
    with letters.transaction() as conn:
        letters.precheck(
            conn,
            letter_id=letter_id,
            type=EventType.ARCHIVED,
            actor_nip=actor,
            payload={},
            today=letters.today(),
        )
    copy = archive_copy(letters.blobs.get(state.final_blob), services)
    return archive_letter(letters, actor, letter_id, archive_pdf=copy)
