"""The analysis's word lists, each once: words around names, and the few closed classes.

None of these decides on its own that someone is or is not a person: they say where a
name starts ("Foreign Minister" before "Ana Ruiz"), which small words belong inside one
("al-", "van der"), and what a handful of fixed conventions look like (ship prefixes).
Whether a name is a person is weighed from the parse and the article (people.py).
"""

from __future__ import annotations

# Words that introduce a name without being part of it: honorifics, offices, ranks,
# relations. Lower-case, compared with diacritics folded and a final "." or plural "s"
# removed ("Presidents Ola Brandt and Ines Kogo").
TITLE_WORDS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "madam",
        "monsieur",
        "herr",
        "president",
        "presidents",
        "vice",
        "prime",
        "minister",
        "ministers",
        "foreign",
        "secretary",
        "state",
        "chancellor",
        "premier",
        "king",
        "queen",
        "prince",
        "princess",
        "crown",
        "emir",
        "sheikh",
        "sultan",
        "pope",
        "cardinal",
        "archbishop",
        "bishop",
        "rev",
        "reverend",
        "father",
        "imam",
        "ayatollah",
        "rabbi",
        "general",
        "gen",
        "lt",
        "lieutenant",
        "colonel",
        "col",
        "major",
        "maj",
        "captain",
        "capt",
        "admiral",
        "adm",
        "commander",
        "sergeant",
        "sgt",
        "marshal",
        "field",
        "senator",
        "sen",
        "representative",
        "rep",
        "congressman",
        "congresswoman",
        "governor",
        "gov",
        "mayor",
        "ambassador",
        "envoy",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "judge",
        "justice",
        "chief",
        "director",
        "leader",
        "chairman",
        "chairwoman",
        "chair",
        "ceo",
        "founder",
        "former",
        "late",
        "deputy",
        "acting",
        "interim",
        "defence",
        "defense",
        "interior",
        "economy",
        "finance",
        "trade",
        "health",
        "justice",
        "speaker",
        "first",
        "opposition",
        "party",
        "secretary-general",
        "attorney",
        "counsel",
        "officer",
        "agent",
        "inspector",
        "detective",
        "superintendent",
        "chief-of-staff",
        "activist",
        "fiancée",
        "fiancee",
        "wife",
        "husband",
        "son",
        "daughter",
        "brother",
        "sister",
        "mother",
        "father",
        "uncle",
        "aunt",
        "cde",
        "comrade",
        "shahid",
        "martyr",
        "widow",
        "journalist",
        "columnist",
        "correspondent",
        "editor",
        "analyst",
        "saint",
        "st",
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "mrs.",
        "mr.",
        "dr.",
        "gen.",
        "lt.",
        "col.",
        "sen.",
        "rep.",
        "gov.",
        "st.",
        "prof.",
        "capt.",
        "sgt.",
        "adm.",
        # Offices written capitalised before a name in news copy.
        "sheriff",
        "commissioner",
        "honorable",
        "honourable",
        "mme",
        "mlle",
        "mufti",
        "sheikha",
        "crown",
        "broadcaster",
        "councillor",
        "councilman",
        "councilwoman",
        "alderman",
        "magistrate",
        "constable",
        "coroner",
        "provost",
        "chancellor",
        "regent",
        "emperor",
        "empress",
        "duke",
        "duchess",
        "earl",
        "baron",
        "baroness",
        "marquess",
        "countess",
        "mp",
        "mep",
        "mla",
        "ceo",
        "cfo",
        "coo",
        "executive",
        "manager",
        "coach",
        "captain",
        "president-elect",
        "vice-president",
        "prime-minister",
    ]
)

# Title words that qualify an office rather than introduce a name: "Foreign" in "Foreign
# Minister", "Trade" in "Trade Commissioner". A capitalised word right after one of these
# is the rest of the office ("Foreign Affairs"), not a name.
TITLE_MODIFIERS = frozenset(
    """
    foreign deputy vice state interior defence defense economy finance trade health
    justice first acting interim former late opposition party field prime chief crown
    general executive secretary
    """.split()
)
# Platforms and news agencies that every article cites and the small model often tags
# PERSON ("wrote on Twitter"). Compared case-folded, diacritics removed.
NOT_PEOPLE = frozenset(
    """
    twitter facebook instagram youtube telegram whatsapp tiktok snapchat linkedin reddit
    weibo wechat google reuters afp ap bloomberg xinhua tass interfax anadolu
    """.split()
)

# Lower-case words that stand before a person's name to say who they are ("lawyer Ana
# Ruiz"). With the titles they tell the words before a name from the name, and a role
# before a lone word says it names a person ("drummer Rowe") where a classifier says it
# names a thing ("daily Vestnik"); any other lower-case noun before a full name is
# taken as a role too.
ROLE_WORDS = frozenset(
    """
    lawyer attorney rapper singer musician actor actress artist player striker coach
    footballer author writer poet novelist scientist researcher doctor nurse teacher student
    farmer businessman businesswoman billionaire tycoon blogger photographer reporter anchor
    host pilot soldier officer cleric preacher priest monk nun dissident opponent rival
    candidate challenger incumbent lawmaker legislator politician diplomat economist expert
    envoy adviser advisor aide chief official spokesman spokeswoman spokesperson colleague
    friend partner fiancée fiancee wife husband son daughter brother sister mother father
    president minister premier senator governor mayor ambassador judge prosecutor
    investigator rapporteur negotiator mediator delegate leader founder owner director
    manager executive chairman prisoner hostage detainee victim survivor witness suspect
    defendant refugee migrant protester activist campaigner journalist columnist editor
    correspondent commentator analyst historian philosopher designer architect engineer
    entrepreneur investor banker filmmaker director producer comedian dancer athlete
    cyclist runner swimmer boxer champion veteran late former deputy fellow compatriot
    counterpart predecessor successor
    """.split()
)

# Words that organisations' names are made of: the tail of an entity ending in one is
# not a person's name ("the Ana Ruiz Foundation", "Karl Marx Avenue").
ORGANISATION_WORDS = frozenset(
    """
    watch group council ministry army party office house agency union nations bank
    foundation institute committee court forces front movement association organisation
    organization company corp inc ltd news times post daily press radio tv network media
    university college school department government administration commission parliament
    assembly congress senate guard police service services brigade brigades league club
    airlines airways air fund trust centre center observatory alliance coalition forum
    summit conference board authority bureau chamber initiative project programme program
    mission federation confederation society corporation holdings energy petroleum oil gas
    tower hall street square airport bridge stadium palace museum mosque church cathedral
    hospital avenue road prize award doctrine plan act law treaty accord
    county district province city studio studios command records orchestra festival
    campaign band choir ensemble
    """.split()
)

# Words that end a run of titles before a name ("the minister", "his wife").
ARTICLES = frozenset({"the", "a", "an", "his", "her", "their", "its", "our"})
# Particles inside surnames ("Omar al-Rashid", "Anna van der Berg", "bin Khalid"),
# and those of them written joined to the surname by a hyphen ("al-Rashid", "bin-Ali").
PARTICLES = frozenset("al el bin ibn de da di del der van von la le du dos das y ben abu".split())
HYPHENATED_PARTICLES = (
    "al",
    "el",
    "ad",
    "as",
    "an",
    "ar",
    "at",
    "az",
    "ash",
    "ibn",
    "bin",
    "ben",
    "abu",
)
# Prefixes of ships' names (motor vessel, steamship, His/Her Majesty's Ship, ...): the
# rescue ship "MV Anna Berger" is named after a person and is not one.
VESSEL_PREFIXES = frozenset({"MV", "MS", "M/V", "SS", "HMS", "USS", "RV", "HMAS", "INS", "FV"})
# Roman numerals of a monarch's or pope's name, and generational suffixes: part of the
# name ("Elizabeth II", "Martin Luther King Jr.").
NAME_SUFFIXES = frozenset(
    "II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI Jr Jr. Sr Sr.".split()
)
