"""Letters signed by our own signing service, verified by our verifier: every level, two
signers, a PKCS#11 token, electronic paraf."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.cliutil import tnde
from tests.demoworkspace import p12_of, signer_of
from tests.softhsm import softhsm_token_from_p12
from tnde.demo import add_demo_letters
from tnde.pki.demo import DEMO_PASSPHRASE, DemoPki
from tnde.pki.identity import load_certificate
from tnde.pki.workspace_demo import demo_folder
from tnde.signing.batch import sign_letters
from tnde.signing.context import workspace_services
from tnde.signing.devices import Pkcs11Device, Pkcs12Device
from tnde.signing.pades import Level
from tnde.verify import Verdict, verify_pdf
from tnde.workflow.letters import Letters

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.signing.devices import SigningDevice
    from tnde.workspace import Workspace


def _sign(
    ws: Workspace,
    letter: str,
    nip: str,
    level: Level,
    device: SigningDevice | None = None,
    secret: bytes = DEMO_PASSPHRASE,
) -> bytes:
    letters = Letters(ws)
    with workspace_services(ws) as signing:
        (result,) = sign_letters(
            letters,
            nip,
            [letter],
            device or Pkcs12Device(p12_of(ws, nip)),
            bytearray(secret),
            signing.services,
            level=level,
            issuer_of=signing.issuer_of,
        )
    assert result.ok, result.error
    return ws.blobs.get(result.blob)


def _root(ws: Workspace) -> object:
    return load_certificate((demo_folder(ws.path) / "root.pem").read_bytes())


@pytest.mark.parametrize("level", list(Level))
def test_every_level_verdict_and_the_auditors_own_crls(demo_ws: Workspace, level: Level) -> None:
    (letter,) = add_demo_letters(demo_ws, 1)
    data = _sign(demo_ws, letter, signer_of(Letters(demo_ws), letter), level)
    report = verify_pdf(data, trust_roots=[_root(demo_ws)])  # type: ignore[list-item]
    (signature, *_) = report.signatures
    assert signature.pades_level == level.value
    if level.embeds_revocation:
        assert report.verdict is Verdict.VALID, report.reasons
        return
    # B-B and B-T carry no revocation data: an offline auditor cannot know more…
    assert report.verdict is Verdict.INDETERMINATE
    assert any("pencabutan" in r for r in report.reasons)
    # …unless they hold the CAs' CRLs themselves
    crls = DemoPki.open(demo_folder(demo_ws.path)).crls()
    with_crls = verify_pdf(data, trust_roots=[_root(demo_ws)], crls=crls)  # type: ignore[list-item]
    assert with_crls.verdict is Verdict.VALID, with_crls.reasons


def test_a_token_signed_letter_and_the_cli_with_a_crl_file(
    demo_ws: Workspace,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (letter,) = add_demo_letters(demo_ws, 1)
    nip = signer_of(Letters(demo_ws), letter)
    token = softhsm_token_from_p12(
        tmp_path_factory, p12_of(demo_ws, nip), DEMO_PASSPHRASE, monkeypatch=monkeypatch
    )
    device = Pkcs11Device(token.module, token.label)
    data = _sign(demo_ws, letter, nip, Level.B_T, device, token.pin.encode())
    pdf = tmp_path / "token B-T.pdf"
    pdf.write_bytes(data)
    root = demo_folder(demo_ws.path) / "root.pem"
    crl_files = []
    for i, crl in enumerate(DemoPki.open(demo_folder(demo_ws.path)).crls()):
        crl_files += ["--crl", tmp_path / f"ca{i}.crl"]
        (tmp_path / f"ca{i}.crl").write_bytes(crl)
    alone = tnde("verify", pdf, "--trust", root)
    assert alone.returncode == 1
    assert "TIDAK DAPAT DIPASTIKAN" in alone.stdout
    with_crls = tnde("verify", pdf, "--trust", root, *crl_files)
    assert with_crls.returncode == 0, with_crls.stdout + with_crls.stderr
    bad = tmp_path / "bukan.crl"
    bad.write_bytes(b"bukan CRL")
    refused = tnde("verify", pdf, "--trust", root, "--crl", bad)
    assert refused.returncode == 2
    assert "bukan berkas CRL" in refused.stderr
