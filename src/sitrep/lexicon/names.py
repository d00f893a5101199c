"""Names as keys: transliteration, titles and roles, gender cues, spelling distance.

Shared by the per-document entity extractor and the corpus-level resolver so
that both agree on what counts as "the same name".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

# Words that name an office, rank or occupation. A run of these (with the
# modifiers below) before a name is the person's title, not part of the name.
ROLE_WORDS: dict[str, str] = {}
for _cat, _words in {
    "military": "general colonel-general lieutenant-general major-general brigadier-general "
    "colonel lieutenant-colonel major lieutenant captain admiral vice-admiral rear-admiral marshal "
    "field-marshal sergeant corporal private commander commandant officer soldier brigadier "
    "commodore warlord militant fighter gen col lt capt maj sgt adm cmdr",
    "government": "president vice-president prime premier minister secretary chancellor governor "
    "mayor ambassador envoy diplomat senator congressman congresswoman congressmember "
    "representative rep sen gov lawmaker legislator deputy mp mep speaker chairman chairwoman "
    "chairperson chair spokesman spokeswoman spokesperson official commissioner councillor "
    "councilor king queen prince princess emperor sultan emir sheikh monarch dictator "
    "attaché consul consul-general undersecretary under-secretary administrator press-secretary "
    "aide adviser advisor counsellor counselor ombudsman premier-elect president-elect",
    "sport": "footballer striker midfielder goalkeeper defender forward winger coach manager "
    "player athlete captain-elect skipper referee boxer cyclist tennis sprinter",
    "media": "journalist reporter correspondent editor anchor presenter columnist commentator "
    "broadcaster blogger photographer producer",
    "academia": "professor prof dr analyst researcher scholar expert economist historian "
    "scientist lecturer academic",
    "law": "judge justice prosecutor attorney lawyer barrister solicitor magistrate investigator",
    "clergy": "pope patriarch metropolitan archbishop bishop cardinal priest rabbi imam ayatollah "
    "mufti reverend rev",
    "business": "ceo cfo executive founder businessman businesswoman entrepreneur tycoon "
    "oligarch banker director president-ceo",
    "generic": "head chief leader member activist campaigner witness resident spokesperson-elect "
    "mr mrs ms miss sir lord lady dame madam mister former ex",
    # running for an office is holding none (see CANDIDACY)
    "candidacy": "candidate nominee hopeful frontrunner front-runner contender",
}.items():
    for _w in _words.split():
        ROLE_WORDS.setdefault(_w, _cat)

# Words of a candidacy: "Democratic presidential candidate", "the Republican nominee". The
# candidate holds none of the offices it names; the adjective says which one is sought.
CANDIDACY = frozenset(w for w, cat in ROLE_WORDS.items() if cat == "candidacy")
SOUGHT_OFFICE = {
    "presidential": "president",
    "vice-presidential": "vice-president",
    "gubernatorial": "governor",
    "senate": "senator",
    "senatorial": "senator",
    "mayoral": "mayor",
    "congressional": "congressman",
}

# Modifiers that may join a title: "Defence Minister", "Deputy Foreign Minister".
ROLE_MODIFIERS = frozenset(
    "former ex acting deputy vice first second senior junior chief assistant retired then "
    "defence defense foreign interior health finance justice economy economic energy "
    "education culture transport agriculture trade labour labor environment home state "
    "prime general supreme army navy naval air force military fleet district regional "
    "national federal presidential vice-presidential gubernatorial senatorial mayoral "
    "press party opposition parliamentary top lead interim "
    "de facto self-proclaimed the of for and".split()
)

HONORIFICS = frozenset("mr mrs ms miss dr prof sir dame lord lady mister madam".split())

MALE_WORDS = frozenset(
    "mr sir lord king prince emperor sultan emir sheikh congressman spokesman chairman "
    "businessman father brother son husband uncle nephew man boy he him his himself "
    "mister pope patriarch metropolitan archbishop bishop cardinal priest rabbi imam "
    "ayatollah".split()
)
FEMALE_WORDS = frozenset(
    "mrs ms miss lady dame madam queen princess empress congresswoman spokeswoman chairwoman "
    "businesswoman mother sister daughter wife aunt niece woman girl she her hers herself".split()
)

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


# Latin with diacritics and Cyrillic, char by char through a table (fast, C-level);
# anything else goes through anyascii whole.
_TABLE = {
    cp: anyascii(chr(cp))
    for rng in (
        range(0x80, 0x250),
        range(0x400, 0x530),
        range(0x1E00, 0x1F00),
        range(0x2010, 0x2020),
    )
    for cp in rng
}


def translit(text: str) -> str:
    """Any script to plain ASCII (Леонид Ивашов -> Leonid Ivashov)."""
    if text.isascii():
        return text
    out = text.translate(_TABLE)
    if out.isascii():
        return out
    return anyascii(unicodedata.normalize("NFKC", out))


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


# Spelling variants that transliteration systems disagree on; folding them lets
# Zelensky / Zelenskiy / Zelenskyy and Dmitry / Dmitriy meet.
_FOLDS = [
    (re.compile(r"(?:iy|yy|ij|ii|yi)\b"), "y"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ks"), "x"),
    (re.compile(r"(?<=[aeiou])y(?=[aeiou])"), "i"),
    (re.compile(r"ya"), "ia"),
    (re.compile(r"yu"), "iu"),
    (re.compile(r"j"), "y"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ff\b"), "v"),
    (re.compile(r"(.)\1"), r"\1"),
]


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """Lowercase ASCII key of a name, with transliteration variants folded."""
    key = _NON_ALNUM.sub(" ", translit(text).lower()).strip()
    for pattern, repl in _FOLDS:
        key = pattern.sub(repl, key)
    return key


def outlet_key(name: str) -> str:
    """Outlet and source names compared across case, punctuation, script and a leading
    'the' (ТАСС = TASS, 'The Kesvar Herald' = 'Kesvar Herald'): one key for the grading
    table, credit lines and origins."""
    words = re.sub(r"[^\w ]+", " ", anyascii(name).lower()).split()
    return " ".join(w for w in words if w != "the")


def without_title(name: str) -> str:
    """A person's name without the title written before it: "Defence Minister Stefan
    Horvel" -> "Stefan Horvel", "Major Anton Ivanek" -> "Anton Ivanek"; a name that would be
    left with fewer than two words ("Defence Minister", "President Vell") stays whole."""
    words = name.split()
    i = 0
    while i < len(words) and (
        words[i].lower().rstrip(".") in ROLE_WORDS or words[i].lower() in ROLE_MODIFIERS
    ):
        i += 1
    titled = any(w.lower().rstrip(".") in ROLE_WORDS for w in words[:i])
    return " ".join(words[i:]) if titled and len(words) - i >= 2 else name


def tokens(name: str) -> list[str]:
    return [t for t in name_key(name).split() if t]


_ROLE_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


# Russian titles in English, so that roles agree across languages ("майор" is a major,
# which transliteration would make a "mayor").
RU_ROLES = {
    "министр": "minister",
    "президент": "president",
    "генерал": "general",
    "генерал-полковник": "colonel-general",
    "генерал-лейтенант": "lieutenant-general",
    "генерал-майор": "major-general",
    "полковник": "colonel",
    "подполковник": "lieutenant-colonel",
    "майор": "major",
    "капитан": "captain",
    "лейтенант": "lieutenant",
    "адмирал": "admiral",
    "командующий": "commander",
    "командир": "commander",
    "посол": "ambassador",
    "пресс-секретарь": "spokesman",
    "представитель": "spokesman",
    "официальный": "official",
    "футболист": "footballer",
    "журналист": "journalist",
    "корреспондент": "correspondent",
    "депутат": "lawmaker",
    "сенатор": "senator",
    "премьер-министр": "prime minister",
    "премьер": "premier",
    "спикер": "speaker",
    "глава": "head",
    "мэр": "mayor",
    "губернатор": "governor",
    "профессор": "professor",
    "аналитик": "analyst",
    "эксперт": "expert",
    "историк": "historian",
    "директор": "director",
    "судья": "judge",
    "прокурор": "prosecutor",
    "патриарх": "patriarch",
    "бывший": "former",
    "замминистра": "deputy minister",
    "заместитель": "deputy",
    "председатель": "chairman",
    "советник": "adviser",
}
_RU_WORD = re.compile(r"[\u0400-\u04ff]+(?:-[\u0400-\u04ff]+)*")
_RU_ENDINGS = (
    "ами",
    "ого",
    "ему",
    "ом",
    "ем",
    "ой",
    "ей",
    "ам",
    "ах",
    "а",
    "я",
    "у",
    "ю",
    "е",
    "ы",
    "и",
)


def _english_role(match: re.Match) -> str:
    word = match.group(0).lower()
    if word in RU_ROLES:
        return RU_ROLES[word]
    for ending in _RU_ENDINGS:  # "министра", "генералом"
        if word.endswith(ending) and word[: -len(ending)] in RU_ROLES:
            return RU_ROLES[word[: -len(ending)]]
    return word


def role_words(role: str) -> list[str]:
    if has_cyrillic(role):
        role = _RU_WORD.sub(_english_role, role)
    return _ROLE_WORD.findall(translit(role).lower())


@lru_cache(maxsize=50_000)
def role_category(role: str) -> str | None:
    """The occupational field a role phrase belongs to (military, government, sport...)."""
    for word in reversed(role_words(role)):
        cat = ROLE_WORDS.get(word) or ROLE_WORDS.get(word.split("-")[-1])
        if cat and cat not in ("generic", "candidacy"):
            return cat
    return None


@lru_cache(maxsize=50_000)
def role_heads(role: str) -> frozenset[str]:
    """The role nouns of a phrase: "former Defence Minister" -> {"minister", "defence minister"}."""
    words = role_words(role)
    heads = {w for w in words if w in ROLE_WORDS and w not in ("former", "ex")}
    for a, b in zip(words, words[1:], strict=False):
        if b in ROLE_WORDS:
            heads.add(f"{a} {b}")
    # "colonel-general" also counts as a general
    heads |= {h.split("-")[-1] for h in heads if "-" in h}
    return frozenset(heads)


def roles_conflict(a: list[str], b: list[str]) -> bool:
    """Two sets of roles from different fields (a minister and a footballer)."""
    ca = {c for c in map(role_category, set(a)) if c}
    cb = {c for c in map(role_category, set(b)) if c}
    return bool(ca and cb and not ca & cb)


def gender_of_words(words: list[str]) -> str | None:
    lowered = [w.lower().strip(".") for w in words]
    male = any(w in MALE_WORDS for w in lowered)
    female = any(w in FEMALE_WORDS for w in lowered)
    if male != female:
        return "m" if male else "f"
    return None


@lru_cache(maxsize=1)
def _gender_detector():
    try:
        import gender_guesser.detector as detector
    except ImportError:  # optional: without it gender comes from titles and pronouns only
        return None
    return detector.Detector(case_sensitive=False)


_RU_FEMALE = re.compile(r"(?:ovna|evna|ichna|ova|eva|ina|yna|skaya|tskaya|aya)$")
_RU_MALE = re.compile(r"(?:ovich|evich|ich|ov|ev|in|yn|sky|skiy|skii|skyi)$")


@lru_cache(maxsize=50_000)
def gender_of_name(first: str | None, last: str | None = None) -> str | None:
    """m / f / None from a first name (name dictionary) or a Slavic surname ending."""
    if first:
        det = _gender_detector()
        if det is not None:
            guess = det.get_gender(translit(first))
            if guess in ("male", "mostly_male"):
                return "m"
            if guess in ("female", "mostly_female"):
                return "f"
    if last:
        ascii_last = translit(last).lower()
        if _RU_FEMALE.search(ascii_last) and len(ascii_last) > 4:
            return "f"
        if _RU_MALE.search(ascii_last) and len(ascii_last) > 3:
            return "m"
    return None


def first_names_compatible(a: str | None, b: str | None) -> bool:
    """ "Anton" ~ "A." ~ None; "Anton" !~ "Dana"; near-spellings (Dmitri/Dmitry) agree."""
    if not a or not b:
        return True
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return True
    if len(ka) == 1 or len(kb) == 1:
        return ka[0] == kb[0]
    if ka[0] != kb[0] or min(len(ka), len(kb)) < 4 or Levenshtein.distance(ka, kb) > 1:
        return False
    return not _gendered_pair(ka, kb)


def _gendered_pair(a: str, b: str) -> bool:
    """Ivan / Ivana, Paul / Paula, Louis / Louise, Mario / Maria: one letter apart, yet the
    male and female forms of a name, so two people."""
    short, long_ = sorted((a, b), key=len)
    if len(long_) == len(short) + 1 and long_.startswith(short):
        return True
    return len(a) == len(b) and a[:-1] == b[:-1] and "a" in (a[-1], b[-1])


def near_spelling(a: str, b: str) -> bool:
    """Same initial and a small edit distance: Deverall / Deverell, Ivashov / Ivashev; never
    a plural ("the Clintons")."""
    ka, kb = name_key(a), name_key(b)
    if ka == kb or not ka or not kb or ka[0] != kb[0]:
        return False
    shortest = min(len(ka), len(kb))
    if shortest < 5:
        return False
    short, long = sorted((ka, kb), key=len)
    if long in (short + "s", short + "es", short + "'s"):
        return False  # "the Clintons" are the family, not Clinton misspelled
    limit = 1 if shortest < 8 else 2
    return Levenshtein.distance(ka, kb, score_cutoff=limit) <= limit
