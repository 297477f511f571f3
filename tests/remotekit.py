"""Shared steps of the remote signing tests: sign a batch through a device, and what a
workspace holds (to prove a refused signature stored nothing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnde.pki.demo import DEMO_PASSPHRASE
from tnde.signing.batch import LetterSignResult, sign_letters
from tnde.signing.context import workspace_services
from tnde.workflow.letters import Letters

if TYPE_CHECKING:
    from tnde.signing.devices import SigningDevice
    from tnde.workspace import Workspace


def sign_through(
    ws: Workspace,
    device: SigningDevice,
    letter_ids: list[str],
    nip: str,
    *,
    secret: bytes = DEMO_PASSPHRASE,
) -> list[LetterSignResult]:
    """Sign ``letter_ids`` as ``nip`` with ``device`` at the workspace's level."""
    with workspace_services(ws) as signing:
        return sign_letters(
            Letters(ws),
            nip,
            letter_ids,
            device,
            bytearray(secret),
            signing.services,
            level=signing.level,
            issuer_of=signing.issuer_of,
        )


def snapshot(ws: Workspace) -> tuple[int, set[str]]:
    """The workspace's event count and blob names."""
    events = int(ws.thread_connection().execute("SELECT count(*) FROM event").fetchone()[0])
    blobs = {p.name for p in (ws.path / "blobs").rglob("*") if p.is_file()}
    return events, blobs
