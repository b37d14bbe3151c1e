"""Who said or reported something: a source changed ("Tom Bowman, policy counsel for ..." ->
"Critics within the agency") or gone (", city officials said" dropped).

A source is found next to a verb of saying or believing (`SAY_VERBS`) or after "according to":
the words before the verb back to the start of the clause ("Tom Bowman, policy counsel for the
Center for Democracy and Technology, said"), or, when the verb opens its clause, the words after
it (", said a Treasury official who ..."). Two sources are the same when they share a name (or a
near spelling of one, which `names` reports) or half of their words, or when either is a pronoun ("they said" -> "they commented" is no change).
A verb in the passive ("residents were told to leave") names no source, nor one whose object is
the subject's own ("announced his retirement").
Rules, per link:
- a source on each side and none the same: changed; high when a named source loses its name,
  else medium ("Advocates" -> "These attorneys");
- in a same-content link, a source on A's side only: dropped (high when named, else medium);
- a sentence with no counterpart drops its sources (see `unlinked_attributions`), unless the
  other version names them elsewhere: medium, since
  the claim went with its source (the omission is reported as such), nobody else was credited.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Article
from .names import similar
from .text import (FUNCTION_WORDS, WORD_RE, Change, LinkedText, Span, found_in, lower_words, opening_letters, span_of,
                   words_in)

# Verbs of saying, reporting and believing; forms that are as often nouns ("states", "reports",
# "claims", "notes", "comments") are left out, since they would take any subject for a source, and
# so is "saying", whose source is its main clause's subject (", saying it violates ...").
SAY_VERBS = (
    "said say says told tell tells stated wrote writes reported added adds explained "
    "explains argued argue argues claimed contended contend contends noted warned warn warns "
    "confirmed confirm confirms announced announces commented acknowledged acknowledges testified "
    "alleged alleges insisted insists maintain maintains maintained believe believes believed "
    "worry worries revealed informed suggested recalled estimated specifies specified indicates "
    "indicated"
).split()
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|got)\s+$", re.IGNORECASE)
_OWN_OBJECT = re.compile(r"\s+(?:his|her|its|their|my|our)\b", re.IGNORECASE)
_COMMA = re.compile(r",(?!\d)")
_SAY_WORDS = frozenset(SAY_VERBS) | {"according"}
_VERB_RE = re.compile(r"\b" + opening_letters("according", *SAY_VERBS) + r"(according to|" + "|".join(SAY_VERBS) + r")\b",
                      re.IGNORECASE)
_RUN = re.compile(r"\w+")
# Letters that a case-blind pattern takes for one of a-z though `str.lower` does not give that
# letter ("ſ" for s, "K" for k, "ı" and "İ" for i; "İ" also lowers to two characters).
_ODD_CASE = re.compile("[İıſ\u212a]")
# Where a clause ends within a sentence ("." inside one is an abbreviation's: "Acme Corp. said").
_CLAUSE_EDGE = re.compile(r"[!?;:“”\"—\n]")
_CLAUSE_STOP = re.compile(r",(?!\d)|[;:!?“”\"]|\.(?=\s|$)")
_LEADING = re.compile(r"(?:[\s,\-–—]|and\b|but\b|while\b|however\b|yet\b|so\b)+", re.IGNORECASE)
_TRAILING = re.compile(r"(?:[\s,]|\bhowever\b|\bthat\b|\balso\b|\bhave\b|\bhas\b|\bhad\b)+$", re.IGNORECASE)
PRONOUNS = frozenset("he she they it we i you who which this that".split())
_NAMES_NOBODY = PRONOUNS | FUNCTION_WORDS  # a source made of these words only ("they") is no one named
MAX_WORDS = 14


@lru_cache(maxsize=1 << 12)
def sources(text: str, start: int, end: int) -> list[Span]:
    """The sources named in `text[start:end]`, as spans of `text` (without the verb). Cached,
    as the other detectors' readings of a stretch are: a base version meets every other."""
    found: list[Span] = []
    if lower_words(text, start, end).isdisjoint(_SAY_WORDS):
        return found
    for at, after, according in _verbs(text, start, end):
        if _PASSIVE.search(text, max(start, at - 12), at):
            continue  # "residents were told to leave": nobody is quoted
        if _OWN_OBJECT.match(text, after, end):
            continue  # "announced his retirement": an act of the subject, not a claim sourced to it
        before = None if according else _clause_before(text, start, at)
        source = before or _clause_after(text, after, end)
        if source is not None:
            found.append(source)
    return found


def _verbs(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    r"""Where `_VERB_RE` matches in `text[start:end]`: each verb's start and end, and whether it
    is "according to". The same matches, found with `str.find` in the lowered stretch, since
    the pattern, tried at every word, cost more than the rest of `sources`: every match is a
    whole run of word characters (`\b` on both sides, reading the text before `start` and
    none past `end`, as the pattern does), so only the verbs among the stretch's runs are looked
    for. Lowering keeps each character's length and word-ness, and case-blind matching agrees
    with it, except for the letters `_ODD_CASE` finds: a stretch with one is scanned with the
    pattern itself."""
    stretch = text[start:end]
    if _ODD_CASE.search(stretch):
        return [(m.start(), m.end(), m.group(1).lower() == "according to") for m in _VERB_RE.finditer(text, start, end)]
    low = stretch.lower()
    found = []
    for verb in _SAY_WORDS.intersection(_RUN.findall(low)):
        phrase = "according to" if verb == "according" else verb
        k = low.find(phrase)
        while k >= 0:
            at, after = start + k, start + k + len(phrase)
            if (at == 0 or not _is_word(text[at - 1])) and (after == end or not _is_word(text[after])):
                found.append((at, after, verb == "according"))
            k = low.find(phrase, k + 1)
    found.sort()
    return found


def _is_word(ch: str) -> bool:
    r"""What `\w` matches (a letter, a digit or "_")."""
    return ch.isalnum() or ch == "_"


def _clause_before(text: str, floor: int, at: int) -> Span | None:
    """The subject of a verb of saying: its clause's words before it, trimmed of conjunctions.
    After a comma, the words after it ("..., Lyons said"); a subject with an apposition ("Tom
    Bowman, policy counsel for ..., said") whole, or its head before the first comma when long.
    None when the verb follows a clause and its comma: then the source comes after the verb."""
    edge = max([floor] + [e.end() for e in _CLAUSE_EDGE.finditer(text, floor, at)])
    s, e = _trim(text, edge, at)
    commas = [c.start() for c in _COMMA.finditer(text, s, e)]  # not those of "3,000"
    if text[edge:at].rstrip().endswith(",") and len(_COMMA.findall(text, edge, at)) == 1:
        return None  # "The IRS acts under that authority, said a Treasury official": after it
    apposition = text[edge:at].rstrip().endswith(",")  # "Tom Bowman, policy counsel ..., said"
    if commas and not apposition:
        s, e = _trim(text, commas[-1] + 1, e)
    elif commas and len(WORD_RE.findall(text, s, e)) > MAX_WORDS:
        s, e = _trim(text, s, commas[0])
    count = len(WORD_RE.findall(text, s, e))  # a count: no need of located words
    if not 0 < count <= MAX_WORDS:
        return None
    return Span(s, e, text[s:e])


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    lead = _LEADING.match(text, s, e)
    s = lead.end() if lead else s
    trail = _TRAILING.search(text, s, e)
    return s, (trail.start() if trail else e)


def _clause_after(text: str, start: int, end: int) -> Span | None:
    stop = _CLAUSE_STOP.search(text, start, end)
    e = stop.start() if stop else end
    ws = words_in(text, start, e)[:MAX_WORDS]
    if not ws:
        return None
    return Span(ws[0].start, ws[-1].end, text[ws[0].start : ws[-1].end])


# Words that open an unnamed source: "a Treasury official", "two people familiar with ...".
ANONYMOUS = frozenset("a an one two three several some many numerous multiple other another".split())


def _named(span: Span) -> bool:
    """Whether a source names someone: a capitalised word past its first, or two in a row,
    unless it opens as an unnamed one does ("a Treasury official")."""
    ws = WORD_RE.findall(span.text)
    if ws and ws[0].lower() in ANONYMOUS:
        return False
    caps = [k for k, w in enumerate(ws) if w[:1].isupper() and w.lower() not in FUNCTION_WORDS]
    return any(k > 0 for k in caps) or (0 in caps and len(ws) > 1 and ws[1][:1].isupper())


def _lowers(text: str) -> set[str]:
    return {w.lower() for w in WORD_RE.findall(text)}


@lru_cache(maxsize=1 << 12)
def _content(text: str) -> frozenset[str]:
    """A source's words in lower case, grammar words aside (cached: each source is compared with
    every source of the other side)."""
    return frozenset(_lowers(text) - FUNCTION_WORDS)


@lru_cache(maxsize=1 << 12)
def _same(x: str, y: str) -> bool:
    """Whether two sources (their texts) are the same source. Cached: a source is compared with
    every source of the other side, and again in every pair its version is in; the near
    spellings it tries cost most of this detector's time in a pair whose sources differ."""
    wx, wy = _content(x), _content(y)
    if not wx or not wy or wx <= PRONOUNS or wy <= PRONOUNS:
        return True
    if len(wx & wy) / min(len(wx), len(wy)) >= 0.5:
        return True  # half of their words shared (tested first: it costs less than spellings)
    return any(similar(p, q) for p in wx for q in wy)  # the same name, perhaps misspelled: `names` reports it


def _link_sources(article: Article, indexes: tuple[int, ...]) -> list[Span]:
    """The sources of a link's sentences, read sentence by sentence."""
    return [x for i in indexes for x in sources(article.text, article.sentences[i].start, article.sentences[i].end)]


def attribution_changes(pair: LinkedText) -> list[Change]:
    sa = _link_sources(pair.a, pair.a_sentences)
    if not sa:
        return []  # every rule starts from a source of A: B's are not read
    sb = _link_sources(pair.b, pair.b_sentences)
    changes = []
    if sa and sb:
        for x in sa:
            if not any(_same(x.text, y.text) for y in sb):
                y = sb[0]
                # x matches none of B's sources: high when it named someone and B's source names nobody
                changes.append(pair.change("attribution", "high" if _named(x) and not _named(y) else "medium",
                                           (x.start, x.end), (y.start, y.end),
                                           f"source changed: {x.text} -> {y.text}"))
    elif sa and pair.same_content:
        for x in sa:
            if not _lowers(x.text) <= _NAMES_NOBODY:
                changes.append(pair.change("attribution", "high" if _named(x) else "medium",
                                           (x.start, x.end), None, f"source dropped: {x.text}"))
    return changes


@lru_cache(maxsize=1 << 12)
def _named_sources(article: Article, index: int) -> tuple[Span, ...]:
    """The sources of a sentence that name more than a pronoun: read once per sentence, though
    a sentence with no counterpart is checked against every other version."""
    s = article.sentences[index]
    return tuple([x for x in sources(article.text, s.start, s.end) if not _lowers(x.text) <= _NAMES_NOBODY])


@lru_cache(maxsize=1 << 12)
def unlinked_attributions(article: Article, index: int, other: Article) -> tuple[Change, ...]:
    """The sources of a sentence of A that has no counterpart: dropped with it, unless the
    `other` version names them elsewhere (cached, as `quotes.unlinked_quotes` is)."""
    return tuple([Change("attribution", "medium", None, span_of(article, x.start, x.end), None,
                         f"source dropped: {x.text}")
                  for x in _named_sources(article, index) if not found_in(x.text, other)])
