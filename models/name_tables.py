"""Curated word lists for name matching (:mod:`models.names`): particles, titles, compound
heads, and equivalent or short forms of given names.

All entries are folded ASCII (lowercase, no accents), as :func:`models.names.words` writes
them. The lists cover the naming traditions seen at Milan's desks: Arabic (Egypt, Morocco,
Tunisia, Sudan, Syria), Berber, South Asian (Bangladesh, Pakistan), West African (Yoruba,
Igbo, Hausa, Mande, Wolof), Spanish and Andean, Slavic, Chinese. They are small on purpose:
spelling variants are found by the phonetic keys and the edit distance, so a form belongs
here only when no spelling rule can reach it (Sasha for Oleksandr, Seun for Oluwaseun,
Yusuf for Joseph).
"""

from __future__ import annotations

# Words that join names rather than being one: matched when typed, never required, never
# counted as an extra word of a registered name.
PARTICLES = frozenset(
    {
        # Arabic and Berber (article, "son/daughter of", "father of", "family of")
        "al", "el", "ul", "ur", "ar", "as", "ad", "ed", "er", "es", "ash",
        "bin", "ben", "ibn", "bn", "binti", "bint", "bent", "ould", "wuld",
        "abu", "abou", "abo", "bou", "ait", "ag",
        # Spanish, Portuguese, Italian, French, Dutch, German
        "de", "del", "della", "la", "las", "los", "da", "das", "do", "dos", "di", "du",
        "van", "der", "den", "von", "y", "e",
        # South Asian joining words
        "ud", "un",
    }
)  # fmt: skip

# Honorifics and titles that may precede a name on one document and not on another.
TITLES = frozenset(
    {
        "mst", "most", "mosammat", "mosammet", "mossammat", "mosamat", "mrs", "mr", "ms",
        "dr", "haji", "hajji", "hadji", "alhaji", "alhaja", "hajia", "sri", "smt", "shri",
        "syed", "sayed", "sayyid", "seyed", "sheikh", "shaikh", "cheikh", "mirza",
        "chief", "engr", "prof", "sig", "sigra",
    }
)  # fmt: skip

# Heads of compound names, written joined or apart: Abdelaziz = Abdel Aziz,
# Benromdhane = Ben Romdhane, Oluwaseun = Oluwa Seun. A registered word starting with one of
# these (and long enough after it) is also indexed as its two parts.
COMPOUND_HEADS = (
    # Arabic "servant of" with the article, assimilated or not (Abd ar-Rahman, Abdur Rahman,
    # Abderrahmane, Abdessamad): matched by pattern in models.names.
    "abd",
    "abu", "abou", "abo", "abul", "bou", "ben", "bin", "ibn", "ould", "ait", "el", "al",
    "nour", "nur", "noor",
    "de", "del", "dela", "delos", "delas", "van", "vander", "vanden", "von",
    # Yoruba and Igbo prefixes of given names
    "oluwa", "olu", "ade", "ayo", "oyin", "funmi", "chukwu", "chi", "nwa",
)  # fmt: skip

# Given names that are the same name in another language or a common short form.
# Each line is one group; a word may belong to several groups (Tunde: Babatunde, Olatunde).
EQUIVALENT_NAMES = """
mohamed mohammed muhammad mohammad mohamad muhamad muhammed mohd md mhd mehmet mamadou
    mahamadou mouhamed mouhamadou mohamud muhamed mamadu madou
ahmed ahmad ahmet achmed
mahmoud mahmud mahmood mahmut
mustafa mostafa moustafa mustapha mostapha mustafo
youssef yusuf yousef yusef yosef joseph josef jusuf yousif yussuf yussef giuseppe
ibrahim ebrahim brahim ibrahima brahima abraham ibragim
musa moussa mousa moses mose
issa isa aissa
daoud dawood dawud davud david daud
suleiman sulaiman soliman souleymane sulayman suleyman solomon sleiman
yacoub yaqub yakub yaqoob yacouba yakuba jacob jakob yaqoub
younes youness yunus younis younous jonas
ismail ismael smail esmail
ishaq ishak isaac
ayoub ayub ayyub aiyoub job
maryam mariam meryem mariem miriam mariama maria mary marie
hawa haoua awa
othman osman usman uthman
abdullah abdallah abdellah abdoulaye abdulla
abdelkader abdulkadir abdelqader abdoulkader abdulqadir
fatima fatma fatimah fatoumata fatouma fatuma fanta
aisha ayesha aysha aicha aishat aichatou
khadija khadidja kadiatou kadiatu khadijah
oleksandr olexandr oleksander aleksandr alexandr alexander aleksander alexandre alessandro
    sasha sascha sacha sashko
mykola mikola nikolai nikolay nicolai nikolaj nicolas kolya kolia
volodymyr volodimir wolodymyr vladimir wladimir volodya volodia vova
tetiana tetyana tatiana tatyana tanya tania
yuliia yulia yuliya iuliia julia julija yuliya
serhiy serhii sergiy sergii sergei sergey serhij sergio seryozha
dmytro dmitro dmitry dmitri dmitriy dima
mykhailo mykhaylo mikhail mikhailo michail mykhajlo michael misha
kateryna katerina ekaterina yekaterina katya katia
nataliia natalia natalya nataliya natasha
yuriy yurii yuri iurii jurij yura
vasyl vasil vasily vasiliy vasili vasya
petro petr pyotr pietro petya
pavlo pavel pasha
andriy andrii andrey andrei andrij andrea
olena elena helena yelena lena
svitlana svetlana sveta
halyna galina halina galya
iryna irina ira
liudmyla lyudmila ludmila liudmila luda
anastasiia anastasia anastasiya nastya
hryhoriy hryhorii grigoriy grigory grigorii hryhorij
bohdan bogdan
yevhen yevgeny evgeny evgeniy zhenya
oleh oleg
olha olga
hanna anna ganna
ihor igor
oluwaseun seun oluseun
oluwafemi femi olufemi
babatunde tunde olatunde
oluwatobi tobi tobiloba oluwatobiloba
olufunmilayo funmilayo funmi
adebayo bayo
babajide jide
olumide mide
oluwakemi kemi olukemi
folakemi folake
temitope tope
damilare dami oluwadamilare
adewale wale
ayodele dele
adekunle kunle
abimbola bimbola bimbo
chukwuemeka emeka
ifeanyi ify ifeanyichukwu
chinonso nonso
chiamaka amaka
ikechukwu ike
uchenna uche
chidiebere chidi
obinna obi
nnamdi namdi
jose pepe
francisco paco pancho
guadalupe lupe
ignacio nacho
jesus chucho chuy
alberto beto
roberto beto
guillermo memo
antonio tono
enrique quique
eduardo lalo
rosario charo
concepcion concha conchita
dolores lola
mariadelcarmen maricarmen
mosammat mst most mosammet mossammat mosamat
ghulam golam gholam
"""


def equivalent_groups() -> dict[str, tuple[str, ...]]:
    """Each word of :data:`EQUIVALENT_NAMES` with the ids of its groups (``g<line>``)."""
    groups: dict[str, list[str]] = {}
    number = 0
    for line in EQUIVALENT_NAMES.strip().splitlines():
        if not line.startswith(" "):
            number += 1
        for word in line.split():
            ids = groups.setdefault(word, [])
            if f"g{number}" not in ids:
                ids.append(f"g{number}")
    return {word: tuple(ids) for word, ids in groups.items()}
