"""Russian words the extractors look for: roles, pronouns, reporting verbs, hedges.

Kept apart from the code so a reader can check and extend the lists without
reading the matching logic. Every entry is a lemma (lower case, ё written ё
where natasha keeps it, е otherwise: both are listed where it matters).
"""

from __future__ import annotations

# Titles and roles before a name ("генерал-полковник Олег Варламов", "министр обороны").
ROLE_LEMMAS = frozenset(
    """
президент премьер-министр премьер министр замминистра заместитель вице-премьер генерал
генерал-полковник генерал-майор генерал-лейтенант полковник подполковник майор капитан лейтенант
адмирал контр-адмирал вице-адмирал посол председатель представитель пресс-секретарь спикер
директор глава руководитель командующий командир депутат сенатор губернатор мэр посланник
аналитик историк эксперт журналист корреспондент писатель писательница врач врач-хирург дирижёр
дирижер советник судья прокурор лидер канцлер король королева патриарх митрополит министерство
""".split()
) - {"министерство"}
FEMALE_ROLES = frozenset({"писательница", "королева"})

# Personal pronouns that may stand for a speaker: (gender, kind).
PRONOUNS: dict[str, tuple[str | None, str]] = {
    "он": ("m", "person"),
    "его": ("m", "person"),
    "него": ("m", "person"),
    "ему": ("m", "person"),
    "нему": ("m", "person"),
    "нём": ("m", "person"),
    "нем": ("m", "person"),
    "она": ("f", "person"),
    "её": ("f", "person"),
    "ее": ("f", "person"),
    "неё": ("f", "person"),
    "нее": ("f", "person"),
    "ей": ("f", "person"),
    "ней": ("f", "person"),
    "они": (None, "plural"),
    "их": (None, "plural"),
    "них": (None, "plural"),
}
FIRST_PERSON = frozenset({"я", "мы", "меня", "нас", "мне", "нам"})

# Organization words too general to stand for one organization on their own.
GENERIC_ORG = frozenset(
    "министерство правительство армия полиция суд партия агентство комитет служба компания".split()
)

# Verbs that introduce speech or a report (lemmas).
SPEECH_VERBS = frozenset(
    """
заявить заявлять сказать говорить сообщить сообщать отметить отмечать подчеркнуть подчёркивать
подчеркивать написать писать добавить добавлять пояснить пояснять уточнить уточнять рассказать
рассказывать ответить отвечать признать признавать напомнить напоминать опровергнуть опровергать
объяснить объяснять утверждать указать указывать предупредить предупреждать воскликнуть спросить
продолжить заверить заверять обещать пообещать призвать призывать потребовать требовать
констатировать передать передавать процитировать цитировать назвать называть отрицать
подтвердить подтверждать сообщиться объявить объявлять
""".split()
)
# Verbs of belief: doxastic, and their speaker holds the view.
# Verbs whose subject is an outlet relaying a report ("как сообщает ТАСС").
REPORT_VERBS = frozenset(
    "сообщать сообщить передавать передать писать написать информировать".split()
)

# "по словам X", "по данным X", "по сообщению X", "по мнению X", "по информации X".
ACCORDING_NOUNS = frozenset(
    {"слово", "данные", "сообщение", "информация", "мнение", "оценка", "сведения"}
)
# Nouns that make a source unnamed: "источники", "очевидцы", "эксперты".
UNNAMED_NOUNS = frozenset(
    """
источник очевидец свидетель эксперт аналитик чиновник представитель собеседник житель
наблюдатель журналист корреспондент сотрудник военный офицер дипломат сми
""".split()
)

# Hedge cues: phrase (lower-case words) -> (type, band). Bands follow the English
# lexicon: "возможно" reads like "possibly" (3), "может" like "may" (4),
# "вероятно" / "скорее всего" like "probably" / "most likely" (5). "якобы" is an
# accusation's mark, not a likelihood: type "disputed", no band.
HEDGES: dict[tuple[str, ...], tuple[str, int | None]] = {
    ("возможно",): ("possible", 3),
    ("не", "исключено"): ("possible", 3),
    ("не", "исключают"): ("possible", 3),
    ("предположительно",): ("possible", 3),
    ("может",): ("possible", 4),
    ("могут",): ("possible", 4),
    ("мог",): ("possible", 3),
    ("могла",): ("possible", 3),
    ("могли",): ("possible", 3),
    ("могло",): ("possible", 3),
    ("может", "быть"): ("possible", 4),
    ("вероятно",): ("probable", 5),
    ("вероятнее", "всего"): ("probable", 5),
    ("скорее", "всего"): ("probable", 5),
    ("по", "всей", "видимости"): ("probable", 5),
    ("весьма", "вероятно"): ("probable", 6),
    ("очень", "вероятно"): ("probable", 6),
    ("с", "высокой", "вероятностью"): ("probable", 6),
    ("почти", "наверняка"): ("probable", 7),
    ("почти", "наверное"): ("probable", 7),
    ("наверняка",): ("probable", 6),
    ("маловероятно",): ("probable", 3),
    ("вряд", "ли"): ("probable", 3),
    ("едва", "ли"): ("probable", 3),
    ("практически", "исключено"): ("probable", 1),
    ("по-видимому",): ("evidential", 5),
    ("судя", "по", "всему"): ("evidential", 5),
    ("видимо",): ("evidential", 5),
    ("очевидно",): ("evidential", 5),
    ("похоже",): ("evidential", 5),
    ("кажется",): ("evidential", 5),
    ("как", "представляется"): ("evidential", 5),
    ("якобы",): ("disputed", None),
    ("предполагаемый",): ("disputed", None),
    ("предполагаемого",): ("disputed", None),
    ("предполагаемые",): ("disputed", None),
    ("так", "называемые"): ("disputed", None),
    ("так", "называемый"): ("disputed", None),
    ("так", "называемая"): ("disputed", None),
    ("так", "называемое"): ("disputed", None),
    ("если",): ("conditional", None),
    ("неизвестно",): ("investigative", None),
    ("неясно",): ("investigative", None),
    ("проверяются",): ("investigative", None),
    ("проверяется",): ("investigative", None),
    ("по", "сообщениям"): ("weasel", None),
    ("по", "имеющимся", "данным"): ("weasel", None),
    ("по", "некоторым", "данным"): ("weasel", None),
    ("сообщается",): ("weasel", None),
    ("как", "сообщается"): ("weasel", None),
    ("говорят",): ("weasel", None),
}
# Belief verbs in the first person or about a source: doxastic, band 5 ("think", "believe").
DOXASTIC_FORMS = frozenset(
    """
считаю считаем считает считают считал считала считали полагаю полагаем полагает полагают
думаю думаем думает думают предполагаю предполагаем предполагает предполагают подозреваю
подозревают
""".split()
)
