"""The brief is a small fraction of its corpus: a page of key judgments and a few pages of support.

A made-up corpus of many events, speakers and figures (towns with invented names) is far
more than a brief can hold: the brief shows the top items of each section, says how many
more the evidence browser and the database hold, and stays within its word budget.
"""

from __future__ import annotations

import re

import pytest

import factories
from sitrep.assess import assess_corpus
from sitrep.assess.keyjudgments import MAX_JUDGMENTS
from sitrep.deliver.brief import (
    FLOORS,
    Limits,
    build_context,
    fit_brief,
    render_brief,
    template_env,
    word_budget,
    words,
)
from sitrep.ids import content_id
from sitrep.records import ActorRef, Analysis, Claim, Document, Figure, Quote, Span

OUTLETS = ["Alpha Wire", "Beta Daily", "Gamma Times", "Delta TV", "Eta Herald", "Zeta News"]
SYLLABLES = ["ar", "vel", "bri", "sko", "dra", "min", "tol", "ka", "ren", "os"]


def town(n: int) -> str:
    return (SYLLABLES[n % 10] + SYLLABLES[(n // 10) % 10] + SYLLABLES[(n * 7) % 10]).capitalize()


ACTS = [
    "destroyed the bridge at",
    "shelled the railway station in",
    "captured the airport near",
    "blocked the port of",
    "seized the power plant outside",
    "mined the dam above",
    "burned the depot at",
]
OBJECTS = ["tanks", "trucks", "guns", "boats", "helicopters", "drones"]


def event(n: int) -> str:
    return (
        f"{town(300 + n)} troops {ACTS[n % len(ACTS)]} {town(n)} with {20 + n} "
        f"{OBJECTS[n % len(OBJECTS)]} and {40 + n} people were killed, {governor(n).name} said."
    )


def governor(n: int) -> ActorRef:
    return ActorRef(f"person:governor-{n}", f"Governor {town(200 + n)}", "named")


def corpus(n_docs: int = 40) -> list[tuple[Document, Analysis]]:
    """Each document reports its own event and its neighbour's, so each event has two origins."""
    out = []
    for k in range(n_docs):
        speaker = ActorRef(f"person:speaker-{k % 12}", f"Minister {town(100 + k % 12)}")
        said = f"We will hold {town(k)} whatever it costs, and {town(k + 1)} is next"
        body = (
            f'Report {k}\n\n{event(k)}\n\n{event(k + 1)}\n\n"{said}," {speaker.name} told '
            "reporters."
            f"\n\n"
            + " ".join(f"Filler sentence {i} about the weather in {town(k)}." for i in range(40))
        )
        outlet = OUTLETS[k % len(OUTLETS)]
        doc = Document(
            id=content_id(body),
            text=body,
            outlet=outlet,
            published=f"2026-03-{1 + k % 20:02d}",
            title=f"Report {k}",
            path=f"{k}.txt",
        )
        an = Analysis()
        for i in (k, k + 1):
            s = body.index(event(i))
            an.claims.append(Claim(s, s + len(event(i)), event(i), governor(i)))
            f = body.index(f"{40 + i} people", s)
            an.figures.append(
                Figure(
                    f, f + len(f"{40 + i}"), f"{40 + i}", 40 + i, counted="people", event="killed"
                )
            )
        q = body.index(said)
        an.quotes.append(
            Quote(
                q, q + len(said), said, None, [], [Span(q, q + len(said), said)], speaker, "direct"
            )
        )
        out.append((doc, an))
    return out


@pytest.fixture(scope="module")
def big():
    items = corpus()
    return items, assess_corpus(items)


def test_word_budget_grows_with_the_corpus_within_bounds():
    assert word_budget(1_000) == word_budget(10_000) == 3_000
    assert word_budget(49_000) == 4_900
    assert word_budget(10_000_000) == 8_000


def test_limits_shrink_to_their_floors_and_stop():
    limits, seen = Limits(), 0
    while (smaller := limits.shrink()) is not None:
        assert all(getattr(smaller, k) <= getattr(limits, k) for k in limits.__dict__)
        if (
            smaller.excerpt < limits.excerpt
        ):  # the appendix is cut only once the sections are at their floors
            assert all(
                getattr(limits, k) == FLOORS.get(k, 1) for k in ("storylines", "timeline", "cites")
            )
        limits, seen = smaller, seen + 1
    assert seen >= 2 and all(getattr(limits, k) == FLOORS.get(k, 1) for k in limits.__dict__)


def test_the_example_corpus_brief_fits_its_budget(tmp_path, examples_dir):
    """The demo corpus (about 10,000 words) gets a brief within its 3,000-word budget.

    Key judgments in full.
    """
    from typer.testing import CliRunner

    from sitrep.cli import app

    result = CliRunner().invoke(
        app, ["assess", str(examples_dir), "--db", str(tmp_path / "s.db"), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    md = (tmp_path / "brief.md").read_text(encoding="utf-8")
    corpus_words = sum(
        words(p.read_text(encoding="utf-8", errors="replace"))
        for p in examples_dir.rglob("*")
        if p.is_file()
    )
    budget = word_budget(int(re.search(r"for (\d+) words of reporting", md).group(1)))
    assert words(md) <= budget < corpus_words / 3
    judgments = md[
        md.index("## Key judgments") : md.index("\n## ", md.index("## Key judgments") + 1)
    ]
    assert judgments.count("\n- ") >= 1 and "…" not in judgments.replace("(…)", "")
    # each report's source line is given once; later excerpts from it point back to the first
    labels = re.findall(r"^\*\*(E\d+)\*\* · same report as (E\d+)$", md, re.MULTILINE)
    assert labels and all(int(a[1:]) > int(b[1:]) for a, b in labels)


def test_brief_fits_its_budget_and_counts_what_it_leaves_out(big):
    items, a = big
    html, md, ctx = fit_brief(items, a)
    corpus_words = sum(words(d.text) for d, _ in items)
    assert ctx["corpus_words"] == corpus_words
    assert words(md) <= ctx["budget"]
    assert words(md) < corpus_words / 3
    assert len(a.judgments) <= MAX_JUDGMENTS
    shown = ctx["shown"]["speakers"]
    assert shown.total > len(shown.items)  # more speakers than the brief holds ...
    assert f"*{shown.more} more speakers in the evidence browser" in md  # ... and it says so
    assert f"{shown.more} more speakers in the evidence browser" in html
    assert f"about {ctx['brief_words']} words, for {corpus_words} words of reporting" in md


def test_storylines_beyond_the_limit_are_counted_not_shown():
    items = factories.corpus()
    a = assess_corpus(items)
    assert len(a.storylines) >= 3
    ctx = build_context(items, a, limits=Limits(storylines=1))
    md = template_env().get_template("brief.md.j2").render(**ctx)
    assert md.count("\n### ") - md.count("\n### ", md.index("## Who said what")) == 1
    assert (
        f"*{len(a.storylines) - 1} more storylines in the evidence browser (`sitrep serve`)" in md
    )
    # the storylines the key judgments rest on are the ones shown
    judged = [j.storyline.id for j in a.judgments if j.storyline is not None]
    assert not judged or ctx["shown"]["storylines"].items[0].id in judged


def test_every_citation_and_link_in_the_short_brief_resolves(big):
    items, a = big
    html, md, _ctx = fit_brief(items, a)
    cited = set(re.findall(r"\[(E\d+)\]", md))
    listed = set(re.findall(r"^\*\*(E\d+)\*\*", md, re.MULTILINE))
    assert cited and cited <= listed
    anchors = set(re.findall(r'id="([^"]+)"', html))
    assert set(re.findall(r'href="#([^"]+)"', html)) <= anchors


def test_a_small_corpus_shows_everything(tmp_path):
    items = corpus(4)
    a = assess_corpus(items)
    render_brief(items, tmp_path, assessment=a)
    md = (tmp_path / "brief.md").read_text(encoding="utf-8")
    assert "more storylines in the evidence browser" not in md
    assert all(f"### {s.title}"[:40] in md for s in a.storylines)
