"""Whether a found quote is reported speech at all, read from its cue and source.

The tagger finds cue-like words that report nothing: the author's own estimate ("it
seems likely that ..."), a prediction of what someone will say ("the inquiry will
probably find that ..."), a clause of indifference ("whatever the inquiry concludes
about ..."), the source a report cites ("..., citing two officials in the council"),
the author's narration in the first person ("we saw it ..."), a photo caption ("...
watch him as he announces ...") and a content that is only its own source or a lone
pronoun ("the general knew that"). Each is the author's sentence, not anyone's words:
the claim stage then credits it to the author with its likelihood band.
"""

from __future__ import annotations

from sitrep.analyze.quote_model import load_lexicon
from sitrep.records import Quote

#: cues that only hedge ("it seems", "it appears"): an author's evidential, not a report
EVIDENTIAL = frozenset({"seem", "appear", "look", "sound"})
#: an expletive or empty source: no one is speaking
EMPTY_SOURCES = frozenset({"it", "there"})
#: modals that make the report a prediction or a hypothesis
NOT_YET = frozenset({"will", "would", "'ll", "may", "might", "could", "should", "shall", "must"})
#: the author speaking in the first person outside quotation marks: narration, not a report
AUTHOR = frozenset({"we", "i"})
#: below this cue-lexicon score a verb of the author's is perception, not saying ("we saw")
SAYING = 0.5
#: present-tense tags: a caption describes the photo in the present ("as he announces ...")
PRESENT = frozenset({"VBZ", "VBP"})
#: cues that name who a report relies on ("..., citing two officials")
CITING = frozenset({"citing", "quoting"})
#: heads of a phrase that names a source rather than a reason ("citing a spokesman")
SOURCE_NOUNS = frozenset(
    "official officials source sources spokesman spokeswoman spokesperson diplomat diplomats "
    "person people witness witnesses resident residents insider insiders officer officers "
    "analyst analysts expert experts ministry agency agencies office outlet outlets newspaper "
    "broadcaster channel station report reports statement member members aide aides "
    "commander commanders minister ministers adviser advisers advisor advisors".split()
)
#: entity types of a phrase that names a source
SOURCE_ENTS = frozenset({"PERSON", "ORG", "NORP"})
#: a one-word content that stands for something said elsewhere, not a statement
STAND_INS = frozenset(
    "it that this these those which who whom what he she they them we i you one "
    "something anything nothing everything".split()
)
#: tags of a finite verb: a content with one states something; without, it names an act
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: longer verbless contents carry what was demanded, accused or reported: statements
MAX_ACT_WORDS = 5
#: words that open a clause of indifference or condition
UNREAL = frozenset({"whatever", "whether", "if", "unless", "until", "once"})


def is_reported_speech(sdoc, quote: Quote) -> bool:
    if _says_nothing(quote):
        return False
    cue = _cue_token(sdoc, quote)
    if cue is None:
        return True
    source = " ".join(s.text.lower() for s in quote.sources).strip()
    if cue.lemma_.lower() in EVIDENTIAL and (not source or source in EMPTY_SOURCES):
        return False  # "it seems likely that ...": the author's own estimate
    if cue.lower_ in CITING and _names_a_source(sdoc, quote):
        return False  # "..., citing two officials in the council": who is cited, not what
    if quote.kind in ("direct", "mixed"):
        return True  # words in quotation marks were said, whatever frames them
    if source in AUTHOR and load_lexicon().get(cue.lemma_.lower(), 0.0) < SAYING:
        return False  # "We saw it in living colour in ...": the author's narration
    if cue.tag_ in PRESENT and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        return False  # a photo caption: "Two of his generals watch him as he announces ..."
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in NOT_YET for c in cue.children):
        return False  # "the inquiry will probably find that ...": a prediction
    return not any(
        c.lower_ in UNREAL and c.dep_ in ("mark", "dobj", "advmod") and c.i < cue.i
        for c in cue.children
    )  # "whatever the inquiry concludes about ..."


def _cue_token(sdoc, quote: Quote):
    if quote.cue is None:
        return None
    span = sdoc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX")]
    return verbs[-1] if verbs else span.root


def _content_tokens(sdoc, quote: Quote) -> list:
    """The parsed tokens of a quote's contents, in order."""
    return [
        t
        for c in quote.contents
        if (span := sdoc.char_span(c.start, c.end, alignment_mode="expand")) is not None
        for t in span
    ]


def _names_a_source(sdoc, quote: Quote) -> bool:
    """The content is a noun phrase naming a person or body, with no verb of its own."""
    toks = _content_tokens(sdoc, quote)
    if not toks or any(t.pos_ in ("VERB", "AUX") for t in toks):
        return False
    root = next((t for t in toks if t.head not in toks or t.head == t), toks[0])
    return (
        root.lemma_.lower() in SOURCE_NOUNS
        or root.lower_ in SOURCE_NOUNS
        or root.ent_type_ in SOURCE_ENTS
        or root.pos_ == "PROPN"
    )


def _says_nothing(quote: Quote) -> bool:
    """A content that is only its own source ("She is expected to ...", "Soldiers are
    reported to ...") or a lone pronoun outside quotation marks ("The general knew that",
    "..., which he denied") states nothing anyone said."""
    text = " ".join(c.text for c in quote.contents).strip()
    if quote.sources and text == quote.sources[0].text.strip():
        return True
    words = text.split()
    return (
        quote.kind == "indirect"
        and len(words) == 1
        and words[0].lower().strip(".,;:!?'\u2019") in STAND_INS
    )


def names_an_act(sdoc, quote: Quote) -> bool:
    """An indirect content with no finite verb reports that something was said or done, not
    what: "has always denied the charges", "declined to comment on the report", "repeated
    the line". It stays a quote (news annotation counts it), of kind ``act``, which "Who
    said what", the Who's who counts and key judgments leave out; "described the deployment as a
    drill" (a characterisation) stays a statement."""
    if quote.kind != "indirect" or not quote.contents:
        return False
    words = " ".join(c.text for c in quote.contents).split()
    if len(words) > MAX_ACT_WORDS or any(ch.isdigit() for w in words for ch in w):
        return False  # "demanded an amnesty for all members of ...", "reported 2,100 arrivals"
    toks = _content_tokens(sdoc, quote)
    return bool(toks) and not any(
        t.tag_ in FINITE or (t.lower_ == "as" and k > 0) for k, t in enumerate(toks)
    )
