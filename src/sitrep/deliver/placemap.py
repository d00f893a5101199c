"""A static map of the places a brief mentions, drawn locally as inline SVG.

No tiles, no fetches: an equirectangular projection zoomed to the points with
a margin (longitude scaled by the cosine of the middle latitude so shapes are
not stretched at high latitudes; a view can cross the antimeridian), country
outlines from Natural Earth where that package is installed (see
``mapdata``), a labelled graticule, and one dot per place, its area growing
with the number of mentions, labelled where the label fits (``maplabels``).
Continents are left off. Without the outlines the map is drawn as before, on
the graticule alone, and its title says why.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from html import escape

from sitrep.deliver import mapdata
from sitrep.deliver.maplabels import FONT_SIZE, Dot, place_labels
from sitrep.records import Place

WIDTH, HEIGHT, MARGIN = 720, 420, 40
STEPS = (0.5, 1, 2, 5, 10, 15, 30, 45, 90)
MIN_SPAN = 4.0  # degrees of latitude (and the same ground distance of longitude) shown at least
PAD = 0.15  # of the points' span, added on each side
MIN_KX = 0.25  # longitude squeeze is capped near the poles


@dataclass(frozen=True)
class View:
    """What part of the globe the canvas shows: its centre and pixels per degree of latitude."""

    clat: float
    clon: float
    scale: float
    kx: float
    width: int
    height: int

    @property
    def half_lon(self) -> float:
        return self.width / 2 / (self.kx * self.scale)

    @property
    def half_lat(self) -> float:
        return self.height / 2 / self.scale

    def unwrap(self, lon: float) -> float:
        """The longitude's copy nearest the centre (for views across the antimeridian)."""
        return (lon - self.clon + 180.0) % 360.0 - 180.0 + self.clon

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        return (
            self.width / 2 + (self.unwrap(lon) - self.clon) * self.kx * self.scale,
            self.height / 2 - (lat - self.clat) * self.scale,
        )


def _lon_range(lons: list[float]) -> tuple[float, float]:
    """The shortest arc holding every longitude: (start, end), end - start
    <= 360, maybe past 180."""
    ring = sorted(set((lon + 180.0) % 360.0 - 180.0 for lon in lons))
    gaps = [(ring[(i + 1) % len(ring)] - ring[i]) % 360.0 for i in range(len(ring))]
    if len(ring) == 1:
        return ring[0], ring[0]
    i = max(range(len(ring)), key=lambda j: gaps[j])  # the widest gap is left out
    start = ring[(i + 1) % len(ring)]
    return start, start + 360.0 - gaps[i]


def fit_view(points: list[tuple[float, float]], width: int = WIDTH, height: int = HEIGHT) -> View:
    """Zoom to the points with a margin; one point, or points close together, get MIN_SPAN."""
    lats = [lat for lat, _ in points]
    lat0, lat1 = min(lats), max(lats)
    lon0, lon1 = _lon_range([lon for _, lon in points])
    clat = (lat0 + lat1) / 2
    kx = max(math.cos(math.radians(clat)), MIN_KX)
    span_lat = max((lat1 - lat0) * (1 + 2 * PAD), MIN_SPAN)
    span_lon = min(max((lon1 - lon0) * (1 + 2 * PAD), MIN_SPAN / kx), 360.0)
    inner_w, inner_h = width - 2 * MARGIN, height - 2 * MARGIN
    scale = min(inner_w / (span_lon * kx), inner_h / span_lat)
    scale = max(scale, width / (360.0 * kx))  # never more than the globe across
    half_lat = height / 2 / scale
    if half_lat < 90:  # keep the poles at or beyond the edges
        clat = min(max(clat, -90 + half_lat), 90 - half_lat)
    return View(clat, ((lon0 + lon1) / 2 + 180.0) % 360.0 - 180.0, scale, kx, width, height)


def _step(span: float) -> float:
    for step in STEPS:
        if span / step <= 8:
            return step
    return 90


def _fmt(deg: float, pos: str, neg: str) -> str:
    hemi = pos if deg >= 0 else neg
    value = abs(deg)
    return f"{value:g}°{hemi}"


def _graticule(view: View) -> list[str]:
    w, h = view.width, view.height
    lon0, lon1 = view.clon - view.half_lon, view.clon + view.half_lon
    lat0, lat1 = max(view.clat - view.half_lat, -90.0), min(view.clat + view.half_lat, 90.0)
    step = _step(max((lon1 - lon0) * view.kx, lat1 - lat0))
    out = []
    lon = math.ceil(lon0 / step) * step
    while lon <= lon1:
        x = w / 2 + (lon - view.clon) * view.kx * view.scale
        shown = (lon + 180.0) % 360.0 - 180.0 if abs(lon) != 180 else 180.0
        out.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{h}"/>')
        if 24 < x < w - 30:  # no label cut by the edge or over the latitudes'
            out.append(
                f'<text x="{x + 2:.1f}" y="{h - 4}" stroke="none">{_fmt(shown, "E", "W")}</text>'
            )
        lon += step
    lat = math.ceil(lat0 / step) * step
    while lat <= lat1:
        _, y = view.xy(lat, view.clon)
        out.append(f'<line x1="0" y1="{y:.1f}" x2="{w}" y2="{y:.1f}"/>')
        if 14 < y < h - 16:
            out.append(f'<text x="2" y="{y - 3:.1f}" stroke="none">{_fmt(lat, "N", "S")}</text>')
        lat += step
    return out


def _land(view: View) -> list[str]:
    """One path per country in view; the land is filled, borders and coasts stroked thin."""
    sx, sy = view.kx * view.scale, view.scale
    pad_lon, pad_lat = 3 / sx, 3 / sy  # clip a little outside, so no clip edge is drawn
    paths = mapdata.outline_paths(
        view.clon - view.half_lon - pad_lon,
        view.clon + view.half_lon + pad_lon,
        view.clat - view.half_lat - pad_lat,
        view.clat + view.half_lat + pad_lat,
        view.width / 2 - view.clon * sx,
        view.height / 2 + view.clat * sy,
        sx,
        sy,
    )
    return [f'<path d="{d}"><title>{escape(name)}</title></path>' for name, d in paths]


def render_svg(places: list[Place], width: int = WIDTH, height: int = HEIGHT) -> str:
    """An ``<svg>`` element showing every resolved place; unresolved ones
    are listed in its title."""
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
    view = fit_view(list(where.values()), width, height)
    try:
        land = _land(view)
        _, why_not = mapdata.load_outlines()
    except Exception as e:  # a map is a nicety: never stop the brief over outlines
        land, why_not = [], f"country outlines could not be drawn ({type(e).__name__})"
    title = label if why_not is None else f"{label} ({why_not})"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{label}" class="placemap">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#eaf1f7"/>',
    ]
    if land:
        out.append(
            '<g class="land" fill="#f7f4ea" fill-rule="evenodd" stroke="#a59f91" '
            'stroke-width="0.5" stroke-linejoin="round">'
        )
        out.extend(land)
        out.append("</g>")
    out.append(
        '<g class="graticule" stroke="#b9c6d3" stroke-width="0.4" stroke-opacity="0.7" '
        'font-family="sans-serif" font-size="9" fill="#6f7d8a">'
    )
    out.extend(_graticule(view))
    out.append("</g>")
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1] or ""))
    dots = []
    for (name, country), n in ordered:
        x, y = view.xy(*where[(name, country)])
        dots.append(Dot(round(x, 1), round(y, 1), round(3 + 2.2 * math.sqrt(n), 1), name))
    spots = place_labels(dots, width, height, FONT_SIZE)
    out.append(
        f'<g class="places" font-family="sans-serif" font-size="{FONT_SIZE}" fill="#1b2733">'
    )
    for ((name, country), n), dot, spot in zip(ordered, dots, spots, strict=True):
        tip = escape(
            f"{name}{', ' + country if country else ''}: {n} mention{'s' if n != 1 else ''}"
        )
        out.append(
            f'<g><title>{tip}</title><circle cx="{dot.x:.1f}" cy="{dot.y:.1f}" r="{dot.r:.1f}" '
            'fill="#c0392b" fill-opacity="0.75" stroke="#fff" stroke-width="1"/>'
        )
        if spot is not None:
            out.append(f'<text x="{spot[0]:.1f}" y="{spot[1]:.1f}">{escape(name)}</text>')
        out.append("</g>")
    out.append("</g></svg>")
    return "".join(out)
