"""Signing at a CSC API v2 service (raw signatures, our CMS), for real over HTTP against the
loopback simulator, with OAuth2 client credentials."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.demoworkspace import letter_in, signer_of
from tests.remotekit import sign_through, snapshot
from tests.sigcheck import nss_db, openssl_verify, pdfsig
from tnde.demo import add_demo_letters
from tnde.errors import SigningError
from tnde.pki.demo import DemoPki
from tnde.pki.remote_simulator import DemoRemoteService
from tnde.pki.workspace_demo import demo_folder, demo_nik
from tnde.secrets import SERVICE, MemorySecretStore
from tnde.signing.outcomes import unknown_outcomes
from tnde.signing.remote import RemoteDevice
from tnde.signing.remote_profiles import RemoteProfile, credential_account
from tnde.verify import Verdict, verify_pdf, workspace_trust
from tnde.workflow.letters import Letters
from tnde.workflow.state import LetterStatus

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tnde.signing.batch import LetterSignResult
    from tnde.workspace import Workspace

CLIENT_ID = "tnde-desk"
CLIENT_SECRET = "rahasia klien csc"


@pytest.fixture
def service(demo_ws: Workspace) -> Iterator[DemoRemoteService]:
    pki = DemoPki.open(demo_folder(demo_ws.path))
    with DemoRemoteService(pki, client_id=CLIENT_ID, client_secret=CLIENT_SECRET) as running:
        yield running


def sign_csc(
    ws: Workspace, service: DemoRemoteService, letter_ids: list[str], nip: str
) -> list[LetterSignResult]:
    profile = RemoteProfile(
        name="csc",
        label="CSC (uji)",
        kind="csc",
        url=service.url,
        auth="oauth2",
        client_id=CLIENT_ID,
        token_url=f"{service.url}/oauth2/token",
        timeout=20,
    )
    secrets = MemorySecretStore()
    secrets.set(SERVICE, credential_account(profile), CLIENT_SECRET)
    device = RemoteDevice(profile, demo_nik(nip), ws.path, secrets)
    return sign_through(ws, device, letter_ids, nip)


def test_a_batch_is_authorised_once_and_every_verifier_accepts_the_letters(
    demo_ws: Workspace, service: DemoRemoteService, tmp_path: Path
) -> None:
    ids = add_demo_letters(demo_ws, 3)
    nip = signer_of(Letters(demo_ws), ids[0])

    results = sign_csc(demo_ws, service, list(ids), nip)

    assert [r.ok for r in results] == [True] * 3, [r.error for r in results]
    assert service.authorizations == 1  # multisign 10: one authorisation for the batch
    assert service.sign_requests == 3
    root = demo_folder(demo_ws.path) / "root.pem"
    roots, policy = workspace_trust(demo_ws.path, demo=True)
    nss = nss_db(tmp_path / "nss", [root])
    for result in results:
        data = demo_ws.blobs.get(result.blob)
        pdf = tmp_path / f"{result.letter_id}.pdf"
        pdf.write_bytes(data)
        (found,) = pdfsig(pdf, nss)
        assert found.validation == "Signature is Valid."
        assert found.certificate == "Certificate is Trusted."
        assert openssl_verify(data, root, tmp_path) == []
        report = verify_pdf(data, trust_roots=roots, policy=policy)
        assert report.verdict is Verdict.VALID, report.reasons
        assert report.signatures[0].pades_level == "B-LT"


def test_a_credential_for_one_signature_is_authorised_for_each_letter(
    demo_ws: Workspace, service: DemoRemoteService
) -> None:
    service.multisign = 1
    ids = add_demo_letters(demo_ws, 2)
    results = sign_csc(demo_ws, service, list(ids), signer_of(Letters(demo_ws), ids[0]))
    assert [r.ok for r in results] == [True, True], [r.error for r in results]
    assert service.authorizations == 2


@pytest.mark.parametrize(
    ("fault", "kind"),
    [
        ("unauthorized", SigningError.SERVICE_AUTH),
        ("wrong-passphrase", SigningError.WRONG_SECRET),
        ("not-registered", SigningError.NOT_REGISTERED),
        ("no-certificate", SigningError.NO_CERTIFICATE),
        ("server-error", SigningError.SERVICE),
        ("wrong-digest", SigningError.BAD_RESPONSE),
        ("other-signer", SigningError.BAD_RESPONSE),
    ],
)
def test_each_fault_is_named_and_leaves_the_letter_unchanged(
    demo_ws: Workspace, service: DemoRemoteService, fault: str, kind: str
) -> None:
    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    nip = signer_of(letters, letter)
    before = snapshot(demo_ws)
    service.fault = fault
    try:
        (result,) = sign_csc(demo_ws, service, [letter], nip)
        assert not result.ok
        error = result.error
    except SigningError as exc:
        error = exc
    assert isinstance(error, SigningError)
    assert error.kind == kind, error
    assert "java.lang" not in str(error)
    assert snapshot(demo_ws) == before
    assert letters.get(letter).status is LetterStatus.DINOMORI


def test_a_revoked_certificate_stops_the_batch_before_authorising(
    demo_ws: Workspace, service: DemoRemoteService
) -> None:
    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    nip = signer_of(letters, letter)
    service.pki.revoke(nip)
    with pytest.raises(SigningError) as caught:
        sign_csc(demo_ws, service, [letter], nip)
    assert caught.value.kind == SigningError.CERT_REVOKED
    assert service.authorizations == 0


def test_a_dropped_sign_hash_leaves_the_letter_uncertain(
    demo_ws: Workspace, service: DemoRemoteService
) -> None:
    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    nip = signer_of(letters, letter)
    service.fault = "drop"
    (result,) = sign_csc(demo_ws, service, [letter], nip)
    assert isinstance(result.error, SigningError)
    assert result.error.kind == SigningError.UNKNOWN_OUTCOME
    assert set(unknown_outcomes(demo_ws.thread_connection())) == {letter}
    service.fault = ""
    (again,) = sign_csc(demo_ws, service, [letter], nip)
    assert not again.ok
    assert service.sign_requests == 1  # never sent a second time on its own
