"""Remote signing speed: a batch of letters at B-LT through the simulated BSrE service.

Usage: ``PYTHONPATH=. .venv/bin/python bench/sign_remote.py [--letters N] [--runs N]``.

A demo workspace is built in the temp folder first (not timed) and removed afterwards; its
DEMO PKI responders (TSA, OCSP, CRLs) and "BSrE (simulasi)" run on loopback while it signs.
Each run numbers ``--letters`` fresh letters (not timed), then signs them twice with
``signing.sign_letters`` at B-LT, exactly as the desktop app does a batch:

* through the remote device (the ``bsre-simulasi`` profile): status check and certificate
  chain once, then per letter the final render, PDF/A-2b, fields, the document digest sent
  to the service, the returned CMS checked (digest, signer, signature), our TSA timestamp
  added to it, the DSS, blob and event;
* with the same official's DEMO ``.p12`` on the same kind of letters, for comparison.

Whole batches swing with the machine's load (rendering and PDF/A take most of a letter), so
the overhead is measured where the remote path differs from a local one: the signer's
``async_sign`` (document digest in, CMS with our timestamp out), timed for each letter. For
the remote device it holds the request built and sent, the service's own work (the
simulator times each sign request), the CMS checks, our TSA timestamp (timed on its own)
and the re-packed CMS. "Our own remote overhead per letter" is
``(remote async_sign - service time - TSA time) / letters``, target <= 50 ms; the ``.p12``
signer without its TSA time (one RSA signature) is printed beside it, with the batch totals.
Every tenth signed letter is verified VALID by our verifier, or the bench stops.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import report

from tnde import signing, verify
from tnde.demo import add_demo_letters, create_demo
from tnde.pki import DEMO_PASSPHRASE, DemoPki, DemoRemoteService, demo_folder, demo_nik
from tnde.workflow import Letters
from tnde.workspace import Workspace


def signer_of(letters: Letters, letter_id: str) -> str:
    state = letters.get(letter_id)
    step = state.current_step()
    if step is None:
        raise SystemExit(f"letter {letter_id} has no step left to sign")
    return str(dict(state.planned_signers)[step.step_no])


class TimedDevice:
    """A device whose signer's ``async_sign`` (one per letter) is timed."""

    def __init__(self, device: signing.SigningDevice) -> None:
        self.device = device
        self.sign_ms = 0.0

    @property
    def description(self) -> str:
        return self.device.description

    def open(self, secret: bytes | bytearray) -> signing.SigningSession:
        session = self.device.open(secret)
        signer = session.signer
        inner = signer.async_sign

        async def timed_sign(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await inner(*args, **kwargs)
            finally:
                self.sign_ms += (time.perf_counter() - started) * 1000

        signer.async_sign = timed_sign
        return session


TSA_MS = [0.0]
"""Time spent waiting for the TSA's timestamps (both paths ask it once a letter)."""


def time_tsa(services: signing.SigningServices) -> None:
    """Count the time of the batch's TSA requests into :data:`TSA_MS`."""
    stamper = services.timestamper()
    inner = stamper.async_timestamp

    async def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await inner(*args, **kwargs)
        finally:
            TSA_MS[0] += (time.perf_counter() - started) * 1000

    stamper.async_timestamp = timed


def sign_batch(ws: Workspace, ids: list[str], device: signing.SigningDevice, nip: str) -> float:
    """Milliseconds to sign ``ids``; every letter must be signed and VALID."""
    letters = Letters(ws)
    with signing.workspace_services(ws) as context:
        time_tsa(context.services)
        started = time.perf_counter()
        results = signing.sign_letters(
            letters,
            nip,
            ids,
            device,
            bytearray(DEMO_PASSPHRASE),
            context.services,
            level=signing.Level.B_LT,
            issuer_of=context.issuer_of,
        )
        elapsed = (time.perf_counter() - started) * 1000
    bad = [r for r in results if not r.ok]
    if bad:
        raise SystemExit(f"{len(bad)} letters not signed; first: {bad[0].error}")
    roots, policy = verify.workspace_trust(ws.path, demo=True)
    for r in results[:: max(1, len(results) // 10)]:
        found = verify.verify_pdf(ws.blobs.get(r.blob), trust_roots=roots, policy=policy)
        if found.verdict is not verify.Verdict.VALID:
            raise SystemExit(f"{r.letter_id}: {found.verdict} {found.reasons}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--letters", type=int, default=100)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()

    temp = Path(tempfile.mkdtemp(prefix="tnde-bench-remote-"))
    try:
        create_demo(temp / "ruang kerja")
        ws = Workspace.open(temp / "ruang kerja")
        pki = DemoPki.open(demo_folder(ws.path))
        # its own port: the simulator's timer is read here, in this process
        with DemoRemoteService(pki) as service:
            profile = signing.workspace_remote_profiles(ws)[signing.DEMO_REMOTE_PROFILE]
            profile = signing.RemoteProfile(
                name=profile.name, label=profile.label, kind=profile.kind, url=service.url
            )
            warm = add_demo_letters(ws, 3)
            nip = signer_of(Letters(ws), warm[0])
            remote = TimedDevice(signing.RemoteDevice(profile, demo_nik(nip), ws.path))
            local = TimedDevice(signing.Pkcs12Device(pki.p12_path(nip)))
            sign_batch(ws, warm[:2], remote, nip)  # imports, caches, the key parsed once
            sign_batch(ws, warm[2:], local, nip)

            remote_ms, local_ms, service_ms, overhead, local_own = [], [], [], [], []
            for _ in range(args.runs):
                ids = add_demo_letters(ws, args.letters)
                busy, remote.sign_ms, TSA_MS[0] = service.busy_seconds, 0.0, 0.0
                remote_ms.append(sign_batch(ws, ids, remote, nip))
                service_ms.append((service.busy_seconds - busy) * 1000)
                remote_tsa = TSA_MS[0]
                ids = add_demo_letters(ws, args.letters)
                local.sign_ms, TSA_MS[0] = 0.0, 0.0
                local_ms.append(sign_batch(ws, ids, local, nip))
                n = args.letters
                overhead.append((remote.sign_ms - service_ms[-1] - remote_tsa) / n)
                local_own.append((local.sign_ms - TSA_MS[0]) / n)
                print(
                    f"run, per letter: remote signer {remote.sign_ms / n:.1f} ms (service "
                    f"{service_ms[-1] / n:.1f}, TSA {remote_tsa / n:.1f}); local signer "
                    f"{local.sign_ms / n:.1f} ms (TSA {TSA_MS[0] / n:.1f})"
                )
        n = args.letters
        report(f"remote (BSrE simulasi), {n} letters at B-LT: batch", remote_ms)
        report(
            "  of which the simulated service's own time, per letter", [s / n for s in service_ms]
        )
        report(f"local .p12, {n} letters at B-LT: batch", local_ms)
        report("remote per letter", [r / n for r in remote_ms])
        report("local signer per letter without the TSA (RSA signature)", local_own)
        report("our own remote overhead per letter (signer - service - TSA)", overhead, 50)
        ws.close()
    finally:
        shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    main()
