"""A folder of letters on two worker processes: order, progress, cancel, broken files."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.verify import attacks
from tnde.errors import Cancelled
from tnde.progress import CancelToken
from tnde.verify import Verdict
from tnde.verify.batch import IN_PROCESS_LIMIT, find_pdfs, verify_paths

if TYPE_CHECKING:
    from pathlib import Path

    from tests.verify.conftest import Corpus


@pytest.fixture(scope="module")
def folder(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """24 letters in two sub-folders, one broken file, one attacked, one non-PDF name."""
    root = tmp_path_factory.mktemp("arsip surat – é")
    (root / "2026" / "November").mkdir(parents=True)
    for i in range(22):
        sub = root / "2026" if i % 2 else root / "2026" / "November"
        (sub / f"surat {i:03d}.PDF").write_bytes(corpus.blt)
    (root / "2026" / "rusak.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    (root / "2026" / "diubah.pdf").write_bytes(attacks.incremental_saving(corpus.blt))
    (root / "catatan.txt").write_text("bukan PDF", encoding="utf-8")
    return root


def test_find_pdfs_walks_folders_and_keeps_files_given(folder: Path) -> None:
    found = find_pdfs([folder, folder / "catatan.txt", folder / "2026" / "rusak.pdf"])
    assert len(found) == 25  # 24 PDFs (any case of .pdf) + the .txt given by name
    assert found[-1].name == "catatan.txt"
    assert sum(p.name == "rusak.pdf" for p in found) == 1


def test_two_workers_verify_a_folder_and_a_broken_file_does_not_stop_them(
    folder: Path, corpus: Corpus
) -> None:
    files = find_pdfs([folder])
    assert len(files) > IN_PROCESS_LIMIT
    seen: list[tuple[int, int]] = []
    reports = verify_paths(
        files,
        trust_roots=[corpus.pki.root.cert],
        workers=2,
        chunk_size=5,
        progress=lambda done, total, path: seen.append((done, total)),
    )
    assert [r.path for r in reports] == [str(p) for p in files]
    verdicts = {r.path.rsplit("/", 1)[-1]: r.verdict for r in reports}
    assert verdicts.pop("rusak.pdf") is Verdict.INVALID
    assert verdicts.pop("diubah.pdf") is Verdict.INVALID
    assert set(verdicts.values()) == {Verdict.VALID}
    broken = next(r for r in reports if r.path.endswith("rusak.pdf"))
    assert broken.error
    assert seen[-1] == (len(files), len(files))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_an_unreadable_path_is_an_invalid_report(tmp_path: Path, corpus: Corpus) -> None:
    missing = tmp_path / "hilang.pdf"
    folder_named_pdf = tmp_path / "map.pdf"
    folder_named_pdf.mkdir()
    reports = verify_paths([missing, folder_named_pdf], trust_roots=[corpus.pki.root.cert])
    assert [r.verdict for r in reports] == [Verdict.INVALID, Verdict.INVALID]
    assert all("tidak dapat dibaca" in (r.error or "") for r in reports)


def test_cancel_stops_the_batch(folder: Path, corpus: Corpus) -> None:
    files = find_pdfs([folder])
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        verify_paths(files[:3], trust_roots=[corpus.pki.root.cert], cancel=token)
    stop = CancelToken()

    def progress(done: int, total: int, path: str = "") -> None:
        stop.cancel()

    with pytest.raises(Cancelled):
        verify_paths(
            files,
            trust_roots=[corpus.pki.root.cert],
            workers=2,
            chunk_size=4,
            progress=progress,
            cancel=stop,
        )
