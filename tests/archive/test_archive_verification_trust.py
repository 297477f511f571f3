"""The roots the verification page trusts: ``tnde archive trust add|list|remove``, the audit
rows they leave, and DEMO roots only in the demo office's archive."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from tests.archive.conftest import ORG_FILE
from tests.certkit import make_cert
from tests.cliutil import tnde
from tnde.archive import init_archive, open_archive
from tnde.archive.schema import AUDIT
from tnde.archive.trust import (
    DEMO_PROFILE,
    is_demo_profile,
    read_trust,
    trust_store,
)
from tnde.archive.verification_page import settings_for
from tnde.demo import DEMO_PROFILE as DEMO_OFFICE_PROFILE
from tnde.pki.identity import fingerprint, load_certificate

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.archive import ArchiveFolder, InitResult

pytestmark = pytest.mark.slow  # the command line runs as child processes


def _root(name: str) -> bytes:
    cert, _key = make_cert(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
    return cert.public_bytes(Encoding.PEM)


def _audit(archive: ArchiveFolder) -> list[tuple[str, str, str]]:
    with archive.database.read() as conn:
        rows = conn.execute(sa.select(AUDIT.c.actor, AUDIT.c.action, AUDIT.c.object))
        return [(str(a), str(b), str(c)) for a, b, c in rows]


def test_the_demo_profile_is_the_demo_offices() -> None:
    assert DEMO_PROFILE == DEMO_OFFICE_PROFILE
    assert is_demo_profile(DEMO_PROFILE)
    assert is_demo_profile(f"{DEMO_PROFILE}.toml")  # a copy kept in the archive folder
    assert not is_demo_profile("bkpsdm-kabupaten-sukamaju")


def test_add_list_remove_from_the_command_line(
    made: InitResult, demo_template: Path, tmp_path: Path
) -> None:
    folder = made.folder
    province = tmp_path / "akar provinsi.pem"
    province.write_bytes(_root("Root CA Provinsi Uji"))
    demo = demo_template / "pki" / "demo" / "root.pem"

    empty = tnde("archive", "trust", "list", folder)
    assert empty.returncode == 0, empty.stderr
    assert "tnde archive trust add" in empty.stdout

    added = tnde(
        "archive", "trust", "add", folder, province, "--revocation-freshness", "24h", "--json"
    )
    assert added.returncode == 0, added.stderr
    root = json.loads(added.stdout)
    assert root["label"] == "Root CA Provinsi Uji"
    assert root["revocation_freshness"] == "1d"
    added_demo = tnde("archive", "trust", "add", folder, demo)  # the demo office's archive
    assert added_demo.returncode == 0, added_demo.stderr

    listed = tnde("archive", "trust", "list", folder)
    assert "Root CA Provinsi Uji" in listed.stdout
    assert "[DEMO]" in listed.stdout
    archive = open_archive(folder)
    try:
        roots = read_trust(folder, demo=True)
        assert len(roots.certificates) == 2
        rule = roots.policy.for_root(root["fingerprint"])
        assert rule.revocation_freshness.total_seconds() == 24 * 3600
        assert len(settings_for(archive).trust().certificates) == 2

        removed = tnde("archive", "trust", "remove", folder, root["fingerprint"][:12])
        assert removed.returncode == 0, removed.stderr
        assert root["fingerprint"] in removed.stdout
        assert [fingerprint(c) for c in read_trust(folder, demo=True).certificates] == [
            fingerprint(load_certificate(demo.read_bytes()))
        ]
        actions = [(action, obj) for _actor, action, obj in _audit(archive)]
        assert ("trust.root_added", root["fingerprint"]) in actions
        assert ("trust.root_removed", root["fingerprint"]) in actions
        assert all(actor.startswith("admin") for actor, _a, _o in _audit(archive))
    finally:
        archive.close()


def test_a_demo_root_counts_only_in_the_demo_offices_archive(
    tmp_path: Path, demo_template: Path
) -> None:
    folder = tmp_path / "arsip kabupaten"
    init_archive(folder, profile="bkpsdm-kabupaten-sukamaju", org=ORG_FILE)
    demo = demo_template / "pki" / "demo" / "root.pem"
    refused = tnde("archive", "trust", "add", folder, demo)
    assert refused.returncode != 0
    assert "DEMO" in refused.stderr
    assert "Traceback" not in refused.stderr
    # put into the store by hand, it is still not trusted here
    trust_store(folder).add_root(demo.read_bytes(), demo_workspace=True)
    archive = open_archive(folder)
    try:
        assert settings_for(archive).trust().certificates == ()
    finally:
        archive.close()
    assert len(read_trust(folder, demo=True).certificates) == 1


@pytest.mark.parametrize("command", ["list", "add", "remove"])
def test_a_folder_that_is_no_archive(tmp_path: Path, command: str) -> None:
    root = tmp_path / "akar.pem"
    root.write_bytes(_root("Akar Uji"))
    extra = {"list": [], "add": [root], "remove": ["abcdef1234"]}[command]
    answer = tnde("archive", "trust", command, tmp_path / "bukan arsip", *extra)
    assert answer.returncode != 0
    assert "Traceback" not in answer.stderr
    assert "tnde archive init" in answer.stderr
