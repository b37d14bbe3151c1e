"""Names of people, places and organisations written differently or replaced.

A name word is a capitalised word that is not a grammar word, not a title (see `role`), and not
only capitalised because it opens a sentence (a sentence's first word counts when the next word
is capitalised too: "Melanie Krause"). Rules, in each changed stretch of a link, for the name
words not found anywhere on the other side of the link:
- same letters, other case or dots ("Noem"/"NOEM", "U.S."/"US"): low;
- a run of names and the acronym of its initials ("Homeland Security"/"DHS"), or a name cut
  short ("Corp."/"Corporation"): low;
- a near spelling ("Krause"/"Kraus", "Lyons"/"Lions", "Kristi"/"Christie"): high, since it
  misnames someone. Near means an edit similarity of at least `SIMILAR` (or
  `SIMILAR_SAME_START` with the same first letter), or the same consonant skeleton (sounds
  alike). Two names that differ only by an ending making another word of one name
  ("Democrats"/"Democratic", "Iran"/"Iranian", `NAME_ENDINGS`) are low instead;
- other names on both sides of one short stretch (`REPLACED_WORDS`): a name replaced by
  another, medium.
Case is not compared in a title-case headline. Low (cosmetic) flags are only made in
same-content links: in a partial link the two sentences say different things, so a name's other
form there is not an edit of this sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from ..model import DiffOp
from .role import TITLE_WORDS
from .text import FUNCTION_WORDS, STRETCH_CACHE, WORD_RE, Change, LinkedText, Word, word_set, words_in

REPLACED_WORDS = 6  # a name replaced by another sits in a short changed stretch, not a rewrite
SIMILAR = 0.75
SIMILAR_SAME_START = 0.6
_OPENERS = re.compile(r"(^|[.!?:;\n“\"—–-])[\s“\"‘'(\-–—]*$")
_LONG_WORD = re.compile(r"\b\w{4,}")
_LONG_CAPITAL = re.compile(r"\b[A-Z]\w{3,}")
_GLUE = frozenset({"of", "and", "the", "for", "&"})
_NOT_NAMES = FUNCTION_WORDS | TITLE_WORDS  # capitalised, these are grammar words or titles


_POSSESSIVE = re.compile(r"[’']s?$")


def base(name: str) -> str:
    """A name without its possessive ending: "Krause’s" is Krause. (Only a word with an
    apostrophe can have one, and few have.)"""
    return _POSSESSIVE.sub("", name) if "’" in name or "'" in name else name


@lru_cache(maxsize=STRETCH_CACHE)
def _bases(text: str, start: int, end: int) -> frozenset[str]:
    """The words of a stretch without possessive endings (cached, as `word_set` is, and sized
    the same: an entry holds about 3 KB). Without an apostrophe in the stretch no word has an
    ending to take off, and the words are `word_set`'s as they are."""
    words = word_set(text, start, end)
    return frozenset(map(base, words)) if _has_apostrophe(text, start, end) else words


def _has_apostrophe(text: str, start: int, end: int) -> bool:
    return text.find("’", start, end) >= 0 or text.find("'", start, end) >= 0


def _opens_sentence(text: str, at: int, floor: int) -> bool:
    """Whether the word at offset `at` opens a sentence or a clause (`floor`: the sentence start)."""
    return bool(_OPENERS.search(text[max(floor, at - 6) : at])) or at == floor


@lru_cache(maxsize=1 << 13)
def name_words(text: str, start: int, end: int, floor: int) -> tuple[Word, ...]:
    """The name words of `text[start:end]`; `floor` is where the sentence starts. The words are
    those of `words_in`, located the same way, but only the capitalised ones are made `Word`s."""
    raws = WORD_RE.findall(text, start, end)
    names = []
    find = text.find
    at = start
    for k, raw in enumerate(raws):
        at = find(raw, at, end)
        begin, at = at, at + len(raw)
        if not raw[0].isupper():
            continue
        low = raw.lower()
        if low in FUNCTION_WORDS or low in TITLE_WORDS or raw[0].isdigit():
            continue
        if _opens_sentence(text, begin, floor) and not raw.isupper():
            nxt = raws[k + 1] if k + 1 < len(raws) else None
            if nxt is None or not nxt[0].isupper() or nxt.lower() in FUNCTION_WORDS:
                continue
        names.append(Word(raw, begin, at, low))
    return tuple(names)


_SOUNDS = str.maketrans("cqz", "kks")
_SILENT = str.maketrans("", "", "aeiouyhw")  # vowels and the letters that sound as one, past the first
_REPEATED = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 14)
def skeleton(name: str) -> str:
    """The consonants of a name as it sounds: "Christie" and "Kristi" both give "krst"."""
    s = name.lower().replace("ph", "f").replace("ck", "k")
    s = s.translate(_SOUNDS)
    return _REPEATED.sub(r"\1", s[:1] + s[1:].translate(_SILENT))


@lru_cache(maxsize=1 << 14)
def similar(x: str, y: str) -> bool:
    """Whether two different names are near spellings of one name."""
    x, y = x.lower(), y.lower()
    if min(len(x), len(y)) < 4:
        return False
    score = Levenshtein.normalized_similarity(x, y)
    if score >= SIMILAR or (score >= SIMILAR_SAME_START and x[0] == y[0]):
        return True
    sounds = skeleton(x)
    return len(sounds) >= 3 and sounds == skeleton(y)


# Endings that make another word of the same name: "Democrats"/"Democratic", "Iran"/"Iranian".
NAME_ENDINGS = frozenset({"", "s", "es", "ic", "ics", "ian", "ians", "an", "ans", "n", "ns", "ese", "ish", "i", "is"})


def inflected(x: str, y: str) -> bool:
    """Whether two names differ only by such an ending after a shared stem of 4 letters or more."""
    x, y = x.lower(), y.lower()
    stem = 0
    while stem < min(len(x), len(y)) and x[stem] == y[stem]:
        stem += 1
    return stem >= 4 and x[stem:] in NAME_ENDINGS and y[stem:] in NAME_ENDINGS


def _shortened(x: str, y: str) -> bool:
    """Whether one name is the other cut short ("Corp." / "Corporation", "Sen." / "Senator");
    `x` and `y` are without possessive endings (`base`)."""
    x, y = x.rstrip(".").lower(), y.rstrip(".").lower()
    short, full = sorted((x, y), key=len)
    return len(short) >= 3 and short != full and full.startswith(short)


def _initials(words: list[Word]) -> str:
    return "".join(w.text[0] for w in words if w.lower not in _GLUE).upper()


def _abbreviates(run: list[Word], acronym: Word) -> bool:
    letters = acronym.text.replace(".", "")
    initials = _initials(run)
    return letters.isupper() and len(initials) >= 2 and (initials in letters or letters in initials)


@lru_cache(maxsize=1 << 12)
def _title_case(text: str, start: int, end: int) -> bool:
    """Whether a stretch is written in title case: most of its longer words capitalised (cached:
    a link's stretch is a sentence, met again in every pair its version is in)."""
    long = len(_LONG_WORD.findall(text, start, end))
    return long >= 3 and len(_LONG_CAPITAL.findall(text, start, end)) >= 0.7 * long


def _recased(pair: LinkedText) -> list[Change]:
    """Names the diff took as equal that differ in case only ("Noem"/"NOEM"): low."""
    out: list[Change] = []
    recased = [op for op in pair.ops if op.op == "equal" and op.a != op.b and op.a.lower() == op.b.lower()]
    if not recased:
        return out  # most links: every equal stretch written alike, nothing to look at
    for op in recased:
        wa, wb = words_in(pair.a.text, op.a_start, op.a_end), words_in(pair.b.text, op.b_start, op.b_end)
        if len(wa) != len(wb):
            continue
        recast = [(x, y) for x, y in zip(wa, wb) if x.text != y.text and x.lower == y.lower]
        if not recast:
            continue
        # Offsets of two different texts: each side's words are tested against its own names.
        names_a = {w.start for w in name_words(pair.a.text, op.a_start, op.a_end, pair.a_start)}
        names_b = {w.start for w in name_words(pair.b.text, op.b_start, op.b_end, pair.b_start)}
        for x, y in recast:
            if x.start in names_a or y.start in names_b:
                out.append(pair.change("name", "low", (x.start, x.end), (y.start, y.end),
                                       f"same name, other case: {x.text} -> {y.text}"))
    # A headline capitalises every word: its capitals say nothing of names. (Read last, and only
    # when a name was found: most links with a word in another case have none.)
    if out and (_title_case(pair.a.text, pair.a_start, pair.a_end) or _title_case(pair.b.text, pair.b_start, pair.b_end)):
        return []
    return out


@lru_cache(maxsize=1 << 13)
def _capitalised(text: str, start: int, end: int) -> frozenset[str]:
    """The capitalised words of a stretch, without possessive endings."""
    capitals = [w for w in word_set(text, start, end) if w[0].isupper() and w.lower() not in _NOT_NAMES]
    return frozenset(map(base, capitals) if _has_apostrophe(text, start, end) else capitals)


def _may_rename(op: DiffOp) -> bool:
    """Whether a changed stretch can hold a name written differently: both its sides need a
    capitalised word the other side lacks, and an empty side or one with no capital letter at
    all (`islower`) has none. Most stretches are such, and this looks at the two strings only."""
    return bool(op.a) and bool(op.b) and not op.a.islower() and not op.b.islower()


def name_changes(pair: LinkedText) -> list[Change]:
    changes: list[Change] = _recased(pair) if pair.same_content else []
    # Every other rule is read in a stretch `_may_rename` lets through; in a link mostly written
    # alike there is often none, and then no sentence is read (see `LinkedText.mostly_alike`).
    if not pair.mostly_alike or any(map(_may_rename, pair.changed_ops())):
        changes += _renamed(pair)
    return changes


def _renamed(pair: LinkedText) -> list[Change]:
    """Names written differently, cut short, abbreviated or replaced in the changed stretches."""
    changes: list[Change] = []
    a_text, b_text = pair.a.text, pair.b.text
    caps_a = _capitalised(a_text, pair.a_start, pair.a_end)
    caps_b = _capitalised(b_text, pair.b_start, pair.b_end)
    # A name written differently leaves a capitalised word on each side that the other lacks.
    if not (caps_a - pair.b_word_set) or not (caps_b - pair.a_word_set):
        return changes
    in_a = _bases(a_text, pair.a_start, pair.a_end)
    in_b = _bases(b_text, pair.b_start, pair.b_end)
    for op in pair.changed_ops():
        if not op.a or not op.b or op.a.islower() or op.b.islower():
            continue  # (`_may_rename`, written out: this loop runs for every changed stretch)
        left_a = _capitalised(a_text, op.a_start, op.a_end) - in_b
        left_b = _capitalised(b_text, op.b_start, op.b_end) - in_a if left_a else None
        if not left_a or not left_b:
            continue
        if not pair.same_content and not any(similar(x, y) for x in left_a for y in left_b):
            continue  # a partial link flags near spellings only, and the names are among these words
        na = [w for w in name_words(a_text, op.a_start, op.a_end, pair.a_start) if base(w.text) not in in_b]
        if not na:
            continue  # (every rule pairs a name of A with one of B)
        nb = [w for w in name_words(b_text, op.b_start, op.b_end, pair.b_start) if base(w.text) not in in_a]
        bases = {w: base(w.text) for w in (*na, *nb)}  # each name's base read once, not per pair of names
        letters = {w: b.replace(".", "").lower() for w, b in bases.items()}
        for x in list(na):
            twin = next((y for y in nb if letters[y] == letters[x]), None)
            if twin is not None:
                na.remove(x)
                nb.remove(twin)
                if pair.same_content:
                    changes.append(pair.change("name", "low", (x.start, x.end), (twin.start, twin.end),
                                               f"same name, other case: {x.text} -> {twin.text}"))
        for x in list(na):
            twin = next((y for y in nb if similar(bases[x], bases[y])), None)
            if twin is not None:
                na.remove(x)
                nb.remove(twin)
                if not inflected(bases[x], bases[twin]):
                    changes.append(pair.change("name", "high", (x.start, x.end), (twin.start, twin.end),
                                               f"name spelled differently: {x.text} -> {twin.text}"))
                elif pair.same_content:
                    changes.append(pair.change("name", "low", (x.start, x.end), (twin.start, twin.end),
                                               f"another form of the same name: {x.text} -> {twin.text}"))
        for short, run, side in ((nb, na, "b"), (na, nb, "a")):
            for acronym in [w for w in short if w.text.replace(".", "").isupper() and len(w.text) >= 2]:
                if run and _abbreviates(run, acronym):
                    short.remove(acronym)
                    if pair.same_content:
                        long = (run[0].start, run[-1].end)
                        changes.append(pair.change(
                            "name", "low", long if side == "b" else (acronym.start, acronym.end),
                            (acronym.start, acronym.end) if side == "b" else long,
                            f"abbreviation: {' '.join(w.text for w in run)} / {acronym.text}"))
                    run.clear()
        for x in list(na):
            twin = next((y for y in nb if _shortened(bases[x], bases[y])), None)
            if twin is not None:
                na.remove(x)
                nb.remove(twin)
                if pair.same_content:
                    changes.append(pair.change("name", "low", (x.start, x.end), (twin.start, twin.end),
                                               f"abbreviation: {x.text} / {twin.text}"))
        if na and nb and pair.same_content and max(len(words_in(a_text, op.a_start, op.a_end)),
                                                   len(words_in(b_text, op.b_start, op.b_end))) <= REPLACED_WORDS:
            changes.append(pair.change("name", "medium", (na[0].start, na[-1].end), (nb[0].start, nb[-1].end),
                                       f"name replaced: {a_text[na[0].start:na[-1].end]} -> {b_text[nb[0].start:nb[-1].end]}"))
    return changes
