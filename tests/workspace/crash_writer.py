"""Child process of the crash test: stores blobs and audit rows until it is killed.

Usage: ``python crash_writer.py WORKSPACE SEED``. Prints ``ready`` once the workspace is open,
then ``ack <seq> <sha256>`` after each transaction has committed (flushed at once), so every
line the parent reads names data that must survive the kill.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from tnde.workspace import Workspace, audit_append


def main() -> None:
    folder, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    ws = Workspace.open(folder)
    conn = ws.connect()
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    for n in range(1, 1_000_000):
        data = rng.randbytes(rng.randint(1, 192 * 1024))
        with ws.transaction(conn):
            sha = ws.blobs.put(data, "application/octet-stream", conn)
            seq = audit_append(
                conn,
                actor="crash-test",
                action="blob.stored",
                object=sha,
                details={"seed": seed, "n": n, "size": len(data)},
            )
        sys.stdout.write(f"ack {seq} {sha}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
