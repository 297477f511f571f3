"""Signing at an Esign Client Service that signs the whole PDF (``/api/v2/sign/pdf``), for
real over HTTP against the loopback simulator: what comes back is checked before it is kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.demoworkspace import letter_in, signer_of
from tests.remotekit import sign_through, snapshot
from tests.sigcheck import nss_db, openssl_verify, pdfsig, qpdf_check
from tnde.demo import add_demo_letters
from tnde.errors import SigningError
from tnde.pki.demo import DemoPki
from tnde.pki.remote_simulator import DemoRemoteService
from tnde.pki.workspace_demo import demo_folder, demo_nik
from tnde.signing.outcomes import unknown_outcomes
from tnde.signing.remote import RemoteDevice
from tnde.signing.remote_profiles import RemoteProfile
from tnde.verify import Verdict, verify_pdf, workspace_trust
from tnde.workflow.letters import Letters
from tnde.workflow.state import LetterStatus

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tnde.signing.batch import LetterSignResult
    from tnde.workspace import Workspace


@pytest.fixture
def service(demo_ws: Workspace) -> Iterator[DemoRemoteService]:
    with DemoRemoteService(DemoPki.open(demo_folder(demo_ws.path))) as running:
        yield running


def sign_esc(
    ws: Workspace, service: DemoRemoteService, letter_ids: list[str], nip: str
) -> list[LetterSignResult]:
    profile = RemoteProfile(
        name="esc", label="ESC (uji)", kind="bsre-esc", url=service.url, timeout=30
    )
    device = RemoteDevice(profile, demo_nik(nip), ws.path)
    return sign_through(ws, device, letter_ids, nip)


def test_the_service_signs_the_final_letter_and_every_verifier_accepts_it(
    demo_ws: Workspace, service: DemoRemoteService, tmp_path: Path
) -> None:
    ids = add_demo_letters(demo_ws, 2)
    letters = Letters(demo_ws)
    nip = signer_of(letters, ids[0])

    results = sign_esc(demo_ws, service, list(ids), nip)

    assert [r.ok for r in results] == [True, True], [r.error for r in results]
    assert service.sign_requests == 2
    root = demo_folder(demo_ws.path) / "root.pem"
    roots, policy = workspace_trust(demo_ws.path, demo=True)
    for result in results:
        state = letters.get(result.letter_id)
        assert state.status is LetterStatus.DITANDATANGANI
        data = demo_ws.blobs.get(result.blob)
        # the letter we numbered and drew is what was signed: our bytes come first
        (signed_event,) = [
            e for e in letters.history(result.letter_id) if e.type == "letter.signed"
        ]
        assert data.startswith(demo_ws.blobs.get(signed_event.payload["base_blob"]))
        pdf = tmp_path / f"{result.letter_id}.pdf"
        pdf.write_bytes(data)
        (found,) = pdfsig(pdf, nss_db(tmp_path / f"nss-{result.letter_id}", [root]))
        assert found.validation == "Signature is Valid."
        assert found.certificate == "Certificate is Trusted."
        assert openssl_verify(data, root, tmp_path) == []
        qpdf_check(pdf)
        report = verify_pdf(data, trust_roots=roots, policy=policy)
        assert report.verdict is Verdict.VALID, report.reasons
        assert report.signatures[0].pades_level == "B-LT"


@pytest.mark.parametrize(
    ("fault", "kind", "words"),
    [
        ("wrong-passphrase", SigningError.WRONG_SECRET, "2031"),
        ("not-registered", SigningError.NOT_REGISTERED, "2011"),
        ("server-error", SigningError.SERVICE, "HTTP 500"),
        ("wrong-digest", SigningError.BAD_RESPONSE, "mengubah naskah"),
        ("other-signer", SigningError.BAD_RESPONSE, "sertifikat pejabat"),
    ],
)
def test_a_refused_or_altered_file_leaves_the_letter_unchanged(
    demo_ws: Workspace, service: DemoRemoteService, fault: str, kind: str, words: str
) -> None:
    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    nip = signer_of(letters, letter)
    before = snapshot(demo_ws)
    service.fault = fault
    try:
        (result,) = sign_esc(demo_ws, service, [letter], nip)
        assert not result.ok
        error = result.error
    except SigningError as exc:
        error = exc
    assert isinstance(error, SigningError)
    assert error.kind == kind, error
    assert words in str(error)
    assert snapshot(demo_ws) == before
    assert letters.get(letter).status is LetterStatus.DINOMORI


def test_a_dropped_answer_leaves_the_letter_uncertain(
    demo_ws: Workspace, service: DemoRemoteService
) -> None:
    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    service.fault = "drop"
    (result,) = sign_esc(demo_ws, service, [letter], signer_of(letters, letter))
    assert isinstance(result.error, SigningError)
    assert result.error.kind == SigningError.UNKNOWN_OUTCOME
    assert set(unknown_outcomes(demo_ws.thread_connection())) == {letter}
    assert service.sign_requests == 1
