"""Turn a rendered letter into the unsigned base revision that the signers sign.

Everything that changes the document happens here, before the first signature: once a
letter is signed only pyHanko may append to it (signatures, DSS, document timestamps), or
the signatures break. Two steps:

1. :func:`to_pdfa2b` makes the reportlab output PDF/A-2b, the archival form the
   regulations expect: XMP metadata with the PDF/A identification, an sRGB output intent,
   a trailer ``/ID``, and a document information dictionary that says the same as the XMP.
   Same input, same bytes.
2. :func:`add_signature_fields` adds one empty signature field per signer, so that later
   signatures only fill fields that already exist: a certification signature (DocMDP P=2)
   stays valid only then.

The renderer draws the QR code and the caption of each signature into the page itself; the
widget of a visible field sits on top of it, with an empty appearance. Sign into such a field
with :data:`TRANSPARENT_STAMP`: pyHanko's default stamp would paint over the QR code (and
use Courier, a font that is not embedded, which PDF/A forbids).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import logging
import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from pyhanko.stamp import NoOpStampStyle
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from tnde import __version__
from tnde.errors import SigningError
from tnde.messages import _

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from tnde.render import SlotPosition

log = logging.getLogger(__name__)

__all__ = [
    "TRANSPARENT_STAMP",
    "FieldPlan",
    "PrepareError",
    "add_empty_form",
    "add_signature_fields",
    "fields_for_slots",
    "to_pdfa2b",
]

#: Stamp style for signing into a field made by :func:`add_signature_fields`: it keeps the
#: field's empty appearance, so the QR code and caption in the page content stay visible.
TRANSPARENT_STAMP = NoOpStampStyle()

_OUTPUT_CONDITION = "sRGB IEC61966-2.1"
#: Fixed ICC creation date: littleCMS stamps the current time, which would make every
#: output differ.
_ICC_DATE = (2000, 1, 1, 0, 0, 0)
_TEXT_SHOWING = frozenset({b"Tj", b"TJ", b"'", b'"'})


class PrepareError(SigningError):
    """A PDF cannot be prepared for signing (``kind`` is always ``SigningError.PDF``).

    Attributes:
        code: the finer reason: ``"unreadable"``, ``"encrypted"``, ``"naive_datetime"``,
            ``"font_not_embedded"``, ``"field_name"``, ``"field_page"``, ``"field_box"``,
            ``"field_exists"``.
        detail: the sentence for the user, in the active language (:mod:`tnde.messages`).
    """

    def __init__(self, code: str, detail: str) -> None:
        self.code = code
        super().__init__(SigningError.PDF, detail)


# -- PDF/A-2b ---------------------------------------------------------------------------------


def to_pdfa2b(
    pdf: bytes,
    *,
    title: str,
    author: str,
    subject: str,
    keywords: str | Sequence[str],
    created: dt.datetime,
) -> bytes:
    """Rewrite a rendered letter (reportlab, ``mode="final"``) as PDF/A-2b.

    Args:
        title, author, subject: document title, author (the office) and subject; empty
            strings are left out of both the XMP and the information dictionary.
        keywords: a comma-separated string or a list of keywords.
        created: creation and modification time (timezone-aware), e.g. the letter's date;
            it is never the clock, so the output only depends on the arguments.

    Raises:
        PrepareError: the input is not a readable unencrypted PDF, ``created`` has no
            timezone, or a font that shows text is not embedded.
    """
    if created.tzinfo is None or created.utcoffset() is None:
        raise PrepareError(
            "naive_datetime", _("The document's creation time must include a time zone.")
        )
    created = created.replace(microsecond=0)
    reader = _read(pdf)
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = "%PDF-1.7"  # PDF/A-2 is based on ISO 32000-1 (PDF 1.7)
    _check_fonts(writer)

    info: Any = reader.metadata or {}
    creator = str(info.get("/Creator") or f"TNDE Desktop {__version__}")
    producer = f"TNDE Desktop {__version__} (reportlab, pypdf)"
    keyword_text = keywords if isinstance(keywords, str) else ", ".join(keywords)
    pdf_date = _pdf_date(created)
    entries = {
        "/Title": title,
        "/Author": author,
        "/Subject": subject,
        "/Keywords": keyword_text,
        "/Creator": creator,
        "/Producer": producer,
        "/CreationDate": pdf_date,
        "/ModDate": pdf_date,
    }
    writer.metadata = {key: value for key, value in entries.items() if value}

    xmp = _xmp_packet(
        title=title,
        author=author,
        subject=subject,
        keywords=keyword_text,
        creator=creator,
        producer=producer,
        created=created,
    )
    # pypdf has no public way to add an indirect object or set the trailer ID: _add_object
    # and _ID are its own internals, stable across the pinned major versions (pypdf<8).
    metadata = StreamObject()
    metadata.set_data(xmp)  # PDF/A: the metadata stream must not be filtered
    metadata[NameObject("/Type")] = NameObject("/Metadata")
    metadata[NameObject("/Subtype")] = NameObject("/XML")
    root = writer.root_object
    root[NameObject("/Metadata")] = writer._add_object(metadata)

    profile = StreamObject()
    profile.set_data(srgb_icc_profile())
    profile[NameObject("/N")] = NumberObject(3)
    profile = profile.flate_encode()
    intent = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFA1"),
            NameObject("/OutputConditionIdentifier"): TextStringObject(_OUTPUT_CONDITION),
            NameObject("/Info"): TextStringObject(_OUTPUT_CONDITION),
            NameObject("/RegistryName"): TextStringObject("http://www.color.org"),
            NameObject("/DestOutputProfile"): writer._add_object(profile),
        }
    )
    root[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(intent)])

    # First ID part: the renderer's (it identifies the letter); second: this revision.
    digest = hashlib.sha256(pdf + xmp).digest()[:16]
    old = reader.trailer.get("/ID")
    first = bytes(old[0].original_bytes) if old else digest
    writer._ID = ArrayObject([ByteStringObject(first), ByteStringObject(digest)])

    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _read(pdf: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(pdf), strict=True)
        encrypted = reader.is_encrypted
        len(reader.pages)  # reads the page tree now, so a damaged one fails here
    except (PyPdfError, ValueError, KeyError) as exc:
        log.debug("unreadable PDF", exc_info=True)
        raise PrepareError("unreadable", _("The PDF file cannot be read: {exc}", exc=exc)) from exc
    if encrypted:
        raise PrepareError("encrypted", _("The PDF file is encrypted; PDF/A does not allow that."))
    return reader


def _pdf_date(when: dt.datetime) -> str:
    offset = when.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return when.strftime("D:%Y%m%d%H%M%S") + f"{sign}{hours:02d}'{mins:02d}'"


def _xml_text(value: str) -> str:
    # XML 1.0 has no place for most control characters; XMP is XML.
    clean = "".join(c for c in value if c in "\t\n\r" or ord(c) >= 0x20)
    return escape(clean)


def _xmp_packet(
    *,
    title: str,
    author: str,
    subject: str,
    keywords: str,
    creator: str,
    producer: str,
    created: dt.datetime,
) -> bytes:
    """An XMP packet with the same values as the information dictionary."""
    stamp = created.isoformat()
    props = [
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>B</pdfaid:conformance>",
        "<dc:format>application/pdf</dc:format>",
    ]
    if title:
        props.append(_lang_alt("dc:title", title))
    if author:
        props.append(
            f"<dc:creator><rdf:Seq><rdf:li>{_xml_text(author)}</rdf:li></rdf:Seq></dc:creator>"
        )
    if subject:
        props.append(_lang_alt("dc:description", subject))
    props += [
        f"<xmp:CreateDate>{stamp}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{stamp}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{stamp}</xmp:MetadataDate>",
        f"<xmp:CreatorTool>{_xml_text(creator)}</xmp:CreatorTool>",
        f"<pdf:Producer>{_xml_text(producer)}</pdf:Producer>",
    ]
    if keywords:
        props.append(f"<pdf:Keywords>{_xml_text(keywords)}</pdf:Keywords>")
    body = "\n".join(f"   {p}" for p in props)
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">\n'
        f"{body}\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
    )
    # Room for later in-place edits of the packet, as the XMP specification recommends.
    padding = (" " * 99 + "\n") * 20
    return (packet + padding + '<?xpacket end="w"?>').encode("utf-8")


def _lang_alt(name: str, value: str) -> str:
    item = f'<rdf:li xml:lang="x-default">{_xml_text(value)}</rdf:li>'
    return f"<{name}><rdf:Alt>{item}</rdf:Alt></{name}>"


@functools.cache
def srgb_icc_profile() -> bytes:
    """littleCMS's built-in sRGB profile (via Pillow), with a fixed creation date."""
    from PIL import ImageCms

    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = struct.pack(">6H", *_ICC_DATE)
    if any(data[84:100]):
        # The profile ID is an MD5 over the profile with flags, intent and ID zeroed.
        scratch = bytearray(data)
        scratch[44:48] = scratch[64:68] = bytes(4)
        scratch[84:100] = bytes(16)
        data[84:100] = hashlib.md5(scratch, usedforsecurity=False).digest()
    return bytes(data)


# -- fonts ------------------------------------------------------------------------------------


def _check_fonts(writer: PdfWriter) -> None:
    """Refuse a font that is not embedded: PDF/A wants every font the pages use in the file.

    Checked on the font resources of each page and of the forms it draws, which is what the
    renderer fills: it selects only fonts it embeds.
    """
    for number, page in enumerate(writer.pages, start=1):
        for fonts in _font_dicts(page.get("/Resources"), set()):
            for name in sorted(str(n) for n in fonts):
                font = fonts[name].get_object()
                if not _is_embedded(font):
                    base = str(font.get("/BaseFont", name)).lstrip("/")
                    raise PrepareError(
                        "font_not_embedded",
                        _(
                            "Font {base} on page {number} is not embedded in the file; "
                            "PDF/A requires every font to be embedded.",
                            base=base,
                            number=number,
                        ),
                    )


def _font_dicts(resources: Any, seen: set[int]) -> list[Any]:
    """The /Font dictionaries of ``resources`` and of the form XObjects it holds."""
    if resources is None:
        return []
    resources = resources.get_object()
    found = []
    fonts = resources.get("/Font")
    if fonts is not None:
        found.append(fonts.get_object())
    xobjects = resources.get("/XObject")
    for ref in xobjects.get_object().values() if xobjects is not None else ():
        form = ref.get_object()
        if form.get("/Subtype") == "/Form" and id(form) not in seen:
            seen.add(id(form))
            found += _font_dicts(form.get("/Resources"), seen)
    return found


def _is_embedded(font: Any) -> bool:
    subtype = font.get("/Subtype")
    if subtype == "/Type3":
        return True  # glyphs are content streams in the file itself
    if subtype == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


# -- signature fields -------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldPlan:
    """One empty signature field to create.

    ``box`` is ``(x1, y1, x2, y2)`` in PDF points from the page's lower left; None makes an
    invisible field (paraf: the reviewers' approval signatures have no visual).
    """

    name: str
    page: int
    """1-based page number."""
    box: tuple[float, float, float, float] | None = None

    @classmethod
    def for_slot(cls, slot: SlotPosition) -> FieldPlan:
        """A visible field over a signer's reserved area, named like the slot's field."""
        return cls(
            slot.field, slot.page, (slot.x, slot.y, slot.x + slot.width, slot.y + slot.height)
        )


def fields_for_slots(
    slots: Iterable[SlotPosition], paraf: Iterable[str] = (), *, paraf_page: int = 1
) -> list[FieldPlan]:
    """Visible fields for the render result's slots, then invisible ones named ``paraf``."""
    return [FieldPlan.for_slot(s) for s in slots] + [FieldPlan(n, paraf_page) for n in paraf]


def add_signature_fields(pdf: bytes, fields: Sequence[FieldPlan]) -> bytes:
    """Append empty signature fields to ``pdf`` in one incremental update.

    Visible widgets get an empty appearance stream and the Print flag (PDF/A); invisible
    ones a zero rectangle, also printable. The result is the unsigned base revision.

    Raises:
        PrepareError: a field name is empty, contains a dot, repeats, or already exists in
            the document; a page is out of range; a box is not a rectangle.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field, enumerate_sig_fields

    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        existing = {name for name, _, _ in enumerate_sig_fields(writer.prev)}
        pages = int(writer.root["/Pages"]["/Count"])
    except (PdfError, ValueError, KeyError) as exc:
        log.debug("unreadable PDF", exc_info=True)
        raise PrepareError("unreadable", _("The PDF file cannot be read: {exc}", exc=exc)) from exc
    _check_plans(fields, existing, pages)
    for plan in fields:
        # pyHanko annotates the box as ints but writes any number; keep the exact slot
        box: Any = None if plan.box is None else _normalised(plan.box)
        append_signature_field(
            writer, SigFieldSpec(sig_field_name=plan.name, on_page=plan.page - 1, box=box)
        )
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def add_empty_form(pdf: bytes) -> bytes:
    """Append an empty interactive form (``/AcroForm`` with no fields) in one incremental
    update, for a service that adds its own signature field to the final letter."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    if "/AcroForm" not in writer.root:
        form = generic.DictionaryObject(  # type: ignore[no-untyped-call]
            {
                generic.NameObject("/Fields"): generic.ArrayObject(),
                # SignaturesExist | AppendOnly, as pyHanko sets when it creates a field
                generic.NameObject("/SigFlags"): generic.NumberObject(3),  # type: ignore[no-untyped-call]
            }
        )
        writer.root[generic.NameObject("/AcroForm")] = writer.add_object(form)
        writer.update_root()  # type: ignore[no-untyped-call]
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def _normalised(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x1, y1, x2, y2 = box
    return (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))


def _check_plans(fields: Sequence[FieldPlan], existing: set[str], pages: int) -> None:
    seen: set[str] = set()
    for plan in fields:
        if not plan.name or "." in plan.name:
            raise PrepareError(
                "field_name",
                _(
                    "Signature field name {plan!r} is not valid: it must not be empty or contain "
                    "a dot.",
                    plan=plan.name,
                ),
            )
        if plan.name in seen or plan.name in existing:
            raise PrepareError(
                "field_exists",
                _("Signature field {plan!r} already exists in the document.", plan=plan.name),
            )
        seen.add(plan.name)
        if not 1 <= plan.page <= pages:
            raise PrepareError(
                "field_page",
                _(
                    "Signature field {plan!r} is placed on page {page}, but the document has "
                    "only {pages} page(s).",
                    plan=plan.name,
                    page=plan.page,
                    pages=pages,
                ),
            )
        if plan.box is not None:
            x1, y1, x2, y2 = plan.box
            if x1 == x2 or y1 == y2:
                raise PrepareError(
                    "field_box",
                    _(
                        "The box of signature field {plan!r} has no size; "
                        "use None for an invisible field.",
                        plan=plan.name,
                    ),
                )
