"""Render a letter to PDF bytes: the same input always gives the same bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportlab import rl_config

from tnde import __version__
from tnde.errors import RenderError
from tnde.messages import _
from tnde.render.blocks import BUILDERS
from tnde.render.context import RenderContext, RenderMode, SlotPosition, TteStamp
from tnde.render.document import LetterDocTemplate
from tnde.templates.values import empty

if TYPE_CHECKING:
    from tnde.profiles.model import Profile
    from tnde.templates.model import Template

log = logging.getLogger(__name__)

# Binary streams rather than ASCII85: smaller files, and less work per letter.
rl_config.useA85 = 0


@dataclass(frozen=True)
class RenderResult:
    """A rendered letter."""

    pdf: bytes
    pages: int
    signature_slots: tuple[SlotPosition, ...]
    """Where each signer's reserved TTE area is, for the signing step."""
    input_digest: str
    """SHA-256 (hex) of the canonical input; also seeds the PDF's document ID."""


def input_digest(
    template: Template,
    profile: Profile,
    values: dict[str, Any],
    mode: str,
    stamp: TteStamp | None,
) -> str:
    """A digest of everything that determines the output."""
    canonical = json.dumps(
        {
            "jenis": template.jenis,
            "profile": profile.id,
            "mode": mode,
            "version": __version__,
            "stamp": None
            if stamp is None
            else [stamp.document_id, list(stamp.caption_lines), stamp.issuer],
            "values": values,
        },
        sort_keys=True,
        default=_jsonable,
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "__dataclass_fields__"):
        return {k: getattr(value, k) for k in value.__dataclass_fields__}
    raise TypeError(f"cannot serialise {type(value).__name__}")


def render_letter(
    template: Template,
    profile: Profile,
    values: dict[str, Any],
    *,
    mode: RenderMode = "draft",
    stamp: TteStamp | None = None,
) -> RenderResult:
    """Lay out a letter and return its PDF.

    Args:
        values: typed values, as returned by :func:`tnde.templates.values.validate_values`.
        mode: ``draft`` prints a KONSEP watermark; ``final`` does not; ``print`` lays the
            letter out for a wet-ink signature: the same pages as ``final``, with the
            signature room left blank and no TTE placeholder, QR or footer (and no
            signature slots in the result).
        stamp: the TTE data for the reserved areas; None leaves placeholders.

    Raises:
        RenderError: the layout cannot be made (for example an unreadable logo).
    """
    digest = input_digest(template, profile, values, mode, stamp)
    tanggal = values.get("tanggal")
    created = dt.datetime.combine(
        tanggal if isinstance(tanggal, dt.date) else dt.date(2000, 1, 1), dt.time(0, 0), dt.UTC
    )
    pdf, ctx, first_words = _build(template, profile, values, mode, stamp, digest, created, None)
    if profile.style.kata_penyambung and len(first_words) > 1:
        # Second pass: now that page breaks are known, print each next page's first word.
        pdf, ctx, _words = _build(
            template, profile, values, mode, stamp, digest, created, first_words
        )
    return RenderResult(
        pdf=pdf, pages=ctx.page_count, signature_slots=tuple(ctx.slots), input_digest=digest
    )


#: Blocks that close a letter: the paragraph before them must not be left behind on the
#: previous page, so a signature never stands alone on a page.
_SIGNING_BLOCKS = frozenset({"tempat_tanggal", "tanda_tangan"})
#: A row of several signatures (Surat Kuasa, Berita Acara) is tall: chaining the closing
#: sentence to it moved sentence and signatures to the next page together and left a
#: quarter of a page blank. It keeps only its own place/date line with it.
_SIGNATURE_ROWS = "tanda_tangan_ganda"


def _closes_with_one_signature(layout: tuple[Any, ...], index: int) -> bool:
    """Whether block ``index`` opens a single signature (the date line before one counts)."""
    kind = layout[index].kind
    if kind == "tanda_tangan":
        return True
    if kind != "tempat_tanggal":
        return False
    following = next(
        (b.kind for b in layout[index + 1 :] if b.kind in (*_SIGNING_BLOCKS, _SIGNATURE_ROWS)),
        None,
    )
    return following != _SIGNATURE_ROWS


def _keep_last_paragraph_with_next(story: list[Any]) -> None:
    """Chain the last paragraph or item (and the spacing after it) to whatever comes next.

    An item is a one-row table (a diktum, a Menimbang point): it cannot split, like a short
    paragraph. Longer tables and the date line keep their own setting.
    """
    from reportlab.platypus import Paragraph, Spacer, Table

    for flowable in reversed(story):
        if isinstance(flowable, Spacer):
            flowable.keepWithNext = True
            continue
        if isinstance(flowable, Paragraph) or (
            isinstance(flowable, Table) and len(flowable._cellvalues) == 1
        ):
            flowable.keepWithNext = True
        return


def _build(
    template: Template,
    profile: Profile,
    values: dict[str, Any],
    mode: RenderMode,
    stamp: TteStamp | None,
    digest: str,
    created: dt.datetime,
    penyambung: dict[int, str] | None,
) -> tuple[bytes, RenderContext, dict[int, str]]:
    ctx = RenderContext(profile=profile, template=template, values=values, mode=mode, stamp=stamp)
    story: list[Any] = []
    for index, block in enumerate(template.layout):
        if block.when is not None and empty(ctx.value(block.when)):
            continue
        if _closes_with_one_signature(template.layout, index):
            _keep_last_paragraph_with_next(story)
        story.extend(BUILDERS[block.kind](ctx, block.params))
    buffer = io.BytesIO()
    hal = ctx.display(values.get("hal") or values.get("tentang") or "")
    doc = LetterDocTemplate(
        buffer,
        ctx,
        bytes.fromhex(digest),
        created,
        penyambung,
        title=f"{template.nama}: {hal}" if hal else template.nama,
        author=profile.nama,
        subject=template.nama,
        creator=f"TNDE Desktop {__version__}",
        producer=f"TNDE Desktop {__version__} (reportlab)",
    )
    try:
        doc.build(story)
    except RenderError:
        raise
    except Exception as exc:
        log.debug("layout failed", exc_info=True)
        raise RenderError(
            _("cannot lay out {jenis}: {exc}", jenis=template.jenis, exc=exc)
        ) from exc
    ctx.page_count = doc.page
    return buffer.getvalue(), ctx, doc.first_words
