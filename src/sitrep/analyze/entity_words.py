"""The word lists that tell English names apart, and the small helpers that read them.

Which spaCy labels are actors, the pronouns and determiners of coreference, titles
said two ways ("Rep." and "congressman"), the head words that make a name an
organization or a place, and the split of a person's name into first name and
surname. Candidate finding, clustering and coreference all read these; none of
them holds a list of its own.
"""

from __future__ import annotations

from sitrep.lexicon.names import name_key, role_heads

LABELS = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}

PRONOUNS: dict[str, tuple[str | None, str]] = {
    "he": ("m", "person"),
    "him": ("m", "person"),
    "his": ("m", "person"),
    "himself": ("m", "person"),
    "she": ("f", "person"),
    "her": ("f", "person"),
    "hers": ("f", "person"),
    "herself": ("f", "person"),
    "they": (None, "plural"),
    "them": (None, "plural"),
    "their": (None, "plural"),
    "it": (None, "thing"),
    "its": (None, "thing"),
}
DETERMINERS = frozenset("the a an this that these those his her their its our my".split())
PERSON_NOUNS = {"man": "m", "woman": "f", "official": None, "person": None}
ANONYMOUS_NOUNS = frozenset({"source", "sources", "insider", "insiders", "witness", "witnesses"})
INDEFINITE = frozenset({"a", "an", "another", "one", "some", "several", "two", "three"})
# Role nouns said differently: "the congressman" for "Rep. X", "the spokeswoman" for "spokesperson".
ROLE_SYNONYMS = {
    "congresswoman": "congressman",
    "congressmember": "congressman",
    "rep": "congressman",
    "representative": "congressman",
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
    "chairwoman": "chairman",
    "chairperson": "chairman",
    "chair": "chairman",
    "gen": "general",
    "sen": "senator",
    "gov": "governor",
    "prof": "professor",
    "adm": "admiral",
    "col": "colonel",
    "capt": "captain",
    "lt": "lieutenant",
    "maj": "major",
    "sgt": "sergeant",
    "premier": "prime minister",
    "advisor": "adviser",
    "defense": "defence",
}
ORG_STOP = frozenset("the of and for 's s".split())
GENERIC_ORG_WORDS = frozenset(
    "ministry department government army navy police council court parliament party agency "
    "office committee commission company group forces force service union news bank".split()
)
TYPE_PREFERENCE = {"person": 0, "org": 1, "group": 2, "place": 3}
MAX_PRONOUN_SENTENCES = 3
# Words before a title that make it a holder to come, not one: "a President Dorn would".
HYPOTHETICAL = frozenset("a an future would-be".split())
# Offices a just-named person is often referred back to by ("Horvel said ... The minister added");
# a "spokesman" or an "official" is more often someone new.
OFFICES = frozenset(
    "minister president general colonel-general prime chancellor senator congressman governor "
    "mayor ambassador admiral commander premier secretary envoy".split()
)
SPEECH_VERBS = frozenset(
    "say tell add disagree argue warn claim insist deny confirm note write explain state announce "
    "reply respond ask suggest agree acknowledge accuse declare comment stress urge predict "
    "describe admit allege assert complain concede contend estimate maintain recall remark report "
    "reiterate reveal tweet post".split()
)
# Places and buildings that speak for governments: "the Kremlin said" is not a person.
INSTITUTIONS = frozenset(
    "Kremlin Pentagon Congress Parliament Duma Rada Senate Bundestag Elysee Élysée Whitehall "
    "Downing Knesset Sejm Seimas Saeima Riigikogu Storting Riksdag Majlis Politburo Vatican "
    "Government Ministry Army Navy Police Court Council Commission Cabinet Presidency".split()
)
# Head words that make a "person" an organization or a place.
ORG_HEADS = frozenset(
    "watch party council union movement front army forces force brigade battalion regiment "
    "division ministry university institute centre center committee commission agency office "
    "service bank company group association alliance league federation foundation guard police "
    "court assembly parliament government staff command revolution network press news radio "
    # pollsters and firms: "Morning Consult", "Rasmussen Reports", "Pew Research"
    "consult consulting reports research polling analytics strategies associates partners".split()
)
# Social platforms (world knowledge): spaCy often calls "Twitter" a person ("on Twitter").
PLATFORMS = frozenset(
    "twitter facebook youtube instagram tiktok telegram whatsapp reddit vkontakte snapchat "
    "linkedin weibo wechat parler gab rumble odnoklassniki".split()
)
# Nouns a name qualifies when it is a pollster or a platform, not a person: "a Rasmussen poll",
# "his Twitter account", "Telegram users".
POLL_NOUNS = frozenset("poll polls polling survey surveys pollster".split())
PLATFORM_NOUNS = frozenset(
    "account accounts feed feeds post posts tweet tweets user users video videos page channel "
    "channels livestream app".split()
)
PLACE_HEADS = frozenset(
    "square street avenue road bridge river airport station port harbour harbor bay sea lake "
    "palace cathedral hospital district region province oblast county valley "
    "mountains island islands coast border crossing airbase".split()
)
NAMED_BY_ORG_NOUN = frozenset(
    "agency newspaper broadcaster channel website outlet portal daily weekly tabloid magazine "
    "network group organisation organization party movement company firm ngo charity".split()
)
NOT_NAMES = frozenset(
    "writing editing reporting additional compiled via photo video update".split()
)
MEDIA_WORDS = frozenset(
    "Today Times Post News Herald Tribune Journal Radio TV Television Daily Gazette Telegraph "
    "Express Review Insider Online Observer Chronicle Courier Monitor Standard Mirror Sun".split()
)
LOCATIVE = frozenset(
    "in near to from outside at around into across towards toward via off inside".split()
)
# "the mayor of Drovna", "residents of Kessa": the name after "of" is a place
OF_A_PLACE = frozenset(
    "mayor mayors governor governors outskirts residents inhabitants suburbs townspeople "
    "town city village port".split()
)
PAGEANTS = frozenset("Universe World Earth International America USA".split())


def norm_role(word: str) -> str:
    return ROLE_SYNONYMS.get(word, word)


def title_heads(text: str) -> set[str]:
    out = set()
    for h in role_heads(text):
        out.add(" ".join(norm_role(w) for w in h.split()))
    return out


def unique(items) -> list:
    """The items once each, in the order first seen."""
    seen: dict = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


SURNAME_PARTICLES = frozenset(
    "de da di del della der den van von ter ten la le du dos das bin ibn".split()
)


def person_parts(text: str) -> tuple[str | None, str]:
    """A person's name as (first name or None, surname with its particles)."""
    parts = [p for p in text.replace("’", "'").split() if p.strip(".")]
    if not parts:
        return None, text
    end = len(parts)
    if end > 1 and parts[-1].lower().rstrip(".") in ("jr", "sr", "ii", "iii"):
        end -= 1
    begin = end - 1
    while begin > 0 and parts[begin - 1].lower() in SURNAME_PARTICLES:
        begin -= 1
    last = " ".join(parts[begin:end])
    first = parts[0] if begin > 0 else None
    return first, last


def org_words(text: str) -> list[str]:
    """An organization's name as the content words that identify it."""
    return [w for w in name_key(text).split() if w not in ORG_STOP]
