"""The Esign Client Service v2 side of the DEMO remote signing simulator: the service signs
the whole PDF (``POST /api/v2/sign/pdf``).

Request ``{nik, passphrase, signatureProperties: [{tampilan, reason, location, …}],
file: [base64 PDF]}``, answer ``{time, file: [base64 signed PDF]}`` (an array even for one
file, as the service sends it). The signature is an invisible PAdES approval signature in a
new field, timestamped by the DEMO TSA (in-process), like the B-T files the real service
returns. The simulator's faults apply; ``wrong-digest`` here changes the letter before it
signs it, the way a service that "repairs" a PDF would.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import io
from typing import TYPE_CHECKING, Any

from asn1crypto import tsp
from pyhanko.sign.timestamps.api import TimeStamper

if TYPE_CHECKING:
    from tnde.pki.demo import DemoPki
    from tnde.pki.remote_simulator import DemoRemoteService

__all__ = ["ESC_SIGN_PDF", "sign_whole_pdf"]

ESC_SIGN_PDF = "/api/v2/sign/pdf"


class _DemoTsa(TimeStamper):
    """The DEMO TSA answered in this process (no HTTP round trip)."""

    def __init__(self, pki: DemoPki) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._pki = pki

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        return tsp.TimeStampResp.load(self._pki.timestamp_response(req.dump()))


def sign_whole_pdf(
    service: DemoRemoteService, body: dict[str, Any], signer_of: Any
) -> tuple[int, dict[str, Any]]:
    """Sign each file of the request as the official with the NIK.

    ``signer_of(key, cert, chain)`` gives a pyHanko signer over an opened key.
    """
    nik = str(body.get("nik", ""))
    passphrase = str(body.get("passphrase", "")).encode("utf-8")
    if service.fault == "server-error":
        return 500, {"__raw__": service.java_trace}
    found = None if service.fault == "not-registered" else service.official(nik)
    if found is None:
        return 400, {"error": "Penandatangan tidak terdaftar", "status_code": 2011}
    if service.fault == "no-certificate":
        return 400, {"error": "Sertifikat user tidak ditemukan", "status_code": 2021}
    opened = None if service.fault == "wrong-passphrase" else service.unlock(found[0], passphrase)
    if opened is None:
        return 400, {"error": "Passphrase anda salah", "status_code": 2031}
    key, cert = opened
    if service.fault == "other-signer":
        other = service.other_key_and_cert(found[0])
        key, cert = other if other is not None else (key, cert)
    files = body.get("file")
    props = (body.get("signatureProperties") or [{}])[0]
    if not isinstance(files, list) or not files or not isinstance(props, dict):
        return 500, {"__raw__": service.java_trace}
    signed = []
    for item in files:
        try:
            pdf = base64.b64decode(str(item), validate=True)
        except binascii.Error:
            return 500, {"__raw__": service.java_trace}
        if service.fault == "wrong-digest":
            pdf = _retitled(pdf)
        out = _sign(pdf, signer_of(key, cert, service.pki.chain), service.pki, props)
        signed.append(base64.b64encode(out).decode("ascii"))
    return 200, {"time": 1, "file": signed}


def _sign(pdf: bytes, signer: Any, pki: DemoPki, props: dict[str, Any]) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields, signers

    taken = {name for name, _, _ in fields.enumerate_sig_fields(PdfFileReader(io.BytesIO(pdf)))}
    name = next(f"Signature{i}" for i in range(1, 100) if f"Signature{i}" not in taken)
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=str(props.get("reason") or "") or None,
        location=str(props.get("location") or "") or None,
    )
    pdf_signer = signers.PdfSigner(meta, signer, timestamper=_DemoTsa(pki))
    out = io.BytesIO()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    asyncio.run(pdf_signer.async_sign_pdf(writer, bytes_reserved=32768, output=out))
    return out.getvalue()


def _retitled(pdf: bytes) -> bytes:
    """``pdf`` with another title and a note on its first page: changes besides the
    signature (in the same revision as the service's signature, so it covers them)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    info = writer.trailer["/Info"]
    info[generic.NameObject("/Title")] = generic.TextStringObject("Diubah oleh layanan")
    writer.update_container(info)
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    note = generic.DictionaryObject(  # type: ignore[no-untyped-call]
        {
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/Text"),
            generic.NameObject("/Rect"): generic.ArrayObject(
                [generic.NumberObject(n) for n in (10, 10, 30, 30)]  # type: ignore[no-untyped-call]
            ),
            generic.NameObject("/Contents"): generic.TextStringObject("diubah"),
        }
    )
    annots = page.get("/Annots")
    items = list(annots) if annots is not None else []
    page[generic.NameObject("/Annots")] = generic.ArrayObject([*items, writer.add_object(note)])
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()
