"""A signing batch accepts revocation answers dated after it began.

Responders that answer live (OCSP, and the DEMO CRLs) date each answer at the moment they
make it. A batch builds its validation context once; on a busy machine or a slow network the
answers arrive seconds later and used to be refused as "too recent", failing the signature.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from pyhanko_certvalidator import CertificateValidator

from tests.demoworkspace import letter_in, p12_of, signer_of
from tnde.pki.demo import DEMO_PASSPHRASE
from tnde.signing.context import workspace_services
from tnde.workflow import Letters

if TYPE_CHECKING:
    from tnde.workspace import Workspace


def test_answers_made_after_the_batch_began_are_accepted(demo_ws: Workspace) -> None:
    letters = Letters(demo_ws)
    signer = signer_of(letters, letter_in(letters, "dinomori"))
    loaded = pkcs12.load_pkcs12(p12_of(demo_ws, signer).read_bytes(), DEMO_PASSPHRASE)
    assert loaded.cert is not None
    extra = [c.certificate for c in loaded.additional_certs]
    chain = [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in extra]
    certificate = asn1_x509.Certificate.load(loaded.cert.certificate.public_bytes(Encoding.DER))
    with workspace_services(demo_ws) as signing:
        context = signing.services.validation_context(extra)
        time.sleep(2.5)  # every answer is now dated well after the context was made
        validator = CertificateValidator(
            certificate, intermediate_certs=chain, validation_context=context
        )
        path = asyncio.run(validator.async_validate_usage({"non_repudiation"}))
    assert path.leaf == certificate
