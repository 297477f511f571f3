"""Templates (jenis naskah) as data: typed fields plus a layout of shared blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

#: Document groups of Permendagri 1/2023; each template names one, and an office profile
#: gives each group its typeface.
DOCUMENT_GROUPS = ("korespondensi", "penugasan", "penetapan", "pengaturan", "khusus")

FieldType = Literal[
    "text",  # one line
    "richtext",  # paragraphs and numbered/lettered lists (see tnde.render.markup)
    "date",
    "choice",
    "integer",
    "list",  # list of lines (tujuan, tembusan, dasar …)
    "table",  # list of rows with declared columns
    "person",  # nama, nip, pangkat, golongan, jabatan (identities in the body)
    "signer",  # a person who signs, with delegation (a.n., u.b., Plt., Plh., Pj.)
    "attachments",  # lampiran pages: judul + isi (+ tabel)
    "kka",  # a records classification code
]
FIELD_TYPES: tuple[str, ...] = FieldType.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Column:
    """A column of a ``table`` field."""

    name: str
    label: str
    width: float = 1.0
    """Relative width."""
    required: bool = False


@dataclass(frozen=True)
class FieldSpec:
    """One field a drafter fills in."""

    name: str
    label: str
    """Label in Indonesian, as shown on the form."""
    type: FieldType
    help: str = ""
    """One-line help in Indonesian."""
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    min_items: int = 0
    max_items: int | None = None
    pattern: str | None = None
    """A regular expression the whole (text) value must match."""
    pattern_help: str = ""
    """What :attr:`pattern` means, in Indonesian, for the error message."""
    columns: tuple[Column, ...] = ()


@dataclass(frozen=True)
class Block:
    """One layout block: a shared piece of letter anatomy with its parameters.

    The block kinds are implemented once in :mod:`tnde.render.blocks`; a template only
    chooses and orders them.
    """

    kind: str
    params: dict[str, Any] = field(default_factory=dict)
    when: str | None = None
    """Field name; the block is skipped when that field is empty."""


@dataclass(frozen=True)
class Template:
    """A jenis naskah: identity, fields and layout."""

    jenis: str
    """Identifier, also the file name (``surat_dinas``)."""
    nama: str
    """Display name (``Surat Dinas``)."""
    kode: str
    """Short code for numbering ``{jenis}`` (``SD``, ``ND``, ``ST``…)."""
    group: str
    """Document group, which selects the font (korespondensi, penetapan…)."""
    description: str
    fields: tuple[FieldSpec, ...]
    layout: tuple[Block, ...]
    numbering: Literal["pattern", "arahan"] = "pattern"
    """``arahan`` documents are numbered ``NOMOR n TAHUN yyyy``."""
    tte: bool = True
    """Whether the jenis is signed electronically: False (a Lembar Disposisi, initialled
    by hand) prints no TTE footer on its pages."""

    def field(self, name: str) -> FieldSpec | None:
        """The field called ``name``, if any."""
        for spec in self.fields:
            if spec.name == name:
                return spec
        return None

    @property
    def field_names(self) -> tuple[str, ...]:
        """Names of all fields, in form order."""
        return tuple(spec.name for spec in self.fields)
