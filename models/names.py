"""Names as comparable words and keys, however and in whatever script they were written.

The same person reaches a desk as محمود عبد العزيز, Mahmoud Abdel Aziz, Mahmud Abdelaziz or
Mahmood Abdulaziz; as 张晓明, Zhang Xiaoming or Chang Hsiao-ming; as Олександр Шевченко,
Oleksandr Shevchenko or Alexandre Chevtchenko. This module turns each way of writing a name
into the same keys, with no database and no Qt: the search index (:mod:`models.name_index`,
:mod:`models.search`), the duplicate review (:mod:`models.duplicates`) and the warning at
save (:mod:`models.likely_matches`) all compare names through it.

1. **Words** (:func:`words`): any script is transliterated to Latin letters with
   ``anyascii`` (Arabic and Urdu keep only their consonants and long vowels, Chinese
   characters become pinyin syllables, Cyrillic and Bengali are romanised), folded to
   lowercase ASCII; particles (al, el, ben, de, van…) and titles (Mst, Syed, Haji…) are
   marked optional; the Arabic article is split off (الشاذلي → al shdhly).
2. **Units** (:func:`units`): each word, adjacent words run together (Abdel Aziz →
   abdelaziz, Xiao Ming → xiaoming, over a particle too: De la Cruz → delacruz), the whole
   name run together, and the parts of a compound word (abdelaziz → abdel + aziz,
   benromdhane → ben + romdhane, oluwaseun → oluwa + seun, noureddine → nour + eddine). So a
   name split or joined differently meets itself.
3. **Keys** of a unit: its :func:`skeleton` (the spelling without vowels after the first
   letter, common digraphs folded: Mohamed, Mohammed and Muhammad are ``mhmd``) and its
   :func:`coarse` key (consonant classes only, like Soundex but suited to these names:
   c/k/q/g/j/ch/zh/dj/ts together, so Zhang, Chang, Jiang and Tsai meet their pinyin or
   Wade-Giles forms, Ragab meets Rajab and Quispe meets Kispe; s/z/x/sh/hs, so Xie meets
   Hsieh; b/p, d/t, f/v/w; vowels, y and a vowel-like w dropped). :func:`deletions` of a
   coarse key find the one-consonant typos (Okonkow, Nwachuku, Kharchenk). Query words
   also try a few spelling alternations (:func:`alternatives`): French ch for sh
   (Chaimaa/Shaimaa, Hicham/Hisham), Ukrainian h for Russian g (Hryhorenko/Grigorenko),
   j for y (Julia/Yulia), Arabic dh and th read as z and s (الشاذلي/Shazly).
4. **Equivalent names** (:data:`models.name_tables.EQUIVALENT_NAMES`): forms no spelling
   rule reaches: Sasha and Oleksandr, Seun and Oluwaseun, Yusuf and Joseph.
5. **Closeness** (:func:`similarity`): two units compare as equal, equivalent, one the
   beginning of the other (an abbreviation, or a name still being typed), same keys, or by
   edit distance (``rapidfuzz``) of their spelling and of their skeletons.

Nothing here keeps a name after a call returns: keys are cached per call in a
:class:`Keys` object, never in module state, so a locked store leaves no name behind.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from anyascii import anyascii
from rapidfuzz import process
from rapidfuzz.distance import Indel, JaroWinkler

from models.name_tables import COMPOUND_HEADS, PARTICLES, TITLES, equivalent_groups

OPTIONAL = PARTICLES | TITLES
EQUIVALENTS = equivalent_groups()
# Coarse keys from this length get their one-deletion neighbours in the index (shorter
# keys would give neighbours of two classes, which half the people share).
MIN_DELETION_KEY = 4

_APOSTROPHES = re.compile(r"['’‘`ʼʻ´]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SYLLABLE = re.compile(r"[A-Z][a-z]*|[a-z]+|[0-9]+")
_ARTICLE = "ال"
# Arabic ع (ayn), which anyascii writes as a backtick: kept as "3", as in Arabic chat
# spelling, so that عمرو (Amr) and مروة (Marwa) differ; Latin spellings leave it out, so
# it counts only between two names written in Arabic script.
AYN = "3"
_ABD = re.compile(r"^(abd[aeiou]?(?:sh|[lrsntdz])?)([a-z]{3,})$")
_DIN_TAIL = re.compile(r"^([a-z]{3,}?)(eddine|eddin|edine|uddin|uddeen|addin|iddin|eldin|aldin)$")
_SLAVIC_END = (
    "enko", "chuk", "czuk", "tchouk", "yuk", "iuk", "ych", "ovych", "evych", "sky", "skyi",
    "skiy", "ska", "iy", "ii", "yi", "ko",
)  # fmt: skip


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FFFF


def _is_abjad(ch: str) -> bool:
    """Arabic script (Arabic, Urdu, Persian) or a Brahmic one (Bengali, Devanagari…): their
    transliteration leaves out short vowels, so h after a consonant is a real h."""
    code = ord(ch)
    return (
        0x0600 <= code <= 0x077F
        or 0x08A0 <= code <= 0x08FF
        or 0xFB50 <= code <= 0xFEFF
        or 0x0900 <= code <= 0x0DFF
    )


def _is_arabic(ch: str) -> bool:
    return 0x0600 <= ord(ch) <= 0x06FF


# ===================================================================== words
@dataclass(frozen=True, slots=True)
class Word:
    """One word of a name, folded to lowercase ASCII letters and digits.

    ``optional``: a particle or title, matched when present but never required.
    ``abjad``: transliterated from a script that writes few vowels (Arabic, Urdu, Persian;
    Bengali and the other Brahmic scripts), where w and y inside a word stand for long
    vowels and h after a consonant is a consonant. ``abbrev``: typed as an initial or with
    a final dot (``F.``, ``Gh.``, ``Abd.``): it matches any word it begins.
    """

    text: str
    optional: bool = False
    abjad: bool = False
    abbrev: bool = False


def fold(text: str) -> str:
    """Lowercase ASCII transliteration of any text (Ç→c, é→e, ı→i, محمد→mhmd)."""
    return anyascii(unicodedata.normalize("NFC", text)).lower()


def words(value: str, *, typed: bool = False) -> list[Word]:
    """The words of one name field (or of a typed query when ``typed``).

    In a typed query a word followed by a dot, or a single letter, is an abbreviation.
    """
    out: list[Word] = []
    value = _APOSTROPHES.sub("", unicodedata.normalize("NFC", value or ""))
    for raw, dot in _raw_tokens(value):
        if any(_is_cjk(ch) for ch in raw):
            for syllable in _SYLLABLE.findall(anyascii(raw)):
                out.append(Word(syllable.lower()))
            continue
        abjad = any(_is_abjad(ch) for ch in raw)
        if abjad and raw.startswith(_ARTICLE) and len(raw) > 3 and _is_arabic(raw[2]):
            out.append(Word("al", optional=True, abjad=True))
            raw = raw[len(_ARTICLE) :]
        ascii_ = anyascii(raw)
        if abjad:
            ascii_ = ascii_.replace("`", AYN)
        for text in _NON_ALNUM.split(_APOSTROPHES.sub("", ascii_).lower()):
            if not text or text.isdigit() or text == AYN:
                continue
            abbrev = typed and not abjad and (bool(dot) or len(text) == 1)
            out.append(Word(text, optional=text in OPTIONAL, abjad=abjad, abbrev=abbrev))
    return out


def _raw_tokens(value: str) -> list[tuple[str, bool]]:
    """Runs of letters, marks and digits (Bengali and Arabic vowel signs are marks), each
    with whether a dot follows it."""
    found: list[tuple[str, bool]] = []
    start = None
    for index, ch in enumerate(value + " "):
        if unicodedata.category(ch)[0] in "LMN":
            if start is None:
                start = index
        elif start is not None:
            found.append((value[start:index], ch == "."))
            start = None
    return found


def tokens(name: str) -> list[str]:
    """The folded words of a name (:func:`words` without their flags)."""
    return [w.text for w in words(name)]


# ===================================================================== keys
_DIGRAPHS = (
    ("sch", "s"),
    ("tch", "c"),
    ("dj", "g"),
    ("dh", "d"),
    ("gh", "g"),
    ("kh", "k"),
    ("ph", "f"),
    ("sh", "s"),
    ("th", "t"),
    ("ck", "k"),
    ("ch", "c"),
    ("aw", "ao"),  # Dawood = Daoud
    ("ow", "o"),  # Chowdhury = Choudhury
)
_LETTERS = str.maketrans({"q": "k", "c": "k", "j": "g", "z": "s", "w": "v", "y": "i", "x": "s"})
_VOWELS = frozenset("aeiou")


def skeleton(token: str) -> str:
    """Spelling key of one folded word (``mohammed`` → ``mhmd``): common digraphs folded,
    vowels dropped after the first letter (a first vowel becomes ``a``), doubles collapsed."""
    word = token
    for digraph, single in _DIGRAPHS:
        word = word.replace(digraph, single)
    word = word.translate(_LETTERS)
    if not word:
        return ""
    head = "a" if word[0] in _VOWELS else word[0]
    body = [ch for ch in word[1:] if ch not in _VOWELS and not ch.isdigit()]
    out = [head]
    for ch in body:
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)


# Spellings of one sound class, longest first; single letters follow in _SINGLE.
_SOUND_TOKEN = re.compile(
    "shch|tsch|dzh|sch|tch|zh|ch|cz|dj|ts|tz|sh|sz|kh|gh|ph|th|dh|bh|jh|ck|cc|qu|[a-z0-9]"
)
_CLASS_OF = {
    "shch": "S", "tsch": "K", "dzh": "K", "sch": "S", "tch": "K", "zh": "K", "ch": "K",
    "cz": "K", "dj": "K", "ts": "K", "tz": "K", "sh": "S", "sz": "S", "kh": "K", "gh": "K",
    "ph": "F", "th": "T", "dh": "T", "bh": "P", "jh": "K", "ck": "K", "cc": "K", "qu": "K",
    "b": "P", "p": "P", "f": "F", "v": "F", "t": "T", "d": "T", "k": "K", "g": "K",
    "j": "K", "q": "K", "s": "S", "z": "S", "x": "S", "l": "L", "r": "R", "m": "M", "n": "N",
}  # fmt: skip
_VOWEL_LIKE = frozenset("aeiouy")
_VOWEL_SOUND = {"a": "a", "e": "e", "i": "i", "o": "o", "u": "u", "y": "i"}
_OU_BEFORE_VOWEL = re.compile(r"ou(?=[aei])")
_W_SOUND = re.compile(r"^[hg]u(?=a)")


def sounds(text: str, abjad: bool = False) -> str:
    """The word as a string of sound classes (upper case) and vowels (lower case):
    ``shevchenko`` → ``SeFKeNKo``, ``chevtchenko`` → ``KeFKeNKo``."""
    word = text
    if not abjad and word.startswith("hs"):  # Wade-Giles hs = pinyin x (Hsieh = Xie)
        word = "x" + word[2:]
    if not abjad and word.startswith("di") and len(word) > 2 and word[2] in "aeou":
        word = "j" + word[2:]  # French di before a vowel in Mande names: Diarra = Jara
    word = _OU_BEFORE_VOWEL.sub("w", word)  # French ou before a vowel: Ouali = Wali
    word = _W_SOUND.sub("w", word)  # initial hua, gua: Huaman = Guaman = Waman
    word = word.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    out: list[str] = []
    spelled: list[str] = []
    size = len(word)
    for match in _SOUND_TOKEN.finditer(word):
        spelling, at = match.group(), match.start()
        if spelled and spelling == spelled[-1]:
            continue  # a doubled letter (Hassan = Hasan)
        spelled.append(spelling)
        cls = _CLASS_OF.get(spelling)
        if spelling == "c":
            nxt = word[at + 1 : at + 2]
            cls = "S" if nxt in ("e", "i", "y") else "K"
        if cls is not None:
            out.append(cls)
        elif spelling == AYN:
            out.append("E")
        elif spelling in _VOWEL_SOUND:
            out.append(_VOWEL_SOUND[spelling])
        elif spelling == "w":
            # a consonant before a vowel (Kowalenko, Wali); else a vowel (Chow, Okonkow)
            nxt = word[at + 1 : at + 2]
            if nxt and nxt in _VOWEL_LIKE and not (abjad and at):
                out.append("F")
            else:
                out.append("u")
        elif spelling == "h":
            # A consonant (ح, ه, Ukrainian г), except at the end of a word (Fatimah, Ezeh,
            # Wade-Giles chih) and, in Latin spelling, after a consonant (the rest of a
            # digraph: bh, rh).
            prev = word[at - 1] if at else ""
            if at + 1 < size and (abjad or not prev or prev in _VOWEL_LIKE):
                out.append("H")
    return "".join(out)


def _coarse(text: str, abjad: bool) -> str:
    consonants = [c for c in sounds(text, abjad) if c.isupper() and c != "E"]
    key = [c for i, c in enumerate(consonants) if i == 0 or c != consonants[i - 1]]
    return "".join(key).lower() or "0"


def coarse(word: Word | str) -> str:
    """Consonant-class key of a word (``"0"`` for a word of vowels only)."""
    if isinstance(word, str):
        return _coarse(word, False)
    return _coarse(word.text, word.abjad)


def deletions(key: str, minimum: int = MIN_DELETION_KEY) -> set[str]:
    """Keys one class shorter (adjacent equal classes merged again), for keys of at least
    ``minimum`` classes: two keys within one consonant of each other share one."""
    if len(key) < minimum:
        return set()
    out = set()
    for i in range(len(key)):
        shorter = key[:i] + key[i + 1 :]
        merged = "".join(c for j, c in enumerate(shorter) if j == 0 or c != shorter[j - 1])
        if len(merged) >= 2:
            out.add(merged)
    out.discard(key)
    return out


def alternatives(word: Word) -> list[Word]:
    """Other readings of a typed word that no key merges (tried in queries only)."""
    text, found = word.text, []
    if "ch" in text:
        found.append(text.replace("ch", "sh"))  # French transcription of Arabic ش
    if "sh" in text and "shch" not in text:
        found.append(text.replace("sh", "ch"))
    if text.endswith(_SLAVIC_END) and (
        "h" in text.replace("kh", "").replace("ch", "") or "g" in text
    ):
        swapped = re.sub(r"(?<![kcsz])h", "\0", text).replace("g", "h").replace("\0", "g")
        found.append(swapped)  # Ukrainian h = Russian g (Hryhorenko = Grigorenko)
    if text.startswith("j") and len(text) > 2 and text[1] in "aeiou":
        found.append("y" + text[1:])  # Julia = Yulia, Jusuf = Yusuf
    elif text.startswith("y") and len(text) > 2 and text[1] in "aeiou":
        found.append("j" + text[1:])
    found += _abjad_readings(word)
    if not word.abjad:
        found += chinese_readings(text)
    return [Word(t, word.optional, word.abjad) for t in dict.fromkeys(found) if t != text]


# Common Chinese surnames in Wade-Giles and Cantonese spelling, with their pinyin.
_CHINESE_SURNAMES = {
    "chou": ("zhou",), "chow": ("zhou",), "chau": ("zhou",), "chang": ("zhang",),
    "cheung": ("zhang",), "hsieh": ("xie",), "tse": ("xie",), "chiang": ("jiang", "qiang"),
    "kong": ("jiang",), "tsai": ("cai",), "choi": ("cai",), "cheng": ("zheng",),
    "kuo": ("guo",), "kwok": ("guo",), "teng": ("deng",), "chiu": ("qiu",), "yau": ("qiu",),
    "lam": ("lin",), "wong": ("huang", "wang"), "lee": ("li",), "lau": ("liu",),
    "chan": ("chen",), "ng": ("wu",), "ho": ("he",), "leung": ("liang",), "yip": ("ye",),
    "yeh": ("ye",), "yeung": ("yang",), "kao": ("gao",), "chu": ("zhu",), "hsu": ("xu",),
    "tsui": ("xu",), "hsiung": ("xiong",), "sung": ("song",), "tung": ("dong",),
    "kung": ("gong",), "chung": ("zhong",), "chao": ("zhao",),
    "chien": ("qian", "jian"), "tsao": ("cao",), "tsang": ("zeng",), "tseng": ("zeng",),
    "fung": ("feng",), "tsou": ("zou",), "pai": ("bai",), "mok": ("mo",), "tam": ("tan",),
}  # fmt: skip
# A Wade-Giles (or pinyin) syllable: initial and final.
_WG_SYLLABLE = re.compile(
    r"^(ch|hs|sh|ts|tz|ss|sz|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(iung|iang|uang|ueng|ieh|ien|iao|ing|ung|ang|eng|ong|ian|uai|uan|ueh|uei|ai|ao|an|"
    r"ei|en|erh|ia|ie|ih|in|iu|ou|ua|ui|un|uo|a|e|i|o|u)$"
)
_WG_INITIALS = {
    "hs": ("x",), "ch": ("zh", "j", "q"), "ts": ("z", "c"), "tz": ("z", "c"),
    "k": ("g",), "t": ("d",), "p": ("b",), "j": ("r",), "ss": ("s",), "sz": ("s",),
}  # fmt: skip
_WG_FINALS = {
    "ieh": "ie", "ien": "ian", "iung": "iong", "ung": "ong", "ih": "i", "ueh": "ue",
    "uei": "ui", "erh": "er",
}  # fmt: skip


def chinese_readings(text: str) -> list[str]:
    """Pinyin readings of a Wade-Giles or Cantonese syllable (Hsieh → xie, Chien → qian
    and jian, Chow → zhou, Wong → huang and wang); ``[]`` for other words."""
    found = list(_CHINESE_SURNAMES.get(text, ()))
    match = _WG_SYLLABLE.match(text) if len(text) <= 6 else None
    if match:
        initial, final = match.group(1) or "", match.group(2)
        final = _WG_FINALS.get(final, final)
        if initial == "y" and final == "en":
            final = "an"  # Wade-Giles yen = pinyin yan
        if initial in ("k", "h") and final == "o":
            final = "e"  # Wade-Giles ko, ho = pinyin ge, he
        starts = _WG_INITIALS.get(initial, (initial,))
        if initial == "ch":  # unaspirated zh or j, aspirated ch or q: j and q only before i
            starts = ("j", "q") if final.startswith("i") else ("zh",)
        found += [start + final for start in starts]
        # z/zh, c/ch, s/sh: confused in southern Chinese speech and in typing pinyin
        flat = {"z": "zh", "zh": "z", "c": "ch", "s": "sh", "sh": "s"}.get(initial)
        if flat and len(final) > 1:
            found.append(flat + final)
    return [t for t in dict.fromkeys(found) if t != text]


def _abjad_readings(word: Word) -> list[str]:
    """Arabic ذ and ث as said in Egypt and South Asia: dh as z (Shazly), th as s (Usman)."""
    if not word.abjad:
        return []
    text = word.text
    found = []
    if "dh" in text:
        found.append(text.replace("dh", "z"))
    if "th" in text:
        found.append(text.replace("th", "s"))
    return found


def equivalents(text: str) -> tuple[str, ...]:
    """Ids of the equivalent-name groups of a folded word (``()`` for most words)."""
    return EQUIVALENTS.get(text, ())


_HEADS_BY_START: dict[str, tuple[str, ...]] = {}
for _head in COMPOUND_HEADS:
    if _head != "abd":
        _HEADS_BY_START[_head[:2]] = (*_HEADS_BY_START.get(_head[:2], ()), _head)


def parts(text: str) -> list[tuple[str, str]]:
    """Ways to read one folded word as a compound: ``abdelaziz`` → ``[("abdel", "aziz")]``."""
    found: list[tuple[str, str]] = []
    if text.startswith("abd"):
        match = _ABD.match(text)
        if match:
            found.append((match.group(1), match.group(2)))
    for head in _HEADS_BY_START.get(text[:2], ()):
        rest = text[len(head) :]
        if text.startswith(head) and len(rest) >= (3 if len(head) > 2 else 4):
            found.append((head, rest))
    if text.endswith(("ine", "din", "een")):
        match = _DIN_TAIL.match(text)
        if match:
            found.append((match.group(1), match.group(2)))
    return found


# ===================================================================== units
@dataclass(frozen=True, slots=True)
class Unit:
    """A comparable form of a name: one word, words run together, or part of a word.

    ``span``: the positions (in :func:`units`' numbering of the words) it stands for.
    ``kind``: ``word``, ``join`` or ``part``. ``pieces``: for a part, which pieces of its
    word it covers (1 the head, 2 and 3 the rest, 3 alone the rest of the rest), so that
    the two parts of one word can each meet a typed word, but not a part and the word.
    """

    text: str
    span: tuple[int, ...]
    kind: str
    abjad: bool = False
    pieces: tuple[int, ...] = (1, 2, 3)

    @property
    def cover(self) -> set[tuple[int, int]]:
        return {(position, piece) for position in self.span for piece in self.pieces}


def units(fields: Sequence[Sequence[Word]], *, parts_too: bool = True) -> list[Unit]:
    """Every unit of a name given as fields of words, positions numbered across fields.

    Within a field: each word, each pair of neighbouring words (over optional words too,
    with and without them), the whole field run together; across the given and family
    fields (the first two of every pair of fields): the last given word with the first
    family word. With ``parts_too``, the parts of compound words.
    """
    out: list[Unit] = []
    position = 0
    starts: list[int] = []
    for field in fields:
        starts.append(position)
        out.extend(_field_units(field, position, parts_too))
        position += len(field)
    for given, family in ((0, 1), (2, 3)):
        if family < len(fields) and fields[given] and fields[family]:
            a, b = fields[given][-1], fields[family][0]
            span = (starts[given] + len(fields[given]) - 1, starts[family])
            out.append(Unit(a.text + b.text, span, "join", a.abjad or b.abjad))
            if len(fields[given]) + len(fields[family]) <= 4:
                joined = "".join(w.text for w in (*fields[given], *fields[family]))
                whole = tuple(range(starts[given], starts[given] + len(fields[given])))
                whole += tuple(range(starts[family], starts[family] + len(fields[family])))
                out.append(Unit(joined, whole, "join", a.abjad or b.abjad))
    return _dedupe(out)


def _field_units(field: Sequence[Word], start: int, parts_too: bool) -> list[Unit]:
    out: list[Unit] = []
    for offset, word in enumerate(field):
        at = (start + offset,)
        out.append(Unit(word.text, at, "particle" if word.optional else "word", word.abjad))
        if parts_too and not word.abbrev:
            for head, rest in parts(word.text):
                kind = "particle" if head in OPTIONAL else "part"  # Ben- of Benali
                out.append(Unit(head, at, kind, word.abjad, (1,)))
                out.append(Unit(rest, at, "part", word.abjad, (2, 3)))
                for inner_head, inner_rest in parts(rest):
                    inner = "particle" if inner_head in OPTIONAL else "part"
                    out.append(Unit(inner_head, at, inner, word.abjad, (2,)))
                    out.append(Unit(inner_rest, at, "part", word.abjad, (3,)))
    solid = [i for i, w in enumerate(field) if not w.optional]
    for index in solid:  # particles run into the word they lead (De la Cruz = Delacruz)
        first = index
        while first > 0 and field[first - 1].optional and not field[first - 1].abbrev:
            first -= 1
            joined = "".join(w.text for w in field[first : index + 1])
            span = tuple(range(start + first, start + index + 1))
            out.append(Unit(joined, span, "join", any(w.abjad for w in field[first : index + 1])))
    for left, right in pairwise(solid):
        between = field[left : right + 1]
        span = tuple(range(start + left, start + right + 1))
        abjad = any(w.abjad for w in between)
        if any(w.abbrev for w in between):
            continue
        out.append(Unit(field[left].text + field[right].text, span, "join", abjad))
        if right > left + 1:
            out.append(Unit("".join(w.text for w in between), span, "join", abjad))
    if 3 <= len(field) <= 5 and not any(w.abbrev for w in field):
        span = tuple(range(start, start + len(field)))
        abjad = any(w.abjad for w in field)
        out.append(Unit("".join(w.text for w in field), span, "join", abjad))
        bare = [w.text for w in field if not w.optional]
        if 1 < len(bare) < len(field):
            out.append(Unit("".join(bare), span, "join", abjad))
    return out


def _dedupe(found: Iterable[Unit]) -> list[Unit]:
    seen: set[tuple[str, tuple[int, ...], tuple[int, ...]]] = set()
    out = []
    for unit in found:
        key = (unit.text, unit.span, unit.pieces)
        if unit.text and key not in seen:
            seen.add(key)
            out.append(unit)
    return out


# ===================================================================== closeness
EXACT, EQUIVALENT, PREFIX = 1.0, 0.92, 0.86
MIN_SPELLING = 0.72  # plain spelling closeness from which two words count as a match
ALTERNATIVE = 0.98  # a spelling alternation counts a little less than the word as typed


class Keys:
    """Keys of words, computed once per call (one query, one index write): the same
    common names recur among candidates. Drop the object with the call."""

    def __init__(self) -> None:
        self._sounds: dict[tuple[str, bool], str] = {}
        self._coarse: dict[tuple[str, bool], str] = {}
        self._skeleton: dict[str, str] = {}

    def sounds(self, text: str, abjad: bool = False) -> str:
        found = self._sounds.get((text, abjad))
        if found is None:
            found = self._sounds[text, abjad] = sounds(text, abjad)
        return found

    def coarse(self, text: str, abjad: bool = False) -> str:
        found = self._coarse.get((text, abjad))
        if found is None:
            consonants = [c for c in self.sounds(text, abjad) if c.isupper() and c != "E"]
            key = [c for i, c in enumerate(consonants) if i == 0 or c != consonants[i - 1]]
            found = self._coarse[text, abjad] = "".join(key).lower() or "0"
        return found

    def skeleton(self, text: str) -> str:
        found = self._skeleton.get(text)
        if found is None:
            found = self._skeleton[text] = skeleton(text)
        return found

    def closeness(
        self, typed: Unit, stored: Unit, abbrev: bool = False, plain: float | None = None
    ) -> float:
        """How close a typed form is to a registered one, from 0 (unrelated) to 1 (equal).

        ``abbrev``: the typed form is an abbreviation (matches any word it begins). Rules,
        the best applying: equal; equivalent names; one the beginning of the other (an
        abbreviation, a word still being typed, a short form, or a suffix typed on);
        the same consonant classes (weighing more the longer the key, plus the closeness
        of the whole sound spelling, vowels included); classes within one consonant;
        plain spelling closeness (edit distance). Across scripts that write few vowels
        (Arabic, Bengali) only consonants are compared. Words run together compare only as
        equal, same classes or very close spellings: two long joined strings sharing a
        beginning are not the same name.
        """
        a, b = typed.text, stored.text
        if stored.kind == "particle" and typed.text not in OPTIONAL:
            # a name typed is not met by a registered particle or title (Bennani by Ben)
            return 0.5 if a == b else 0.0
        if a == b:
            return EXACT
        if abbrev:
            if b.startswith(a):
                return 0.8 if len(a) == 1 else PREFIX
            return 0.0
        if plain is None:
            plain = Indel.normalized_similarity(a, b)
        ka, kb = self.coarse(a, typed.abjad), self.coarse(b, stored.abjad)
        gap = typed.abjad != stored.abjad
        sa, sb = self.sounds(a, typed.abjad), self.sounds(b, stored.abjad)
        spelling = max(Indel.normalized_similarity(sa, sb), JaroWinkler.similarity(sa, sb) - 0.1)
        if gap:  # mostly the consonants, ayn aside (Latin spellings leave it out)
            ca = "".join(c for c in sa if c.isupper() and c != "E")
            cb = "".join(c for c in sb if c.isupper() and c != "E")
            spelling = 0.6 * Indel.normalized_similarity(ca, cb) + 0.4 * spelling
        if typed.kind == "join" or stored.kind == "join":
            if ka == kb and ka != "0":  # a split or joined writing spells almost the same
                return 0.5 + 0.48 * spelling
            return 0.92 * plain if plain >= 0.8 else 0.0
        best = 0.0
        groups = equivalents(a)
        if groups and set(groups) & set(equivalents(b)):
            best = EQUIVALENT
        if len(a) >= 3 and b.startswith(a):
            best = max(best, PREFIX + 0.1 * len(a) / len(b) - 0.05)
        elif len(b) >= 4 and a.startswith(b) and stored.kind != "part":
            best = max(best, 0.8 + 0.1 * len(b) / len(a))
        # The same classes say more the longer the key (one or two classes say little);
        # the sound spelling, vowels included, says the rest.
        if ka == kb and ka != "0":
            base = min(0.85, 0.5 + 0.1 * len(ka)) if gap else min(0.7, 0.3 + 0.1 * len(ka))
            best = max(best, base + (0.98 - base) * spelling)
        elif min(len(ka), len(kb)) >= 3 and _near(ka, kb):
            base = min(0.65, 0.45 + 0.05 * len(ka))
            best = max(best, base + (0.95 - base) * spelling)
        close = max(plain, JaroWinkler.similarity(a, b) - 0.08)
        if close >= MIN_SPELLING:
            best = max(best, 0.92 * close)
        return best


def _near(ka: str, kb: str) -> bool:
    """Whether two class keys are one consonant apart (added, dropped or changed)."""
    da, db = deletions(ka, 3), deletions(kb, 3)
    return ka in db or kb in da or bool(da & db)


# ===================================================================== typed forms
@dataclass(frozen=True, slots=True)
class Typed:
    """A typed unit to compare: the unit, whether it is an abbreviation, and its readings
    (itself first, then the spelling alternations of a single word)."""

    unit: Unit
    abbrev: bool
    forms: tuple[Unit, ...]


def typed_units(query_words: Sequence[Word]) -> list[Typed]:
    """The units of typed words (each word, neighbours run together), with readings: a
    word's spelling alternations, and for words run together the Chinese readings of
    their syllables (Hsiao-ming → xiaoming)."""
    readings = [
        [w.text, *chinese_readings(w.text)] if not (w.abjad or w.abbrev) else [w.text]
        for w in query_words
    ]
    out = []
    for unit in units([query_words], parts_too=False):
        single = len(unit.span) == 1
        word = query_words[unit.span[0]] if single else None
        abbrev = bool(word and word.abbrev)
        forms = [unit]
        if word is not None and not abbrev:
            forms += [Unit(alt.text, unit.span, "word", alt.abjad) for alt in alternatives(word)]
        elif (
            word is None
            and len(unit.span) <= 3
            and not any(query_words[i].optional for i in unit.span)
        ):
            joined: list[str] = [""]
            for i in unit.span:
                joined = [j + r for j in joined for r in readings[i][:3]][:6]
            forms += [Unit(t, unit.span, "join", unit.abjad) for t in joined if t != unit.text]
        out.append(Typed(unit, abbrev, tuple(forms)))
    return out


StoredKey = tuple[str, str, bool]  # text, kind, abjad


class Closeness:
    """Closeness of every typed unit to every registered unit of a batch of candidates.

    Related pairs are found without comparing everything with everything: registered
    units are grouped by class key (and its one-deletion neighbours) and by equivalent
    name; spellings close enough are found by ``rapidfuzz.process`` in one pass per typed
    form. Unrelated pairs are 0.
    """

    def __init__(self, keys: Keys, typed: Sequence[Typed]) -> None:
        self.keys = keys
        self.typed = list(typed)
        self.values: list[dict[StoredKey, float]] = [{} for _ in self.typed]
        self.known: set[StoredKey] = set()
        # registered unit → its non-zero closeness to each typed unit: (typed index, value)
        self.related: dict[StoredKey, list[tuple[int, float]]] = {}

    def get(self, index: int, unit: Unit) -> float:
        return self.values[index].get((unit.text, unit.kind, unit.abjad), 0.0)

    def of(self, unit: Unit) -> list[tuple[int, float]]:
        """The typed units this registered unit is close to, with the closeness."""
        return self.related.get((unit.text, unit.kind, unit.abjad), [])

    def add(self, stored: Iterable[Unit]) -> None:
        """Compute the closeness of the typed units to registered units not seen yet."""
        new = list({(u.text, u.kind, u.abjad) for u in stored} - self.known)
        if not new:
            return
        self.known.update(new)
        keys = self.keys
        texts = [text for text, _kind, _abjad in new]
        typed_keys = {keys.coarse(f.text, f.abjad) for t in self.typed for f in t.forms}
        lengths = {len(k) + d for k in typed_keys for d in (-1, 0, 1)}
        by_key: dict[str, list[int]] = {}
        by_group: dict[str, list[int]] = {}
        for index, (text, kind, abjad) in enumerate(new):
            key = keys.coarse(text, abjad)
            by_key.setdefault(key, []).append(index)
            if kind != "join" and len(key) in lengths:
                for near in deletions(key, 3):
                    by_key.setdefault(near, []).append(index)
            for group in equivalents(text):
                by_group.setdefault(group, []).append(index)
        for position, typed in enumerate(self.typed):
            values = self.values[position]
            for form in typed.forms:
                related: dict[int, float | None] = {}
                if typed.abbrev:
                    related.update(
                        (i, None) for i, t in enumerate(texts) if t.startswith(form.text)
                    )
                else:
                    for _text, score, i in process.extract(
                        form.text,
                        texts,
                        scorer=Indel.normalized_similarity,
                        score_cutoff=0.5,
                        limit=None,
                    ):
                        related[i] = score
                    key = keys.coarse(form.text, form.abjad)
                    for near in (key, *deletions(key, 3)):
                        for i in by_key.get(near, ()):
                            related.setdefault(i, None)
                    for group in equivalents(form.text):
                        for i in by_group.get(group, ()):
                            related.setdefault(i, None)
                weight = 1.0 if form is typed.unit else ALTERNATIVE
                for i, plain in related.items():
                    text, kind, abjad = new[i]
                    stored_unit = Unit(text, (), kind, abjad)
                    value = weight * keys.closeness(form, stored_unit, typed.abbrev, plain)
                    if value > values.get(new[i], 0.0):
                        values[new[i]] = value
        for position, values in enumerate(self.values):
            for stored_key in new:
                value = values.get(stored_key, 0.0)
                if value > 0:
                    self.related.setdefault(stored_key, []).append((position, value))
