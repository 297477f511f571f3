"""The org chart: units, jabatan, pegawai, who holds what when, and what follows from it.

- :mod:`~tnde.org.model`: the values and :class:`OrgChart`, an immutable indexed snapshot.
- :mod:`~tnde.org.validation`: :func:`validate_chart` lists every inconsistency
  as an :class:`OrgProblem`.
- :mod:`~tnde.org.store`: :func:`load_org` and :func:`replace_org` on a workspace database,
  :func:`workspace_org` for callers that hold only the workspace.
- :mod:`~tnde.org.io`: TOML and CSV files in and out (:func:`read_org`, :func:`write_org`).
- :mod:`~tnde.org.authority`: holders on a date and signature blocks with a.n./u.b./Plt./
  Plh./Pj. (:func:`signature_block`).
- :mod:`~tnde.org.routes`: the default review route (:func:`build_route`).

Errors: :class:`tnde.errors.OrgError` (with a stable ``code``) for what the chart does not
allow, :class:`tnde.errors.OrgFileError` for unreadable or malformed files.
"""

from __future__ import annotations

from tnde.org.authority import Holding, acting_for, can_act_as, holders, signature_block
from tnde.org.io import (
    CSV_COLUMNS,
    CSV_FILES,
    DEMO_KONSEPTOR_JABATAN,
    DEMO_REGISTRY_JABATAN,
    DEMO_SIGNER_JABATAN,
    demo_org_path,
    org_toml_text,
    parse_org_toml,
    read_org,
    read_org_csv,
    read_org_toml,
    write_org,
    write_org_csv,
    write_org_toml,
)
from tnde.org.model import (
    ACTING_FORMS,
    BENTUK,
    Assignment,
    Bentuk,
    Jabatan,
    OrgChart,
    Pegawai,
    Unit,
)
from tnde.org.routes import RouteStep, StepKind, build_route, coordination
from tnde.org.store import chart_digest, import_org, load_org, replace_org, workspace_org
from tnde.org.validation import OrgProblem, validate_chart

__all__ = [
    "ACTING_FORMS",
    "BENTUK",
    "CSV_COLUMNS",
    "CSV_FILES",
    "DEMO_KONSEPTOR_JABATAN",
    "DEMO_REGISTRY_JABATAN",
    "DEMO_SIGNER_JABATAN",
    "Assignment",
    "Bentuk",
    "Holding",
    "Jabatan",
    "OrgChart",
    "OrgProblem",
    "Pegawai",
    "RouteStep",
    "StepKind",
    "Unit",
    "acting_for",
    "build_route",
    "can_act_as",
    "chart_digest",
    "coordination",
    "demo_org_path",
    "holders",
    "import_org",
    "load_org",
    "org_toml_text",
    "parse_org_toml",
    "read_org",
    "read_org_csv",
    "read_org_toml",
    "replace_org",
    "signature_block",
    "validate_chart",
    "workspace_org",
    "write_org",
    "write_org_csv",
    "write_org_toml",
]
