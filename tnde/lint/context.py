"""What a rule sees: the draft's template, profile and typed values, plus today's date.

Rules never read the clock or the disk themselves; everything comes through
:class:`LintContext`, so a lint run is a pure function of its inputs. The helpers here find
parts of the letter by what the template's layout does with them (the field a ``kepala_surat``
block prints as Yth., the one a ``tembusan`` block lists…) rather than by fixed field names,
so rules keep working for templates written after them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tnde.templates.values import Person, Signer, empty

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator

    from tnde.numbering.kka import KkaTree
    from tnde.profiles.model import Profile
    from tnde.templates.model import Block, FieldSpec, Template


@dataclass(frozen=True)
class LintContext:
    """The draft under review and the facts the rules may use."""

    template: Template
    profile: Profile
    values: dict[str, Any]
    """Typed values as returned by :func:`tnde.templates.values.validate_values`."""
    today: dt.date
    """The date the draft is checked on (passed in, never read from the clock)."""
    kka: KkaTree
    """The classification codes the office uses."""

    # -- values -----------------------------------------------------------------------------

    def is_empty(self, name: str) -> bool:
        """Whether field ``name`` has no value."""
        return empty(self.values.get(name))

    def filled(self, *types: str) -> Iterator[tuple[FieldSpec, Any]]:
        """Fields of the given types that have a value, in form order, with that value."""
        for spec in self.template.fields:
            if spec.type in types and not self.is_empty(spec.name):
                yield spec, self.values[spec.name]

    def items(self, name: str) -> tuple[str, ...]:
        """The lines of a list (or one-line text) field; empty if it has no value."""
        value = self.values.get(name)
        if isinstance(value, str):
            return (value,) if value.strip() else ()
        if isinstance(value, list | tuple):
            return tuple(str(v) for v in value)
        return ()

    def item_path(self, name: str, index: int) -> str:
        """The dotted path of line ``index`` of :meth:`items`: ``"tembusan[1]"``."""
        return name if isinstance(self.values.get(name), str) else f"{name}[{index}]"

    def signers(self) -> Iterator[tuple[str, Signer]]:
        """``(field name, signer)`` for every filled signer field, in form order."""
        for spec, value in self.filled("signer"):
            if isinstance(value, Signer):
                yield spec.name, value

    def people(self) -> Iterator[tuple[str, Person]]:
        """``(field path, person)`` for every signer and person field, in form order."""
        for spec, value in self.filled("signer", "person"):
            if isinstance(value, Signer):
                yield spec.name, value.person
            elif isinstance(value, Person):
                yield spec.name, value

    # -- layout -----------------------------------------------------------------------------

    def printed_blocks(self, kind: str) -> Iterator[Block]:
        """Layout blocks of ``kind`` that will be printed (their ``when`` field is filled)."""
        for block in self.template.layout:
            if block.kind == kind and (block.when is None or not self.is_empty(block.when)):
                yield block

    def has_block(self, kind: str) -> bool:
        """Whether the layout prints a block of ``kind``."""
        return any(True for _ in self.printed_blocks(kind))

    def _fields_by_layout(
        self, uses: tuple[tuple[str, str, str], ...], names: tuple[str, ...], row_label: str = ""
    ) -> tuple[str, ...]:
        """Template fields that blocks print, named by ``(block kind, parameter, default)``.

        With ``row_label``, also the fields of ``daftar`` rows whose label starts with it
        (a Nota Dinas prints its Yth. and Tembusan as rows). ``names`` are always included.
        Fields the template does not define are left out.
        """
        found: list[str] = []
        for kind, param, default in uses:
            for block in self.printed_blocks(kind):
                value = block.params.get(param, default)
                if isinstance(value, str) and value:
                    found.append(value)
        for block in self.printed_blocks("daftar") if row_label else ():
            for row in block.params.get("rows", []):
                label = str(row.get("label", "")) if isinstance(row, dict) else ""
                if label.casefold().startswith(row_label) and isinstance(row.get("field"), str):
                    found.append(row["field"].split(".")[0])
        found += names
        known = [name for name in found if self.template.field(name) is not None]
        return tuple(dict.fromkeys(known))

    def addressee_fields(self) -> tuple[str, ...]:
        """Fields printed after ``Yth.``: the Yth. of a kepala surat, a Yth. block or row."""
        return self._fields_by_layout(
            (("kepala_surat", "tujuan", "tujuan"), ("yth", "field", "tujuan")), ("tujuan",), "yth"
        )

    def di_fields(self) -> tuple[str, ...]:
        """Fields printed after ``di`` under the addressee."""
        return self._fields_by_layout((("kepala_surat", "di", "di"), ("yth", "di", "")), ("di",))

    def tembusan_fields(self) -> tuple[str, ...]:
        """Fields listing the recipients of copies."""
        return self._fields_by_layout(
            (("tembusan", "field", "tembusan"),), ("tembusan",), "tembusan"
        )

    def body_fields(self) -> tuple[str, ...]:
        """Rich-text fields printed as the body by ``isi`` blocks."""
        names = self._fields_by_layout((("isi", "field", "isi"),), ())
        return tuple(
            n for n in names if (spec := self.template.field(n)) and spec.type == "richtext"
        )
