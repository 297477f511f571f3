"""Helpers that render samples and look inside the resulting PDFs."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tnde.drafts import load_draft, parse_draft, prepare
from tnde.render import RenderResult, TteStamp, render_letter

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.render.context import RenderMode


@dataclass
class Rendered:
    """A rendered letter written to disk, with what went into it."""

    path: Path
    result: RenderResult
    values: dict[str, Any]
    profile_id: str


def render_sample(
    sample: Path,
    out: Path,
    *,
    profile: str | None = None,
    mode: RenderMode = "draft",
    stamp: TteStamp | None = None,
    edit: dict[str, Any] | None = None,
) -> Rendered:
    """Render a sample draft (optionally with some values replaced) into ``out``."""
    if edit:
        data = tomllib.loads(sample.read_text(encoding="utf-8"))
        data["naskah"].update(edit)
        draft = parse_draft(data, str(sample))
    else:
        draft = load_draft(sample)
    prepared = prepare(draft, profile)
    assert not prepared.problems, [str(p) for p in prepared.problems]
    result = render_letter(
        prepared.template, prepared.profile, prepared.values, mode=mode, stamp=stamp
    )
    path = out / f"{sample.stem}-{prepared.profile.id}-{mode}.pdf"
    path.write_bytes(result.pdf)
    return Rendered(path, result, prepared.values, prepared.profile.id)


def squash(text: str) -> str:
    """Text with all runs of white space folded to one space (for order checks)."""
    return " ".join(text.split())


def assert_in_order(text: str, *parts: str) -> None:
    """Each of ``parts`` occurs in ``text``, in this order."""
    position = 0
    flat = squash(text)
    for part in parts:
        found = flat.find(squash(part), position)
        assert found >= 0, f"{part!r} missing after position {position} in: {flat[:3000]}"
        position = found + len(squash(part))
