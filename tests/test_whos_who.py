"""Who's who: each actor that matters once, its spellings, its roles over time, each role cited."""

from __future__ import annotations

import re

import pytest
from tests.conftest import make_doc

from sitrep.analyze import analyze_parsed
from sitrep.assess import assess_corpus
from sitrep.deliver.brief import Limits, build_context, fit_brief, template_env
from sitrep.deliver.whos_who import role_key, whos_who
from sitrep.resolve import apply_all, resolve_corpus

REPORTS = [
    (
        "2026-11-08",
        "Defence Minister Ilse Varga said the border with Drelia was quiet. "
        '"We have no reason to move troops," Varga told reporters in Kessa.',
    ),
    (
        "2026-11-09",
        "Defence Minister Ilse Varga visited the barracks at Kessa on Monday. "
        "Tomas Brelk, a farmer, sold his barn.",
    ),
    (
        "2026-11-11",
        "Ilse Varga, the former defence minister, said the army had been ordered to the border. "
        '"I warned them," Vargo said. Ilse Varga resigned on Tuesday.',
    ),
]


@pytest.fixture(scope="module")
def corpus(nlp):
    items = []
    for day, text in REPORTS:
        doc = make_doc(text, outlet="Kessa Post", published=day, title=f"Report {day}")
        items.append((doc, analyze_parsed(doc, nlp(text))))
    res = resolve_corpus(items)
    apply_all(items, res)
    return items, res, assess_corpus(items)


def _actor(actors, name):
    [a] = [a for a in actors if a.name == name]
    return a


def test_a_role_given_up_reads_until_and_the_former_one_from(corpus):
    items, res, a = corpus
    varga = _actor(whos_who(items, a, res), "Ilse Varga")
    roles = {r.key: r for r in varga.roles}
    assert roles["defence minister"].when == "until 2026-11-09"
    assert roles["former defence minister"].when == "from 2026-11-11"
    assert varga.documents == 3 and varga.quoted >= 1


def test_each_role_cites_the_sentence_that_gives_it(corpus):
    items, res, a = corpus
    for r in _actor(whos_who(items, a, res), "Ilse Varga").roles:
        assert r.evidence
        for ev in r.evidence:
            assert r.text.lower() in ev.text.lower()
            assert ev.doc.text[ev.start : ev.end] == ev.text


def test_a_misspelling_is_listed_and_flagged_never_the_name(corpus):
    items, res, a = corpus
    varga = _actor(whos_who(items, a, res), "Ilse Varga")
    assert [s.text for s in varga.misspelled] == ["Vargo"]
    assert all(s.text != "Varga" for s in varga.spellings)  # a short form is no other spelling


def test_an_actor_neither_quoted_judged_nor_named_often_is_left_out(corpus):
    items, res, a = corpus
    assert "Tomas Brelk" not in {x.name for x in whos_who(items, a, res)}
    assert "Tomas Brelk" in {x.name for x in whos_who(items, a, res, min_documents=1)}


def test_the_brief_shows_who_is_who_with_resolving_citations(corpus):
    items, res, a = corpus
    html, md, _ctx = fit_brief(items, a, res)
    section = md[md.index("## Who's who") : md.index("## Who said what")]
    assert "**Ilse Varga**" in section and "Vargo (misspelled)" in section
    assert "Defence Minister, until 2026-11-09" in section
    assert "former defence minister, from 2026-11-11" in section
    cited = set(re.findall(r"\[(E\d+)\]", section))
    listed = set(re.findall(r"^\*\*(E\d+)\*\*", md, re.MULTILINE))
    assert cited and cited <= listed
    assert 'id="whoswho"' in html and "misspelled" in html
    anchors = set(re.findall(r'id="([^"]+)"', html))
    assert set(re.findall(r'href="#([^"]+)"', html)) <= anchors


def test_actors_beyond_the_limit_are_counted(corpus):
    items, res, a = corpus
    everyone = whos_who(items, a, res, min_documents=1)
    ctx = build_context(items, a, res, limits=Limits(actors=1))
    assert ctx["shown"]["actors"].total == len(whos_who(items, a, res)) >= 1
    md = template_env().get_template("brief.md.j2").render(**ctx)
    more = ctx["shown"]["actors"].more
    assert len(everyone) >= 2
    assert more == 0 or f"*{more} more actors in the evidence browser" in md


@pytest.mark.parametrize(
    ("a", "b"),
    [("Council’s spokesman", "the council's spokesman"), ("Defence  Minister", "defence minister")],
)
def test_roles_that_differ_in_case_apostrophe_or_article_are_one(a, b):
    assert role_key(a) == role_key(b)


def test_the_actor_page_lists_roles_with_the_sentences_that_give_them(tmp_path, corpus):
    from fastapi.testclient import TestClient
    from lxml import html as lxml_html

    from sitrep.deliver.web.app import create_app
    from sitrep.store import write
    from sitrep.store.db import connect
    from sitrep.store.queries import open_readonly

    items, res, _a = corpus
    db = tmp_path / "s.db"
    engine = connect(str(db))
    for doc, analysis in items:
        write.add_document(engine, doc)
        write.save_analysis(engine, doc.id, analysis, "t")
    write.save_resolution(engine, res)
    client = TestClient(create_app(open_readonly(str(db))), base_url="http://127.0.0.1")
    page = client.get("/actors/person:ilse-varga")
    assert page.status_code == 200
    [section] = lxml_html.fromstring(page.text).xpath('//section[@id="roles"]')
    text = " ".join(section.text_content().split())
    assert "Defence Minister until 2026-11-09" in text
    assert "former defence minister from 2026-11-11" in text
    assert "Ilse Varga, the former defence minister, said the army" in text
    links = section.xpath(".//a/@href")
    assert links and all("?span=" in h for h in links)
    focused = lxml_html.fromstring(client.get(links[0]).text)
    assert "Defence Minister" in " ".join(
        e.text_content() for e in focused.xpath('//*[@id="focus"]')
    )
