"""Signing letters through a remote signing service (BSrE hash signing), for real over HTTP
against the loopback simulator that holds the DEMO keys."""

from __future__ import annotations

import hashlib
import socket
from typing import TYPE_CHECKING

import pytest

from tests.demoworkspace import letter_in, signer_of
from tests.remotekit import sign_through, snapshot
from tests.sigcheck import nss_db, openssl_verify, pdfsig, qpdf_check
from tnde.demo import add_demo_letters
from tnde.errors import PkiError, SigningError
from tnde.pki.demo import DEMO_PASSPHRASE, DemoPki
from tnde.pki.remote_simulator import DemoRemoteService, demo_remote_port, serves_demo_pki
from tnde.pki.workspace_demo import demo_folder, demo_nik, free_demo_port
from tnde.secrets import SERVICE, MemorySecretStore
from tnde.signing.context import workspace_services
from tnde.signing.outcomes import UNKNOWN_LABEL, resolve_unknown, unknown_outcomes
from tnde.signing.remote import RemoteDevice
from tnde.signing.remote_profiles import RemoteProfile, credential_account
from tnde.verify import Verdict, verify_pdf, workspace_trust
from tnde.workflow.letters import Letters
from tnde.workflow.state import LetterStatus
from tnde.workspace import Workspace

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tnde.signing.batch import LetterSignResult

CLIENT_ID = "esign"
CLIENT_SECRET = "rahasia klien uji"


@pytest.fixture
def service(demo_ws: Workspace) -> Iterator[DemoRemoteService]:
    pki = DemoPki.open(demo_folder(demo_ws.path))
    with DemoRemoteService(pki, client_id=CLIENT_ID, client_secret=CLIENT_SECRET) as running:
        yield running


def profile_for(service: DemoRemoteService, *, timeout: float = 20) -> RemoteProfile:
    return RemoteProfile(
        name="uji",
        label="BSrE (uji)",
        kind="bsre-hash",
        url=service.url,
        auth="basic",
        client_id=CLIENT_ID,
        timeout=timeout,
    )


def device_for(
    ws: Workspace, service: DemoRemoteService, nip: str, *, timeout: float = 20
) -> RemoteDevice:
    profile = profile_for(service, timeout=timeout)
    secrets = MemorySecretStore()
    secrets.set(SERVICE, credential_account(profile), CLIENT_SECRET)
    return RemoteDevice(profile, demo_nik(nip), ws.path, secrets)


def sign_remote(
    ws: Workspace,
    service: DemoRemoteService,
    letter_ids: list[str],
    nip: str,
    *,
    secret: bytes = DEMO_PASSPHRASE,
    timeout: float = 20,
) -> list[LetterSignResult]:
    device = device_for(ws, service, nip, timeout=timeout)
    return sign_through(ws, device, letter_ids, nip, secret=secret)


def test_a_letter_signed_at_the_service_is_b_lt_and_every_verifier_accepts_it(
    demo_ws: Workspace, service: DemoRemoteService, tmp_path: Path
) -> None:
    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    nip = signer_of(letters, letter)

    (result,) = sign_remote(demo_ws, service, [letter], nip)

    assert result.ok, result.error
    assert service.sign_requests == 1
    assert letters.get(letter).status is LetterStatus.DITANDATANGANI
    data = demo_ws.blobs.get(result.blob)
    pdf = tmp_path / "jarak jauh.pdf"
    pdf.write_bytes(data)
    root = demo_folder(demo_ws.path) / "root.pem"
    (found,) = pdfsig(pdf, nss_db(tmp_path / "nss", [root]))
    assert found.field == "TTE-penandatangan"
    assert found.validation == "Signature is Valid."
    assert found.certificate == "Certificate is Trusted."
    assert openssl_verify(data, root, tmp_path) == []
    qpdf_check(pdf)
    roots, policy = workspace_trust(demo_ws.path, demo=True)
    report = verify_pdf(data, trust_roots=roots, policy=policy)
    assert report.verdict is Verdict.VALID, report.reasons
    (signature,) = report.signatures
    # our own timestamp was added to the service's CMS, and B-LT put the DSS after it
    assert signature.pades_level == "B-LT", signature
    assert b"/DSS" in data


@pytest.mark.parametrize(
    ("fault", "kind", "words"),
    [
        ("unauthorized", SigningError.SERVICE_AUTH, "kredensial klien"),
        ("wrong-passphrase", SigningError.WRONG_SECRET, "2031"),
        ("not-registered", SigningError.NOT_REGISTERED, "2011"),
        ("no-certificate", SigningError.NO_CERTIFICATE, "2021"),
        ("server-error", SigningError.SERVICE, "HTTP 500"),
        ("wrong-digest", SigningError.BAD_RESPONSE, "digest dokumen lain"),
        ("other-signer", SigningError.BAD_RESPONSE, "sertifikat pejabat"),
    ],
)
def test_each_fault_has_its_own_message_and_leaves_the_letter_unchanged(
    demo_ws: Workspace, service: DemoRemoteService, fault: str, kind: str, words: str
) -> None:
    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    nip = signer_of(letters, letter)
    before = snapshot(demo_ws)
    service.fault = fault

    try:
        (result,) = sign_remote(demo_ws, service, [letter], nip)
        error = result.error
        assert not result.ok
    except SigningError as exc:  # refused for the whole batch, before any letter
        error = exc

    assert isinstance(error, SigningError)
    assert error.kind == kind, error
    assert words in str(error)
    assert "java.lang" not in str(error)  # the stack trace stays out of the message
    assert snapshot(demo_ws) == before
    assert letters.get(letter).status is LetterStatus.DINOMORI
    assert unknown_outcomes(demo_ws.thread_connection()) == {}


def test_a_revoked_certificate_is_refused_before_anything_is_sent(
    demo_ws: Workspace, service: DemoRemoteService
) -> None:
    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    nip = signer_of(letters, letter)
    service.pki.revoke(nip)

    with pytest.raises(SigningError) as caught:
        sign_remote(demo_ws, service, [letter], nip)

    assert caught.value.kind == SigningError.CERT_REVOKED
    assert service.sign_requests == 0


def test_an_unreachable_service_and_a_timeout_on_the_status_say_so(
    demo_ws: Workspace, service: DemoRemoteService
) -> None:
    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    nip = signer_of(letters, letter)
    device = device_for(demo_ws, service, nip)
    service.stop()
    with pytest.raises(SigningError) as unreachable:
        device.open(bytearray(DEMO_PASSPHRASE))
    assert unreachable.value.kind == SigningError.SERVICE
    assert "tidak dapat dihubungi" in unreachable.value.detail

    service.start()
    service.fault, service.slow_seconds = "slow", 2.0
    slow = device_for(demo_ws, service, nip, timeout=1)
    with pytest.raises(SigningError) as timeout:
        slow.open(bytearray(DEMO_PASSPHRASE))
    assert timeout.value.kind == SigningError.SERVICE
    assert "tidak menjawab dalam 1 detik" in timeout.value.detail


def test_a_dropped_connection_leaves_the_letter_uncertain_and_it_is_not_signed_twice(
    demo_ws: Workspace, service: DemoRemoteService
) -> None:
    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    nip = signer_of(letters, letter)
    before = snapshot(demo_ws)
    service.fault = "drop"

    (result,) = sign_remote(demo_ws, service, [letter], nip)

    assert not result.ok
    assert isinstance(result.error, SigningError)
    assert result.error.kind == SigningError.UNKNOWN_OUTCOME
    assert service.sign_requests == 1
    events, blobs = snapshot(demo_ws)
    assert (events, blobs) == before  # the audit row aside, nothing about the letter changed

    # it survives a restart, and the next batch refuses the letter without asking the service
    path = demo_ws.path
    demo_ws.close()
    reopened = Workspace.open(path)
    try:
        assert set(unknown_outcomes(reopened.thread_connection())) == {letter}
        service.fault = ""
        (again,) = sign_remote(reopened, service, [letter], nip)
        assert not again.ok
        assert isinstance(again.error, SigningError)
        assert UNKNOWN_LABEL in str(again.error)
        assert service.sign_requests == 1

        # once checked, it can be signed: exactly one more request
        assert resolve_unknown(Letters(reopened), nip, letter, how="uji") == "not signed"
        (signed,) = sign_remote(reopened, service, [letter], nip)
        assert signed.ok, signed.error
        assert service.sign_requests == 2
    finally:
        reopened.close()


def test_a_batch_uses_one_passphrase_and_one_request_per_letter(
    demo_ws: Workspace, service: DemoRemoteService
) -> None:
    ids = add_demo_letters(demo_ws, 3)
    letters = Letters(demo_ws)
    nip = signer_of(letters, ids[0])

    results = sign_remote(demo_ws, service, list(ids), nip)

    assert [r.ok for r in results] == [True, True, True], [r.error for r in results]
    assert service.sign_requests == 3
    digests = {hashlib.sha256(demo_ws.blobs.get(r.blob)).hexdigest() for r in results}
    assert len(digests) == 3


def test_a_stranger_on_the_simulators_port_gets_no_passphrase(demo_ws: Workspace) -> None:
    """Whatever listens on the demo simulator's port must prove it signs for this DEMO PKI."""
    pki = DemoPki.open(demo_folder(demo_ws.path))
    port = demo_remote_port(pki.port)
    with socket.create_server(("127.0.0.1", port)) as stranger:
        stranger.settimeout(5)
        with pytest.raises(PkiError) as caught, workspace_services(demo_ws):
            pass
        assert caught.value.kind == PkiError.PORT_IN_USE
        assert str(port) in str(caught.value)

    # our own simulator, already running (as the desktop app keeps it), is used as it is
    with DemoRemoteService(pki, port=port) as ours, workspace_services(demo_ws):
        assert serves_demo_pki(ours.url, pki)


def test_demo_ports_lie_below_the_ports_handed_out_to_programs() -> None:
    port = free_demo_port()
    assert 20000 <= port < 32000
    assert port % 2 == 0
