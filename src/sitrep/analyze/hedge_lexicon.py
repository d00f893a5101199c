"""Words that hedge a statement, their types, and the ICD 203 bands they support.

The tagger (:mod:`sitrep.analyze.hedges`) finds cues; this table says what a
cue *means*: its type and, when its wording supports one, a likelihood band.
Attribution words ("reportedly", "allegedly") are listed so they can be typed
and kept out of the band: they say who relays a claim, not how likely it is.
"""

from __future__ import annotations

# Cue lemma (lower case) -> hedge type. Multi-word cues are matched as phrases.
CUE_TYPES: dict[str, str] = {
    # modal: possible
    "may": "possible",
    "might": "possible",
    "could": "possible",
    "can": "possible",
    "possible": "possible",
    "possibly": "possible",
    "possibility": "possible",
    "perhaps": "possible",
    "maybe": "possible",
    "potential": "possible",
    "potentially": "possible",
    "conceivably": "possible",
    "conceivable": "possible",
    "chance": "possible",
    "risk": "possible",
    "uncertainty": "possible",
    "fear": "possible",
    "worry": "possible",
    "concern": "possible",
    "threat": "possible",
    # modal: probable
    "likely": "probable",
    "unlikely": "probable",
    "probably": "probable",
    "probable": "probable",
    "improbable": "probable",
    "likelihood": "probable",
    "presumably": "probable",
    "should": "probable",
    "ought": "probable",
    "must": "probable",
    "remote": "probable",
    # doxastic: a mind holding a view
    "think": "doxastic",
    "believe": "doxastic",
    "belief": "doxastic",
    "suspect": "doxastic",
    "suspicion": "doxastic",
    "expect": "doxastic",
    "expectation": "doxastic",
    "assume": "doxastic",
    "assumption": "doxastic",
    "suppose": "doxastic",
    "presume": "doxastic",
    "guess": "doxastic",
    "feel": "doxastic",
    "predict": "doxastic",
    "anticipate": "doxastic",
    "estimate": "doxastic",
    "speculate": "doxastic",
    "speculation": "doxastic",
    "consider": "doxastic",
    "regard": "doxastic",
    "view": "doxastic",
    "doubt": "doxastic",
    "hope": "doxastic",
    "imagine": "doxastic",
    # conditional
    "if": "conditional",
    "unless": "conditional",
    "until": "conditional",
    "provided": "conditional",
    "whenever": "conditional",
    "would": "conditional",
    "will": "conditional",
    "once": "conditional",
    # investigative: an open question
    "whether": "investigative",
    "investigate": "investigative",
    "determine": "investigative",
    "examine": "investigative",
    "question": "investigative",
    "questioned": "investigative",
    "unclear": "investigative",
    "unknown": "investigative",
    "uncertain": "investigative",
    # evidential: an inference from what is seen
    "seem": "evidential",
    "seemingly": "evidential",
    "appear": "evidential",
    "apparently": "evidential",
    "apparent": "evidential",
    "suggest": "evidential",
    "suggestion": "evidential",
    "indicate": "evidential",
    "indication": "evidential",
    "imply": "evidential",
    "look": "evidential",
    "sign": "evidential",
    "signal": "evidential",
    "evidently": "evidential",
    # disputed: someone's accusation
    "allege": "disputed",
    "alleged": "disputed",
    "allegedly": "disputed",
    "allegation": "disputed",
    "accuse": "disputed",
    "accusation": "disputed",
    "purportedly": "disputed",
    "purported": "disputed",
    "claim": "disputed",
    "supposedly": "disputed",
    "rumor": "disputed",
    "rumour": "disputed",
    "rumored": "disputed",
    "rumoured": "disputed",
    # weasel: vague attribution
    "reportedly": "weasel",
}

# Multi-word estimative phrases (lower-case token sequences) -> (type, band).
# Longest match wins, so "very unlikely" beats "unlikely".
PHRASES: dict[tuple[str, ...], tuple[str, int | None]] = {
    ("almost", "certain"): ("probable", 7),
    ("almost", "certainly"): ("probable", 7),
    ("nearly", "certain"): ("probable", 7),
    ("nearly", "certainly"): ("probable", 7),
    ("virtually", "certain"): ("probable", 7),
    ("virtually", "certainly"): ("probable", 7),
    ("all", "but", "certain"): ("probable", 7),
    ("all", "but", "certainly"): ("probable", 7),
    ("very", "likely"): ("probable", 6),
    ("highly", "likely"): ("probable", 6),
    ("highly", "probable"): ("probable", 6),
    ("very", "probable"): ("probable", 6),
    ("very", "probably"): ("probable", 6),
    ("most", "likely"): ("probable", 5),
    ("more", "likely", "than", "not"): ("probable", 5),
    ("in", "all", "likelihood"): ("probable", 6),
    ("very", "unlikely"): ("probable", 2),
    ("highly", "unlikely"): ("probable", 2),
    ("highly", "improbable"): ("probable", 2),
    ("very", "improbable"): ("probable", 2),
    ("extremely", "unlikely"): ("probable", 2),
    ("almost", "no", "chance"): ("probable", 1),
    ("little", "chance"): ("probable", 2),
    ("slim", "chance"): ("probable", 2),
    ("remote", "chance"): ("probable", 1),
    ("remote", "possibility"): ("probable", 1),
    ("remotely", "possible"): ("probable", 1),
    ("very", "remote"): ("probable", 1),
    ("no", "chance"): ("probable", 1),
    ("even", "chance"): ("possible", 4),
    ("roughly", "even", "chance"): ("possible", 4),
    ("even", "odds"): ("possible", 4),
    ("roughly", "even", "odds"): ("possible", 4),
    ("fifty", "-", "fifty"): ("possible", 4),
    ("50", "-", "50"): ("possible", 4),
    ("toss", "-", "up"): ("possible", 4),
    ("real", "possibility"): ("possible", 4),
    ("high", "likelihood"): ("probable", 6),
    ("low", "likelihood"): ("probable", 3),
    ("little", "likelihood"): ("probable", 2),
    ("certain", "to"): ("probable", 7),  # "is certain to approve"; "not certain to" below
    ("not", "rule", "out"): ("possible", None),  # "cannot rule out", "did not rule out"
    ("n't", "rule", "out"): ("possible", None),
    ("not", "be", "ruled", "out"): ("possible", None),
    ("n't", "be", "ruled", "out"): ("possible", None),
    ("whether", "or", "not"): ("investigative", None),
    ("it", "remains", "to", "be", "seen"): ("investigative", None),
    ("remains", "to", "be", "seen"): ("investigative", None),
    ("yet", "to", "be", "seen"): ("investigative", None),
    ("according", "to", "some"): ("weasel", None),
    ("some", "say"): ("weasel", None),
    ("some", "believe"): ("weasel", None),
    ("many", "believe"): ("weasel", None),
    ("it", "is", "believed"): ("weasel", None),
    ("it", "is", "thought"): ("weasel", None),
    ("it", "is", "said"): ("weasel", None),
    ("critics", "say"): ("weasel", None),
    ("experts", "say"): ("weasel", None),
}

# Single-cue bands, by lemma. Absent words (conditionals, "whether") support no band.
CUE_BANDS: dict[str, int] = {
    "remote": 1,
    "improbable": 3,
    "unlikely": 3,
    "doubt": 3,
    # Plain possibility says it can happen, not that it probably will not: ICD 203's
    # "roughly even chance" is the nearest band, never "unlikely". "Conceivable" (it
    # can be imagined, though it is not expected) stays below even.
    "may": 4,
    "maybe": 4,
    "perhaps": 4,
    "might": 4,
    "could": 4,
    "possible": 4,
    "possibly": 4,
    "possibility": 4,
    "potentially": 4,
    "conceivably": 3,
    "conceivable": 3,
    "likely": 5,
    "probable": 5,
    "probably": 5,
    "likelihood": 5,
    "presumably": 5,
    "think": 5,
    "believe": 5,
    "suspect": 5,
    "expect": 5,
    "seem": 5,
    "appear": 5,
    "apparently": 5,
    "seemingly": 5,
    "suggest": 5,
    "indicate": 5,
    "evidently": 5,
    "certain": 7,
    "certainly": 7,
}

# A single estimative word under "not" ("not likely", "not possible"): the band it then
# supports; None where the denial supports none ("it is not possible to say whether").
NEGATED_CUE_BANDS: dict[str, int | None] = {
    "likely": 3,
    "probable": 3,
    "unlikely": None,
    "improbable": None,
    "possible": None,
    "conceivable": None,
    "certain": None,
}

# Types that never carry a band: they say who relays, or under which condition.
NO_BAND_TYPES = frozenset({"weasel", "disputed", "conditional", "investigative"})

# Words whose negation voices doubt: "I don't think we can conclude", "not clear".
CERTAINTY_WORDS = frozenset(
    {
        "think",
        "believe",
        "conclude",
        "certain",
        "sure",
        "clear",
        "know",
        "confirm",
        "confirmed",
        "verify",
        "verified",
        "establish",
        "evidence",
        "proof",
    }
)

# Lexically negated certainty.
NEGATED_WORDS = frozenset({"unconfirmed", "unverified", "unsubstantiated", "unproven"})

# Modal and hedge words of a plain keyword list: the baseline the tagger must beat.
BASELINE_WORDS = frozenset(
    {
        "may",
        "might",
        "could",
        "would",
        "should",
        "can",
        "possible",
        "possibly",
        "possibility",
        "perhaps",
        "maybe",
        "likely",
        "unlikely",
        "probably",
        "probable",
        "likelihood",
        "believe",
        "believed",
        "think",
        "thought",
        "suspect",
        "suspected",
        "expect",
        "expected",
        "expects",
        "seem",
        "seems",
        "seemed",
        "appear",
        "appears",
        "appeared",
        "apparently",
        "suggest",
        "suggests",
        "suggested",
        "whether",
        "if",
        "unless",
        "allegedly",
        "reportedly",
        "presumably",
        "potential",
    }
)

# Phrases by first token, longest first, for a quick left-to-right scan.
PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[str, int | None]]]] = {}
for _phrase, _meaning in sorted(PHRASES.items(), key=lambda kv: -len(kv[0])):
    PHRASES_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _meaning))
