"""Pixel comparison of rendered pages against stored golden images.

Run ``./dev.sh test tests/test_golden.py --update-goldens`` after an intended layout
change, look at the new PNGs, and commit them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageChops

from tests.conftest import SAMPLES_DIR, run_tool
from tests.pdfcheck import render_sample

GOLDEN_DIR = Path(__file__).parent / "golden"
GOLDEN = ("surat_dinas", "nota_dinas", "keputusan", "surat_tugas")
DPI = 40
#: A pixel counts as different when a channel moves by more than this (of 255)…
PIXEL_TOLERANCE = 48
#: …and the page fails when more than this share of pixels differ.
MAX_DIFFERENT_SHARE = 0.003


def page_image(pdf: Path, page: int, out: Path) -> Image.Image:
    stem = out / f"{pdf.stem}-p{page}"
    run_tool(
        "pdftoppm",
        "-r",
        str(DPI),
        "-gray",
        "-png",
        "-singlefile",
        "-f",
        str(page),
        "-l",
        str(page),
        pdf,
        stem,
    )
    return Image.open(f"{stem}.png").convert("L")


def different_share(diff: Image.Image) -> float:
    """Share of pixels of a difference image that moved by more than the tolerance."""
    histogram = diff.histogram()
    return sum(histogram[PIXEL_TOLERANCE + 1 :]) / (diff.width * diff.height)


@pytest.mark.screenshot
@pytest.mark.parametrize("jenis", GOLDEN)
def test_first_page_matches_golden(
    jenis: str, out_dir: Path, request: pytest.FixtureRequest
) -> None:
    rendered = render_sample(SAMPLES_DIR / f"{jenis}.toml", out_dir)
    actual = page_image(rendered.path, 1, out_dir)
    golden_path = GOLDEN_DIR / f"{jenis}-p1.png"
    if request.config.getoption("--update-goldens"):
        actual.save(golden_path, optimize=True)
        pytest.skip(f"golden image {golden_path.name} rewritten")
    assert golden_path.exists(), f"no golden image {golden_path}; run with --update-goldens"
    golden = Image.open(golden_path).convert("L")
    assert actual.size == golden.size
    diff = ImageChops.difference(actual, golden)
    share = different_share(diff)
    if share > MAX_DIFFERENT_SHARE:
        diff_path = out_dir / f"{jenis}-diff.png"
        diff.point(lambda v: 255 if v > PIXEL_TOLERANCE else 0).save(diff_path)
        pytest.fail(f"{jenis}: {share:.2%} of pixels differ (diff image: {diff_path})")


@pytest.mark.screenshot
def test_golden_comparison_notices_a_changed_letter(out_dir: Path) -> None:
    """The comparison is not blind: a different Hal and date fail it."""
    rendered = render_sample(
        SAMPLES_DIR / "surat_dinas.toml",
        out_dir,
        edit={"hal": "Permohonan Data Kepegawaian Tahun 2026", "tanggal": "2026-11-02"},
    )
    actual = page_image(rendered.path, 1, out_dir)
    golden = Image.open(GOLDEN_DIR / "surat_dinas-p1.png").convert("L")
    assert different_share(ImageChops.difference(actual, golden)) > MAX_DIFFERENT_SHARE
