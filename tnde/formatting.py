"""Indonesian text rules for letters: dates, Roman numerals, number words, NIP, casing.

Everything here is a pure function of its arguments (no I/O, no locale, no clock), so the
same letter renders the same way on every PC. ``QLocale`` is only for on-screen formatting;
what is printed in a naskah dinas is decided here.

Errors about values a user typed raise :class:`tnde.errors.ValidationError` with a stable
``code``; out-of-range integers passed by calling code raise :class:`ValueError`. Error
messages never repeat the rejected NIP/NIK, since those are personal data.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from tnde.errors import ValidationError
from tnde.messages import _

if TYPE_CHECKING:
    from tnde.templates.values import Signer

__all__ = [
    "CONTROL_CHARACTERS",
    "EN_DASH",
    "GOLONGAN_RUANG",
    "HARI_ID",
    "KNOWN_ACRONYMS",
    "MONTHS_ID",
    "CaseStyle",
    "TanggalTerbilang",
    "bulan_romawi",
    "control_character",
    "format_hari_tanggal",
    "format_lampiran",
    "format_nip",
    "format_pangkat",
    "format_tanggal",
    "from_roman",
    "hari",
    "jabatan_case",
    "name_case",
    "name_sort_key",
    "normalize_nip",
    "parse_tanggal",
    "signature_lines",
    "terbilang",
    "terbilang_tanggal",
    "to_roman",
    "validate_golongan",
    "validate_nik",
    "validate_nip",
]

_log = logging.getLogger(__name__)

CaseStyle = Literal["upper", "title", "as_written"]
"""How a signature-block line is cased: pemda capitals, ANRI initial capitals, or untouched."""

EN_DASH = "\u2013"
"""Printed for an empty Lampiran: an en dash (U+2013), as in "Lampiran : <en dash>"."""

# -- dates ------------------------------------------------------------------------------------

MONTHS_ID: tuple[str, ...] = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
"""Indonesian month names, January first."""

HARI_ID: tuple[str, ...] = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
"""Indonesian weekday names in :meth:`date.weekday` order (Monday first)."""

# Pre-EYD spellings still found in old letters and typed by habit.
_LEGACY_MONTHS = {"nopember": 11, "pebruari": 2}
_MONTH_LOOKUP = {name.lower(): i for i, name in enumerate(MONTHS_ID, start=1)} | _LEGACY_MONTHS
_ISO_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_LONG_DATE_RE = re.compile(r"([0-9]{1,2})\s+([A-Za-z]+)\s+([0-9]{4})")


def format_tanggal(d: date, *, zero_pad: bool = False) -> str:
    """Format a date as written in letters: ``"5 Juli 2023"``.

    Args:
        zero_pad: write the day with two digits (``"05 Juli 2023"``), as some regional
            systems print it.
    """
    day = f"{d.day:02d}" if zero_pad else str(d.day)
    return f"{day} {MONTHS_ID[d.month - 1]} {d.year}"


def parse_tanggal(text: str) -> date:
    """Read ``"5 Juli 2023"`` (any case, legacy "Nopember"/"Pebruari") or ISO ``"2023-07-05"``.

    Raises:
        ValidationError: ``code="bad_date"`` when the text is in neither form or names a day
            that does not exist (``"31 Februari 2023"``).
    """
    stripped = text.strip()
    day = month = year = 0  # stays invalid when neither form matches
    if m := _ISO_DATE_RE.fullmatch(stripped):
        year, month, day = (int(g) for g in m.groups())
    elif m := _LONG_DATE_RE.fullmatch(stripped):
        month_name = m.group(2).lower()
        month = _MONTH_LOOKUP.get(month_name, 0)
        if month_name in _LEGACY_MONTHS:
            _log.debug("accepted legacy month spelling %r", m.group(2))
        day, year = int(m.group(1)), int(m.group(3))
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(
            "", "bad_date", _("not a date; write it like '5 Juli 2023' or '2023-07-05'")
        ) from None


def hari(d: date) -> str:
    """Indonesian weekday name of ``d`` (``"Senin"`` … ``"Minggu"``)."""
    return HARI_ID[d.weekday()]


def format_hari_tanggal(d: date) -> str:
    """Weekday and date, as in invitations: ``"Senin, 3 Juli 2023"``."""
    return f"{hari(d)}, {format_tanggal(d)}"


# -- Roman numerals ---------------------------------------------------------------------------

_ROMAN_TABLE = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
_CANONICAL_ROMAN_RE = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


def to_roman(n: int) -> str:
    """Canonical upper-case Roman numeral of ``n``.

    Raises:
        ValueError: ``n`` is outside 1..3999.
    """
    if not 1 <= n <= 3999:
        raise ValueError(f"Roman numerals cover 1..3999, not {n}")
    out = []
    for value, symbol in _ROMAN_TABLE:
        count, n = divmod(n, value)
        out.append(symbol * count)
    return "".join(out)


def from_roman(s: str) -> int:
    """Value of a canonical upper-case Roman numeral (``"VII"`` → 7).

    Raises:
        ValidationError: ``code="bad_roman"`` for anything :func:`to_roman` would not
            produce: ``"IIII"``, ``"IC"``, ``"vii"``, ``""``, surrounding spaces.
    """
    if not s or not _CANONICAL_ROMAN_RE.fullmatch(s):
        raise ValidationError("", "bad_roman", _("not a standard Roman numeral (I..MMMCMXCIX)"))
    total, pos = 0, 0
    for value, symbol in _ROMAN_TABLE:
        while s.startswith(symbol, pos):
            total += value
            pos += len(symbol)
    return total


def bulan_romawi(d: date) -> str:
    """The month of ``d`` in Roman numerals, as used in letter numbers (``"VII"``)."""
    return to_roman(d.month)


# -- number words (terbilang) -----------------------------------------------------------------

_DIGIT_WORDS = (
    "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
)  # fmt: skip
# Large scales say "satu juta", "satu miliar"; only "ribu" takes "se-" ("seribu").
_SCALES = ((10**9, "miliar"), (10**6, "juta"))


def _below_thousand(n: int) -> list[str]:
    """Words for 1 ≤ n < 1000 (empty for 0), with "se-" for a leading one."""
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds:
        words += [_DIGIT_WORDS[hundreds], "ratus"]
    tens, ones = divmod(rest, 10)
    if rest == 10:
        words.append("sepuluh")
    elif rest == 11:
        words.append("sebelas")
    elif tens == 1:
        words += [_DIGIT_WORDS[ones], "belas"]
    else:
        if tens:
            words += [_DIGIT_WORDS[tens], "puluh"]
        if ones:
            words.append(_DIGIT_WORDS[ones])
    return words


def terbilang(n: int) -> str:
    """Indonesian number words: 123 → ``"seratus dua puluh tiga"``, 0 → ``"nol"``.

    Raises:
        ValueError: ``n`` is outside 0 ≤ n < 10**12.
    """
    if not 0 <= n < 10**12:
        raise ValueError(f"terbilang covers 0 <= n < 10**12, not {n}")
    if n == 0:
        return _DIGIT_WORDS[0]
    words: list[str] = []
    for scale, name in _SCALES:
        group, n = divmod(n, scale)
        if group:
            words += [*_below_thousand(group), name]
    thousands, n = divmod(n, 1000)
    if thousands == 1:
        words.append("seribu")
    elif thousands:
        words += [*_below_thousand(thousands), "ribu"]
    words += _below_thousand(n)
    return " ".join(words)


def format_lampiran(count: int, unit: str = "berkas") -> str:
    """The Lampiran line value: ``"1 (satu) berkas"``, ``"2 (dua) lembar"``; 0 → :data:`EN_DASH`.

    Raises:
        ValueError: ``count`` is negative or too large for :func:`terbilang`.
    """
    if count == 0:
        return EN_DASH
    return f"{count} ({terbilang(count)}) {unit}"


@dataclass(frozen=True, slots=True)
class TanggalTerbilang:
    """A date spelled out for the opening of a Berita Acara."""

    hari: str
    """Weekday name, ``"Senin"``."""
    tanggal: str
    """Day of the month in words, ``"tiga"``."""
    bulan: str
    """Month name, ``"Juli"``."""
    tahun: str
    """Year in words, ``"dua ribu dua puluh tiga"``."""

    @property
    def kalimat(self) -> str:
        """The customary opening phrase, without the final comma."""
        return (
            f"Pada hari ini {self.hari} tanggal {self.tanggal} "
            f"bulan {self.bulan} tahun {self.tahun}"
        )


def terbilang_tanggal(d: date) -> TanggalTerbilang:
    """Spell ``d`` out in pieces: ``hari``, ``tanggal``, ``bulan``, ``tahun``."""
    return TanggalTerbilang(
        hari=hari(d),
        tanggal=terbilang(d.day),
        bulan=MONTHS_ID[d.month - 1],
        tahun=terbilang(d.year),
    )


# -- NIP / NIK --------------------------------------------------------------------------------

_ASCII_DIGITS_RE = re.compile(r"[0-9]*")


def normalize_nip(text: str) -> str:
    """Remove all whitespace (NIPs are often typed or pasted in display form)."""
    return "".join(text.split())


def validate_nip(text: str) -> str:
    """Check a NIP and return its 18-digit form.

    Layout: birth date ``yyyymmdd`` (8), appointment (TMT) ``yyyymm`` (6), sex ``1``/``2`` (1),
    sequence (3). Checked in that order after the digits and the length.

    Raises:
        ValidationError: ``field="nip"`` with code ``nip_digits``, ``nip_length``,
            ``nip_birth_date``, ``nip_tmt`` or ``nip_sex``.
    """
    nip = normalize_nip(text)
    if not _ASCII_DIGITS_RE.fullmatch(nip):
        raise ValidationError("nip", "nip_digits", _("a NIP may contain only digits and spaces"))
    if len(nip) != 18:
        raise ValidationError(
            "nip", "nip_length", _("a NIP has 18 digits, not {count}", count=len(nip))
        )
    try:
        date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(
            "nip",
            "nip_birth_date",
            _("digits 1 to 8 of a NIP must be the date of birth (yyyymmdd)"),
        ) from None
    if int(nip[8:12]) == 0 or not 1 <= int(nip[12:14]) <= 12:
        raise ValidationError(
            "nip", "nip_tmt", _("digits 9 to 14 of a NIP must be the month of appointment (yyyymm)")
        )
    if nip[14] not in "12":
        raise ValidationError("nip", "nip_sex", _("digit 15 of a NIP must be 1 or 2"))
    return nip


def format_nip(nip: str) -> str:
    """Display form of a NIP: ``"19670827 199403 2 001"``.

    Raises:
        ValidationError: as :func:`validate_nip`.
    """
    n = validate_nip(nip)
    return f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}"


def validate_nik(text: str) -> str:
    """Check a NIK (16-digit national ID) by shape only and return it without whitespace.

    Raises:
        ValidationError: ``field="nik"`` with code ``nik_digits`` or ``nik_length``.
    """
    nik = "".join(text.split())
    if not _ASCII_DIGITS_RE.fullmatch(nik):
        raise ValidationError("nik", "nik_digits", _("a NIK may contain only digits and spaces"))
    if len(nik) != 16:
        raise ValidationError(
            "nik", "nik_length", _("a NIK has 16 digits, not {count}", count=len(nik))
        )
    return nik


# -- casing of signature blocks ---------------------------------------------------------------

KNOWN_ACRONYMS: frozenset[str] = frozenset({
    "ANRI", "ASN", "BAPPEDA", "BKD", "BKPSDM", "BLUD", "BPBD", "BPK", "BPKAD", "BPS", "BSSN",
    "BUMD", "DIY", "DKI", "DPMPTSP", "DPR", "DPRD", "KPU", "KUA", "OPD", "PNS", "PPID", "PPPK",
    "PUPR", "RI", "RSUD", "SD", "SDM", "SKPD", "SMA", "SMK", "SMP", "TIK", "TK", "TNI", "UPT",
    "UPTD",
})  # fmt: skip
"""Acronyms kept upper-case by :func:`jabatan_case` when the input is all capitals."""

# Lower-case inside a title (EYD) unless first.
_FUNCTION_WORDS = frozenset(
    {"dan", "di", "ke", "dari", "yang", "untuk", "pada", "atau", "serta", "dengan"}
)
# Delegation markers keep their fixed spelling in every style.
_DELEGATION = {
    "a.n.": "a.n.", "u.b.": "u.b.", "u.p.": "u.p.", "plt.": "Plt.", "plh.": "Plh.", "pj.": "Pj.",
}  # fmt: skip
# Honorific/academic prefixes before a name; "dr." (physician) and "Dr." (doctorate) differ.
_NAME_PREFIXES = frozenset(
    {"dr.", "drs.", "dra.", "drg.", "drh.", "ir.", "h.", "hj.", "prof.", "kh.", "ns.", "apt."}
)
_NAME_PARTICLES = frozenset({"bin", "binti"})
_LETTER_RUN_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_SMALL_ROMAN_RE = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
_SPACE_SPLIT_RE = re.compile(r"(\s+)")


def _capitalise(run: str) -> str:
    return run[:1].upper() + run[1:].lower()


def _keep_upper(run: str, *, all_caps_input: bool, acronyms: frozenset[str]) -> bool:
    """Whether a letter run in a jabatan is an acronym or numeral to leave as written."""
    if run.isupper() and _SMALL_ROMAN_RE.fullmatch(run):
        return True  # "Seksi Wilayah III"
    if all_caps_input:
        return run in acronyms  # cannot tell "DINAS" from "DPRD" by case alone
    # Mixed-case input: capitals after the first letter were typed on purpose ("DPRD", "BSrE").
    return any(ch.isupper() for ch in run[1:])


def jabatan_case(text: str, style: CaseStyle, *, acronyms: frozenset[str] = KNOWN_ACRONYMS) -> str:
    """Case a jabatan line: ``"upper"`` (pemda), ``"title"`` (ANRI) or ``"as_written"``.

    ``"title"`` capitalises each word except the function words (``dan``, ``di``, ``ke``…)
    unless first. Acronyms stay upper-case if written so: in mixed-case input any word with a
    capital after its first letter, in all-capitals input only words in ``acronyms``. Roman
    numerals I..XXXIX written in capitals stay. Delegation markers (``a.n.``, ``u.b.``,
    ``u.p.``, ``Plt.``, ``Plh.``, ``Pj.``) keep their fixed spelling in both styles.

    Args:
        text: the jabatan as typed, e.g. ``"a.n. BUPATI KUDUS"``.
        style: the casing of the office profile.
        acronyms: upper-case words to preserve in all-capitals input.
    """
    if style == "as_written":
        return text
    parts = _SPACE_SPLIT_RE.split(text)
    content = [p for p in parts if p.strip() and p.lower() not in _DELEGATION]
    all_caps_input = not any(ch.islower() for p in content for ch in p)
    first = True

    def title_run(match: re.Match[str]) -> str:
        nonlocal first
        run, is_first, first = match.group(), first, False
        if _keep_upper(run, all_caps_input=all_caps_input, acronyms=acronyms):
            return run
        if not is_first and run.lower() in _FUNCTION_WORDS:
            return run.lower()
        return _capitalise(run)

    out = []
    for part in parts:
        if (marker := _DELEGATION.get(part.lower())) is not None:
            out.append(marker)
        elif style == "upper" or not part.strip():
            out.append(part.upper())
        else:
            out.append(_LETTER_RUN_RE.sub(title_run, part))
    return "".join(out)


def name_case(name: str, style: CaseStyle) -> str:
    """Case a signatory's name: ``"upper"`` (pemda), ``"title"`` (ANRI) or ``"as_written"``.

    Only the name proper changes. Leading prefixes (``Dr.``, ``dr.``, ``Ir.``, ``Drs.``, ``H.``,
    ``Hj.``, ``Prof.``…) and everything from the first comma on (the degrees) stay as written:
    ``"Dr. Budi Santoso, S.Kom., M.T."`` → ``"Dr. BUDI SANTOSO, S.Kom., M.T."``. In
    ``"title"``, the particles ``bin``/``binti`` are lower-case unless first.
    """
    if style == "as_written":
        return name
    head, comma, degrees = name.partition(",")
    out = []
    in_prefixes, first = True, True
    for part in _SPACE_SPLIT_RE.split(head):
        if not part.strip() or (in_prefixes and part.lower() in _NAME_PREFIXES):
            out.append(part)
            continue
        in_prefixes = False
        if style == "upper":
            out.append(part.upper())
        elif not first and part.lower() in _NAME_PARTICLES:
            out.append(part.lower())
        else:
            out.append(_LETTER_RUN_RE.sub(lambda m: _capitalise(m.group()), part))
        first = False
    return "".join(out) + comma + degrees


def name_sort_key(name: str) -> str:
    """What a list of people sorts by: the name proper, without titles or degrees.

    ``"Dr. Budi Santoso, S.Kom., M.T."`` and ``"Ir. H. Budi Santoso"`` both sort as
    ``"budi santoso"``: a list ordered by the full text would put every Dr., Drs. and Ir.
    together instead of finding Budi under B.
    """
    head = name.partition(",")[0]
    parts = head.split()
    while len(parts) > 1 and parts[0].lower() in _NAME_PREFIXES:
        parts.pop(0)
    return " ".join(parts).casefold()


# -- pangkat / golongan -----------------------------------------------------------------------

_RUANG_PER_GOLONGAN = {"I": "abcd", "II": "abcd", "III": "abcd", "IV": "abcde"}
GOLONGAN_RUANG: tuple[str, ...] = tuple(
    f"{gol}/{ruang}" for gol, ruangs in _RUANG_PER_GOLONGAN.items() for ruang in ruangs
)
"""Every civil-service golongan/ruang, lowest first: ``"I/a"`` … ``"IV/e"``."""
_GOLONGAN_RE = re.compile(r"\s*(IV|III|II|I)\s*/\s*([A-Ea-e])\s*", re.IGNORECASE)


def validate_golongan(text: str) -> str:
    """Return the canonical form (``"IV/c"``) of a golongan typed as ``"iv / C"`` etc.

    Raises:
        ValidationError: ``field="golongan"``, ``code="golongan"`` if not I/a..I/d,
            II/a..II/d, III/a..III/d or IV/a..IV/e.
    """
    m = _GOLONGAN_RE.fullmatch(text)
    canonical = f"{m.group(1).upper()}/{m.group(2).lower()}" if m else ""
    if canonical not in GOLONGAN_RUANG:
        raise ValidationError(
            "golongan", "golongan", _("the golongan must be between I/a and IV/e")
        )
    return canonical


def format_pangkat(pangkat: str, golongan: str) -> str:
    """Pangkat line of a signature block: ``"Pembina Utama Muda (IV/c)"``.

    Raises:
        ValidationError: ``field="pangkat"``, ``code="required"`` for an empty pangkat, or
            as :func:`validate_golongan`.
    """
    if not pangkat.strip():
        raise ValidationError("pangkat", "required", _("the pangkat is not filled in"))
    return f"{pangkat.strip()} ({validate_golongan(golongan)})"


def signature_lines(signer: Signer, case_name: str) -> list[str]:
    """The jabatan lines above the signature, with the delegation form.

    The last line always ends with a comma; ``a.n.``/``u.b.`` stay lower case whatever the
    casing of the jabatan (``case_name``: ``upper``, ``title`` or ``as_written``).
    """

    def case(text: str) -> str:
        return jabatan_case(text.rstrip(" ,"), case_name)  # type: ignore[arg-type]

    jabatan = case(signer.person.jabatan)
    d = signer.delegasi
    if d is not None and d.pelaksana:
        jabatan = f"{d.pelaksana} {jabatan}"  # "a.n. BUPATI / Plh. SEKRETARIS DAERAH,"
    if d is None:
        lines = [jabatan]
    elif d.bentuk == "a.n.":
        lines = [f"a.n. {case(d.atas_nama)}", jabatan]
    elif d.bentuk == "u.b.":
        lines = [f"a.n. {case(d.atas_nama)}", case(d.jabatan_antara), "u.b.", jabatan]
    else:  # Plt., Plh., Pj. sign in the jabatan they stand in for
        lines = [f"{d.bentuk} {jabatan}"]
    lines[-1] += ","
    return lines


#: Control characters no text field of a letter may hold: C0 except tab and newline, DEL, and
#: C1 (a terminal obeys them: ESC, BEL, OSC, the one-byte CSI 0x9b).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_character(text: str) -> str | None:
    """The first control character in ``text`` as ``U+XXXX``, or None (tab and newline are
    text)."""
    found = CONTROL_CHARACTERS.search(text)
    return f"U+{ord(found.group()):04X}" if found else None
