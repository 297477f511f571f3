"""Rules about the parts of a letter: completeness, Hal, date, lampiran, KKA, typeface."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from tnde.formatting import format_tanggal
from tnde.lint.model import Rule, Severity, rule
from tnde.lint.text import quote, quote_end, sentence_around
from tnde.templates.values import Attachment, Signer

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tnde.lint.context import LintContext
    from tnde.lint.model import Hit

_LEGAL_GROUPS = ("penetapan", "pengaturan")
_ABBREVIATIONS = frozenset({"dkk.", "dll.", "dsb.", "dst.", "tbk.", "jr.", "sr."})
_TERLAMPIR_RE = re.compile(
    r"\b(?:terlampir|dilampirkan|lampiran (?:surat|naskah) ini)\b", re.IGNORECASE
)


@rule(
    "TND001",
    Severity.ERROR,
    "Bagian wajib naskah belum diisi",
    "Permendagri 1/2023 dan Perka ANRI 5/2021: tiap jenis naskah memuat bagian kepala, "
    "batang tubuh dan kaki yang ditetapkan (Hal, Yth., penanda tangan…).",
)
def required_parts(ctx: LintContext) -> Iterator[Hit]:
    """Required fields of the template, plus what the printed blocks cannot do without."""
    jenis = ctx.template.nama
    needs: dict[str, str] = {}
    for spec in ctx.template.fields:
        if spec.required:
            needs[spec.name] = f"bagian ini wajib ada pada {jenis}"
    for block in ctx.printed_blocks("kepala_surat"):
        rows = block.params.get("rows") or [{"field": "hal"}]
        if any(isinstance(r, dict) and r.get("field") == "hal" for r in rows):
            needs.setdefault("hal", f"kepala surat {jenis} mencetak Hal")
        needs.setdefault(
            str(block.params.get("tujuan", "tujuan")), f"kepala surat {jenis} mencetak Yth."
        )
    for block in ctx.printed_blocks("tanda_tangan"):
        needs.setdefault(
            str(block.params.get("field", "penandatangan")),
            f"{jenis} ditandatangani pada blok tanda tangan",
        )
    for block in ctx.printed_blocks("tanda_tangan_ganda"):
        # A block with blank = true prints an empty signature form for a signer who fills it
        # in by hand (the receiver of a Surat Pengantar); only required fields are needed.
        optional_ok = bool(block.params.get("blank", False))
        for name in block.params.get("fields", []):
            signer_spec = ctx.template.field(str(name))
            if optional_ok and signer_spec is not None and not signer_spec.required:
                continue
            needs.setdefault(str(name), f"{jenis} ditandatangani pada blok tanda tangan")
    for spec in ctx.template.fields:  # form order
        why = needs.get(spec.name)
        if why is None:
            continue
        value = ctx.values.get(spec.name)
        missing = ctx.is_empty(spec.name) or (
            spec.type == "signer" and not isinstance(value, Signer)
        )
        if missing:
            yield (
                spec.name,
                f"{spec.label} kosong atau isiannya tidak sah, padahal {why}.",
            )


@rule(
    "TND005",
    Severity.WARNING,
    "Jumlah lampiran tidak sesuai",
    "Permendagri 1/2023: Lampiran pada kepala surat menyebut banyaknya lampiran "
    '("1 (satu) berkas"), dan naskah yang menyebut "terlampir" harus berlampiran.',
)
def lampiran_count(ctx: LintContext) -> Iterator[Hit]:
    """The Lampiran count against the attachment pages, and "terlampir" without any."""
    pages = sum(
        1
        for _, value in ctx.filled("attachments")
        for item in value
        if isinstance(item, Attachment)
    )
    has_count_field = ctx.template.field("jumlah_lampiran") is not None
    jumlah = ctx.values.get("jumlah_lampiran") if has_count_field else None
    satuan = str(ctx.values.get("satuan_lampiran") or "berkas")
    if isinstance(jumlah, int) and pages:
        if jumlah == 0:
            yield (
                "jumlah_lampiran",
                (
                    f"Jumlah lampiran diisi 0, padahal naskah memuat {pages} "
                    "halaman lampiran; kosongkan agar dihitung otomatis."
                ),
            )
        elif satuan == "berkas" and jumlah != pages:
            yield (
                "jumlah_lampiran",
                (
                    f"Jumlah lampiran diisi {jumlah} berkas, padahal halaman "
                    f"lampiran ada {pages}; samakan atau kosongkan agar "
                    "dihitung otomatis."
                ),
            )
    if pages or (isinstance(jumlah, int) and jumlah > 0):
        return
    if not has_count_field and not any(s.type == "attachments" for s in ctx.template.fields):
        return  # this jenis cannot carry a lampiran; nothing the drafter could fix here
    for name in ctx.body_fields():
        text = str(ctx.values.get(name) or "")
        match = _TERLAMPIR_RE.search(text)
        if match:
            yield (
                name,
                (
                    f'Isi menyebut "{match.group()}" dalam '
                    f"{sentence_around(text, match.start(), match.end())}, tetapi naskah "
                    "tidak berlampiran; tambahkan lampiran atau isi jumlah lampiran."
                ),
            )


@rule(
    "TND009",
    Severity.WARNING,
    "Hal terlalu panjang",
    "Perka ANRI 5/2021: Hal berisi pokok naskah secara singkat; batas panjangnya "
    "ditetapkan profil kantor.",
)
def hal_length(ctx: LintContext) -> Iterator[Hit]:
    """Hal longer than the profile's limit."""
    hal = ctx.values.get("hal")
    limit = ctx.profile.style.hal_max_chars
    if isinstance(hal, str) and len(hal) > limit:
        yield (
            "hal",
            (
                f"Hal {len(hal)} karakter, melebihi batas {limit} karakter profil "
                f"{ctx.profile.id}: {quote(hal)}; ringkas pokok naskah."
            ),
        )


@rule(
    "TND010",
    Severity.WARNING,
    "Hal diakhiri tanda titik",
    "Perka ANRI 5/2021: Hal ditulis dengan huruf awal kapital tanpa tanda titik di akhir.",
)
def hal_period(ctx: LintContext) -> Iterator[Hit]:
    """Hal ending with a full stop, unless the dot belongs to an abbreviation or ellipsis."""
    hal = ctx.values.get("hal")
    if isinstance(hal, str) and hal.endswith(".") and not _ends_with_abbreviation(hal):
        yield "hal", f"Hal diakhiri tanda titik: {quote_end(hal)}; hapus titik di akhir Hal."


def _ends_with_abbreviation(text: str) -> bool:
    """Whether the final dot of ``text`` is part of ``S.T.``, ``dkk.``, ``Tbk.``, ``..``…"""
    word = text.split()[-1]
    return (
        "." in word[:-1]  # S.T., M.Si., Ph.D., an ellipsis
        or word.casefold() in _ABBREVIATIONS
        or re.fullmatch(r"[A-Z]\.", word) is not None  # an initial: "Budi S."
    )


@rule(
    "TND013",
    Severity.ERROR,
    "Tanggal naskah terlalu jauh di masa depan",
    "Tanggal naskah adalah tanggal penandatanganan (Permendagri 1/2023); tanggal jauh ke "
    "depan hampir selalu salah ketik. Batasnya ditetapkan profil kantor.",
)
def date_future(ctx: LintContext) -> Iterator[Hit]:
    """The letter date more than the profile's limit after today."""
    tanggal = ctx.values.get("tanggal")
    limit = ctx.profile.style.future_date_limit_days
    if isinstance(tanggal, dt.date) and (tanggal - ctx.today).days > limit:
        days = (tanggal - ctx.today).days
        yield (
            "tanggal",
            (
                f"Tanggal naskah {format_tanggal(tanggal)} adalah {days} hari setelah "
                f"hari ini ({format_tanggal(ctx.today)}), melebihi batas {limit} hari; "
                "periksa tahun dan bulannya."
            ),
        )


@rule(
    "TND014",
    Severity.INFO,
    "Tanggal naskah lebih dari setahun yang lalu",
    "Tanggal naskah adalah tanggal penandatanganan; konsep lama yang diterbitkan ulang "
    "perlu tanggal baru.",
)
def date_past(ctx: LintContext) -> Iterator[Hit]:
    """The letter date more than a year before today."""
    tanggal = ctx.values.get("tanggal")
    if isinstance(tanggal, dt.date) and tanggal < _year_before(ctx.today):
        yield (
            "tanggal",
            (
                f"Tanggal naskah {format_tanggal(tanggal)} lebih dari setahun sebelum "
                f"hari ini ({format_tanggal(ctx.today)}); perbarui bila naskah "
                "baru akan ditandatangani."
            ),
        )


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@rule(
    "TND015",
    Severity.WARNING,
    "Kode klasifikasi arsip tidak dikenal",
    "Permendagri 83/2022: kode klasifikasi diambil dari daftar KKA instansi, dasar "
    "penomoran dan pemberkasan.",
)
def kka_unknown(ctx: LintContext) -> Iterator[Hit]:
    """A KKA (below the top level) that is not in the office's list."""
    for spec, kode in ctx.filled("kka"):
        kode = str(kode)
        if "." not in kode or kode in ctx.kka:
            continue
        parent = kode.rpartition(".")[0]
        while parent and parent not in ctx.kka:
            parent = parent.rpartition(".")[0]
        known = ctx.kka.get(parent) if parent else None
        hint = f"; kode terdekat yang dikenal: {known.kode} {known.nama}" if known else ""
        yield spec.name, f'Kode klasifikasi "{kode}" tidak ada dalam daftar KKA{hint}.'


@rule(
    "TND016",
    Severity.WARNING,
    "Kode klasifikasi arsip terlalu umum",
    "Permendagri 83/2022: naskah diberkaskan pada kode yang paling rinci, bukan pada kode "
    "pokok masalah seperti 000 Umum.",
)
def kka_too_general(ctx: LintContext) -> Iterator[Hit]:
    """A KKA that is only a top-level code (``000``, ``HM``)."""
    for spec, kode in ctx.filled("kka"):
        kode = str(kode)
        if "." in kode:
            continue
        item = ctx.kka.get(kode)
        name = f" ({item.nama})" if item else ""
        examples = ", ".join(c.kode for c in ctx.kka.children(kode)[:3]) if item else ""
        hint = f", mis. {examples}" if examples else ""
        yield (
            spec.name,
            (
                f'Kode klasifikasi "{kode}"{name} hanya kode pokok masalah; '
                f"pilih sub-kode yang sesuai isi naskah{hint}."
            ),
        )


@rule(
    "TND021",
    Severity.WARNING,
    "Huruf produk hukum bukan Bookman Old Style",
    "Permendagri 1/2023 (sejak Permendagri 80/2015): naskah penetapan dan pengaturan "
    "memakai Bookman Old Style 12.",
)
def legal_font(ctx: LintContext) -> Iterator[Hit]:
    """A penetapan/pengaturan template that the profile sets in a sans typeface."""
    group = ctx.template.group
    if group in _LEGAL_GROUPS and ctx.profile.font_for(group) == "sans":
        yield (
            "",
            (
                f"{ctx.template.nama} termasuk kelompok {group}, tetapi profil "
                f"{ctx.profile.id} mencetaknya dengan huruf sans (Arial); produk hukum "
                f"memakai Bookman Old Style (serif); ubah [fonts] {group} pada profil."
            ),
        )


RULES: tuple[Rule, ...] = (
    required_parts,
    lampiran_count,
    hal_length,
    hal_period,
    date_future,
    date_past,
    kka_unknown,
    kka_too_general,
    legal_font,
)
"""The rules of this module."""
