"""Draft files: which template, which profile, and the values a drafter filled in.

A draft file is TOML::

    jenis = "surat_dinas"
    profil = "diskominfo-provinsi-contoh"   # optional; a command-line choice wins

    [naskah]
    hal = "Undangan Rapat Koordinasi"
    tanggal = 2026-11-27
    ...
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tnde.datafile import Table, load_toml
from tnde.errors import DraftError, ProfileError, TemplateError, ValidationError
from tnde.messages import _
from tnde.profiles import Profile, load_profile
from tnde.templates.loader import load_template
from tnde.templates.values import validate_values

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.templates.model import Template


@dataclass(frozen=True)
class Draft:
    """A draft as read from a file, before its values are checked."""

    jenis: str
    profile_id: str | None
    raw_values: dict[str, Any]
    source: str


@dataclass(frozen=True)
class PreparedDraft:
    """A draft with its template and profile resolved and its values checked."""

    draft: Draft
    template: Template
    profile: Profile
    values: dict[str, Any]
    problems: tuple[ValidationError, ...]


def parse_draft(data: dict[str, Any], source: str) -> Draft:
    """Read the structure of a draft (``jenis``, ``profil``, ``[naskah]``)."""
    root = Table(data, source, error=DraftError)
    jenis = root.text("jenis", nonempty=True)
    profile_id = root.text("profil", None)
    naskah = root.raw("naskah", {})
    if not isinstance(naskah, dict):
        raise root.fail("naskah", _("expected a table of field values"))
    root.done()
    return Draft(jenis=jenis, profile_id=profile_id, raw_values=dict(naskah), source=source)


def load_draft(path: Path) -> Draft:
    """Read a draft file.

    Raises:
        DraftError: the file is missing, not TOML, or lacks ``jenis``.
    """
    return parse_draft(load_toml(path, DraftError), str(path))


def prepare(
    draft: Draft, profile: str | Path | None = None, templates: Path | None = None
) -> PreparedDraft:
    """Resolve the template and profile of ``draft`` and check its values.

    Args:
        profile: a profile id or file that overrides the draft's own ``profil``.
        templates: an office's own template folder instead of the shipped one.

    Raises:
        DraftError: no profile is named anywhere.
        TemplateError, ProfileError: the jenis or profile is unknown or invalid.
    """
    try:
        template = load_template(draft.jenis, templates)
    except TemplateError as exc:
        if exc.key:  # a broken template file: its own error names it
            raise
        raise DraftError(
            draft.source, "jenis", _("{jenis!r}: {problem}", jenis=draft.jenis, problem=exc.problem)
        ) from None
    chosen = profile or draft.profile_id
    if not chosen:
        raise DraftError(
            draft.source, "profil", _("no profile: name one in the draft or with --profile")
        )
    try:
        resolved = load_profile(chosen)
    except ProfileError as exc:
        if exc.key or profile is not None:  # a broken file, or a command-line choice
            raise
        raise DraftError(
            draft.source, "profil", _("{chosen!r}: {problem}", chosen=chosen, problem=exc.problem)
        ) from None
    values, problems = validate_values(template, draft.raw_values)
    return PreparedDraft(draft, template, resolved, values, tuple(problems))
