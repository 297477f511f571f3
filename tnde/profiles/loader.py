"""Load and validate office profiles from TOML.

A profile file is ``<id>.toml``; a broken one fails with the file, the key and the problem
named, never with a half-built profile.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from tnde.datafile import Table, load_toml
from tnde.errors import NumberingError, ProfileError
from tnde.messages import _
from tnde.numbering import SeriesPolicy, parse_pattern
from tnde.profiles.model import (
    ARAHAN,
    CLAIMED_AUTHORITIES,
    DEFAULT_INSTRUCTIONS,
    DEFAULT_TIMEZONE,
    ISSUER_PLACEHOLDER,
    PAPER_SIZES_MM,
    Fonts,
    JenisPaper,
    Kop,
    Margins,
    Numbering,
    Profile,
    Style,
    Tte,
)
from tnde.resources import resource_path
from tnde.templates.loader import available_templates
from tnde.templates.model import DOCUMENT_GROUPS

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
_CASINGS = ("upper", "title", "as_written")


def profiles_dir() -> Path:
    """The folder of profiles shipped with the application."""
    return Path(str(resource_path("profiles")))


def available_profiles() -> list[str]:
    """Ids of the shipped profiles, sorted."""
    return sorted(p.stem for p in profiles_dir().glob("*.toml"))


def load_profile(name_or_path: str | Path) -> Profile:
    """Load a shipped profile by id, or any profile file by path.

    Raises:
        ProfileError: the profile does not exist or is invalid; the message names the file,
            the key and the problem.
    """
    path = Path(name_or_path)
    if path.suffix != ".toml":
        path = profiles_dir() / f"{name_or_path}.toml"
        if not path.is_file():
            known = ", ".join(available_profiles()) or "none"
            raise ProfileError(
                str(name_or_path), "", _("unknown profile (available: {known})", known=known)
            )
    try:
        stat = path.stat()
        signature = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError:
        signature = None  # load_toml names the problem
    if signature is not None and signature in _PARSED:
        return _PARSED[signature]
    profile = parse_profile(load_toml(path, ProfileError), path)
    if signature is not None:
        # a letter's life asks for its profile a dozen times (inputs, route, zone, signing);
        # the file is parsed again only when it changes
        _PARSED[signature] = profile
    return profile


_PARSED: dict[tuple[str, int, int], Profile] = {}
"""Profiles read, by file, modification time and size (:class:`Profile` is frozen)."""


def parse_profile(data: dict[str, object], path: Path) -> Profile:
    """Build a :class:`Profile` from parsed TOML ``data`` read from ``path``."""
    root = Table(data, str(path), error=ProfileError)
    version = root.integer("schema_version")
    if version != SCHEMA_VERSION:
        raise root.fail(
            "schema_version", _("version {version} is not supported (expected 1)", version=version)
        )
    profile_id = root.text("id", nonempty=True)
    if profile_id != path.stem:
        raise root.fail(
            "id",
            _(
                "{profile_id!r} must equal the file name {stem!r}",
                profile_id=profile_id,
                stem=path.stem,
            ),
        )
    nama = root.text("nama", nonempty=True)
    daerah = root.text("daerah", "")
    timezone = root.text("timezone", DEFAULT_TIMEZONE)
    try:
        ZoneInfo(timezone)
    except (ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        raise root.fail(
            "timezone", _("{timezone!r} is not a time zone (e.g. Asia/Makassar)", timezone=timezone)
        ) from None
    paper = root.table("paper", required=True)
    paper_name = paper.choice("size", LETTER_PAPERS)
    paper_by_jenis = _paper_by_jenis(paper.table("jenis"))
    paper.done()
    profile = Profile(
        id=profile_id,
        nama=nama,
        daerah=daerah,
        timezone=timezone,
        holidays=_holidays(root),
        instructions=root.str_list("disposition_instructions", DEFAULT_INSTRUCTIONS)
        or DEFAULT_INSTRUCTIONS,
        paper=paper_name,
        margins=_margins(root.table("margins", required=True)),
        paper_by_jenis=paper_by_jenis,
        fonts=_fonts(root.table("fonts", required=True)),
        kop=_kop(root.table("kop", required=True), path),
        kop_jabatan=_kop_jabatan(root, path),
        style=_style(root.table("style")),
        tte=_tte(root.table("tte", required=True)),
        numbering=_numbering(root.table("numbering", required=True)),
        source=path,
    )
    root.done()
    _check_kop_emblems(profile, path)
    log.debug("loaded profile %s from %s", profile_id, path)
    return profile


#: Paper sizes a profile's letters may use; half a folio only suits a form (``[paper.jenis]``).
LETTER_PAPERS = ("A4", "F4", "F4-210")


def _paper_by_jenis(t: Table) -> dict[str, JenisPaper]:
    """``[paper.jenis]``: ``laporan = "A4"``, or a table with ``size`` and ``margins``."""
    known = set(available_templates())
    out: dict[str, JenisPaper] = {}
    for jenis in t.names():
        if jenis not in known:
            raise t.fail(jenis, _("unknown jenis (known: {known})", known=", ".join(sorted(known))))
        value = t.raw(jenis)
        entry = Table(
            value if isinstance(value, dict) else {"size": value},
            t.source,
            t.key_path(jenis),
            t.error,
        )
        size = entry.choice("size", tuple(PAPER_SIZES_MM))
        margins = (
            _margins(entry.table("margins"), bottom_minimum=10) if entry.has("margins") else None
        )
        entry.done()
        out[jenis] = JenisPaper(size=size, margins=margins)
    t.done()
    return out


def _kop_jabatan(root: Table, path: Path) -> Kop | None:
    return _kop(root.table("kop_jabatan"), path) if root.has("kop_jabatan") else None


def _check_kop_emblems(profile: Profile, path: Path) -> None:
    """The kop jabatan carries the lambang negara, never the region's own lambang."""
    jabatan = profile.kop_jabatan
    if jabatan is None or jabatan.logo is None or profile.kop.logo is None:
        return
    if jabatan.logo.resolve() == profile.kop.logo.resolve():
        raise ProfileError(
            str(path),
            "kop_jabatan.logo",
            _(
                "the kop jabatan (Gubernur, Bupati, Wali Kota) carries the lambang negara, "
                "not the region's lambang of [kop]: give it its own emblem image"
            ),
        )


def _holidays(root: Table) -> frozenset[dt.date]:
    """Dates of public holidays (``holidays = [2026-12-25, …]``)."""
    raw = root.raw("holidays", [])
    if not isinstance(raw, list):
        raise root.fail("holidays", _("expected a list of dates"))
    days = set()
    for i, item in enumerate(raw):
        if isinstance(item, dt.datetime) or not isinstance(item, dt.date):
            raise root.fail(
                f"holidays[{i}]", _("expected a date (YYYY-MM-DD), got {item!r}", item=item)
            )
        days.add(item)
    return frozenset(days)


def _margins(t: Table, *, bottom_minimum: float = 18) -> Margins:
    top = t.number("top", minimum=5, maximum=80)
    margins = Margins(
        top=top,
        # the bottom margin holds the TTE footer (about 12 mm) below the body; a form without
        # the footer (a half-folio Lembar Disposisi) may have less
        bottom=t.number("bottom", minimum=bottom_minimum, maximum=80),
        left=t.number("left", minimum=5, maximum=80),
        right=t.number("right", minimum=5, maximum=80),
        # pages without a kop keep at least 2 cm above the page number and the text
        top_continuation=t.number("top_continuation", max(20.0, top), minimum=20, maximum=80),
    )
    t.done()
    return margins


def _fonts(t: Table) -> Fonts:
    size = t.number("size", 12.0, minimum=8, maximum=16)
    leading = t.number("leading", 1.2, minimum=1.0, maximum=2.5)
    by_group = {}
    for group in DOCUMENT_GROUPS:
        by_group[group] = t.choice(group, ("sans", "serif"), "sans")
    t.done()
    return Fonts(by_group=by_group, size=size, leading=leading)


def _kop(t: Table, profile_path: Path) -> Kop:
    lines = t.str_list("lines")
    if not lines:
        raise t.fail("lines", _("a kop needs at least one line"))
    blank = next((i for i, line in enumerate(lines) if not line.strip()), None)
    if blank is not None:
        raise t.fail(f"lines[{blank}]", _("a kop line must not be empty"))
    sizes = _sizes(t, "line_sizes", (14.0, 16.0))
    address_lines = _address_lines(t)
    logo_text = t.text("logo", "")
    logo = _resolve_logo(t, logo_text, profile_path) if logo_text else None
    kop = Kop(
        lines=lines,
        address_lines=address_lines,
        logo=logo,
        logo_width_mm=t.number("logo_width_mm", 22.0, minimum=5, maximum=60),
        name_sizes=sizes,
        bold_from=t.integer("bold_from", 1 if len(lines) > 1 else 0, minimum=0, maximum=len(lines)),
        address_size=t.number("address_size", 10.0, minimum=6, maximum=14),
        rule=t.choice("rule", ("single", "double", "thick-thin", "none"), "thick-thin"),
        logo_position=t.choice("logo_position", ("left", "top"), "left"),
    )
    t.done()
    return kop


def _sizes(t: Table, key: str, default: tuple[float, ...]) -> tuple[float, ...]:
    """A list of point sizes for kop lines, each between 6 and 24 pt."""
    raw = t.raw(key, list(default))
    if not isinstance(raw, list) or not raw:
        raise t.fail(key, _("expected a list of point sizes, e.g. [14, 16]"))
    sizes = []
    for i, item in enumerate(raw):
        if isinstance(item, bool) or not isinstance(item, int | float):
            raise t.fail(f"{key}[{i}]", _("expected a number of points, got {item!r}", item=item))
        if not 6 <= item <= 24:
            raise t.fail(f"{key}[{i}]", _("{item} pt is outside 6–24 pt", item=item))
        sizes.append(float(item))
    return tuple(sizes)


def _address_lines(t: Table) -> tuple[str, ...]:
    """Compose the address lines from their parts, as kop perangkat daerah print them."""
    address = t.text("address", "")
    phone = t.text("phone", "")
    fax = t.text("fax", "")
    email = t.text("email", "")
    website = t.text("website", "")
    city = t.text("city", "")
    # Short lines rather than one long one: the address; telephone and fax; pos-el and laman.
    # A single line would have to shrink below the 10 pt the address is set in.
    phones = ", ".join(
        p for p in (f"Telepon {phone}" if phone else "", f"Faksimile {fax}" if fax else "") if p
    )
    online = ", ".join(
        p for p in (f"Pos-el {email}" if email else "", f"Laman {website}" if website else "") if p
    )
    return tuple(line for line in (address, phones, online, city) if line)


def _resolve_logo(t: Table, logo_text: str, profile_path: Path) -> Path:
    """A logo path relative to the profile file, then to the shipped resources."""
    candidates = [profile_path.parent / logo_text, Path(str(resource_path(*logo_text.split("/"))))]
    for candidate in candidates:
        if candidate.is_file():
            _check_image(t, candidate)
            return candidate
    raise t.fail(
        "logo",
        _(
            "image file {logo_text!r} not found next to the profile or in resources",
            logo_text=logo_text,
        ),
    )


def _check_image(t: Table, path: Path) -> None:
    """Fail at load time, naming the profile key, when the logo is not a readable image."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.verify()
    except (OSError, UnidentifiedImageError, SyntaxError) as exc:
        # the library's words go to the log; the user is told what is wrong with the file
        log.info("logo %s: %s: %s", path, exc.__class__.__name__, exc)
        raise t.fail(
            "logo",
            _("{path} is not a readable image: damaged, or not an image file", path=path.name),
        ) from None


def _style(t: Table) -> Style:
    style = Style(
        jabatan_case=t.choice("jabatan_case", _CASINGS, "upper"),
        name_case=t.choice("name_case", _CASINGS, "upper"),
        name_bold=t.flag("name_bold", True),
        name_underline=t.flag("name_underline", False),
        yth_position=t.choice("yth_position", ("left", "right"), "right"),
        tembusan_label=t.text("tembusan_label", "Tembusan:"),
        tembusan_numbered=t.flag("tembusan_numbered", True),
        tembusan_yth_allowed=t.flag("tembusan_yth_allowed", False),
        date_style=t.choice("date_style", ("long", "long_zero"), "long"),
        show_place=t.flag("show_place", True),
        default_place=t.text("default_place", ""),
        salam_pembuka=t.text("salam_pembuka", ""),
        body_first_line_indent_mm=t.number(
            "body_first_line_indent_mm", 12.5, minimum=0, maximum=40
        ),
        body_align_with_kepala=t.flag("body_align_with_kepala", True),
        di_style=t.choice("di_style", ("dash", "inline"), "dash"),
        signature_align=t.choice("signature_align", ("center", "left"), "center"),
        yth_person_allowed=t.flag("yth_person_allowed", False),
        hal_max_chars=t.integer("hal_max_chars", 150, minimum=20, maximum=1000),
        future_date_limit_days=t.integer("future_date_limit_days", 30, minimum=0, maximum=3650),
        paraf_max=t.integer("paraf_max", 3, minimum=0, maximum=10),
        route_restart=t.choice("route_restart", ("first", "returner"), "first"),
        kata_penyambung=t.flag("kata_penyambung", False),
        judul_nomor_colon=t.flag("judul_nomor_colon", False),
        tembusan_semicolon=t.flag("tembusan_semicolon", True),
    )
    t.done()
    return style


def _tte(t: Table) -> Tte:
    url = t.text("verification_url", nonempty=True)

    host = urlsplit(url).hostname or ""
    if not url.startswith("https://") or not host.endswith(".go.id"):
        # The public is told to trust only the issuer's own *.go.id domain.
        raise t.fail(
            "verification_url",
            _("{url!r} must be an https:// address on the office's own .go.id domain", url=url),
        )
    if "{document_id}" not in url:
        raise t.fail("verification_url", _("must contain {{document_id}}"))
    footer = t.text("footer", nonempty=True)
    folded = footer.replace(ISSUER_PLACEHOLDER, "").casefold()
    claimed = next(
        (name for name in CLAIMED_AUTHORITIES if re.search(rf"\b{name}\b", folded)), None
    )

    if claimed is not None:
        raise t.fail(
            "footer",
            _(
                "names a certificate authority ({claimed!r}); write {placeholder} instead, "
                "which is replaced by the issuer of the certificate that actually signs",
                claimed=claimed,
                placeholder=ISSUER_PLACEHOLDER,
            ),
        )
    tte = Tte(
        footer=footer,
        verification_url=url,
        caption=t.text("caption", "Ditandatangani secara elektronik oleh:"),
        qr_size_mm=t.number("qr_size_mm", 22.0, minimum=15, maximum=40),
        footer_size=t.number("footer_size", 8.0, minimum=6, maximum=11),
        paraf_elektronik=t.flag("paraf_elektronik", False),
    )

    t.done()
    return tte


def _numbering(t: Table) -> Numbering:
    default = t.text("default", nonempty=True)

    jenis_table = t.table("jenis")
    known = set(available_templates())
    by_jenis = {}
    for name in jenis_table.names():
        if name not in known:
            raise jenis_table.fail(
                name, _("unknown jenis (known: {known})", known=", ".join(sorted(known)))
            )
        by_jenis[name] = jenis_table.text(name, nonempty=True)
    for key, text in [("default", default), *((f"jenis.{k}", v) for k, v in by_jenis.items())]:
        if text == ARAHAN:
            continue  # Keputusan/Peraturan: "NOMOR n TAHUN yyyy", not a pattern
        try:
            parse_pattern(text)
        except NumberingError as exc:
            raise t.fail(
                key, _("bad numbering pattern {text!r}: {detail}", text=text, detail=exc.detail)
            ) from None
    series = SeriesPolicy(
        reset=t.choice("reset", ("yearly", "never"), "yearly"),
        per_unit=t.flag("per_unit", True),
        per_jenis=t.flag("per_jenis", False),
        per_derajat=t.flag("per_derajat", False),
    )
    numbering = Numbering(
        default=default, by_jenis=by_jenis, unit_code=t.text("unit_code", ""), series=series
    )
    t.done()
    return numbering
