"""Signing and verification speed: one letter at B-B, a batch at B-LT, a folder of 1,000.

Usage: ``PYTHONPATH=. .venv/bin/python bench/sign_verify.py [--letters N] [--runs N]
[--files N]``.

A demo workspace (``tnde.demo.create_demo``: DEMO PKI, loopback TSA/OCSP/CRL responders) is
built in the temp folder first (about 10 s, not timed) and removed afterwards. Then it
measures, and prints medians:

* ``signing.sign_pdf`` of one letter at B-B with the key parsed once per session (target ≤ 60 ms):
  only the signature over a prepared base revision (PDF/A-2b with its fields, made by
  :func:`tnde.signing.batch.prepare_base` from a numbered demo letter), certifying, with
  the transparent stamp. Parsing the ``.p12`` is timed on its own, without a target.
* ``signing.sign_letters`` of ``--letters`` numbered letters at B-LT, as the desktop app signs a
  batch (target ≤ 15 s for 100): precheck, one ``.p12`` open, then per letter the final
  render naming the issuer, PDF/A-2b, fields, signature, TSA timestamp, DSS, blob and event.
  Numbering the letters (``add_demo_letters``) before each run is not timed; a batch of 3
  letters first warms up imports and caches.
* ``verify.verify_paths`` over a folder of ``--files`` signed B-LT letters (the distinct letters
  signed above, copied under new names until there are enough) on two worker processes,
  the pool's start included (target ≤ 30 ms per letter, and at least poppler's rate); in
  the same run, turn about, poppler's ``pdfsig -no-ocsp`` once per file, one process after
  the other and two at a time, with an NSS database trusting only the DEMO root; the
  median ratio of the times is printed. Every report must be VALID and every ``pdfsig``
  signature "Signature is Valid." (and its certificate trusted), or the bench stops:
  failures would time something else.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import report, timed

from tnde import signing, verify
from tnde.demo import add_demo_letters, create_demo
from tnde.pki import DEMO_PASSPHRASE, DemoPki, demo_folder
from tnde.workflow import Letters
from tnde.workspace import Workspace


def report_rate(label: str, rates: list[float], unit: str = "letters/s") -> None:
    """The median line of a throughput (higher is better), in :func:`report`'s columns."""
    print(
        f"{label:<68} {statistics.median(rates):8.1f} {unit}  (min {min(rates):.1f}, "
        f"max {max(rates):.1f}, n={len(rates)})"
    )


def signer_of(letters: Letters, letter_id: str) -> str:
    """NIP of the official who signs ``letter_id`` next."""
    state = letters.get(letter_id)
    step = state.current_step()
    if step is None:
        raise SystemExit(f"letter {letter_id} has no step left to sign")
    return str(dict(state.planned_signers)[step.step_no])


def p12_of(ws: Workspace, nip: str) -> Path:
    """The DEMO ``.p12`` of the official with ``nip``."""
    return DemoPki.open(demo_folder(ws.path)).p12_path(nip)


# -- one letter at B-B ------------------------------------------------------------------------


def measure_single(ws: Workspace, samples: int) -> None:
    """``signing.sign_pdf`` at B-B on a prepared base revision, the key parsed once."""
    letters = Letters(ws)
    (letter_id,) = add_demo_letters(ws, 1)
    state = letters.get(letter_id)
    step = state.current_step()
    assert step is not None
    device = signing.Pkcs12Device(p12_of(ws, signer_of(letters, letter_id)))
    secret = bytearray(DEMO_PASSPHRASE)
    report(
        "Pkcs12Device.open: parse the .p12 (once per session, no target)",
        timed(lambda: device.open(secret).close(), samples),
    )
    with signing.workspace_services(ws) as signing_services, device.open(secret) as session:
        issuer = signing_services.issuer_of(session.chain_with_leaf())
        if not issuer:
            raise SystemExit("the DEMO root is not in the workspace trust store")
        base = signing.prepare_base(state, issuer)
        request = signing.SignRequest(
            field=signing.signature_fields(state)[step.step_no],
            level=signing.Level.B_B,
            certify=True,
            stamp_style=signing.TRANSPARENT_STAMP,
        )
        signed = signing.sign_pdf(base, session, request, signing_services.services)
        if not signed.startswith(base) or b"/ByteRange" not in signed[len(base) :]:
            raise SystemExit("sign_pdf did not append a signature to the base revision")
        report(
            f"sign_pdf, one letter at B-B, key parsed once ({len(base) // 1024} KB base)",
            timed(
                lambda: signing.sign_pdf(base, session, request, signing_services.services), samples
            ),
            60,
        )


# -- a batch at B-LT --------------------------------------------------------------------------


def sign_batch(ws: Workspace, count: int) -> tuple[float, list[bytes]]:
    """Number ``count`` new letters (not timed), sign them at B-LT in one batch (timed):
    milliseconds and the signed PDFs."""
    letters = Letters(ws)
    ids = add_demo_letters(ws, count)
    nip = signer_of(letters, ids[0])
    device = signing.Pkcs12Device(p12_of(ws, nip))
    started = time.perf_counter()
    with signing.workspace_services(ws) as signing_services:
        results = signing.sign_letters(
            letters,
            nip,
            ids,
            device,
            bytearray(DEMO_PASSPHRASE),
            signing_services.services,
            level=signing.Level.B_LT,
            issuer_of=signing_services.issuer_of,
        )
    elapsed = (time.perf_counter() - started) * 1000
    failed = [r for r in results if not r.ok]
    if failed or len(results) != count:
        first = failed[0].error if failed else "letters missing from the results"
        raise SystemExit(f"{len(failed)} of {count} letters not signed; first: {first}")
    return elapsed, [ws.blobs.get(r.blob) for r in results]


def measure_batch(ws: Workspace, count: int, runs: int) -> list[bytes]:
    """The batch ``runs`` times after a small warm-up batch; every signed PDF."""
    _, pdfs = sign_batch(ws, 3)
    samples = []
    for _ in range(runs):
        elapsed, signed = sign_batch(ws, count)
        samples.append(elapsed)
        pdfs += signed
    label = f"sign_letters, {count} letters at B-LT with rendering"
    # the target is 15 s for a batch of 100 letters: 150 ms a letter
    report(f"{label}: batch total", samples, 15_000 if count == 100 else None)
    report(f"{label}: per letter", [s / count for s in samples], 150)
    return pdfs


# -- verifying a folder -----------------------------------------------------------------------


def write_folder(folder: Path, pdfs: list[bytes], files: int) -> list[Path]:
    """``files`` signed letters in ``folder``: the distinct ones, copied round under new names."""
    folder.mkdir(parents=True)
    paths = []
    for i in range(files):
        path = folder / f"surat-{i + 1:05d}.pdf"
        path.write_bytes(pdfs[i % len(pdfs)])
        paths.append(path)
    return paths


def verify_folder(paths: list[Path], trust: list[object]) -> float:
    """``verify.verify_paths`` over the folder on two workers: milliseconds (every report VALID)."""
    started = time.perf_counter()
    reports = verify.verify_paths(paths, trust_roots=trust, workers=2)  # type: ignore[arg-type]
    elapsed = (time.perf_counter() - started) * 1000
    bad = [r for r in reports if r.verdict is not verify.Verdict.VALID]
    if bad or len(reports) != len(paths):
        first = f"{bad[0].path}: {bad[0].verdict} {bad[0].reasons}" if bad else "missing"
        raise SystemExit(f"{len(bad)} of {len(paths)} files not VALID; first: {first}")
    return elapsed


def nss_db(folder: Path, root: Path) -> Path:
    """A new NSS database in ``folder`` trusting only ``root`` (as tests/sigcheck.py makes)."""
    certutil = _tool("certutil")
    folder.mkdir(parents=True)
    subprocess.run([certutil, "-N", "-d", f"sql:{folder}", "--empty-password"], check=True)
    subprocess.run(
        [certutil, "-A", "-d", f"sql:{folder}", "-n", "root", "-t", "C,C,C", "-i", root],
        check=True,
    )
    return folder


def pdfsig_check(pdfsig: str, nssdir: Path, path: Path) -> None:
    """Run ``pdfsig -no-ocsp`` on ``path``; stop unless every signature is valid and trusted
    (its exit code is 0 even for a digest mismatch, so its text is read)."""
    proc = subprocess.run(
        [pdfsig, "-nssdir", f"sql:{nssdir}", "-no-ocsp", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    blocks = [
        b
        for b in re.split(r"\nSignature #\d+:\n", proc.stdout)[1:]
        if "The signature form field is not signed." not in b
    ]
    ok = proc.returncode == 0 and blocks
    for block in blocks:
        ok = ok and "- Signature Validation: Signature is Valid." in block
        ok = ok and "- Certificate Validation: Certificate is Trusted." in block
    if not ok:
        raise SystemExit(f"pdfsig does not accept {path}:\n{proc.stdout}{proc.stderr}")


def pdfsig_folder(pdfsig: str, nssdir: Path, paths: list[Path], processes: int) -> float:
    """``pdfsig`` once per file, ``processes`` at a time: milliseconds (every file accepted)."""
    started = time.perf_counter()
    if processes == 1:
        for path in paths:
            pdfsig_check(pdfsig, nssdir, path)
    else:
        with ThreadPoolExecutor(processes) as pool:
            list(pool.map(lambda path: pdfsig_check(pdfsig, nssdir, path), paths))
    return (time.perf_counter() - started) * 1000


def measure_side_by_side(paths: list[Path], root: Path, scratch: Path, runs: int) -> None:
    """Our verifier and ``pdfsig`` on the same folder, run after run in turn (so a busy
    moment of the machine hits both), with the median ratio of their times."""
    from cryptography import x509

    trust: list[object] = [x509.load_pem_x509_certificate(root.read_bytes())]
    pdfsig = _tool("pdfsig")
    nssdir = nss_db(scratch / "nss", root)
    for path in paths[:10]:  # warm-up: the libraries into the page cache
        pdfsig_check(pdfsig, nssdir, path)
    ours, serial, parallel = [], [], []
    for _ in range(runs):
        ours.append(verify_folder(paths, trust))
        serial.append(pdfsig_folder(pdfsig, nssdir, paths, 1))
        parallel.append(pdfsig_folder(pdfsig, nssdir, paths, 2))
    n = len(paths)
    for label, samples, target in (
        (f"verify_paths, {n} B-LT letters, 2 workers", ours, 30),
        (f"pdfsig -no-ocsp, {n} letters, 1 process a file, serial", serial, None),
        (f"pdfsig -no-ocsp, {n} letters, 1 process a file, 2 at a time", parallel, None),
    ):
        report(f"{label}: folder total", samples)
        report(f"{label}: per letter", [s / n for s in samples], target)
        report_rate(f"{label}: throughput", [n * 1000 / s for s in samples])
    for name, theirs in (("serial", serial), ("2 at a time", parallel)):
        ratio = statistics.median(t / o for t, o in zip(theirs, ours, strict=True))
        print(f"  time of pdfsig ({name}) / time of verify_paths, median of {runs}: {ratio:.2f}")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is not installed (poppler-utils, libnss3-tools)")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--letters", type=int, default=100, help="letters per signing batch")
    parser.add_argument("--runs", type=int, default=3, help="repetitions (median reported)")
    parser.add_argument("--files", type=int, default=1000, help="files in the verified folder")
    args = parser.parse_args()
    verify.quiet_library_logs()

    with tempfile.TemporaryDirectory(prefix="tnde-bench-sign-") as tmp:
        scratch = Path(tmp)
        started = time.perf_counter()
        create_demo(scratch / "ws")
        print(f"demo workspace: {scratch / 'ws'} (built in {time.perf_counter() - started:.0f} s)")
        ws = Workspace.open(scratch / "ws")
        try:
            print()
            measure_single(ws, max(args.runs * 20, 30))
            pdfs = measure_batch(ws, args.letters, args.runs)
            root = demo_folder(ws.path) / "root.pem"
        finally:
            ws.close()
        distinct = len(set(pdfs))
        paths = write_folder(scratch / "folder", pdfs, args.files)
        size = sum(len(p) for p in pdfs) / len(pdfs) / 1024
        print(f"\nfolder: {len(paths)} files, {distinct} distinct signed letters of {size:.0f} KB")
        measure_side_by_side(paths, root, scratch, args.runs)


if __name__ == "__main__":
    main()
