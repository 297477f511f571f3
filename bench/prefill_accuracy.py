"""How often pre-fill is right: precision and recall per field over the letter corpus.

Usage: ``PYTHONPATH=. .venv/bin/python bench/prefill_accuracy.py [--split dev|holdout] [-v]``.

The corpus (``tests/data/prefill_corpus``, made by ``tools/make_prefill_corpus.py``) holds
letters made with reportlab and LibreOffice in layouts unlike ours, and image-only scans, each
with the values a pencatat would type (``expected.json``). For every field of every letter
with a text layer, pre-fill's value is one of:

- *right*: the expected value (text compared without regard to case or spacing);
- *wrong*: a value that is not the expected one, or any value where the letter has none;
- *missed*: empty where the letter has a value.

Precision is right / (right + wrong), recall is right / (fields the letters have). The goals
(tests/incoming/test_prefill_corpus.py): wrong on at most 1 % of all fields, recall at least
95 %. A scan must come back with ``text_layer`` False; its fields are not counted.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tnde.incoming import prefill_from_pdf

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "prefill_corpus"
FIELDS = ("asal", "nomor", "tanggal", "hal", "sifat", "urgensi", "lampiran", "asal_jabatan")
#: Compared exactly; the others without regard to case and spacing.
EXACT = frozenset({"nomor", "tanggal", "sifat", "urgensi"})
WRONG_AT_MOST = 0.01
RECALL_AT_LEAST = 0.95


@dataclass
class FieldScore:
    """Counts for one field over the corpus."""

    right: int = 0
    wrong: int = 0
    missed: int = 0
    absent: int = 0
    """Letters without this field where pre-fill rightly gave nothing."""

    @property
    def total(self) -> int:
        return self.right + self.wrong + self.missed + self.absent

    @property
    def precision(self) -> float:
        given = self.right + self.wrong
        return self.right / given if given else 1.0

    @property
    def recall(self) -> float:
        expected = self.right + self.missed
        return self.right / expected if expected else 1.0


@dataclass
class Score:
    """The corpus's score: per field, and what went wrong where."""

    fields: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    scans_right: int = 0
    scans: int = 0
    letters: int = 0
    mistakes: list[str] = field(default_factory=list)
    """``letter field: got … expected …`` for every wrong and missed value."""

    @property
    def overall(self) -> FieldScore:
        total = FieldScore()
        for s in self.fields.values():
            total.right += s.right
            total.wrong += s.wrong
            total.missed += s.missed
            total.absent += s.absent
        return total

    @property
    def wrong_share(self) -> float:
        overall = self.overall
        return overall.wrong / overall.total if overall.total else 0.0


def _same(name: str, got: str, expected: str) -> bool:
    if name in EXACT:
        return " ".join(got.split()) == " ".join(expected.split())
    return " ".join(got.split()).casefold() == " ".join(expected.split()).casefold()


def _value(got: object) -> str:
    if got is None:
        return ""
    return got.isoformat() if isinstance(got, date) else str(got)


def score_corpus(split: str | None = None, corpus: Path = CORPUS) -> Score:
    """Run pre-fill over the corpus (or one ``split`` of it) and count."""
    expected_all = json.loads((corpus / "expected.json").read_text(encoding="utf-8"))
    score = Score()
    for name, expected in expected_all.items():
        if split is not None and expected["split"] != split:
            continue
        got = prefill_from_pdf((corpus / f"{name}.pdf").read_bytes(), name=f"{name}.pdf")
        if not expected["text_layer"]:
            score.scans += 1
            score.scans_right += not got.text_layer
            if got.text_layer:
                score.mistakes.append(f"{name}: a scan read as having text")
            continue
        score.letters += 1
        for field_name in FIELDS:
            want = str(expected["fields"][field_name])
            have = _value(getattr(got, field_name, ""))
            counts = score.fields[field_name]
            if not have:
                if want:
                    counts.missed += 1
                    score.mistakes.append(f"{name} {field_name}: missed {want!r}")
                else:
                    counts.absent += 1
            elif want and _same(field_name, have, want):
                counts.right += 1
            else:
                counts.wrong += 1
                score.mistakes.append(f"{name} {field_name}: WRONG {have!r}, expected {want!r}")
    return score


def print_score(score: Score, title: str) -> None:
    print(f"{title}: {score.letters} letters with text, {score.scans} scans")
    print(f"{'field':<14}{'right':>7}{'wrong':>7}{'missed':>8}{'precision':>11}{'recall':>9}")
    for name, s in [*score.fields.items(), ("overall", score.overall)]:
        print(
            f"{name:<14}{s.right:>7}{s.wrong:>7}{s.missed:>8}{s.precision:>10.1%} {s.recall:>8.1%}"
        )
    print(
        f"wrong values: {score.wrong_share:.1%} of {score.overall.total} fields "
        f"(goal ≤ {WRONG_AT_MOST:.0%}); found {score.overall.recall:.1%} "
        f"(goal ≥ {RECALL_AT_LEAST:.0%}); scans recognised {score.scans_right}/{score.scans}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--split", choices=("dev", "holdout", "fresh"), help="only one half of the corpus"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list every mistake")
    args = parser.parse_args()
    score = score_corpus(args.split)
    print_score(score, f"pre-fill accuracy ({args.split or 'whole corpus'})")
    if args.verbose:
        for line in score.mistakes:
            print("  " + line)
    ok = score.wrong_share <= WRONG_AT_MOST and score.overall.recall >= RECALL_AT_LEAST
    return 0 if ok and score.scans_right == score.scans else 1


if __name__ == "__main__":
    raise SystemExit(main())
