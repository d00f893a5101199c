"""A static map of the places a brief mentions, drawn locally as inline SVG.

No tiles, no fetches: an equirectangular projection fitted to the points (with
longitude scaled by the cosine of the middle latitude so shapes are not
stretched at high latitudes), a labelled graticule, and one dot per place,
its area growing with the number of mentions. Continents are left off.
"""

from __future__ import annotations

import math
from collections import Counter
from html import escape

from sitrep.records import Place

WIDTH, HEIGHT, MARGIN = 720, 420, 40
STEPS = (0.5, 1, 2, 5, 10, 15, 30, 45, 90)


def _step(span: float) -> float:
    for step in STEPS:
        if span / step <= 8:
            return step
    return 90


def _fmt(deg: float, pos: str, neg: str) -> str:
    hemi = pos if deg >= 0 else neg
    value = abs(deg)
    return f"{value:g}°{hemi}"


def render_svg(places: list[Place], width: int = WIDTH, height: int = HEIGHT) -> str:
    """An ``<svg>`` element showing every resolved place; unresolved ones are listed in its title."""
    counts: Counter = Counter()
    where: dict[tuple, tuple[float, float]] = {}
    for p in places:
        if p.name is None or p.lat is None or p.lon is None:
            continue
        if p.country is None and p.match != "user":
            continue  # a continent: a dot in its middle would only stretch the map
        key = (p.name, p.country)
        counts[key] += 1
        where.setdefault(key, (p.lat, p.lon))
    label = "Map of places mentioned"
    if not counts:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="60" role="img" '
            f'aria-label="{label}"><title>{label}</title>'
            '<text x="10" y="35" font-family="sans-serif" font-size="14" fill="#555">'
            "No places could be located.</text></svg>"
        )
    lats = [lat for lat, _ in where.values()]
    lons = [lon for _, lon in where.values()]
    lat0, lat1 = min(lats), max(lats)
    lon0, lon1 = min(lons), max(lons)
    pad_lat = max((lat1 - lat0) * 0.15, 1.0)
    pad_lon = max((lon1 - lon0) * 0.15, 1.0)
    lat0, lat1 = max(lat0 - pad_lat, -85.0), min(lat1 + pad_lat, 85.0)
    lon0, lon1 = max(lon0 - pad_lon, -180.0), min(lon1 + pad_lon, 180.0)
    kx = math.cos(math.radians((lat0 + lat1) / 2))
    inner_w, inner_h = width - 2 * MARGIN, height - 2 * MARGIN
    scale = min(inner_w / ((lon1 - lon0) * kx), inner_h / (lat1 - lat0))
    # centre the fitted box
    off_x = MARGIN + (inner_w - (lon1 - lon0) * kx * scale) / 2
    off_y = MARGIN + (inner_h - (lat1 - lat0) * scale) / 2

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return off_x + (lon - lon0) * kx * scale, off_y + (lat1 - lat) * scale

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{label}" class="placemap">',
        f"<title>{label}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#f4f7fa"/>',
        '<g class="graticule" stroke="#c9d3dd" stroke-width="0.6" font-family="sans-serif" '
        'font-size="9" fill="#7a8794">',
    ]
    step = _step(max(lon1 - lon0, lat1 - lat0))
    lon = math.ceil(lon0 / step) * step
    while lon <= lon1:
        x, _ = xy(lat0, lon)
        _, y_top = xy(lat1, lon)
        _, y_bot = xy(lat0, lon)
        out.append(f'<line x1="{x:.1f}" y1="{y_top:.1f}" x2="{x:.1f}" y2="{y_bot:.1f}"/>')
        out.append(f'<text x="{x + 2:.1f}" y="{y_bot - 3:.1f}" stroke="none">{_fmt(lon, "E", "W")}</text>')
        lon += step
    lat = math.ceil(lat0 / step) * step
    while lat <= lat1:
        x_l, y = xy(lat, lon0)
        x_r, _ = xy(lat, lon1)
        out.append(f'<line x1="{x_l:.1f}" y1="{y:.1f}" x2="{x_r:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text x="{x_l + 2:.1f}" y="{y - 3:.1f}" stroke="none">{_fmt(lat, "N", "S")}</text>')
        lat += step
    out.append("</g>")
    out.append('<g class="places" font-family="sans-serif" font-size="12" fill="#1b2733">')
    for (name, country), n in sorted(counts.items(), key=lambda kv: -kv[1]):
        x, y = xy(*where[(name, country)])
        r = 3 + 2.2 * math.sqrt(n)
        title = escape(f"{name}{', ' + country if country else ''}: {n} mention{'s' if n != 1 else ''}")
        out.append(
            f'<g><title>{title}</title><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" '
            'fill="#c0392b" fill-opacity="0.75" stroke="#fff" stroke-width="1"/>'
            f'<text x="{x + r + 3:.1f}" y="{y + 4:.1f}">{escape(name)}</text></g>'
        )
    out.append("</g></svg>")
    return "".join(out)
