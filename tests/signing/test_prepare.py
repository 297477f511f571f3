"""PDF/A-2b preparation and pre-created signature fields (tnde.signing.prepare).

Checked with the real tools: qpdf, poppler (pdffonts, pdfinfo, pdftotext, pdftoppm, pdfsig)
and pyHanko's own validator. veraPDF is not available on this machine, so PDF/A conformance
is checked structurally: the rules of veraPDF's PDF/A-2B profile that a reportlab letter
can break (metadata, output intent, ID, fonts, annotation flags and appearances).
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from PIL import Image, ImageChops, ImageCms
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter, enumerate_sig_fields
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import ModificationLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from tests.conftest import SAMPLES_DIR, run_tool
from tests.pdfcheck import render_sample, squash
from tests.softhsm import DemoIdentity, demo_identity
from tnde.render import TteStamp
from tnde.signing.prepare import (
    TRANSPARENT_STAMP,
    FieldPlan,
    PrepareError,
    add_signature_fields,
    fields_for_slots,
    to_pdfa2b,
)

if TYPE_CHECKING:
    from pathlib import Path

    from tests.pdfcheck import Rendered

WIB = dt.timezone(dt.timedelta(hours=7))
CREATED = dt.datetime(2026, 11, 26, 9, 30, tzinfo=WIB)
META: dict[str, Any] = {
    "title": "Surat Kuasa: Pengambilan Barang Persediaan – Uji",
    "author": "Dinas Komunikasi dan Informatika Provinsi Nusantara Raya",
    "subject": "Surat Kuasa",
    "keywords": ["surat kuasa", "TNDE"],
    "created": CREATED,
}
NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
}
CAPTION = "Ditandatangani secara elektronik oleh:"


@pytest.fixture(scope="module")
def kuasa(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """A final Surat Kuasa: two visible signature slots, both on page 2."""
    home = tmp_path_factory.mktemp("rumah")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TNDE_HOME", str(home))
        stamp = TteStamp(document_id="0190f3a2-7c1e-7b9a-8d2e-1f0a2b3c4d5e")
        return render_sample(SAMPLES_DIR / "surat_kuasa.toml", home, mode="final", stamp=stamp)


@pytest.fixture(scope="module")
def pdfa(kuasa: Rendered) -> bytes:
    return to_pdfa2b(kuasa.result.pdf, **META)


@pytest.fixture(scope="module")
def plans(kuasa: Rendered) -> list[FieldPlan]:
    return fields_for_slots(kuasa.result.signature_slots, ["paraf_kabag"])


@pytest.fixture(scope="module")
def base(pdfa: bytes, plans: list[FieldPlan]) -> bytes:
    return add_signature_fields(pdfa, plans)


@pytest.fixture(scope="module")
def identity() -> DemoIdentity:
    return demo_identity()


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _xmp(pdf: bytes) -> tuple[ET.Element, Any]:
    stream = PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Metadata"].get_object()
    return ET.fromstring(stream.get_data()), stream


def _xmp_value(root: ET.Element, prop: str) -> str | None:
    """A property written either as an element or as an attribute (pyHanko's style)."""
    prefix, local = prop.split(":")
    name = f"{{{NS[prefix]}}}{local}"
    for desc in root.iter(f"{{{NS['rdf']}}}Description"):
        if name in desc.attrib:
            return desc.attrib[name]
        element = desc.find(name)
        if element is not None:
            items = element.findall(".//rdf:li", NS)
            return (items[0] if items else element).text
    return None


def _pages_png(pdf: Path, folder: Path, prefix: str, dpi: int = 50) -> list[Image.Image]:
    run_tool("pdftoppm", "-r", str(dpi), "-png", pdf, folder / prefix)
    return [Image.open(p).convert("RGB") for p in sorted(folder.glob(f"{prefix}-*.png"))]


# -- PDF/A-2b ---------------------------------------------------------------------------------


def test_pdfa_passes_qpdf_and_embeds_every_font(
    kuasa: Rendered, pdfa: bytes, tmp_path: Path
) -> None:
    # the QR code is drawn as a path: no font is selected for it
    assert "Helvetica" not in run_tool("pdffonts", kuasa.path)
    path = _write(tmp_path, "a.pdf", pdfa)
    assert "No syntax or stream encoding errors" in run_tool("qpdf", "--check", path)
    rows = run_tool("pdffonts", path).splitlines()[2:]
    assert len(rows) >= 2  # regular and bold, italic only with the issuer's footer
    assert all(row.split()[-5] == "yes" for row in rows), rows  # the "emb" column
    assert not any("Helvetica" in row for row in rows)
    assert pdfa.startswith(b"%PDF-1.7\n%")
    assert all(b > 127 for b in pdfa[10:14])  # the binary comment PDF/A asks for


def test_pdfa_xmp_identifies_pdfa2b_and_matches_info(pdfa: bytes, tmp_path: Path) -> None:
    root, stream = _xmp(pdfa)
    assert "/Filter" not in stream
    assert stream.get_data().startswith(
        b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    )
    assert stream.get_data().endswith(b'<?xpacket end="w"?>')
    assert _xmp_value(root, "pdfaid:part") == "2"
    assert _xmp_value(root, "pdfaid:conformance") == "B"
    info = PdfReader(io.BytesIO(pdfa)).metadata
    assert info is not None
    assert _xmp_value(root, "dc:title") == info["/Title"] == META["title"]
    assert _xmp_value(root, "dc:creator") == info["/Author"] == META["author"]
    assert _xmp_value(root, "dc:description") == info["/Subject"] == META["subject"]
    assert _xmp_value(root, "pdf:Keywords") == info["/Keywords"] == "surat kuasa, TNDE"
    assert _xmp_value(root, "pdf:Producer") == info["/Producer"]
    assert _xmp_value(root, "xmp:CreatorTool") == info["/Creator"]
    for prop in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
        assert _xmp_value(root, prop) == "2026-11-26T09:30:00+07:00"
    assert info["/CreationDate"] == info["/ModDate"] == "D:20261126093000+07'00'"
    shown = run_tool("pdfinfo", _write(tmp_path, "a.pdf", pdfa))
    assert f"Title:           {META['title']}" in shown
    assert "CreationDate:    Thu Nov 26 02:30:00 2026 UTC" in shown


def test_pdfa_has_srgb_output_intent_and_file_id(kuasa: Rendered, pdfa: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdfa))
    (intent,) = [i.get_object() for i in reader.trailer["/Root"]["/OutputIntents"]]
    assert intent["/Type"] == "/OutputIntent"
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3
    icc = profile.get_data()
    assert icc[12:20] == b"mntrRGB "  # monitor class, RGB: what veraPDF's 6.2.3 rule accepts
    assert icc[8] < 5  # ICC major version below 5
    assert "sRGB" in ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc)))
    first, second = reader.trailer["/ID"]
    original = PdfReader(io.BytesIO(kuasa.result.pdf)).trailer["/ID"][0]
    assert first.original_bytes == original.original_bytes
    assert len(second.original_bytes) == 16
    assert second != first


def test_pdfa_is_deterministic(kuasa: Rendered, pdfa: bytes) -> None:
    assert to_pdfa2b(kuasa.result.pdf, **META) == pdfa
    later = to_pdfa2b(kuasa.result.pdf, **{**META, "created": CREATED + dt.timedelta(days=1)})
    assert later != pdfa


def test_pdfa_keeps_pages_text_and_look(kuasa: Rendered, pdfa: bytes, tmp_path: Path) -> None:
    before, after = PdfReader(kuasa.path), PdfReader(io.BytesIO(pdfa))
    assert len(after.pages) == len(before.pages) == 2
    for old, new in zip(before.pages, after.pages, strict=True):
        assert list(new.mediabox) == list(old.mediabox)
        assert new.get("/Rotate", 0) == old.get("/Rotate", 0)
    path = _write(tmp_path, "a.pdf", pdfa)
    assert run_tool("pdftotext", "-layout", path, "-") == run_tool(
        "pdftotext", "-layout", kuasa.path, "-"
    )
    assert "Demikian Surat Kuasa ini dibuat" in squash(run_tool("pdftotext", path, "-"))
    old_pngs = _pages_png(kuasa.path, tmp_path, "sebelum")
    new_pngs = _pages_png(path, tmp_path, "sesudah")
    for old_png, new_png in zip(old_pngs, new_pngs, strict=True):
        assert ImageChops.difference(old_png, new_png).getbbox() is None


def test_pdfa_refuses_text_in_a_font_that_is_not_embedded() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 720, "Huruf standar tidak tertanam")
    canvas.save()
    with pytest.raises(PrepareError) as caught:
        to_pdfa2b(buffer.getvalue(), **META)
    assert caught.value.code == "font_not_embedded"
    assert caught.value.kind == "pdf"
    assert "Helvetica" in str(caught.value)
    assert "halaman 1" in str(caught.value)


def test_pdfa_refuses_naive_time_and_garbage(pdfa: bytes) -> None:
    with pytest.raises(PrepareError) as caught:
        to_pdfa2b(pdfa, **{**META, "created": dt.datetime(2026, 11, 26, 9, 30)})
    assert caught.value.code == "naive_datetime"
    with pytest.raises(PrepareError) as caught:
        to_pdfa2b(b"bukan PDF", **META)
    assert caught.value.code == "unreadable"


# -- signature fields -------------------------------------------------------------------------


def test_fields_are_empty_printable_and_listed_by_pdfsig(
    pdfa: bytes, base: bytes, plans: list[FieldPlan], tmp_path: Path
) -> None:
    assert [p.name for p in plans] == ["penerima_kuasa", "pemberi_kuasa", "paraf_kabag"]
    assert [p.page for p in plans] == [2, 2, 1]
    listed = list(enumerate_sig_fields(PdfFileReader(io.BytesIO(base))))
    assert [(name, value) for name, value, _ in listed] == [(p.name, None) for p in plans]
    path = _write(tmp_path, "ruas.pdf", base)
    assert "No syntax or stream encoding errors" in run_tool("qpdf", "--check", path)
    report = run_tool("pdfsig", path)
    assert report.count("The signature form field is not signed.") == 3
    for plan in plans:
        assert f"Signature Field Name: {plan.name}" in report

    reader = PdfReader(io.BytesIO(base))
    widgets = {
        str(a.get_object()["/T"]): (n, a.get_object())
        for n, page in enumerate(reader.pages, start=1)
        for a in page.get("/Annots", [])
    }
    for plan in plans:
        page, widget = widgets[plan.name]
        assert page == plan.page
        flags = int(widget["/F"])
        assert flags & 4  # Print
        assert not flags & (1 | 2 | 32 | 256)  # not Invisible, Hidden, NoView, ToggleNoView
        rect = [float(v) for v in widget["/Rect"]]
        if plan.box is None:
            assert rect == [0, 0, 0, 0]
            assert "/AP" not in widget
        else:
            assert rect == pytest.approx(list(plan.box), abs=0.01)
            assert widget["/AP"]["/N"].get_object().get_data() == b""
    # pyHanko rewrote the XMP for its update; the PDF/A identification must survive that
    root, _ = _xmp(base)
    assert (_xmp_value(root, "pdfaid:part"), _xmp_value(root, "pdfaid:conformance")) == ("2", "B")
    assert base.startswith(pdfa)  # one incremental update on top of the PDF/A file


@pytest.mark.parametrize(
    ("plan", "code"),
    [
        (FieldPlan("", 1, None), "field_name"),
        (FieldPlan("kepala.dinas", 1, None), "field_name"),
        (FieldPlan("pemberi_kuasa", 1, None), "field_exists"),
        (FieldPlan("baru", 3, None), "field_page"),
        (FieldPlan("baru", 0, None), "field_page"),
        (FieldPlan("baru", 1, (100, 100, 100, 150)), "field_box"),
    ],
)
def test_fields_refuse_bad_plans(base: bytes, plan: FieldPlan, code: str) -> None:
    with pytest.raises(PrepareError) as caught:
        add_signature_fields(base, [plan])
    assert caught.value.code == code


def test_fields_refuse_the_same_name_twice(pdfa: bytes) -> None:
    with pytest.raises(PrepareError) as caught:
        add_signature_fields(pdfa, [FieldPlan("a", 1), FieldPlan("a", 2)])
    assert caught.value.code == "field_exists"


# -- signing into the fields ------------------------------------------------------------------


def _signer(identity: DemoIdentity) -> signers.SimpleSigner:
    def der(cert: Any) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

    key = asn1_keys.PrivateKeyInfo.load(
        identity.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return signers.SimpleSigner(
        signing_cert=der(identity.cert),
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs([der(identity.root)]),
    )


def _sign(
    pdf: bytes, signer: Any, field: str, *, certify: bool, style: Any = TRANSPARENT_STAMP
) -> bytes:
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        certify=certify,
        docmdp_permissions=MDPPerm.FILL_FORMS,
    )
    out = io.BytesIO()
    signers.PdfSigner(meta, signer, stamp_style=style).sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf)), existing_fields_only=True, output=out
    )
    return out.getvalue()


def test_certify_then_sign_second_field_keeps_first_valid(
    base: bytes, identity: DemoIdentity, tmp_path: Path
) -> None:
    signer = _signer(identity)
    first = _sign(base, signer, "pemberi_kuasa", certify=True)
    filled = {
        name: value is not None
        for name, value, _ in enumerate_sig_fields(PdfFileReader(io.BytesIO(first)))
    }
    assert filled == {"penerima_kuasa": False, "pemberi_kuasa": True, "paraf_kabag": False}
    second = _sign(first, signer, "penerima_kuasa", certify=False)

    root = asn1_x509.Certificate.load(identity.root.public_bytes(serialization.Encoding.DER))
    context = ValidationContext(
        trust_roots=[root], allow_fetching=False, revocation_mode="soft-fail"
    )
    sigs = PdfFileReader(io.BytesIO(second)).embedded_signatures
    statuses = {s.field_name: validate_pdf_signature(s, context) for s in sigs}
    certifying = statuses["pemberi_kuasa"]
    assert certifying.bottom_line
    assert certifying.docmdp_ok is True
    assert certifying.modification_level == ModificationLevel.FORM_FILLING
    approving = statuses["penerima_kuasa"]
    assert approving.bottom_line
    assert approving.docmdp_ok is True
    assert approving.modification_level == ModificationLevel.NONE

    root_xmp, _ = _xmp(second)  # pyHanko rewrote the XMP twice more
    assert (_xmp_value(root_xmp, "pdfaid:part"), _xmp_value(root_xmp, "pdfaid:conformance")) == (
        "2",
        "B",
    )
    path = _write(tmp_path, "ditandatangani.pdf", second)
    assert "No syntax or stream encoding errors" in run_tool("qpdf", "--check", path)
    report = subprocess.run(["pdfsig", path], capture_output=True, text=True, check=False).stdout
    assert report.count("Signature is Valid.") == 2
    assert report.count("The signature form field is not signed.") == 1  # paraf_kabag


def test_transparent_stamp_keeps_qr_and_caption_visible(
    base: bytes, identity: DemoIdentity, kuasa: Rendered, tmp_path: Path
) -> None:
    signer = _signer(identity)
    slot = next(s for s in kuasa.result.signature_slots if s.field == "pemberi_kuasa")
    unsigned = _pages_png(_write(tmp_path, "ruas.pdf", base), tmp_path, "ruas", dpi=72)[1]
    ours = _write(tmp_path, "transparan.pdf", _sign(base, signer, "pemberi_kuasa", certify=True))
    with_ours = _pages_png(ours, tmp_path, "transparan", dpi=72)[1]
    assert ImageChops.difference(unsigned, with_ours).getbbox() is None
    assert CAPTION in squash(run_tool("pdftotext", "-f", "2", "-l", "2", ours, "-"))

    # pyHanko's default stamp paints over the reserved area: that is why the style exists
    default = _write(
        tmp_path, "bawaan.pdf", _sign(base, signer, "pemberi_kuasa", certify=True, style=None)
    )
    changed = ImageChops.difference(
        unsigned, _pages_png(default, tmp_path, "bawaan", dpi=72)[1]
    ).getbbox()
    assert changed is not None
    height = unsigned.height  # 72 dpi: one pixel per point, y from the top
    left, top, right, bottom = changed
    assert slot.x - 2 <= left
    assert right <= slot.x + slot.width + 2
    assert height - (slot.y + slot.height) - 2 <= top
    assert bottom <= height - slot.y + 2
