"""The desks of a demo office (``tnde demo --office``), as the desktop app opens them.

The office folder keeps ``kantor.json``: the archive's address and, for each desk, its
folder, its official and that official's DEMO password. The passwords are those printed when
the office was made: DEMO accounts of a DEMO archive served on this computer only, so the
desktop app can sign each window in without a keyring. A real office has no such file.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from tnde.errors import TndeError
from tnde.fsutil import write_atomic
from tnde.messages import _

__all__ = ["MANIFEST", "DemoOffice", "OfficeDesk", "read_demo_office", "write_demo_office"]

MANIFEST = "kantor.json"


@dataclass(frozen=True)
class OfficeDesk:
    """One official's workspace in the demo office."""

    jabatan_id: str
    nip: str
    nama: str
    password: str
    workspace: Path
    admin: bool = False
    """The official is an administrator of the archive: their desk sees the linked desks."""
    jabatan_nama: str = ""
    """The jabatan's printed name."""


@dataclass(frozen=True)
class DemoOffice:
    """A demo office folder: its archive's folder and address, and its desks."""

    folder: Path
    url: str
    port: int
    desks: tuple[OfficeDesk, ...]

    @property
    def archive_folder(self) -> Path:
        """Where the office's archive is kept."""
        return self.folder / "arsip"


def write_demo_office(office: DemoOffice) -> None:
    """Write ``kantor.json`` into the office folder."""
    data = {
        "url": office.url,
        "port": office.port,
        "desks": [
            {**asdict(d), "workspace": str(d.workspace.relative_to(office.folder))}
            for d in office.desks
        ],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_atomic(office.folder / MANIFEST, text.encode("utf-8"))


def read_demo_office(folder: Path) -> DemoOffice | None:
    """The demo office in ``folder``, or None when there is none yet.

    Raises:
        TndeError: ``kantor.json`` is there but cannot be read.
    """
    path = Path(folder) / MANIFEST
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        desks = tuple(
            OfficeDesk(**{**d, "workspace": Path(folder) / str(d["workspace"])})
            for d in data["desks"]
        )
        return DemoOffice(Path(folder), str(data["url"]), int(data["port"]), desks)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise TndeError(
            _(
                "{path} is damaged ({error}); remove the demo office folder to make it anew",
                path=path,
                error=exc,
            )
        ) from None
