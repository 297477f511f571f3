"""The shadow attacks of the RUB PDF Insecurity demonstrations, rebuilt on our letters.

For every variant (``tests/verify/shadow.py``, sources in ``SHADOW-SOURCES.md``) three things
are checked, so that a pass means something: the letter as the official signed it is VALID
(the shadow content alone does not make the verifier refuse it), the attacked letter is
INVALID and the verifier says why, and the attack is real: PDFium, drawing the page as a
viewer does, shows something else after the update, and only where the amount is.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest
from PIL import ImageChops
from pypdf import PdfReader

from tests.verify import shadow
from tests.verify import sigfixtures as fx
from tests.verify.conftest import verify
from tnde.verify import Verdict

if TYPE_CHECKING:
    from PIL.Image import Image

_AFTER_SIGNING = "tidak dilindungi tanda tangan"
_BEYOND_P2 = "melampaui izin sertifikasi DocMDP P=2"
_OUTSIDE_REVISION = "di luar revisinya"  # an xref entry points back into signed bytes

#: A piece of the reasons the verifier must give for each attacked file.
REASONS: dict[str, str] = {
    "hide: image renumbered as metadata (vector 2)": "(aliran /Metadata) diubah",
    "hide: image xref points at metadata (vector 1)": "struktur PDF rusak",
    "hide: form over text, widget emptied": _AFTER_SIGNING,
    "hide: form over text, certified P=2": _BEYOND_P2,
    "hide: form over form, stacking swapped": "(kamus /Page) diubah",
    "hide: form over form, certified P=2": _BEYOND_P2,
    "replace: value set, appearance regenerated": "(aliran /XObject) diubah",
    "replace: overlay, certified P=2": _BEYOND_P2,
    "replace: embedded font overwritten": _AFTER_SIGNING,
    "hide-and-replace: page tree redirected by xref": _OUTSIDE_REVISION,
    "hide-and-replace: page contents swapped": "(kamus /Page) diubah",
    "hide-and-replace: xref in-use flags swapped": _OUTSIDE_REVISION,
    "hide-and-replace: xref flags of appearances swapped": _OUTSIDE_REVISION,
}
assert set(REASONS) == set(shadow.DEMOS)


def _signed_cases() -> list[str]:
    return list(shadow.DEMOS)


@pytest.fixture(scope="module")
def made(pki: fx.TestPki) -> dict[str, shadow.Shadowed]:
    return {name: make(pki) for name, make in shadow.DEMOS.items()}


def _shown(data: bytes) -> Image:
    """Page 1 as a viewer shows it (PDFium, widget appearances drawn), 1 pixel per point."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    from tnde.pdfium import PDFIUM_LOCK

    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(data)
        try:
            if pdf.init_forms():
                pdfium_raw.FPDF_SetFormFieldHighlightAlpha(pdf.formenv.raw, 0)
            page = pdf[0]
            bitmap = page.render(scale=1, may_draw_forms=True)
            image = bitmap.to_pil().convert("L")
            bitmap.close()
            page.close()
        finally:
            pdf.close()
    return image


def _amount_box(image: Image) -> tuple[int, int, int, int]:
    """Where the letter shows the amount (:data:`shadow.AMOUNT_BOX`), in image pixels."""
    x1, y1, x2, y2 = shadow.AMOUNT_BOX
    # image rows count down from the top of the page, PDF points up from the bottom
    return x1, image.height - y2, x2, image.height - y1


def _amount(image: Image) -> Image:
    return image.crop(_amount_box(image))


def _without_amount(image: Image) -> Image:
    blanked = image.copy()
    blanked.paste(255, _amount_box(image))
    return blanked


def _text(data: bytes) -> str:
    return PdfReader(io.BytesIO(data)).pages[0].extract_text()


@pytest.mark.parametrize("name", _signed_cases())
def test_the_honestly_signed_letter_is_valid(
    name: str, made: dict[str, shadow.Shadowed], pki: fx.TestPki
) -> None:
    report = verify(made[name].signed, pki)
    assert report.verdict is Verdict.VALID, report.reasons


@pytest.mark.parametrize("name", list(shadow.DEMOS))
def test_the_attacked_letter_is_invalid(
    name: str, made: dict[str, shadow.Shadowed], pki: fx.TestPki
) -> None:
    attacked = made[name].attacked
    assert attacked.startswith(made[name].signed), "the update must only append"
    report = verify(attacked, pki)
    assert report.verdict is Verdict.INVALID, report.reasons
    assert any(REASONS[name] in r for r in report.reasons), report.reasons


@pytest.mark.parametrize("name", list(shadow.DEMOS))
def test_the_attack_changes_what_a_reader_shows(
    name: str, made: dict[str, shadow.Shadowed]
) -> None:
    before, after = _shown(made[name].signed), _shown(made[name].attacked)
    assert ImageChops.difference(_amount(before), _amount(after)).getbbox(), (
        "the update changes nothing a viewer shows"
    )
    # ... and nothing else: the rest of the page is what the official saw
    assert ImageChops.difference(_without_amount(before), _without_amount(after)).getbbox() is None


@pytest.mark.parametrize(
    "name",
    ["hide-and-replace: page tree redirected by xref", "hide-and-replace: page contents swapped"],
)
def test_hide_and_replace_shows_the_shadow_document(
    name: str, made: dict[str, shadow.Shadowed]
) -> None:
    """The signed bytes held the whole forged page; the update only points at it."""
    signed, attacked = _text(made[name].signed), _text(made[name].attacked)
    assert fx.AMOUNT in signed
    assert fx.HIDDEN not in signed
    assert fx.HIDDEN in attacked
    assert fx.AMOUNT not in attacked


@pytest.mark.parametrize(
    "name",
    ["hide: image renumbered as metadata (vector 2)", "hide: form over text, widget emptied"],
)
def test_the_hidden_amount_was_signed(name: str, made: dict[str, shadow.Shadowed]) -> None:
    """The forged amount is in the signed page text, under the overlay the official saw."""
    assert fx.HIDDEN in _text(made[name].signed)


def test_replace_via_overlay_changes_the_appearance_not_the_value(
    made: dict[str, shadow.Shadowed],
) -> None:
    demo = made["replace: value set, appearance regenerated"]

    def field(data: bytes) -> tuple[str, bytes]:
        reader = PdfReader(io.BytesIO(data))
        for annot in reader.pages[0]["/Annots"]:
            widget = annot.get_object()
            if widget.get("/T") == "Nominal":
                return str(widget["/V"]), widget["/AP"]["/N"].get_object().get_data()
        raise LookupError("Nominal")

    (value_before, shown_before), (value_after, shown_after) = (
        field(demo.signed),
        field(demo.attacked),
    )
    assert value_before == value_after == fx.HIDDEN
    assert fx.AMOUNT.encode() in shown_before
    assert fx.HIDDEN.encode() in shown_after


def test_replace_via_font_keeps_the_text(made: dict[str, shadow.Shadowed]) -> None:
    """Only the glyphs change: copying or searching the page still finds the honest amount."""
    demo = made["replace: embedded font overwritten"]
    assert fx.AMOUNT in _text(demo.signed)
    assert fx.AMOUNT in _text(demo.attacked)


def test_the_notebooks_literal_form_reordering_changes_nothing(pki: fx.TestPki) -> None:
    """Re-saving the two widgets unchanged in swapped file order (the notebook's update)
    leaves the stacking to ``/Annots``: a viewer draws the same page, and the verifier, which
    sees no object changed, rightly keeps the signature VALID."""
    demo = shadow.hide_form_over_form(pki, literal=True)
    assert ImageChops.difference(_shown(demo.signed), _shown(demo.attacked)).getbbox() is None
    assert verify(demo.attacked, pki).verdict is Verdict.VALID


@pytest.fixture(scope="module")
def countersigned(pki: fx.TestPki) -> shadow.Shadowed:
    """The overlay replace made by whoever holds a later step of the approval route, who then
    signs the letter as it now shows."""
    return shadow.replace_via_overlay(pki, countersigned=True)


def test_the_countersigned_replace_is_real(countersigned: shadow.Shadowed) -> None:
    before, after = _shown(countersigned.signed), _shown(countersigned.attacked)
    assert ImageChops.difference(_amount(before), _amount(after)).getbbox() is not None


def test_replace_via_overlay_covered_by_a_countersignature_is_not_valid(
    countersigned: shadow.Shadowed, pki: fx.TestPki
) -> None:
    """A later signer does not vouch for what the earlier one saw: an appearance changed
    without its value is refused even when a countersignature covers it."""
    report = verify(countersigned.attacked, pki)
    assert report.verdict is Verdict.INVALID, report.signatures[0].changes
    assert any("tampilan kolom 'Nominal' diganti" in r for r in report.reasons), report.reasons
