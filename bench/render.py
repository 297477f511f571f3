"""Rendering speed: a 2-page Surat Dinas in-process, and throughput over 100 letters.

Usage: ``.venv/bin/python bench/render.py [--runs N]``. Prints medians over the runs; the
target is ≤ 30 ms per 2-page letter.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tnde import render
from tnde.drafts import load_draft, prepare
from tnde.resources import resource_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="repetitions (median reported)")
    parser.add_argument("--letters", type=int, default=100, help="letters per throughput run")
    args = parser.parse_args()

    prepared = prepare(load_draft(Path(str(resource_path("samples", "surat_dinas.toml")))))
    values = dict(prepared.values)

    render_letter = render.render_letter  # imports reportlab: not part of the first render
    started = time.perf_counter()
    first = render_letter(prepared.template, prepared.profile, values)
    cold_ms = (time.perf_counter() - started) * 1000
    assert first.pages == 2, f"the sample should be a 2-page letter, got {first.pages}"

    single = []
    for _ in range(args.runs * 5):
        started = time.perf_counter()
        render_letter(prepared.template, prepared.profile, values)
        single.append((time.perf_counter() - started) * 1000)

    rates = []
    for run in range(args.runs):
        started = time.perf_counter()
        for i in range(args.letters):
            # a different Hal per letter, so nothing can be served from a cache
            values["hal"] = f"Surat uji {run}-{i}"
            render_letter(prepared.template, prepared.profile, values)
        rates.append(args.letters / (time.perf_counter() - started))

    print(f"cold first render (fonts, logo): {cold_ms:7.1f} ms")
    print(
        f"2-page Surat Dinas, median of {len(single)}: {statistics.median(single):7.1f} ms"
        f"  (min {min(single):.1f}, max {max(single):.1f})"
    )
    print(
        f"throughput, median of {args.runs} x {args.letters} letters: "
        f"{statistics.median(rates):7.1f} letters/s"
    )


if __name__ == "__main__":
    main()
