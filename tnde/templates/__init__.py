"""Letter templates (jenis naskah) as data: fields, layout blocks, value checking."""

from __future__ import annotations

from tnde.templates.loader import (
    available_templates,
    load_all_templates,
    load_template,
    templates_dir,
)
from tnde.templates.model import Block, Column, FieldSpec, Template
from tnde.templates.values import (
    DELEGATION_FORMS,
    Attachment,
    Delegation,
    Person,
    Signer,
    validate_values,
)

__all__ = [
    "DELEGATION_FORMS",
    "Attachment",
    "Block",
    "Column",
    "Delegation",
    "FieldSpec",
    "Person",
    "Signer",
    "Template",
    "available_templates",
    "load_all_templates",
    "load_template",
    "templates_dir",
    "validate_values",
]
