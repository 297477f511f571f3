"""Load letter templates from ``resources/templates/*.toml``.

Fields may be written in full, or reuse a shared definition from ``_fields.toml`` with
``use = "hal"`` and override any attribute. Every field reference in the layout is checked
against the template's fields, so a typo fails at load time, naming file and key.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from tnde.datafile import Table, load_toml
from tnde.errors import TemplateError
from tnde.messages import _
from tnde.resources import resource_path
from tnde.templates.blocks import BLOCK_KINDS
from tnde.templates.model import DOCUMENT_GROUPS, FIELD_TYPES, Block, Column, FieldSpec, Template

SCHEMA_VERSION = 1
SHARED_FIELDS_FILE = "_fields.toml"
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_PLACEHOLDER_RE = re.compile(r"\{([a-z][a-z0-9_]*)(?:\.[a-z0-9_]+)?(?::[a-z_]+)?\}")
#: Names a layout may refer to that are not fields: values every letter has.
BUILTIN_NAMES = frozenset({"nomor_tampil", "daerah", "tahun"})


def templates_dir() -> Path:
    """The folder of templates shipped with the application."""
    return Path(str(resource_path("templates")))


def available_templates(folder: Path | None = None) -> list[str]:
    """Jenis ids of the templates in ``folder`` (default: shipped), sorted."""
    folder = folder or templates_dir()
    return sorted(p.stem for p in folder.glob("*.toml") if not p.name.startswith("_"))


def load_template(jenis: str, folder: Path | None = None) -> Template:
    """Load one template by its jenis id.

    Raises:
        TemplateError: unknown jenis, or an invalid template file.
    """
    folder = folder or templates_dir()
    return _load_cached(jenis, folder)


def load_all_templates(folder: Path | None = None) -> list[Template]:
    """Every template in ``folder``, sorted by jenis."""
    folder = folder or templates_dir()
    return [load_template(j, folder) for j in available_templates(folder)]


@functools.lru_cache(maxsize=128)
def _load_cached(jenis: str, folder: Path) -> Template:
    path = folder / f"{jenis}.toml"
    if not _NAME_RE.match(jenis) or not path.is_file():
        known = ", ".join(available_templates(folder))
        raise TemplateError(jenis, "", _("unknown jenis naskah (available: {known})", known=known))
    shared = _shared_fields(folder)
    return parse_template(load_toml(path, TemplateError), path, shared)


@functools.lru_cache(maxsize=8)
def _shared_fields(folder: Path) -> dict[str, dict[str, Any]]:
    path = folder / SHARED_FIELDS_FILE
    if not path.is_file():
        return {}
    data = load_toml(path, TemplateError)
    shared: dict[str, dict[str, Any]] = {}
    for name, spec in data.items():
        if not isinstance(spec, dict):
            raise TemplateError(str(path), name, _("each shared field must be a table"))
        shared[name] = spec
    return shared


def parse_template(
    data: dict[str, Any], path: Path, shared: dict[str, dict[str, Any]] | None = None
) -> Template:
    """Build a :class:`Template` from parsed TOML."""
    root = Table(data, str(path), error=TemplateError)
    version = root.integer("schema_version")
    if version != SCHEMA_VERSION:
        raise root.fail(
            "schema_version", _("version {version} is not supported (expected 1)", version=version)
        )
    jenis = root.text("jenis", nonempty=True)
    if jenis != path.stem:
        raise root.fail(
            "jenis", _("{jenis!r} must equal the file name {stem!r}", jenis=jenis, stem=path.stem)
        )
    fields = tuple(_field(t, shared or {}) for t in root.tables("fields", required=True))
    names = [f.name for f in fields]
    duplicate = next((n for n in names if names.count(n) > 1), None)
    if duplicate:
        raise root.fail("fields", _("field {duplicate!r} is defined twice", duplicate=duplicate))
    template = Template(
        jenis=jenis,
        nama=root.text("nama", nonempty=True),
        kode=root.text("kode", nonempty=True),
        group=root.choice("group", DOCUMENT_GROUPS),
        description=root.text("description", ""),
        numbering=root.choice("numbering", ("pattern", "arahan"), "pattern"),
        tte=root.flag("tte", True),
        fields=fields,
        layout=tuple(_block(t, set(names)) for t in root.tables("layout", required=True)),
    )
    root.done()
    return template


def _field(t: Table, shared: dict[str, dict[str, Any]]) -> FieldSpec:
    if t.has("use"):
        use = t.text("use")
        if use not in shared:
            raise t.fail(
                "use", _("no shared field {use!r} in {file}", use=use, file=SHARED_FIELDS_FILE)
            )
        base = dict(shared[use])
        base.setdefault("name", use)
        base.update({k: t.raw(k) for k in t.names()})
        t = Table(base, t.source, t.prefix, t.error)
    name = t.text("name", nonempty=True)
    if not _NAME_RE.match(name):
        raise t.fail("name", _("{name!r} must be lower_snake_case", name=name))
    ftype = t.choice("type", FIELD_TYPES)
    columns = tuple(_column(c) for c in t.tables("columns"))
    if ftype == "table" and not columns:
        raise t.fail("columns", _("a table field needs columns"))
    choices = t.str_list("choices", ())
    if ftype == "choice" and not choices:
        raise t.fail("choices", _("a choice field needs choices"))
    pattern = t.text("pattern", None)
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise t.fail("pattern", _("invalid regular expression: {exc}", exc=exc)) from None
    spec = FieldSpec(
        name=name,
        label=t.text("label", nonempty=True),
        type=ftype,
        help=t.text("help", ""),
        required=t.flag("required", False),
        default=t.raw("default", None),
        choices=choices,
        max_length=t.integer("max_length", None, minimum=1),
        min_items=t.integer("min_items", 0, minimum=0),
        max_items=t.integer("max_items", None, minimum=1),
        pattern=pattern,
        pattern_help=t.text("pattern_help", ""),
        columns=columns,
    )
    if spec.default is not None and ftype == "choice" and spec.default not in choices:
        raise t.fail("default", _("{default!r} is not one of the choices", default=spec.default))
    t.done()
    return spec


def _column(t: Table) -> Column:
    column = Column(
        name=t.text("name", nonempty=True),
        label=t.text("label", nonempty=True),
        width=t.number("width", 1.0, minimum=0.1),
        required=t.flag("required", False),
    )
    t.done()
    return column


def _block(t: Table, field_names: set[str]) -> Block:
    kind_name = t.text("block", nonempty=True)
    kind = BLOCK_KINDS.get(kind_name)
    if kind is None:
        raise t.fail(
            "block",
            _(
                "unknown block {kind_name!r} (known: {known})",
                kind_name=kind_name,
                known=", ".join(BLOCK_KINDS),
            ),
        )
    when = t.text("when", None)
    known = field_names | BUILTIN_NAMES
    if when is not None and when not in known:
        raise t.fail("when", _("no field {when!r} in this template", when=when))
    params = {k: t.raw(k) for k in t.names()}
    for key, value in params.items():
        if key not in kind.params:
            raise t.fail(
                key, _("block {kind_name!r} has no parameter {key!r}", kind_name=kind_name, key=key)
            )
        if key in kind.field_params:
            for ref in value if isinstance(value, list) else [value]:
                if ref not in known:
                    raise t.fail(key, _("no field {ref!r} in this template", ref=ref))
        _check_references(t, key, value, known)
    return Block(kind=kind_name, params=params, when=when)


def _check_references(t: Table, key: str, value: Any, known: set[str] | frozenset[str]) -> None:
    """Check ``{field}`` placeholders and ``field =`` entries nested anywhere in ``value``."""
    if isinstance(value, str):
        for ref in _PLACEHOLDER_RE.findall(value):
            if ref not in known:
                raise t.fail(
                    key, _("placeholder {{{ref}}} names no field of this template", ref=ref)
                )
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_references(t, f"{key}[{i}]", item, known)
    elif isinstance(value, dict):
        ref = value.get("field")
        if isinstance(ref, str) and ref.split(".")[0] not in known:
            raise t.fail(key, _("no field {ref!r} in this template", ref=ref))
        for sub_key, item in value.items():
            _check_references(t, f"{key}.{sub_key}", item, known)
