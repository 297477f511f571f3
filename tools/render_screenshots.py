"""Render the README's letter screenshots: first pages of selected samples as PNG.

Usage: ``.venv/bin/python tools/render_screenshots.py`` (needs poppler's ``pdftoppm``).
Writes ``docs/screenshots/<jenis>.png``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tnde.drafts import load_draft, prepare  # noqa: E402 - after the path set-up
from tnde.render import TteStamp, render_letter  # noqa: E402

SHOTS = {
    "surat_dinas": "draft",
    "nota_dinas": "draft",
    "keputusan": "final",
    "surat_tugas": "draft",
    "berita_acara": "draft",
    "lembar_disposisi": "draft",
}


def main() -> None:
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for jenis, mode in SHOTS.items():
            prepared = prepare(load_draft(ROOT / "resources" / "samples" / f"{jenis}.toml"))
            stamp = (
                TteStamp(
                    "0190f3a2-7c1e-7b9a-8d2e-1f0a2b3c4d5e", ("Contoh tanda tangan elektronik",)
                )
                if mode == "final"
                else None
            )
            result = render_letter(
                prepared.template,
                prepared.profile,
                prepared.values,
                mode="final" if mode == "final" else "draft",
                stamp=stamp,
            )
            pdf = Path(tmp) / f"{jenis}.pdf"
            pdf.write_bytes(result.pdf)
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    "70",
                    "-png",
                    "-singlefile",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    str(pdf),
                    str(out / jenis),
                ],
                check=True,
            )
            sys.stdout.write(f"{out / jenis}.png\n")


if __name__ == "__main__":
    main()
