"""Hostile variants of genuinely signed letters that an earlier verifier accepted.

Six classes, each a way to make a signed letter carry or say something its signers never
approved while every signature still checks out cryptographically:

1. metadata (``/Info``, XMP) rewritten after the last signature;
2. unsigned bytes between revisions: text, unlisted objects, a whole PDF, a ZIP archive, or
   a listed object that nothing refers to;
3. signer certificates that were never meant to sign documents (TLS server, TLS client, a CA);
4. data hidden in the zero padding of a signature's ``/Contents``;
5. a DSS carrying things that are not validation data;
6. revocation data issued before the signing time (stale CRLs).

Most were judged VALID. The rest were refused for reasons that do not name the problem: the
certificates without nonRepudiation as an unvalidated chain (INDETERMINATE), a DSS with unknown
keys by pyHanko's difference analysis, a non-certificate in the DSS by a parser crash.

Metadata and DSS edits use pypdf's incremental writer, as an attacker with ordinary tools
would; the byte-level ones write the update by hand, because no library writes garbage
between revisions on purpose.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import time
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import ExtendedKeyUsageOID
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from tests.certkit import key_usage
from tests.verify import sigfixtures as fx
from tests.verify.attacks import byte_ranges, incremental, written

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

UTC = dt.UTC

#: What the attacker wants the archive to say instead of the signed title and keywords.
FORGED_TITLE = "Surat Pembatalan Honorarium (DEMO)"
FORGED_KEYWORDS = "dibatalkan, tidak berlaku"
HIDDEN_TEXT = b"CATATAN TERSEMBUNYI (DEMO): nominal sebenarnya Rp 90.000.000\n"
ZIP_MEMBER = "rahasia/nominal.txt"

_TAIL = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*\Z")


# -- payloads --------------------------------------------------------------------------------


def zip_archive() -> bytes:
    """A small ZIP archive holding :data:`HIDDEN_TEXT` as :data:`ZIP_MEMBER`."""
    out = io.BytesIO()
    member = zipfile.ZipInfo(ZIP_MEMBER, date_time=(2026, 1, 5, 9, 0, 0))
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(member, HIDDEN_TEXT * 4, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def orphan_objects(data: bytes) -> bytes:
    """Indirect objects meant to stay out of every xref: a page content stream painting the
    forged amount, and a redefinition of the letter's ``/Info`` dictionary. A reader that
    rebuilds a damaged cross-reference table by scanning would pick both up."""
    paint = b"BT /F1 11 Tf 300 640 Td (Rp 90.000.000) Tj ET"
    info_number = PdfReader(io.BytesIO(data)).trailer.raw_get("/Info").idnum
    return (
        b"900 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n"
        b"%d 0 obj\n<< /Title (%s) >>\nendobj\n"
        % (len(paint), paint, info_number, FORGED_TITLE.encode("ascii"))
    )


def second_pdf() -> bytes:
    """A complete, different PDF: a forged letter with its own header, xref and ``%%EOF``."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.drawString(72, 760, "SURAT PALSU (DEMO): dibayarkan Rp 90.000.000")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# -- hand-written incremental updates ----------------------------------------------------------


def last_startxref(data: bytes) -> int:
    match = _TAIL.search(data[-64:])
    if match is None:
        raise ValueError("the data do not end with startxref n %%EOF")
    return int(match.group(1))


def append_revision(
    data: bytes, *, payload: bytes = b"", objects: Mapping[int, bytes] | None = None
) -> bytes:
    """Append ``payload`` (listed nowhere), then a revision listing ``objects`` (number →
    body) in a classic xref section, with the previous trailer's entries and ``/Prev``.

    Without objects the section is ``xref``, ``0 0``: pypdf, pyHanko (strict) and qpdf all
    read it silently, whereas a bare ``xref`` without a subsection header is refused by pypdf
    and pyHanko and makes qpdf report the file as damaged, so no attacker would use that.
    """
    body = bytearray(payload)
    entries = {}
    for number, value in sorted(dict(objects or {}).items()):
        entries[number] = (len(data) + len(body), True)
        body += b"%d 0 obj\n%s\nendobj\n" % (number, value)
    return xref_update(data, entries, body=bytes(body))


def xref_update(
    data: bytes,
    entries: Mapping[int, tuple[int, bool]],
    *,
    body: bytes = b"",
    free_head: bool = False,
) -> bytes:
    """Append ``body`` and a classic xref section listing ``entries`` (number → offset,
    in use), with the previous trailer's ``/Root``, ``/Info``, ``/ID`` and its ``/Prev``.

    The offsets may point anywhere, also back into the signed bytes. ``free_head`` starts
    the section with object 0's free entry, as some writers do.
    """
    trailer_in = PdfReader(io.BytesIO(data)).trailer
    out = bytearray(data + body)
    xref_at = len(out)
    out += b"xref\n"
    if free_head:
        out += b"0 1\n0000000000 65535 f \n"
    elif not entries:
        out += b"0 0\n"
    for number, (offset, in_use) in sorted(entries.items()):
        out += b"%d 1\n%010d 00000 %s \n" % (number, offset, b"n" if in_use else b"f")
    trailer = DictionaryObject()
    for key in ("/Root", "/Info", "/ID"):
        if key in trailer_in:
            trailer[NameObject(key)] = trailer_in.raw_get(key)
    size = max([int(trailer_in["/Size"]), *(n + 1 for n in entries)])
    trailer[NameObject("/Size")] = NumberObject(size)
    trailer[NameObject("/Prev")] = NumberObject(last_startxref(data))
    text = io.BytesIO()
    trailer.write_to_stream(text)
    out += b"trailer\n" + text.getvalue() + b"\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def listed_orphan(data: bytes, payload: bytes) -> bytes:
    """A new stream object holding ``payload`` raw, listed in a new xref, referred to by
    nothing (not the catalog, not the DSS)."""
    number = int(PdfReader(io.BytesIO(data)).trailer["/Size"])
    body = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(payload), payload)
    return append_revision(data, objects={number: body})


# -- 1. metadata -------------------------------------------------------------------------------


def xmp_packet(title: str, keywords: str) -> bytes:
    """An XMP packet like the ones our PDF/A letters carry (title, keywords, dates)."""
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">\n'
        f'   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt>'
        "</dc:title>\n"
        f"   <pdf:Keywords>{keywords}</pdf:Keywords>\n"
        "   <xmp:ModifyDate>2026-01-05T09:00:00+07:00</xmp:ModifyDate>\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
    return packet.encode("utf-8")


def xmp_letter(*, fields: Sequence[str] = ("Kepala", "Sekretaris")) -> bytes:
    """The test letter with an XMP metadata stream in its catalog (as our PDF/A letters have)
    and the given empty signature fields. pyHanko refreshes that stream in every revision it
    writes, so genuine signing and DSS updates rewrite it too."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    writer = PdfWriter(clone_from=io.BytesIO(fx.letter_pdf(fields=())))
    stream = StreamObject()
    stream.set_data(xmp_packet("Surat Uji (DEMO)", "honorarium, DEMO"))
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    writer.root_object[NameObject("/Metadata")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    pyhanko_writer = IncrementalPdfFileWriter(io.BytesIO(out.getvalue()))
    for name, box in zip(fields, (fx.KEPALA_BOX, fx.SEKRETARIS_BOX), strict=False):
        append_signature_field(pyhanko_writer, SigFieldSpec(name, on_page=0, box=box))
    out = io.BytesIO()
    pyhanko_writer.write(out)
    return out.getvalue()


def rewrite_metadata(data: bytes, *, info: bool = True, xmp: bool = False) -> bytes:
    """One incremental update that redefines the ``/Info`` dictionary (same object number,
    new /Title and /Keywords) and/or the catalog's XMP stream (same object number)."""
    writer = incremental(data)
    if info:
        writer.add_metadata({"/Title": FORGED_TITLE, "/Keywords": FORGED_KEYWORDS})
    if xmp:
        stream = writer.root_object["/Metadata"].get_object()
        stream.set_data(xmp_packet(FORGED_TITLE, FORGED_KEYWORDS))
    return written(writer)


def countersign_touching_info(pki: fx.TestPki, pdf: bytes) -> bytes:
    """The second signer signs, and the same revision refreshes ``/Info /ModDate``, as Adobe
    Reader does when it signs: a legitimate metadata change covered by a signature. A DSS
    follows (B-LT)."""
    from pyhanko.pdf_utils.generic import pdf_date
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    # pyHanko's writer also refreshes /ModDate on its own in every revision it writes
    # (IncrementalPdfFileWriter._update_meta); setting it here makes the change explicit.
    info_ref = writer.trailer.raw_get("/Info")
    info_ref.get_object()["/ModDate"] = pdf_date(dt.datetime.now(UTC))
    writer.mark_update(info_ref)
    meta = signers.PdfSignatureMetadata(
        field_name="Sekretaris", md_algorithm="sha256", subfilter=SigSeedSubFilter.PADES
    )
    out = io.BytesIO()
    signers.PdfSigner(meta, pki.signer(pki.sekretaris), timestamper=pki.timestamper()).sign_pdf(
        writer, existing_fields_only=True, output=out
    )
    return fx.add_dss(pki, out.getvalue())


# -- 2. unsigned bytes between revisions -------------------------------------------------------


def unsigned_bytes(data: bytes, payload: bytes) -> bytes:
    """``payload`` after the last ``%%EOF``, made to look like part of an empty revision."""
    return append_revision(data, payload=payload)


# -- 3. certificates that may not sign documents -----------------------------------------------


@dataclass(frozen=True)
class WrongSigners:
    """Certificates under the test PKI that were never meant to sign letters.

    pyHanko's own signer check asks only for the nonRepudiation key usage and ignores the
    EKU and basicConstraints, so the ``*_nr`` certificates (and :attr:`signing_ca`) pass it;
    the others already fail it but must fail for the right reason.
    """

    tls_server: fx.Party
    """EKU serverAuth only; keyUsage digitalSignature + keyEncipherment; CN www.example.test."""
    tls_client: fx.Party
    """EKU clientAuth only (digitalSignature + keyEncipherment), issued to a person."""
    ca: fx.Party
    """The issuing CA itself (CA:TRUE, keyCertSign + cRLSign)."""
    tls_server_nr: fx.Party
    """A "dual use" server certificate: serverAuth only, but nonRepudiation as well."""
    tls_client_nr: fx.Party
    """A personal clientAuth-only certificate with digitalSignature + nonRepudiation."""
    signing_ca: fx.Party
    """A sub-CA under the root (CA:TRUE) whose keyUsage also allows signing."""


def _certificate(
    issuer: fx.Party,
    subject: x509.Name,
    usage: x509.KeyUsage,
    *,
    eku: x509.ObjectIdentifier | None = None,
    ca: bool = False,
) -> fx.Party:
    key = fx._key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(fx.NOW - dt.timedelta(days=30))
        .not_valid_after(fx.NOW + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    )
    if eku is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage([eku]), critical=False)
    if ca:
        builder = builder.add_extension(
            x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
        )
    return fx.Party(builder.sign(issuer.key, hashes.SHA256()), key)


def wrong_signers(pki: fx.TestPki) -> WrongSigners:
    server, client = ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH
    tls = key_usage("digital_signature", "key_encipherment")

    def person(nama: str, nik: str, nip: str) -> x509.Name:
        return fx.official_name(nama, nik=nik, nip=nip, jabatan="Pranata Komputer")

    return WrongSigners(
        tls_server=_certificate(pki.issuing, fx._name("www.example.test"), tls, eku=server),
        tls_client=_certificate(
            pki.issuing,
            person("Joko Klien TLS (DEMO)", "3201010606800006", "198006062007011006"),
            tls,
            eku=client,
        ),
        ca=pki.issuing,
        tls_server_nr=_certificate(
            pki.issuing,
            fx._name("surat.example.test"),
            key_usage("digital_signature", "content_commitment", "key_encipherment"),
            eku=server,
        ),
        tls_client_nr=_certificate(
            pki.issuing,
            person("Wati Klien TLS (DEMO)", "3201010707850007", "198507072010012007"),
            key_usage("digital_signature", "content_commitment"),
            eku=client,
        ),
        signing_ca=_certificate(
            pki.root,
            fx._name("DEMO Uji Sub CA (juga menandatangani)"),
            key_usage("digital_signature", "content_commitment", "key_cert_sign", "crl_sign"),
            ca=True,
        ),
    )


def sign_as(
    pki: fx.TestPki, pdf: bytes, party: fx.Party, *, certify: bool, field_name: str = "Kepala"
) -> bytes:
    """A B-LT signature by ``party``: signed with a signature timestamp, then a DSS with the
    CRLs of both CAs, so that only the certificate's purpose is wrong.

    pyHanko is given no validation context while signing, so it does not check the signer's
    key usage (it would refuse these certificates; a hand-rolled signing tool would not).
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        certify=certify,
    )
    out = io.BytesIO()
    signers.PdfSigner(meta, pki.signer(party), timestamper=pki.timestamper()).sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf)), existing_fields_only=True, output=out
    )
    return fx.add_dss(pki, out.getvalue())


# -- 4. data in the /Contents padding ----------------------------------------------------------


def hide_in_padding(data: bytes, payload: bytes, *, index: int = 0) -> bytes:
    """Write ``payload`` (hex) into the zero padding after the DER CMS of the ``index``-th
    signature in file order; the file keeps its length and every /ByteRange stays right."""
    _, gap_start, gap_end, _ = byte_ranges(data)[index]
    digits = data[gap_start + 1 : gap_end - 1]
    der = bytes.fromhex(digits.decode("ascii"))
    used = 2 * _der_length(der)
    new = payload.hex().encode("ascii")
    if digits[used:].strip(b"0") or used + len(new) > len(digits):
        raise ValueError("no room, or the padding is not zeros")
    digits = digits[:used] + new + digits[used + len(new) :]
    return data[: gap_start + 1] + digits + data[gap_end - 1 :]


def padding_of(data: bytes, *, index: int = 0) -> bytes:
    """What follows the DER CMS of the ``index``-th signature's ``/Contents``."""
    _, gap_start, gap_end, _ = byte_ranges(data)[index]
    der = bytes.fromhex(data[gap_start + 1 : gap_end - 1].decode("ascii"))
    return der[_der_length(der) :]


def _der_length(der: bytes) -> int:
    """Length of the first DER element (tag, length octets, value)."""
    first = der[1]
    if first < 0x80:
        return 2 + first
    octets = first & 0x7F
    return 2 + octets + int.from_bytes(der[2 : 2 + octets], "big")


# -- 5. DSS carrying anything ------------------------------------------------------------------


def _stream(writer: PdfWriter, payload: bytes) -> Any:
    stream = StreamObject()
    stream.set_data(payload)
    return writer._add_object(stream)


def _vri_key(seed: bytes) -> NameObject:
    """A well-formed VRI key: upper-case hex SHA-1, as for a real signature's /Contents."""
    return NameObject("/" + hashlib.sha1(seed).hexdigest().upper())


def _dss_update(data: bytes, change: Callable[[PdfWriter, DictionaryObject], None]) -> bytes:
    writer = incremental(data)
    change(writer, writer.root_object["/DSS"].get_object())
    return written(writer)


def dss_vri_stream(data: bytes, payload: bytes) -> bytes:
    """A new VRI entry whose ``/TS`` (a timestamp token, per PAdES) is ``payload``."""

    def change(writer: PdfWriter, dss: DictionaryObject) -> None:
        entry = DictionaryObject(
            {NameObject("/Type"): NameObject("/VRI"), NameObject("/TS"): _stream(writer, payload)}
        )
        dss["/VRI"][_vri_key(payload)] = writer._add_object(entry)

    return _dss_update(data, change)


def dss_vri_unknown_key(data: bytes) -> bytes:
    """A new VRI entry with the real CRLs and a key PAdES does not define."""

    def change(writer: PdfWriter, dss: DictionaryObject) -> None:
        entry = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/VRI"),
                NameObject("/CRL"): ArrayObject(dss.raw_get("/CRLs")),
                NameObject("/Catatan"): TextStringObject(HIDDEN_TEXT.decode("ascii")),
            }
        )
        dss["/VRI"][_vri_key(HIDDEN_TEXT)] = writer._add_object(entry)

    return _dss_update(data, change)


def dss_cert_not_certificate(data: bytes, payload: bytes) -> bytes:
    """``payload`` appended to ``/Certs`` as if it were one more certificate."""

    def change(writer: PdfWriter, dss: DictionaryObject) -> None:
        dss["/Certs"].append(_stream(writer, payload))

    return _dss_update(data, change)


def dss_unknown_key(data: bytes, payload: bytes) -> bytes:
    """A key PAdES does not define in the DSS dictionary, holding ``payload``."""

    def change(writer: PdfWriter, dss: DictionaryObject) -> None:
        dss[NameObject("/Lampiran")] = _stream(writer, payload)

    return _dss_update(data, change)


# -- 6. stale revocation data ------------------------------------------------------------------


def signature_time(pdf: bytes, *, index: int = -1) -> dt.datetime:
    """The time in the signature timestamp token of a signature (default: the last one)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    sig = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[index]
    for attribute in sig.signer_info["unsigned_attrs"]:
        if attribute["type"].native == "signature_time_stamp_token":
            token = attribute["values"][0]["content"]
            gen_time: dt.datetime = token["encap_content_info"]["content"].parsed["gen_time"].native
            return gen_time
    raise LookupError("no signature timestamp")


def second_after(moment: dt.datetime) -> dt.datetime:
    """The first whole second after ``moment``, once the clock has passed it: CRL times have
    whole seconds, and a CRL "issued" in the future would be wrong for another reason."""
    after = moment.replace(microsecond=0) + dt.timedelta(seconds=1)
    wait = (after - dt.datetime.now(UTC)).total_seconds()
    if wait > 0:
        time.sleep(wait)
    return after


def crl(ca: fx.Party, *, issued: dt.datetime, next_update: dt.datetime) -> bytes:
    """An empty DER CRL of ``ca`` with thisUpdate ``issued`` (whole seconds)."""
    built = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.cert.subject)
        .last_update(issued)
        .next_update(next_update)
        .add_extension(x509.CRLNumber(2), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
            critical=False,
        )
        .sign(ca.key, hashes.SHA256())
    )
    return built.public_bytes(serialization.Encoding.DER)


def add_dss_with(pki: fx.TestPki, pdf: bytes, crls: Sequence[bytes]) -> bytes:
    """Like :func:`tests.verify.sigfixtures.add_dss`, with the given CRLs."""
    from asn1crypto import crl as asn1_crl
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    contents = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[-1].pkcs7_content
    out = io.BytesIO(pdf)
    DocumentSecurityStore.add_dss(
        out,
        contents,
        certs=[p.asn1_cert for p in (pki.issuing, pki.root)],
        crls=[asn1_crl.CertificateList.load(c) for c in crls],
    )
    return out.getvalue()
