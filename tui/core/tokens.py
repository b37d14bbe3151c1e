"""Words and punctuation of a text, with offsets, and the normalised forms the aligner compares.

The aligner and the word diff both work on tokens rather than characters: a sentence is a
sequence of words, numbers and punctuation marks, each located in the article's text so that a
change can be marked in place.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, chain
from operator import itemgetter
from typing import NamedTuple

from .synonyms import SYNONYMS, phrasal_verbs_replaced

# Words keep inner apostrophes, hyphens and dots ("O’Donnell", "data-sharing", "U.S."); numbers keep
# their currency sign, separators and percent sign ("$59.4", "25%", "1,000"); anything else that
# is not a space is a punctuation token of its own.
#
# The second alternative (a dotted abbreviation, "U.S.", whose lookbehind may reach into the token
# before it: "1.a.") opens with a lookahead that only lets it start where a dot follows the word:
# the alternative can match nothing else, and without the check it backtracks through every
# letter of every plain word before the third alternative takes it.
TOKEN_RE = re.compile(
    r"[$£€]?\d+(?:[.,:]\d+)*%?"
    r"|(?=\w++(?:[’'\-]\w++)*+\.)\w+(?:[’'.\-]\w+)*\.?(?<=\w\.\w\.)|\w+(?:[’'\-]\w+)*"
    r"|[^\w\s]",
)

_QUOTE_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})

# Function words: they carry grammar, not the facts a reader compares, so the aligner gives them
# no weight and the word diff does not let them anchor a match.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves s t said says say
    told according while whether which who's it's that's there's may might must shall upon within
    without via per among amid onto""".split()
)


class Token(NamedTuple):
    """A word, number or punctuation mark and where it sits in the article's text.

    A named tuple rather than a dataclass: long documents make millions of them, and a tuple is
    built several times faster.
    """

    text: str
    start: int
    end: int
    norm: str
    is_word: bool


def fold(text: str) -> str:
    """Case, curly quotes and dash styles do not make two words different."""
    return text.translate(_QUOTE_FOLD).lower()


# Folded form, word-ness and kind (see `TokenColumns`) of each token text seen, since a story
# reuses its vocabulary.
_NORM_CACHE: dict[str, tuple[str, bool, int]] = {}
_NORM_CACHE_MAX = 1 << 18

PUNCTUATION, FUNCTION_WORD, CONTENT_WORD = 0, 1, 2


def _norm_info(raw: str) -> tuple[str, bool, int]:
    norm = fold(raw)
    is_word = norm[0].isalnum() or norm[0] in "$£€"
    info = (norm, is_word, (CONTENT_WORD if norm not in STOPWORDS else FUNCTION_WORD) if is_word else PUNCTUATION)
    if len(_NORM_CACHE) < _NORM_CACHE_MAX:
        _NORM_CACHE[raw] = info
    return info


class TokenColumns(NamedTuple):
    """The tokens of a text as parallel tuples, for code that handles many of them at once.

    `kinds`: PUNCTUATION, FUNCTION_WORD (a word in `STOPWORDS`) or CONTENT_WORD. Same tokens,
    norms and offsets as `tokenize`, without an object per token.
    """

    norms: tuple[str, ...]
    kinds: tuple[int, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]


_norm_of = itemgetter(0)
_kind_of = itemgetter(2)


# Each token with the whitespace before it, so that a split leaves [..., "", space, token, ...] and
# offsets are the running sum of lengths; taking the space into the match also saves the search a
# failed attempt at every space. No token starts with a space, so the tokens are those of TOKEN_RE.
_TOKEN_SPLIT_RE = re.compile(rf"(\s*+)({TOKEN_RE.pattern})")


@lru_cache(maxsize=4096)
def token_columns(text: str, offset: int = 0) -> TokenColumns:
    """`tokenize(text, offset)` as columns; cached, since a version is diffed with every other."""
    # Every character that is not a space belongs to a token, so nothing lies between two matches:
    # ["", space, token, "", space, token, ..., trailing space].
    parts = _TOKEN_SPLIT_RE.split(text)
    raws = parts[2::3]
    infos = list(map(_NORM_CACHE.get, raws))
    if None in infos:
        infos = [info or _norm_info(raw) for raw, info in zip(raws, infos)]
    bounds = list(accumulate(map(len, parts), initial=offset))
    return TokenColumns(tuple(map(_norm_of, infos)), tuple(map(_kind_of, infos)), tuple(bounds[2:-1:3]), tuple(bounds[3::3]))


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text`; `offset` shifts their positions when `text` is a slice of an article."""
    return list(_tokenize(text, offset))


@lru_cache(maxsize=4096)
def _tokenize(text: str, offset: int) -> tuple[Token, ...]:
    """Cached, since one version's sentences are diffed again against every other version."""
    tokens: list[Token] = []
    append = tokens.append
    cache = _NORM_CACHE
    new = tuple.__new__
    find = text.find
    pos = 0
    # Every character that is not a space belongs to a token, so each token starts at the next
    # occurrence of its text: `findall` and `find` locate it without a match object per token.
    for raw in TOKEN_RE.findall(text):
        info = cache.get(raw)
        if info is None:
            info = _norm_info(raw)
        start = find(raw, pos)
        pos = start + len(raw)
        append(new(Token, (raw, start + offset, pos + offset, info[0], info[1])))
    return tuple(tokens)


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude stem: the first five letters of a folded word.

    Truncation is what holds up across machine translation and synonym spinning: "resigning",
    "resignation" and "resigned" meet at "resig", and a name misspelled past its fifth letter
    still meets ("Bowman"/"Bowmann"); closer misspellings are the aligner's to match. Numbers keep
    their digits only, so "$80" meets "80".
    """
    if word[0].isdigit() or word[0] in "$£€":
        return "".join(ch for ch in word if ch.isdigit() or ch == ".").rstrip(".")
    word = word.replace("'", "").replace(".", "")
    if word.endswith("s") and len(word) > 4 and not word.endswith("ss"):
        word = word[:-1]
    return word[:5]


CONTENT_RE = re.compile(r"[$£€]?\d+(?:[.,:]\d+)*%?|\w+(?:[’'.\-]\w+)*")
ACRONYM_RE = re.compile(r"\b[A-Z]{2,6}\b")
# Words that may sit inside a spelled-out name without giving it a letter of its acronym:
# "Immigration and Customs Enforcement" is ICE.
_NAME_GLUE = frozenset({"and", "of", "for", "the", "&"})


@lru_cache(maxsize=256)
def acronyms_in(text: str) -> frozenset[str]:
    """All-capital words of two to six letters: the acronyms a version may also spell out."""
    return frozenset(m.group().lower() for m in ACRONYM_RE.finditer(text))


# A run of capitalised words, with the glue words a spelled-out name may hold.
_NAME_RUN_RE = re.compile(r"\b[A-Z][\w’'.\-]*(?:\s+(?:(?:and|of|for|the|&)\s+)*[A-Z][\w’'.\-]*)+")


@lru_cache(maxsize=256)
def spelled_initials(text: str) -> frozenset[str]:
    """Every acronym a run of capitalised words in `text` could spell out.

    `content_terms` only collapses a run whose initials are a known acronym, so intersecting this
    with the acronyms tells, once per text, which acronyms can matter to its sentences.
    """
    found: set[str] = set()
    for run in _NAME_RUN_RE.findall(text):
        capitals = [w for w in CONTENT_RE.findall(run) if w[:1].isupper()]
        if len(capitals) < 2:
            continue
        initials = [w[0].lower() for w in capitals]
        # Every stretch of two or more of the words that ends on one not written all in capitals.
        for end in range(1, len(capitals)):
            if capitals[end] != capitals[end].upper():
                found.update("".join(initials[k : end + 1]) for k in range(end))
    return frozenset(found)


def content_stems(text: str, acronyms: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Stems of the content words of `text`, in order: what the aligner compares sentences by.

    A spelled-out name whose initials are one of `acronyms` becomes that acronym, so "Internal
    Revenue Service" and "IRS" are one term, as a reader takes them, not three against one.
    """
    return [t for t, _ in content_terms(text, acronyms)]


def content_terms(
    text: str, acronyms: frozenset[str] | set[str] = frozenset(), names: frozenset[str] | set[str] = frozenset()
) -> list[tuple[str, bool]]:
    """Like `content_stems`, with each stem flagged when its word is a name or a number.

    `names` holds folded words that the texts only ever write capitalised (see `proper_words`).
    Names and numbers pin a fact to its subject ("Krause", "$80"), which topic words shared by
    every sentence of a story ("privacy", "data") do not, so the aligner asks for them before it
    calls two otherwise different sentences a partial match.
    """
    stems, flags = _content_terms(text, acronyms, names)
    return list(zip(stems, flags))


def content_terms_split(
    text: str, acronyms: frozenset[str] | set[str] = frozenset(), names: frozenset[str] | set[str] = frozenset()
) -> tuple[list[str], list[str]]:
    """`content_terms` as two lists: all the stems in order, and the flagged ones in order."""
    stems, flags = _content_terms(text, acronyms, names)
    return stems, [t for t, flag in zip(stems, flags) if flag]


# Three lower-case letters glued to a digit: a space lost in copying ("was94" -> "was 94"). Not
# "COVID19" or "G7" (capitals, a name's spelling), nor "4th" or "1990s" (the digit comes first).
_GLUED_RE = re.compile(r"(?<=[a-z][a-z][a-z])(?=[$£€]?\d)")


def _content_terms(text: str, acronyms, names) -> tuple[list[str], list[bool]]:
    stems: list[str] = []
    flags: list[bool] = []
    add_stem = stems.append
    add_flag = flags.append
    for hit, kind, folded in _content_words(text, frozenset(acronyms)):
        if not hit:
            continue
        # kind 1: a number; kind 2: a capitalised word, a name if the texts only write it so.
        flag = kind == 1 or (kind == 2 and bool(names) and folded in names)
        if len(hit) == 1:
            add_stem(hit[0])
            add_flag(flag)
        else:
            stems.extend(hit)
            flags.extend([flag] * len(hit))
    return stems, flags


@lru_cache(maxsize=1 << 13)
def _content_words(text: str, acronyms: frozenset[str]) -> tuple[tuple[tuple[str, ...], int, str], ...]:
    """What `_raw_info` says of each content word of `text`, in order. Cached apart from the
    names, which differ with the versions read together, while a version's text does not."""
    words = CONTENT_RE.findall(_GLUED_RE.sub(" ", phrasal_verbs_replaced(text)))
    if acronyms and _CAPITAL_RUN_RE.search(text):
        words = _collapse_names(words, acronyms)
    infos = []
    cache = _RAW_CACHE
    for raw in words:
        info = cache.get(raw)
        if info is None:
            info = _raw_info(raw)
            if len(cache) < _TERM_CACHE_MAX:
                cache[raw] = info
        infos.append(info)
    return tuple(infos)


# Per content word: its stems, its kind (see `_content_terms`) and its folded form.
_RAW_CACHE: dict[str, tuple[tuple[str, ...], int, str]] = {}


def _raw_info(raw: str) -> tuple[tuple[str, ...], int, str]:
    hit = _TERM_CACHE.get(raw)
    if hit is None:
        hit = _terms_of(raw)
        if len(_TERM_CACHE) < _TERM_CACHE_MAX:
            _TERM_CACHE[raw] = hit
    if raw[0].isdigit() or raw[0] in "$£€":
        kind = 1
    elif raw[0].isupper():
        kind = 2
    else:
        kind = 0
    return hit, kind, _folded(raw)


def _folded(raw: str) -> str:
    info = _NORM_CACHE.get(raw)
    return info[0] if info is not None else fold(raw)


# Two capitalised words in a row: the only place a spelled-out acronym can hide.
_CAPITAL_RUN_RE = re.compile(r"\b[A-Z]\w*\s+(?:(?:and|of|for|the|&)\s+)?[A-Z]")
_TERM_CACHE: dict[str, tuple[str, ...]] = {}
_TERM_CACHE_MAX = 1 << 18


def _terms_of(raw: str) -> tuple[str, ...]:
    """The stems one content word contributes: none for a function word, several for a compound."""
    w = fold(raw)
    if w in STOPWORDS:
        return ()
    if "-" in w and not w[0].isdigit():
        # "data-sharing" and "data sharing" must meet.
        return tuple(stem(part) for part in w.split("-") if part and part not in STOPWORDS)
    if len(w) < 2 and not w.isdigit():
        return ()
    w = SYNONYMS.get(w, w)
    # A synonym of a function word is one too: "stated" and "contends" attribute, like "said".
    if w in STOPWORDS:
        return ()
    return (stem(w),)


_WORD_RE = re.compile(r"\w+(?:[’'\-]\w+)*")

# Written capitalised, yet no names: every story has dates, and "Monday" pins no fact to a subject.
CALENDAR_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri
    sat sun january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)


@lru_cache(maxsize=64)
def proper_words(*versions: tuple[str, ...]) -> frozenset[str]:
    """Folded words that are names in `versions` (each a tuple of sentences) taken together:
    written capitalised inside a sentence, never in lower case, and not the name of a weekday or
    a month (`CALENDAR_WORDS`).

    The first word of a sentence is capitalised whatever it is, so it only counts against a word
    (when lower case), never for it; a headline's title case is caught by the same test, since
    its common words also occur in lower case elsewhere in the text. Versions of one story are
    judged together: a name one writes only at the start of a sentence is shown to be one by
    another, and a word one writes in lower case is a name in none.
    """
    cases = [_word_cases(v) for v in versions]
    capital = frozenset().union(*(c for c, _ in cases))
    lower = frozenset().union(*(lc for _, lc in cases))
    return capital - lower - STOPWORDS - CALENDAR_WORDS


@lru_cache(maxsize=64)
def _word_cases(sentences: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The folded words a version writes capitalised after a sentence's first word, and those it
    writes in lower case; cached, since a version is aligned with every other."""
    # Each distinct word is classified once: a story repeats its vocabulary, sentence after sentence.
    inner: set[str] = set()  # words seen after the first of a sentence
    first: set[str] = set()
    findall = _WORD_RE.findall
    for sentence in sentences:
        words = findall(sentence)
        if words:
            first.add(words[0])
            inner.update(words[1:])
    capital = {w for w in inner if w[0].isupper()}
    lower_folded = {w.translate(_QUOTE_FOLD) for w in chain(inner, first) if w[0].islower()}
    return frozenset({fold(w) for w in capital}), frozenset(lower_folded)


def _collapse_names(words: list[str], acronyms: frozenset[str] | set[str]) -> list[str]:
    out: list[str] = []
    append = out.append
    caps = [w[:1].isupper() for w in words]
    k = 0
    n = len(words)
    while k < n:
        if caps[k]:
            # Longest run of capitalised words (with glue words inside) whose initials match.
            best = 0
            initials = ""
            end = k
            while end < n and (caps[end] or (end > k and words[end].lower() in _NAME_GLUE)):
                if caps[end]:
                    initials += words[end][0].lower()
                    if len(initials) >= 2 and initials in acronyms and "".join(words[end].split()) != words[end].upper():
                        best = end + 1
                end += 1
            if best:
                append(initials[: sum(caps[k:best])].upper())
                k = best
                continue
        append(words[k])
        k += 1
    return out
