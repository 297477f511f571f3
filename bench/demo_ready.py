"""How long the first start waits for the demo workspace, and what a key made on first use costs.

    PYTHONPATH=. .venv/bin/python bench/demo_ready.py [--runs 5]

* **ready**: ``tnde.demo.create_demo`` into an empty folder, in a fresh Python process each run
  (its imports of the signing and rendering libraries are part of what the first start waits
  for; the interpreter's own start is not). Byte code is cached in a temporary folder, as an
  installed app has it compiled; the first, untimed run fills that cache. The issue asks for
  ≤ 3 s. It checks what was made:
  the letters in every state, signed letters whose certificate chains to the DEMO root, and
  incoming letters with their PDF.
* **first signature of another official**: :meth:`tnde.pki.DemoPki.p12_path` for an official
  who is only enrolled, i.e. the key and certificate made on first use (then its chain to the
  DEMO root and its OCSP answer are checked).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _ROOT / "bench"]
sys.path.insert(0, str(_ROOT))

from bench.benchkit import report  # noqa: E402 - after the path is fixed

_CHILD = """
import json, sys, time
from pathlib import Path
started = time.perf_counter()
from tnde.demo import create_demo
summary = create_demo(Path(sys.argv[1]))
print(json.dumps({"ms": (time.perf_counter() - started) * 1000, "letters": summary.letters}))
"""


def bench_ready(runs: int, folder: Path) -> Path:
    """Build the demo ``runs`` times; returns the last one built."""
    samples = []
    last = folder
    env = {**os.environ, "PYTHONPATH": str(_ROOT), "PYTHONPYCACHEPREFIX": str(folder / "pyc")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for run in range(runs + 1):
        last = folder / f"demo {run}"
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, str(last)],
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
        if out.returncode:
            raise SystemExit(out.stderr)
        line = json.loads(out.stdout.strip().splitlines()[-1])
        states = set(line["letters"].values())
        if not {"ditandatangani", "diarsipkan", "dikirim", "konsep"} <= states:
            raise SystemExit(f"the demo lacks states: {sorted(states)}")
        if run:
            samples.append(line["ms"])
    report("demo ready: create_demo in a fresh process", samples, 3000)
    return last


def bench_first_key(demo: Path, runs: int) -> None:
    """Time the key and certificate of enrolled officials, made on first use."""
    import time

    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.hashes import SHA256
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
    from cryptography.x509 import ocsp

    from tnde.pki import DEMO_PASSPHRASE, DemoPki, demo_folder

    pki = DemoPki.open(demo_folder(demo))
    waiting = [k for k in pki.official_keys() if not pki.is_issued(k)]
    samples = []
    for key in waiting[:runs]:
        started = time.perf_counter()
        path = pki.p12_path(key)
        samples.append((time.perf_counter() - started) * 1000)
        key_obj, cert, _cas = pkcs12.load_key_and_certificates(path.read_bytes(), DEMO_PASSPHRASE)
        if not isinstance(key_obj, rsa.RSAPrivateKey) or cert is None or key_obj.key_size < 3072:
            raise SystemExit(f"{key}: not an RSA ≥ 3072 key with its certificate")
        cert.verify_directly_issued_by(pki.issuing_ca)  # raises when it does not chain
        pki.issuing_ca.verify_directly_issued_by(pki.root)
        request = ocsp.OCSPRequestBuilder().add_certificate(cert, pki.issuing_ca, SHA256())
        der = request.build().public_bytes(Encoding.DER)
        answer = ocsp.load_der_ocsp_response(pki.ocsp_response(der))
        if answer.certificate_status != ocsp.OCSPCertStatus.GOOD:
            raise SystemExit(f"{key}: OCSP says {answer.certificate_status}")
    report("first use: key + certificate of an enrolled official", samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="repetitions (median reported)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tnde-bench-demo ") as tmp:
        demo = bench_ready(args.runs, Path(tmp))
        bench_first_key(demo, args.runs)


if __name__ == "__main__":
    main()
