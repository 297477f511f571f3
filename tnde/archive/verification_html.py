"""The verification page's HTML: plain string templates, every value escaped on the way in.

Everything the page shows comes from people (a hal, a name, a unit, a file name), so no value
is ever put into the page except through :func:`esc`. The page needs nothing from elsewhere:
its style and its small script (:mod:`tnde.archive.verification_assets`) are inline.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from tnde.archive.verification_assets import SCRIPT, STYLE
from tnde.archive.verification_check import Match
from tnde.archive.verification_data import PublicLetter
from tnde.formatting import format_tanggal
from tnde.verify import Verdict
from tnde.workflow.state import LetterStatus

if TYPE_CHECKING:
    import datetime as dt

    from tnde.archive.verification_check import CheckResult, Opinion, SignatureLine
    from tnde.archive.verification_data import RestrictedLetter

__all__ = [
    "Office",
    "esc",
    "letter_page",
    "not_found_page",
    "problem_page",
    "restricted_page",
    "restricted_result_page",
    "result_heading",
    "result_page",
    "size_text",
    "status_text",
    "time_text",
]


@dataclass(frozen=True)
class Office:
    """Who the page speaks for: the archive's office profile."""

    lines: tuple[str, ...] = ("ARSIP NASKAH DINAS ELEKTRONIK",)
    """The letterhead's name lines (``PEMERINTAH PROVINSI …``, ``DINAS …``)."""
    name: str = "Arsip naskah dinas elektronik"
    """The office's full name, for the title and the footer."""
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Asia/Jakarta"))
    """The office's time zone: times are shown in it."""


def esc(value: object) -> str:
    """``value`` as text safe anywhere in the page (element content and quoted attributes)."""
    return html.escape(str(value), quote=True)


_STATUS_TEXT = {
    LetterStatus.DITANDATANGANI: "Telah ditandatangani",
    LetterStatus.DIKIRIM: "Telah ditandatangani dan dikirim",
    LetterStatus.DIARSIPKAN: "Telah ditandatangani, dikirim, dan diarsipkan",
    LetterStatus.DIBATALKAN: "Dibatalkan: tidak berlaku",
    LetterStatus.DITOLAK: "Ditolak: tidak berlaku",
}
_ZONE_NAMES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}
_VERDICT_CLASS = {Verdict.VALID: "sah", Verdict.INVALID: "tidak-sah"}
_OK, _BAD, _WARN, _INFO = ("ok", "&#10003;"), ("buruk", "&#10007;"), ("waspada", "!"), ("info", "i")


def status_text(status: LetterStatus) -> str:
    """The letter's state as the page words it."""
    return _STATUS_TEXT.get(status, status.value)


def size_text(size: int) -> str:
    """``8 MB``, ``1,5 MB``, ``64 KB``: a size as people read it."""
    if size >= 1024 * 1024:
        text = f"{size / (1024 * 1024):.1f}".replace(".", ",").removesuffix(",0")
        return f"{text} MB"
    return f"{max(1, round(size / 1024))} KB"


def time_text(moment: dt.datetime, zone: ZoneInfo) -> str:
    """``7 Desember 2026 pukul 14.37 WIB``: a moment in the office's time zone."""
    local = moment.astimezone(zone)
    name = _ZONE_NAMES.get(zone.key, local.strftime("%Z"))
    return f"{format_tanggal(local.date())} pukul {local:%H.%M} {name}"


# -- pages --------------------------------------------------------------------------------------


def letter_page(office: Office, letter: PublicLetter, limit: int) -> str:
    """The page of a signed letter of sifat Biasa."""
    if letter.void:
        status = _status(
            _BAD,
            "Naskah ini telah dibatalkan",
            "Naskah ini tercatat di arsip, tetapi telah dibatalkan dan tidak berlaku lagi.",
        )
    else:
        status = _status(
            _OK,
            "Naskah ini tercatat di arsip dan telah ditandatangani secara elektronik",
            "Cocokkan data di bawah ini dengan naskah yang Anda terima. Untuk memastikan "
            "berkas PDF Anda tidak diubah sedikit pun, periksa berkasnya di bagian bawah "
            "halaman ini.",
        )
    body = [
        status,
        _card("Data naskah", _letter_data(letter)),
        _card("Penanda tangan", _signers(office, letter)),
        _card(
            "Sidik digital berkas (SHA-256)",
            "<p>Sidik digital naskah bertanda tangan yang diarsipkan. Berkas yang sama persis "
            "selalu memiliki sidik yang sama; perubahan sekecil apa pun menghasilkan sidik yang "
            f'lain.</p><code class="sidik">{esc(letter.sha256)}</code>',
        ),
        _upload_card(
            limit,
            "Pilih atau seret berkas PDF yang Anda terima. Server membandingkannya dengan naskah "
            "yang diarsipkan dan memeriksa tanda tangan elektroniknya.",
        ),
    ]
    return _document(office, "Verifikasi naskah", body, letter.document_id)


def restricted_page(office: Office, letter: RestrictedLetter, limit: int) -> str:
    """The page of a letter whose sifat keeps its content off the public page."""
    body = [
        _status(
            _INFO,
            "Naskah ini tercatat di arsip",
            "Naskah dengan kode ini tercatat di arsip. Isinya tidak ditampilkan di halaman "
            "umum karena sifat naskahnya.",
            extra=_ask(letter.unit),
        ),
        _upload_card(
            limit,
            "Anda dapat memastikan bahwa berkas yang Anda terima sama persis dengan yang "
            "diarsipkan. Jawabannya hanya cocok atau tidak cocok.",
            checks=False,
        ),
    ]
    return _document(office, "Verifikasi naskah", body, letter.document_id)


def not_found_page(office: Office) -> str:
    """The page of an identifier the archive has no signed letter for."""
    body = [
        _status(
            _WARN,
            "Naskah tidak ditemukan",
            "Tidak ada naskah bertanda tangan elektronik dengan kode ini di arsip. Periksa "
            "kembali alamatnya, atau pindai ulang kode QR pada naskah. Naskah yang belum selesai "
            "ditandatangani tidak ditampilkan di sini.",
        ),
        _card(
            "Apa artinya?",
            "<p>Naskah yang kode QR-nya mengarah ke halaman ini patut diragukan keasliannya. "
            "Tanyakan kepada instansi pengirimnya sebelum menindaklanjuti.</p>",
        ),
    ]
    return _document(office, "Naskah tidak ditemukan", body, None)


def problem_page(office: Office, heading: str, message: str, document_id: str | None) -> str:
    """A refused upload (too large, no file, not a form the page sent)."""
    body = [_status(_WARN, heading, message), _back(document_id)]
    return _document(office, heading, body, document_id)


def result_page(office: Office, letter: PublicLetter, result: CheckResult) -> str:
    """The answer to an upload for a letter of sifat Biasa."""
    body = [_match_card(letter, result)]
    if result.opinion is not None:
        body.append(_opinion_card(office, result.opinion))
    body += [_card("Naskah yang dicocokkan", _letter_data(letter)), _back("")]
    return _document(office, "Hasil pemeriksaan berkas", body, letter.document_id)


def result_heading(letter: PublicLetter | RestrictedLetter, result: CheckResult) -> str:
    """The answer to an upload in one sentence (the heading of its page)."""
    if not isinstance(letter, PublicLetter):
        return "Cocok" if result.match.matches else "Tidak cocok"
    if result.match is Match.CHANGED:
        return "Tidak sama dengan naskah yang diarsipkan"
    return _MATCH_TEXT[result.match][1]


def restricted_result_page(office: Office, letter: RestrictedLetter, result: CheckResult) -> str:
    """The answer to an upload for a restricted letter: matches or not, nothing more."""
    if result.match.matches:
        card = _status(
            _OK,
            "Cocok",
            "Berkas yang Anda periksa sama persis dengan naskah yang diarsipkan dengan kode ini.",
        )
    else:
        card = _status(
            _BAD,
            "Tidak cocok",
            "Berkas yang Anda periksa tidak sama dengan naskah yang diarsipkan dengan kode ini.",
            extra=_ask(letter.unit),
        )
    return _document(office, "Hasil pemeriksaan berkas", [card, _back("")], letter.document_id)


# -- parts --------------------------------------------------------------------------------------


def _document(office: Office, title: str, body: list[str], document_id: str | None) -> str:
    kop = "".join(
        f'<p class="{"kop-atas" if i == 0 and len(office.lines) > 1 else "kop-nama"}">'
        f"{esc(line)}</p>"
        for i, line in enumerate(office.lines)
    )
    code = (
        f'<p>Kode dokumen: <span class="baris">{esc(document_id)}</span></p>' if document_id else ""
    )
    return (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex, nofollow">'
        '<meta name="referrer" content="no-referrer">'
        '<link rel="icon" href="data:,">'
        f"<title>{esc(title)} \u2013 {esc(office.name)}</title>"
        f"<style>{STYLE}</style></head><body>"
        f'<header class="kop"><div class="wrap">{kop}'
        '<p class="kop-judul">Verifikasi Naskah Dinas Elektronik</p></div></header>'
        f'<main class="wrap">{"".join(body)}</main>'
        f'<footer class="wrap">{code}<p>{esc(office.name)}</p>'
        "<p>Berkas yang Anda periksa tidak disimpan oleh server.</p></footer>"
        f"<script>{SCRIPT}</script></body></html>\n"
    )


def _status(kind: tuple[str, str], heading: str, text: str, *, extra: str = "") -> str:
    """A card that answers (``kind``: its colour and sign); ``extra`` is HTML made here."""
    css, icon = kind
    return (
        f'<section class="kartu status {css}"><div class="ikon" aria-hidden="true">{icon}</div>'
        f"<div><h1>{esc(heading)}</h1><p>{esc(text)}</p>{extra}</div></section>"
    )


def _card(heading: str, inner: str) -> str:
    return f'<section class="kartu"><h2>{esc(heading)}</h2>{inner}</section>'


def _ask(unit: str) -> str:
    """Whom to ask about a restricted letter."""
    whom = f"<strong>{esc(unit)}</strong>" if unit else "instansi pengirim naskah"
    return f"<p>Untuk keterangan, hubungi {whom}.</p>"


def _letter_data(letter: PublicLetter) -> str:
    rows = [
        ("Nomor", letter.nomor or "\u2013"),
        ("Tanggal", format_tanggal(letter.tanggal) if letter.tanggal else "\u2013"),
        ("Hal", letter.hal or "\u2013"),
        ("Jenis naskah", letter.jenis),
        ("Unit pengirim", letter.unit or "\u2013"),
        ("Status", status_text(letter.status)),
    ]
    items = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows)
    return f'<dl class="data">{items}</dl>'


def _signers(office: Office, letter: PublicLetter) -> str:
    items = []
    for signer in letter.signers:
        lines = "".join(f'<span class="baris">{esc(line)}</span>' for line in signer.jabatan)
        when = ""
        if signer.signed_at is not None:
            moment = time_text(signer.signed_at, office.zone)
            when = f'<span class="baris redup">Ditandatangani {esc(moment)}</span>'
        items.append(f'<li><span class="nama">{esc(signer.nama)}</span>{lines}{when}</li>')
    return f'<ol class="daftar">{"".join(items)}</ol>'


def _upload_card(limit: int, intro: str, *, checks: bool = True) -> str:
    size = size_text(limit)
    done = "dibandingkan dan diperiksa" if checks else "dibandingkan"
    return _card(
        "Periksa berkas yang Anda terima",
        f"<p>{esc(intro)}</p>"
        '<form method="post" action="" enctype="multipart/form-data" '
        f'data-batas="{limit}" '
        f'data-terlalu-besar="{esc(f"Berkas terlalu besar: paling besar {size}.")}" '
        'data-kosong="Pilih berkas PDF terlebih dahulu.">'
        '<label class="zona" id="zona" for="berkas">'
        '<input type="file" id="berkas" name="berkas" accept=".pdf,application/pdf">'
        '<span class="zona-judul">Pilih atau seret berkas PDF ke sini</span>'
        '<span class="zona-nama" id="nama-berkas">Belum ada berkas dipilih</span></label>'
        '<p class="pesan" id="pesan" role="alert"></p>'
        '<button type="submit">Periksa berkas</button>'
        f'<p class="redup">Ukuran berkas paling besar {esc(size)}. '
        f"Berkas hanya {done}, tidak disimpan.</p></form>",
    )


def _back(document_id: str | None) -> str:
    if document_id is None:
        return ""
    return '<a class="kembali" href="">&#8592; Periksa berkas lain</a>'


_MATCH_TEXT = {
    Match.IDENTICAL: (
        _OK,
        "Sama persis dengan naskah yang diarsipkan",
        "Berkas yang Anda periksa identik, bit demi bit, dengan naskah bertanda tangan "
        "elektronik yang tersimpan di arsip: sidik digitalnya (SHA-256) sama.",
    ),
    Match.ARCHIVE_COPY: (
        _OK,
        "Sama persis dengan salinan arsip naskah ini",
        "Berkas yang Anda periksa identik dengan salinan arsip jangka panjang naskah ini "
        "(naskah bertanda tangan yang dilengkapi data validasi dan cap waktu arsip).",
    ),
    Match.OTHER: (
        _BAD,
        "Bukan naskah yang diarsipkan",
        "Berkas ini tidak memuat tanda tangan naskah dengan kode ini: berkas ini naskah lain, "
        "atau salinan yang dibuat atau ditandatangani ulang.",
    ),
    Match.DIFFERENT: (
        _BAD,
        "Tidak sama dengan naskah yang diarsipkan",
        "Sidik digital berkas ini berbeda dari sidik naskah yang diarsipkan.",
    ),
}
_CHANGED_INTACT = (
    "Berkas ini memuat tanda tangan naskah ini, tetapi ada tambahan atau perubahan yang dibuat "
    "sesudah naskah ditandatangani."
)
_CHANGED_ALTERED = (
    "Berkas ini memuat tanda tangan naskah ini, tetapi isinya telah diubah sesudah ditandatangani."
)


def _match_card(letter: PublicLetter, result: CheckResult) -> str:
    heading = result_heading(letter, result)
    if result.match is Match.CHANGED:
        text = _CHANGED_INTACT if result.signed_part_intact else _CHANGED_ALTERED
        kind = _BAD
    else:
        kind, _heading, text = _MATCH_TEXT[result.match]
    extra = [
        f'<p class="redup">Sidik digital berkas Anda:</p><code class="sidik">{esc(result.sha256)}'
        "</code>"
    ]
    if not result.match.matches:
        extra.append(
            '<p class="redup">Sidik digital naskah yang diarsipkan:</p>'
            f'<code class="sidik">{esc(letter.sha256)}</code>'
        )
    foreign = "".join(
        f"<li>Ditandatangani oleh {esc(name)}, yang bukan penanda tangan naskah ini.</li>"
        for name in result.foreign_signers
    )
    if foreign:
        extra.append(f'<ul class="alasan">{foreign}</ul>')
    css, icon = kind
    return (
        f'<section class="kartu status {css}"><div class="ikon" aria-hidden="true">{icon}</div>'
        f"<div><h1>{esc(heading)}</h1><p>{esc(text)}</p>{''.join(extra)}</div></section>"
    )


def _opinion_card(office: Office, opinion: Opinion) -> str:
    if opinion.verdict is None:
        inner = (
            f'<p><span class="lencana ragu">TIDAK DIPERIKSA</span></p><p>{esc(opinion.problem)}</p>'
        )
        return _card("Pemeriksaan tanda tangan elektronik", inner)
    verdict = opinion.verdict
    summary = {
        Verdict.VALID: "Tanda tangan elektronik pada berkas ini sah, dan berkas tidak diubah "
        "sesudah ditandatangani.",
        Verdict.INVALID: "Tanda tangan elektronik pada berkas ini tidak sah.",
        Verdict.INDETERMINATE: "Keabsahan tanda tangan elektronik pada berkas ini tidak dapat "
        "dipastikan.",
    }[verdict]
    parts = [
        f'<p><span class="lencana {_VERDICT_CLASS.get(verdict, "ragu")}">{esc(verdict.label)}'
        f"</span></p><p>{esc(summary)}</p>"
    ]
    if opinion.reasons:
        reasons = "".join(f"<li>{esc(reason)}</li>" for reason in opinion.reasons)
        parts.append(f'<ul class="alasan">{reasons}</ul>')
    if opinion.signatures:
        items = "".join(_signature_item(office, line) for line in opinion.signatures)
        parts.append(f'<h2>Tanda tangan dalam berkas</h2><ol class="daftar">{items}</ol>')
    elif verdict is not Verdict.VALID:
        parts.append("<p>Berkas ini tidak memuat tanda tangan elektronik.</p>")
    return _card("Pemeriksaan tanda tangan elektronik", "".join(parts))


def _signature_item(office: Office, line: SignatureLine) -> str:
    badge = (
        f'<span class="lencana {_VERDICT_CLASS.get(line.verdict, "ragu")}">'
        f"{esc(line.verdict.label)}</span>"
    )
    demo = (
        ' <span class="lencana demo">DEMO</span><span class="baris redup">Sertifikat uji coba, '
        "bukan sertifikat elektronik resmi.</span>"
        if line.demo
        else ""
    )
    if line.time is None:
        when = ""
    else:
        source = "cap waktu tepercaya" if line.time_proven else "menurut penanda tangan"
        when = (
            f'<span class="baris redup">{esc(time_text(line.time, office.zone))} '
            f"({esc(source)})</span>"
        )
    name = line.signer or "(nama penanda tangan tidak terbaca)"
    return f'<li><span class="nama">{esc(name)}</span>{badge}{demo}{when}</li>'
