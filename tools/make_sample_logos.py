"""Generate the sample letterhead logos in ``resources/logos/``.

The two logos are ORIGINAL sample artwork made for TNDE Desktop. They are not
the coat of arms of any real region or office: "Provinsi Nusantara Raya" and
"Kabupaten Sukamaju" are fictional, and each logo carries the word CONTOH
(sample). Offices put their own lambang in their profile.

The artwork is drawn with Pillow (a dependency of reportlab) on a 4x canvas
and scaled down, so edges are anti-aliased. Output: black ink on a white
shield, transparent outside, 8-bit grey + alpha PNG, 600 px on the long side.

Usage::

    python tools/make_sample_logos.py [OUTPUT_DIR]

OUTPUT_DIR defaults to ``resources/logos`` next to this script's parent.
The output is deterministic: running it again gives identical files.
"""

from __future__ import annotations

import itertools
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageChops, ImageDraw, ImageFont

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

REPO = Path(__file__).resolve().parents[1]
FONT_BOLD = REPO / "resources" / "fonts" / "LiberationSans-Bold.ttf"

FINAL = 600  # long side of the written PNG, in pixels
SS = 4  # supersampling factor
S = FINAL * SS  # working canvas size (square)

Point = tuple[float, float]


# --------------------------------------------------------------------------- geometry helpers


def px(p: Point) -> tuple[float, float]:
    """Unit coordinates (0..1, y down) to working-canvas pixels."""
    return (p[0] * S, p[1] * S)


def cubic(p0: Point, p1: Point, p2: Point, p3: Point, n: int = 48) -> list[Point]:
    """Sample a cubic Bezier curve (including both end points)."""
    out = []
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        out.append(
            (
                u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
            )
        )
    return out


def quad(p0: Point, p1: Point, p2: Point, n: int = 40) -> list[Point]:
    """Sample a quadratic Bezier curve (including both end points)."""
    out = []
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        out.append(
            (
                u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0],
                u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1],
            )
        )
    return out


def arc(c: Point, r: float, a0: float, a1: float, n: int = 40) -> list[Point]:
    """Points on a circular arc; angles in degrees, 0 = right, 90 = down."""
    return [
        (
            c[0] + r * math.cos(math.radians(a0 + (a1 - a0) * i / n)),
            c[1] + r * math.sin(math.radians(a0 + (a1 - a0) * i / n)),
        )
        for i in range(n + 1)
    ]


def mirror(points: Sequence[Point]) -> list[Point]:
    """Mirror points about the vertical centre line x = 0.5, in reverse order."""
    return [(1 - x, y) for x, y in reversed(points)]


def blank() -> Image.Image:
    return Image.new("L", (S, S), 0)


def fill(mask: Image.Image, poly: Sequence[Point], value: int = 255) -> None:
    ImageDraw.Draw(mask).polygon([px(p) for p in poly], fill=value)


def stroke(
    mask: Image.Image,
    pts: Sequence[Point],
    width: float,
    value: int = 255,
    closed: bool = False,
) -> None:
    """Stroke a polyline with round joins and caps (width in unit coordinates).

    Drawn as one quadrilateral per segment plus a disc at every vertex: Pillow's
    own wide ``line`` leaves hairline seams between short segments of a curve.
    """
    d = ImageDraw.Draw(mask)
    pp = [px(p) for p in pts]
    if closed:
        pp = [*pp, pp[0]]
    r = width * S / 2
    for (x0, y0), (x1, y1) in itertools.pairwise(pp):
        length = math.hypot(x1 - x0, y1 - y0)
        if length > 0:
            nx, ny = -(y1 - y0) / length * r, (x1 - x0) / length * r
            d.polygon(
                [(x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny), (x0 - nx, y0 - ny)],
                fill=value,
            )
    for x, y in pp:
        d.ellipse((x - r, y - r, x + r, y + r), fill=value)


def disc(mask: Image.Image, c: Point, r: float, value: int = 255) -> None:
    x, y = px(c)
    ImageDraw.Draw(mask).ellipse((x - r * S, y - r * S, x + r * S, y + r * S), fill=value)


def union(a: Image.Image, b: Image.Image) -> Image.Image:
    return ImageChops.lighter(a, b)


def minus(a: Image.Image, b: Image.Image) -> Image.Image:
    return ImageChops.subtract(a, b)


def clip(a: Image.Image, b: Image.Image) -> Image.Image:
    return ImageChops.multiply(a, b)


def inset(shape_poly: Sequence[Point], d: float) -> Image.Image:
    """Mask of the polygon eroded by distance d (unit coordinates)."""
    m = blank()
    fill(m, shape_poly)
    edge = blank()
    stroke(edge, shape_poly, 2 * d, closed=True)
    return minus(m, edge)


def row_extent(mask: Image.Image, y: float) -> tuple[float, float]:
    """Left and right ends (unit coordinates) of a mask's ink on the row at height y."""
    row = mask.crop((0, round(y * S), S, round(y * S) + 1))
    box = row.getbbox()
    if box is None:
        return (0.5, 0.5)
    return (box[0] / S, box[2] / S)


def text_mask(
    text: str, centre: Point, height: float, max_width: float, tracking: float = 0.12
) -> Image.Image:
    """White text (cap height ~ height) centred at centre, letter-spaced, as a mask."""
    m = blank()
    size = round(height * S / 0.72)  # Liberation Sans cap height is ~0.72 em
    if FONT_BOLD.exists():
        font: ImageFont.FreeTypeFont | ImageFont.ImageFont = ImageFont.truetype(
            str(FONT_BOLD), size
        )
    else:  # pragma: no cover - fonts are bundled in the repo
        font = ImageFont.load_default(size)
    d = ImageDraw.Draw(m)
    widths = [d.textlength(ch, font=font) for ch in text]
    gap = tracking * size
    total = sum(widths) + gap * (len(text) - 1)
    scale = min(1.0, max_width * S / total)
    if scale < 1.0:
        return text_mask(text, centre, height * scale, max_width, tracking)
    x = centre[0] * S - total / 2
    y = centre[1] * S
    for ch, w in zip(text, widths, strict=True):
        d.text((x, y), ch, font=font, fill=255, anchor="ls")
        x += w + gap
    # anchor "ls" puts the baseline at y; shift so the caps are centred on centre[1]
    return ImageChops.offset(m, 0, round(height * S / 2))


# --------------------------------------------------------------------------- compositing


def render(silhouette: Image.Image, ink: Image.Image, path: Path) -> int:
    """Black ink over a white silhouette on transparency; crop, downscale, save as LA PNG."""
    ink = clip(ink, silhouette)
    white = Image.new("RGBA", (S, S), (255, 255, 255, 0))
    white.putalpha(silhouette)
    black = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    black.putalpha(ink)
    img = Image.alpha_composite(Image.new("RGBA", (S, S), (0, 0, 0, 0)), white)
    img = Image.alpha_composite(img, black)

    left, top, right, bottom = silhouette.getbbox() or (0, 0, S, S)
    pad = round(0.01 * S)
    box = (max(0, left - pad), max(0, top - pad), min(S, right + pad), min(S, bottom + pad))
    img = img.crop(box)
    w, h = img.size
    k = FINAL / max(w, h)
    img = img.resize((max(1, round(w * k)), max(1, round(h * k))), Image.Resampling.LANCZOS)
    # 32 evenly spaced levels per channel: looks the same, compresses to about half
    levels = [round(round(v * 31 / 255) * 255 / 31) for v in range(256)]
    grey, alpha = img.convert("LA").split()
    img = Image.merge("LA", (grey.point(levels), alpha.point(levels)))
    img.save(path, optimize=True)
    return path.stat().st_size


# --------------------------------------------------------------------------- the two logos


def shield_provinsi() -> list[Point]:
    """Heater shield: flat top, straight sides, curving to a point at the bottom."""
    top, l_x, side_end = 0.05, 0.13, 0.47
    left = [(0.5, 0.965)]
    left += cubic((0.5, 0.965), (0.33, 0.89), (l_x, 0.76), (l_x, side_end))[1:]
    left += [(l_x, top)]
    right = mirror(left)
    return left + right[:-1]


def logo_provinsi(out: Path) -> int:
    """Sample logo for a provincial agency: tower with signal arcs over waves."""
    shield = shield_provinsi()
    sil = blank()
    fill(sil, shield)

    ink = blank()
    # double border: heavy outer ring, thin inner ring
    ink = union(ink, minus(sil, inset(shield, 0.024)))
    ink = union(ink, minus(inset(shield, 0.038), inset(shield, 0.049)))
    inner = inset(shield, 0.049)

    # chief (top band) with CONTOH knocked out
    band = blank()
    fill(band, [(0, 0), (1, 0), (1, 0.175), (0, 0.175)])
    band = clip(band, inner)
    ink = union(ink, band)
    ink = minus(ink, text_mask("CONTOH", (0.5, 0.118), 0.052, 0.56))
    # thin line under the band
    rule = blank()
    stroke(rule, [(0, 0.195), (1, 0.195)], 0.009)
    ink = union(ink, clip(rule, inner))

    art = blank()
    # lattice tower
    base_y, top_y = 0.715, 0.385
    bl, br = (0.415, base_y), (0.585, base_y)
    tl, tr = (0.488, top_y), (0.512, top_y)
    w = 0.015

    def leg(p: Point, q: Point, t: float) -> Point:
        return (p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)

    stroke(art, [bl, tl], w)
    stroke(art, [br, tr], w)
    levels = [0.0, 0.36, 0.64, 0.86, 1.0]
    for a, b in itertools.pairwise(levels):
        la, ra = leg(bl, tl, a), leg(br, tr, a)
        lb, rb = leg(bl, tl, b), leg(br, tr, b)
        stroke(art, [la, ra], w * 0.8)
        stroke(art, [la, rb], w * 0.65)
        stroke(art, [ra, lb], w * 0.65)
    # mast and beacon
    beacon = (0.5, 0.318)
    stroke(art, [(0.5, top_y), (0.5, beacon[1])], w)
    disc(art, beacon, 0.024)
    # signal arcs either side of the beacon
    for r in (0.065, 0.105, 0.145):
        stroke(art, arc(beacon, r, -38, 38), 0.016)
        stroke(art, arc(beacon, r, 142, 218), 0.016)

    # sea: two waves under the tower, each ending short of the inner ring
    room = inset(shield, 0.085)
    for i, y in enumerate((0.75, 0.812)):
        x0, x1 = row_extent(room, y + 0.015)
        phase = math.pi * (0.5 + i)
        n = 200
        wave = [
            (x, y + 0.013 * math.sin(2 * math.pi * (x - 0.5) / 0.15 + phase))
            for x in (x0 + (x1 - x0) * j / n for j in range(n + 1))
        ]
        stroke(art, wave, 0.02)

    # keep the art inside the inner ring with a small white gap
    ink = union(ink, clip(art, inset(shield, 0.062)))
    return render(sil, ink, out)


def shield_kabupaten() -> list[Point]:
    """Shield with a concave top between raised corners and a rounded bottom."""
    l_x, corner_y, dip_y, side_end, bottom = 0.16, 0.045, 0.095, 0.55, 0.9
    top = quad((l_x, corner_y), (0.5, dip_y + (dip_y - corner_y)), (1 - l_x, corner_y))
    right_side = [(1 - l_x, side_end)]
    right_side += cubic((1 - l_x, side_end), (1 - l_x, 0.77), (0.66, bottom), (0.5, bottom))[1:]
    left_side = mirror(right_side)[1:]
    return top + right_side + left_side


def leaf(base: Point, tip: Point, width: float) -> list[Point]:
    """A pointed leaf (two quadratic curves) from base to tip."""
    mx, my = (base[0] + tip[0]) / 2, (base[1] + tip[1]) / 2
    dx, dy = tip[0] - base[0], tip[1] - base[1]
    n = math.hypot(dx, dy)
    nx, ny = -dy / n, dx / n
    c1 = (mx + nx * width, my + ny * width)
    c2 = (mx - nx * width, my - ny * width)
    return quad(base, c1, tip) + quad(tip, c2, base)[1:]


def logo_kabupaten(out: Path) -> int:
    """Sample logo for a kabupaten: sun, mountains and a sprout, with a ribbon."""
    shield = shield_kabupaten()
    sil = blank()
    fill(sil, shield)

    # ribbon across the bottom of the shield, tails folded behind
    ribbon_top, ribbon_bot = 0.835, 0.925
    sag = 0.03

    def ribbon_edge(y: float, x0: float, x1: float) -> list[Point]:
        return quad((x0, y), (0.5, y + 2 * sag), (x1, y))

    front = ribbon_edge(ribbon_top, 0.17, 0.83) + list(
        reversed(ribbon_edge(ribbon_bot, 0.17, 0.83))
    )
    tail_l = [
        (0.17, ribbon_top + 0.02),
        (0.05, ribbon_top + 0.02),
        (0.095, 0.915),
        (0.05, ribbon_bot + 0.035),
        (0.17, ribbon_bot + 0.035),
    ]
    tail_r = mirror(tail_l)
    ribbon = blank()
    for poly in (front, tail_l, tail_r):
        fill(ribbon, poly)
    sil = union(sil, ribbon)

    ink = blank()
    ink = union(ink, minus(inset(shield, 0.0), inset(shield, 0.024)))
    ink = union(ink, minus(inset(shield, 0.038), inset(shield, 0.049)))
    inner = inset(shield, 0.062)

    art = blank()
    # sun with short rays, upper right
    sun = (0.655, 0.255)
    disc(art, sun, 0.048)
    for k in range(12):
        a = math.radians(k * 30 + 15)
        p = (sun[0] + 0.066 * math.cos(a), sun[1] + 0.066 * math.sin(a))
        q = (sun[0] + 0.092 * math.cos(a), sun[1] + 0.092 * math.sin(a))
        stroke(art, [p, q], 0.014)

    # mountains: small one behind, big one in front with a white outline between
    small = [(0.46, 0.64), (0.695, 0.385), (0.93, 0.64)]
    big = [(0.05, 0.64), (0.385, 0.285), (0.72, 0.64)]
    m_small, m_big = blank(), blank()
    fill(m_small, small)
    fill(m_big, big)
    halo = blank()
    stroke(halo, big, 0.026, closed=True)
    art = minus(art, union(m_small, halo))  # mountains hide the sun's lower rays
    art = union(art, minus(m_small, union(halo, m_big)))
    art = union(art, m_big)
    # snow line on the big peak
    snow = [(0.31, 0.385), (0.345, 0.36), (0.375, 0.395), (0.41, 0.365), (0.44, 0.39)]
    cap = blank()
    stroke(cap, snow, 0.014)
    art = minus(art, cap)

    # fields: curved furrows below the mountains
    for y, bend in ((0.685, 0.02), (0.735, 0.03), (0.785, 0.04)):
        stroke(art, quad((0.0, y), (0.5, y + 2 * bend), (1.0, y)), 0.014)

    # sprout: stem, two leaves and a bud, in front of everything with a white halo
    fork, stem_base = (0.5, 0.7), (0.5, 0.845)
    parts = [
        (fork, (0.285, 0.54), 0.068),  # left leaf
        (fork, (0.715, 0.54), 0.068),  # right leaf
        ((0.5, 0.72), (0.5, 0.445), 0.05),  # bud
    ]
    sprout, halo, ribs = blank(), blank(), blank()
    stroke(sprout, [stem_base, fork], 0.024)
    stroke(halo, [stem_base, fork], 0.024 + 0.036)
    for base, tip, width in parts:
        shape = leaf(base, tip, width)
        fill(sprout, shape)
        fill(halo, shape)
        stroke(halo, shape, 0.036, closed=True)
        stroke(ribs, [leaf_point(base, tip, 0.3), leaf_point(base, tip, 0.78)], 0.01)
    art = minus(art, halo)
    art = union(art, minus(sprout, ribs))

    ink = union(ink, clip(art, inner))

    # ribbon: white inside, black outline, CONTOH in black
    rib_white = blank()
    for poly in (tail_l, tail_r):
        fill(rib_white, poly)
    outline = blank()
    for poly in (tail_l, tail_r):
        stroke(outline, poly, 0.016, closed=True)
    ink = minus(ink, rib_white)
    ink = union(ink, outline)
    front_mask = blank()
    fill(front_mask, front)
    front_outline = blank()
    stroke(front_outline, front, 0.016, closed=True)
    ink = minus(ink, front_mask)  # front of the ribbon covers shield and tails
    ink = union(ink, front_outline)
    ink = union(ink, text_mask("CONTOH", (0.5, 0.908), 0.046, 0.5))
    return render(sil, ink, out)


def leaf_point(base: Point, tip: Point, t: float) -> Point:
    return (base[0] + (tip[0] - base[0]) * t, base[1] + (tip[1] - base[1]) * t)


def star(c: Point, r_out: float, r_in: float, points: int = 5) -> list[Point]:
    """A star polygon with its first point straight up."""
    out = []
    for i in range(points * 2):
        r = r_out if i % 2 == 0 else r_in
        a = -math.pi / 2 + i * math.pi / points
        out.append((c[0] + r * math.cos(a), c[1] + r * math.sin(a)))
    return out


def emblem_jabatan(out: Path) -> int:
    """Sample emblem for a kop jabatan (Gubernur, Bupati, Wali Kota).

    A kop jabatan carries the lambang negara; this stand-in is deliberately nothing like
    it: a round seal with a plain star, two rows of stylised leaves and a "CONTOH" ribbon,
    so no letter printed with it can pass for a real one.
    """
    centre, radius = (0.5, 0.46), 0.42
    sil = blank()
    disc(sil, centre, radius)
    ribbon = [(0.08, 0.80), (0.92, 0.80), (0.96, 0.94), (0.04, 0.94)]
    fill(sil, ribbon)
    ink = blank()
    ring = blank()
    disc(ring, centre, radius)
    hole = blank()
    disc(hole, centre, radius - 0.035)
    ink = union(ink, minus(ring, hole))
    inner = blank()
    disc(inner, centre, radius - 0.07)
    inner_hole = blank()
    disc(inner_hole, centre, radius - 0.085)
    ink = union(ink, minus(inner, inner_hole))
    fill(ink, star((0.5, 0.40), 0.15, 0.06))
    # two sprays of leaves curving up each side of the star
    for side in (-1, 1):
        for k in range(5):
            t = k / 4
            base = (0.5 + side * (0.13 + 0.09 * t), 0.66 - 0.30 * t)
            tip = (base[0] + side * 0.07, base[1] - 0.05)
            fill(ink, leaf(base, tip, 0.035))
    fill(ink, ribbon)
    ink = minus(ink, text_mask("CONTOH", (0.5, 0.87), 0.07, 0.72))
    return render(sil, ink, out)


LOGOS: dict[str, Callable[[Path], int]] = {
    "logo-provinsi-contoh.png": logo_provinsi,
    "logo-kabupaten-contoh.png": logo_kabupaten,
    "lambang-jabatan-contoh.png": emblem_jabatan,
}


def main(argv: Sequence[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else REPO / "resources" / "logos"
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, make in LOGOS.items():
        size = make(out_dir / name)
        sys.stdout.write(f"{out_dir / name}: {size} bytes\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
