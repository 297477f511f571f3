"""A DEMO certificate never becomes trusted outside a demo workspace, and the DEMO CA's keys
are encrypted and readable by their owner only."""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

import pytest

from tnde.errors import PkiError
from tnde.pki import DemoPki, TrustStore, certificate_pem, fingerprint
from tnde.workspace import Workspace

if TYPE_CHECKING:
    from pathlib import Path


def test_a_demo_root_is_refused_by_a_real_workspace(
    tmp_path: Path, demo_pki_session: DemoPki
) -> None:
    ws = Workspace.create(tmp_path / "ruang kerja")
    store = TrustStore.for_workspace(ws.path)
    for demo_flag in (False, True):
        with pytest.raises(PkiError) as excinfo:
            store.add_root(certificate_pem(demo_pki_session.root), demo=demo_flag)
        assert excinfo.value.kind == PkiError.BAD_CERTIFICATE
        assert "DEMO" in str(excinfo.value)
    assert store.list() == []


def test_a_demo_root_written_into_the_store_by_hand_still_does_not_count(
    tmp_path: Path, demo_pki_session: DemoPki
) -> None:
    ws = Workspace.create(tmp_path / "ruang kerja")
    store = TrustStore.for_workspace(ws.path)
    added = store.add_root(certificate_pem(demo_pki_session.root), demo_workspace=True)
    assert added.demo, "a DEMO certificate is always marked demo"
    text = store.config_path.read_text(encoding="utf-8").replace("demo = true", "demo = false")
    store.config_path.write_text(text, encoding="utf-8")
    assert not store.list()[0].demo
    assert store.roots(demo=False) == []
    assert [fingerprint(r) for r in store.roots(demo=True)] == [fingerprint(demo_pki_session.root)]


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_demo_ca_keys_are_encrypted_and_private(demo_pki_session: DemoPki) -> None:
    keys = sorted((demo_pki_session.folder / "keys").glob("*.key.pem"))
    assert keys
    for path in keys:
        assert b"ENCRYPTED PRIVATE KEY" in path.read_bytes(), path.name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    p12s = sorted((demo_pki_session.folder / "officials").glob("*.p12"))
    assert p12s
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in p12s)
