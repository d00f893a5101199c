"""The shared token table holds exactly what the spaCy Token properties return."""

from __future__ import annotations

from sitrep.analyze.token_table import token_table

TEXT = (
    'Anna Kell, the defence minister, told reporters in Riga on Monday: "We will not\n'
    "negotiate under pressure.\"\n\n  It's unclear whether 3,000 troops -- or more -- left. "
    "Officials said so; nobody confirmed it."
)


def test_table_matches_token_properties(nlp):
    sdoc = nlp(TEXT)
    tab = token_table(sdoc)
    assert len(tab.text) == len(sdoc)
    for t in sdoc:
        i = t.i
        want = (
            t.text,
            t.lower_,
            t.lemma_,
            t.lemma_.lower(),
            t.pos_,
            t.tag_,
            t.dep_,
            t.shape_,
            t.ent_type_,
            t.ent_iob_,
            t.idx,
            t.idx + len(t),
            t.head.i,
            t.is_alpha,
            t.is_punct,
            t.is_space,
            t.is_sent_start,
        )
        got = (
            tab.text[i],
            tab.lower[i],
            tab.lemma[i],
            tab.lemma_lower[i],
            tab.pos[i],
            tab.tag[i],
            tab.dep[i],
            tab.shape[i],
            tab.ent_type[i],
            tab.ent_iob[i],
            tab.idx[i],
            tab.end[i],
            tab.head[i],
            tab.is_alpha[i],
            tab.is_punct[i],
            tab.is_space[i],
            tab.is_sent_start[i],
        )
        assert got == want
        assert [type(v) for v in got] == [type(v) for v in want]


def test_table_is_built_once_per_doc(nlp):
    sdoc = nlp("Officials said so.")
    assert token_table(sdoc) is token_table(sdoc)


def test_empty_doc(nlp):
    assert token_table(nlp("")).text == []


def test_analysis_frees_the_per_document_caches(nlp):
    """The caches live only while one document is analysed (the collector never scans them),
    and the records do not depend on whether they were there before."""
    from sitrep.analyze import CACHE_PREFIX, analyze_parsed
    from sitrep.records import Document

    document = Document(id="d1", text=TEXT, language="en", published="2026-03-01")
    sdoc = nlp(TEXT)
    sdoc.user_data["mine"] = 1
    first = analyze_parsed(document, sdoc)
    assert [k for k in sdoc.user_data if str(k).startswith(CACHE_PREFIX)] == []
    assert sdoc.user_data == {"mine": 1}
    token_table(sdoc)  # a cache left over from an earlier caller
    assert analyze_parsed(document, sdoc) == first
