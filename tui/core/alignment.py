"""Which sentences of one version say what sentences of another version say.

How it works, and why:
1. Each sentence becomes a set of content-word stems (see `tokens.stem`), with the stems of
   names and figures flagged (`tokens.proper_words`: words the texts only write capitalised).
   Stems weigh what they tell apart: a stem found in many sentences of the two versions ("IRS",
   "data") counts for little, a rare one ("Bessent", "$80") for a lot (inverse sentence
   frequency, scaled so that a stem found in one sentence weighs 1 whatever the length).
2. A name found on one side only, one letter away from a name found on the other side only and
   from no other, is taken as the same name misspelled ("Kraus"/"Krause", "Bescent"/"Bessent");
   translation round trips do this to names, and names are the strongest evidence there is.
3. Candidates come from an inverted index of B's stems, so the cost grows with the sentences that
   share words, not with the product of the two lengths. On very long documents each sentence only
   walks the postings of its rarest stems, capped, and keeps its best few candidates.
4. Same-content links (verbatim, edited, paraphrase) are chosen one to one, best first, so links
   may cross when versions reorder paragraphs. A neighbour that was split off or merged in (two
   sentences restated as one) joins a link when it makes the pair read as one statement.
5. Partial links join sentences that share a clause or a fact without saying the same thing.
   Every paragraph of a story repeats its topic words, so a shared-word score alone links half
   the story to the other half; a false link is worse than a missing one, so a partial pair must
   pass every gate:
   - enough overlap: weighted Dice, cover of the shorter sentence and shared weight over minima;
   - context: not both sentences already have a same-content link elsewhere (then their overlap
     is the story's topic, not a fact they share);
   - near the best: within `PARTIAL_NEAR_BEST` of each sentence's best score, its same-content
     link included, so a sentence with a close counterpart takes no weak partials;
   - evidence of a fact: a shared clause (three or more content stems in the same order, one
     inserted word that is not a name skipped, weighing at least `CLAUSE_WEIGHT_MIN`, not all
     names), or a shared name or figure (a multi-word name counted once) next to a shared
     two-word phrase that is not itself just names, or, with no such phrase, a name rare enough
     to count double;
   - mutual rank: among the best `PARTIAL_RANK` pairs of both sentences that passed the gates
     above. Ranked among all overlaps, a headline or summary sentence, which shares topic words
     with half the story, would lose its real partials to pairs that share only topic words.
"""

from __future__ import annotations

import gc
import marshal
import math
import os
import select
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress
from math import fsum
from operator import itemgetter

from rapidfuzz.distance import Levenshtein

from .model import Alignment, Article, LinkKind, SentenceLink, op_from_row
from .tokens import (
    TokenColumns,
    acronyms_in,
    content_terms_split,
    fold,
    proper_words,
    spelled_initials,
    token_columns,
)
from .word_diff import diff_rows

# Documented thresholds (see README "How alignment decides"). Weights are inverse sentence
# frequencies scaled to [0, 1] (1 = a stem found in one sentence only), so a weight of 1.0 is
# about one distinctive word whatever the length of the documents.
SAME_MIN = 0.42  # weighted Dice of content stems for a same-content link
EDITED_MIN = 0.75  # token similarity above which a link is a light edit, not a paraphrase
MERGE_GAIN = 0.05  # how much a neighbour must improve a link's Dice to join it
PARTIAL_DICE_MIN = 0.10  # weighted Dice for a partial link
PARTIAL_COVER_MIN = 0.15  # share of the shorter sentence's weight found in the other
PARTIAL_WEIGHT_MIN = 1.5  # shared weight: about one and a half distinctive words
CLAUSE_WEIGHT_MIN = 1.45  # weight of a clause both sentences say (see `_shared_clause`)
PARTIAL_NAME_MIN = 0.5  # shared weight of names and numbers: one fairly rare name or figure
PARTIAL_RANK = 3  # a partial pair must be among the best few candidates of both sentences
PARTIAL_NEAR_BEST = 0.6  # ... and score at least this share of each sentence's best candidate
MAX_PARTIAL_PER_SENTENCE = 3
NAME_EDIT_MAX = 1  # letters a name may differ by across versions and still be the same name
# Past this many sentence pairs, candidates come from each sentence's rarest stems only.
EXHAUSTIVE_PAIRS = 250_000
POSTINGS_CAP = 48
RAREST_STEMS = 4
TOP_K = 6
MERGE_COVER = 0.5  # share of a neighbour's weight that must be found in a link for it to join
KEEP_DICE = min(SAME_MIN, PARTIAL_DICE_MIN)


@dataclass(slots=True)
class _Features:
    terms: frozenset[str]
    names: frozenset[str]
    stems: tuple[str, ...]  # in reading order, for the phrases two sentences share
    weight: float = 0.0


def _features(text: str, acronyms: frozenset[str], names: frozenset[str]) -> _Features:
    return _Features(*_sentence_terms(text, acronyms, names))


@lru_cache(maxsize=1 << 13)
def _sentence_terms(text: str, acronyms: frozenset[str], names: frozenset[str]):
    """A sentence's terms, cached: a version is aligned with every other, so its sentences recur.

    `acronyms` holds only those its version spells out, so the key does not change with the other
    version. Immutable values are returned, since `_Features` objects are changed in place.
    """
    stems, names_in = content_terms_split(text, acronyms, names)
    stems = tuple(stems)
    return frozenset(stems), frozenset(names_in), stems


@dataclass(slots=True)
class _Pair:
    i: int
    j: int
    shared: float
    dice: float
    cover: float


def align_articles(a: Article, b: Article, *, with_ops: bool = True, processes: int = 1) -> Alignment:
    """Link the sentences of `a` to those of `b`; see the module docstring for how.

    With `processes=2`, a long alignment (`FORK_CHARS` or more characters in all) shares its
    work with a forked helper process (see `_Helper`); what it computes comes back as plain
    tuples, and the result is the same, byte for byte. Only for a process with a single thread,
    such as the command line: the reader aligns in a thread worker, and forking a threaded
    process is unsafe (it then stays in one process, as it does when `fork` is missing or fails).
    """
    if len(a.text) + len(b.text) > _GC_PAUSE_CHARS and gc.isenabled():
        # Long documents make millions of small objects and no cycles; the collector would
        # rescan them all, again and again, for nothing.
        gc.disable()
        try:
            return _align(a, b, with_ops, processes)
        finally:
            gc.enable()
    return _align(a, b, with_ops, processes)


# Sizes in characters, decided before the texts are split: about 170 to a sentence of news.
_GC_PAUSE_CHARS = 300_000
# Below this size (both versions), a helper process costs more than it saves.
FORK_CHARS = 600_000
# Links are diffed in this many chunks, claimed one at a time by whichever process is free.
LINK_CHUNKS = 128
# The helper's share of A's sentences whose candidates it scores: it starts after this process,
# which must also make objects of the helper's pairs.
HELPER_ROW_SHARE = 0.45
# The helper's share of the pairs checked for a shared fact (see `_shares_a_fact`).
HELPER_FACT_SHARE = 0.5


def _align(a: Article, b: Article, with_ops: bool, processes: int = 1) -> Alignment:
    helper = _Helper.start(a, b) if processes > 1 and len(a.text) + len(b.text) >= FORK_CHARS else None
    try:
        # The helper splits B and finds B's acronyms while this process does A's.
        sa = a.sentences
        acronyms_a = acronyms_in(a.text)
        acronyms_b = helper.version_b(b) if helper is not None else None
        if acronyms_b is None:
            acronyms_b = acronyms_in(b.text)
        sb = b.sentences
        acronyms = acronyms_a | acronyms_b
        # While it waits for the helper, this process tokenizes the sentences it will diff.
        tokens = _Tokens(a, b, from_end=True) if helper is not None else None
        if helper is not None:
            helper.send_version_a(a, acronyms_a)
            helper.idle = tokens.ahead
        # Each version's own names: a word one version writes in lower case is no name there.
        names_a = proper_words(tuple(s.text for s in sa))
        spelled_a = acronyms & spelled_initials(a.text)
        fa = [_features(s.text, spelled_a, names_a) for s in sa]
        fb = helper.features() if helper is not None else None
        if fb is None:
            fb = _side_features(b, acronyms)
        # The helper scores the candidates of A's later sentences, this process the earlier.
        cut = helper.share_candidates(fa, HELPER_ROW_SHARE) if helper is not None else len(fa)
        idf = _weigh(fa, fb)
        pairs = _candidate_pairs(fa, fb, idf, 0, cut)
        theirs = helper.pairs() if helper is not None else None
        if cut < len(fa):
            pairs += [_Pair(*row) for row in theirs] if theirs is not None else _candidate_pairs(fa, fb, idf, cut)
        groups = _same_links(pairs, fa, fb, idf)
        groups += _same_without_content(sa, sb, fa, fb)

        partial = _partial_links(pairs, groups, fa, fb, idf, _fact_checker(helper, fa, fb, idf))

        specs = [(ga, gb, score, True) for ga, gb, score in groups]
        specs += [((p.i,), (p.j,), _partial_score(p), False) for p in partial]
        links = _make_links(a, b, specs, with_ops, helper, tokens)
    finally:
        if helper is not None:
            helper.close()
    links.sort(key=lambda link: (link.a[0], link.b[0]))
    return Alignment(a, b, tuple(links))


def _fact_checker(helper: _Helper | None, fa: list[_Features], fb: list[_Features], idf: dict[str, float]):
    """`_shares_a_fact` over a list of pairs, the later part asked of the helper if there is one."""

    def here(pairs: list[_Pair]) -> list[bool]:
        return [_shares_a_fact(fa[p.i], fb[p.j], idf) for p in pairs]

    def check(pairs: list[_Pair]) -> list[bool]:
        cut = len(pairs) - int(len(pairs) * HELPER_FACT_SHARE)
        if helper is None or cut == len(pairs) or not helper.ask_facts([(p.i, p.j) for p in pairs[cut:]]):
            return here(pairs)
        mine = here(pairs[:cut])
        theirs = helper.facts(len(pairs) - cut)
        return mine + (theirs if theirs is not None else here(pairs[cut:]))

    return check


def _weigh(fa: list[_Features], fb: list[_Features]) -> dict[str, float]:
    """Merge misspelled names, then weigh every stem and every sentence; gives the stem weights.

    The same features give the same weights, whichever process computes them.
    """
    _merge_misspelled_names(fa, fb)
    idf = _inverse_frequency(fa, fb)
    weight_of = idf.__getitem__
    for f in chain(fa, fb):
        f.weight = fsum(map(weight_of, f.terms))
    return idf


def _side_features(b: Article, acronyms: frozenset[str]) -> list[_Features]:
    names_b = proper_words(tuple(s.text for s in b.sentences))
    spelled_b = acronyms & spelled_initials(b.text)
    return [_features(s.text, spelled_b, names_b) for s in b.sentences]


class _Tokens:
    """Token columns of both versions' sentences, made ahead of need while a process would wait.

    The helper diffs the links early in A and this process those late in A (see `_make_links`),
    so the helper tokenizes from the start of both versions and this process from the end.
    """

    def __init__(self, a: Article, b: Article, *, from_end: bool) -> None:
        self.sa, self.sb = a.sentences, b.sentences
        self.cols_a: dict[int, TokenColumns] = {}
        self.cols_b: dict[int, TokenColumns] = {}
        self.from_end = from_end
        self.done = 0

    def ahead(self, count: int = 32) -> bool:
        """Tokenize up to `count` more sentences of each version; False once all are done."""
        tokenize = token_columns.__wrapped__  # not through the cache, which would only churn
        stop = min(self.done + count, max(len(self.sa), len(self.sb)))
        for sentences, cols in ((self.sa, self.cols_a), (self.sb, self.cols_b)):
            for k in range(self.done, min(stop, len(sentences))):
                i = len(sentences) - 1 - k if self.from_end else k
                cols[i] = tokenize(sentences[i].text, sentences[i].start)
        self.done = stop
        return stop < max(len(self.sa), len(self.sb))

    def col_a(self, i: int) -> TokenColumns:
        c = self.cols_a.get(i)
        return c if c is not None else token_columns(self.sa[i].text, self.sa[i].start)

    def col_b(self, j: int) -> TokenColumns:
        c = self.cols_b.get(j)
        return c if c is not None else token_columns(self.sb[j].text, self.sb[j].start)


def _make_links(
    a: Article, b: Article, specs: list, with_ops: bool, helper: _Helper | None, tokens: _Tokens | None = None
) -> list[SentenceLink]:
    """The links of `specs` ((a group, b group, score, same content?) each), in that order.

    With a helper, the links go in chunks, in the order of A's sentences: the helper claims
    chunks from the start, where it has tokenized the sentences, this process from the end,
    until none is left. Chunk cost varies too much to split the work in fixed shares.
    """
    if helper is None or not specs:
        return [_make_link(a, b, ga, gb, score, same=same, with_ops=with_ops) for ga, gb, score, same in specs]
    order = sorted(range(len(specs)), key=lambda k: specs[k][0][0])
    size = -(-len(order) // LINK_CHUNKS)
    chunks = [order[x : x + size] for x in range(0, len(order), size)]
    links: list = [None] * len(specs)

    def build(chunk: list[int]) -> None:
        for k in chunk:
            ga, gb, score, same = specs[k]
            links[k] = _make_link(a, b, ga, gb, score, same=same, with_ops=with_ops, tokens=tokens)

    def take(message) -> None:
        m, parts = message
        if type(m) is not int or not 0 <= m < len(chunks) or links[chunks[m][0]] is not None:
            helper.lost = True
            return
        try:
            made = [
                SentenceLink(tuple(specs[k][0]), tuple(specs[k][1]), score, _KINDS[kind], tuple(map(op_from_row, rows)))
                for k, (kind, score, rows) in zip(chunks[m], parts, strict=True)
            ]
        except (ValueError, TypeError, IndexError, KeyError):
            helper.lost = True  # a garbled chunk: it is built here, like any other it did not send
            return
        for k, link in zip(chunks[m], made):
            links[k] = link

    taken = 0
    if helper.share_links([[specs[k] for k in chunk] for chunk in chunks], with_ops):
        # Between chunks of its own, this process turns the helper's finished chunks into links.
        while True:
            while helper.has_message():
                message = helper.chunk()
                if message is not None:
                    take(message)
            if not helper.claim():
                helper.idle = None  # nothing left to tokenize for
                break
            taken += 1
            build(chunks[-taken])
    # The helper claimed the rest: wait for them; any it did not deliver are built here.
    for m in range(len(chunks) - taken):
        if links[chunks[m][0]] is None:
            message = helper.chunk()
            if message is not None:
                take(message)
    for chunk in chunks:
        if links[chunk[0]] is None:
            build(chunk)
    return links


_KINDS = {kind.value: kind for kind in LinkKind}


class _HelperLost(Exception):
    """The helper process ended or sent something incomplete; its work is done here instead."""


class _Helper:
    """A forked helper process for one long alignment (see `align_articles`).

    It computes version B's sentence terms and sends them; it is sent A's, and scores the
    candidate pairs of A's later sentences while this process scores the earlier ones; then,
    while this process chooses the links, it tokenizes sentences; then it diffs chunks of the
    links it is sent, as many as it can claim (see `_make_links`), and sends each link's kind,
    score and ops as rows of `DiffOp`'s fields. Everything passes through pipes as `marshal`
    data of plain tuples. Any failure leaves the work to this process, so the result never
    depends on the helper.
    """

    def __init__(self, pid: int, to_child: int, from_child: int, claims_r: int, claims_w: int) -> None:
        self.pid, self.to_child, self.from_child = pid, to_child, from_child
        self.claims_r, self.claims_w = claims_r, claims_w
        # Once a message fails, the helper is given nothing more and asked for nothing more.
        self.lost = False
        # Work to do, a little at a time, while a message is on its way; False when none is left.
        self.idle: Callable[[], bool] | None = None

    @classmethod
    def start(cls, a: Article, b: Article) -> _Helper | None:
        import threading

        if not hasattr(os, "fork") or threading.active_count() != 1:
            return None
        fds: list[int] = []
        try:
            for _ in range(3):
                fds += os.pipe()
        except OSError:
            _close_all(fds)
            return None
        down_r, down_w, up_r, up_w, claims_r, claims_w = fds
        _widen_pipe(up_w)  # the helper's chunks of links then rarely wait to be read
        try:
            pid = os.fork()
        except OSError:
            _close_all(fds)
            return None
        if pid == 0:  # the helper: never returns into the caller's code
            code = 1
            try:
                _close_all([down_w, up_r, claims_w])
                _helper_main(a, b, down_r, up_w, claims_r)
                code = 0
            finally:
                os._exit(code)
        _close_all([down_r, up_w])
        return cls(pid, down_w, up_r, claims_r, claims_w)

    def version_b(self, b: Article) -> frozenset[str] | None:
        """B's acronyms, B's sentences given to `b`; None when the helper is lost."""
        message = self._receive()
        if message is None:
            return None
        acronyms, rows = message
        b.adopt_sentences(rows)
        return acronyms

    def send_version_a(self, a: Article, acronyms: frozenset[str]) -> None:
        self._send((acronyms, [(s.start, s.end, s.paragraph) for s in a.sentences]))

    def features(self) -> list[_Features] | None:
        """Version B's features, or None when the helper is lost."""
        rows = self._receive()
        if rows is None:
            return None
        return [_Features(frozenset(stems), frozenset(names), stems) for stems, names in rows]

    def share_candidates(self, fa: list[_Features], share: float) -> int:
        """Send A's features, and with them the first sentence of A whose candidates the helper
        scores; gives that sentence's index (`len(fa)`, all of them here, if the helper is lost)."""
        cut = len(fa) - int(len(fa) * share)
        return cut if self._send(([(f.stems, tuple(f.names)) for f in fa], cut)) else len(fa)

    def pairs(self) -> list | None:
        """The helper's candidate pairs, as `_Pair` field tuples, or None when it is lost.

        Asked for once `share_candidates` was called, even when its share was none."""
        return self._receive()

    def ask_facts(self, pairs: list[tuple[int, int]]) -> bool:
        """Ask which of these (A sentence, B sentence) pairs share a fact (see `_shares_a_fact`)."""
        return self._send(("facts", pairs))

    def facts(self, count: int) -> list[bool] | None:
        answer = self._receive()
        if answer is not None and len(answer) != count:
            self.lost = True
            return None
        return answer

    def share_links(self, chunks: list[list], with_ops: bool) -> bool:
        """Send the chunks of link specs, then one claim byte per chunk (see `_make_links`)."""
        if not self._send(("links", chunks, with_ops)):
            return False
        try:
            data = bytes(len(chunks))
            while data:  # fits a pipe's buffer: it never blocks
                data = data[os.write(self.claims_w, data) :]
        except OSError:
            self.lost = True
        finally:
            self._close_claims_w()
        return not self.lost

    def claim(self) -> bool:
        """Claim the next chunk from the end; False once the helper and this process took all.

        Each byte of the claims pipe is read by one process only, so the chunks the two
        claim, from either end, never overlap."""
        try:
            return bool(os.read(self.claims_r, 1))
        except OSError:
            return False

    def has_message(self) -> bool:
        if self.lost:
            return False
        return bool(select.select([self.from_child], [], [], 0)[0])

    def chunk(self):
        """A chunk of links the helper finished: (chunk number, (kind, score, op spans) each)."""
        message = self._receive()
        if message is not None and not (isinstance(message, tuple) and len(message) == 2):
            self.lost = True
            return None
        return message

    def _send(self, obj) -> bool:
        if self.lost:
            return False
        try:
            _send(self.to_child, obj)
        except OSError:
            self.lost = True
        return not self.lost

    def _receive(self):
        if self.lost:
            return None
        if self.idle is not None:
            while not select.select([self.from_child], [], [], 0)[0] and self.idle():
                pass
        try:
            return _receive(self.from_child)
        except (_HelperLost, OSError, ValueError, EOFError, TypeError):
            self.lost = True
            return None

    def _close_claims_w(self) -> None:
        if self.claims_w >= 0:
            _close_all([self.claims_w])
            self.claims_w = -1

    def close(self) -> None:
        self._close_claims_w()
        _close_all([self.to_child, self.from_child, self.claims_r])
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


def _close_all(fds: list[int]) -> None:
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass


def _widen_pipe(fd: int) -> None:
    """Give a pipe a 1 MiB buffer where the system allows it (Linux); a hint, nothing more."""
    import fcntl

    try:
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (AttributeError, OSError):
        pass


def _send(fd: int, obj) -> None:
    data = memoryview(marshal.dumps(obj))
    header = len(data).to_bytes(8, "little")
    while header:
        header = header[os.write(fd, header) :]
    while data:
        data = data[os.write(fd, data) :]


def _receive(fd: int):
    size = int.from_bytes(_read_exactly(fd, 8), "little")
    return marshal.loads(_read_exactly(fd, size))


def _read_exactly(fd: int, size: int) -> bytes:
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 22))
        if not chunk:
            raise _HelperLost
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _helper_main(a: Article, b: Article, down: int, up: int, claims: int) -> None:
    """The helper's whole life (see `_Helper`): each message it sends or waits for, in order."""
    sb = b.sentences
    acronyms_b = acronyms_in(b.text)
    _send(up, (acronyms_b, [(s.start, s.end, s.paragraph) for s in sb]))
    # At once: the other process sends A's as soon as it has B's, and waits until it is read.
    acronyms_a, rows = _receive(down)
    a.adopt_sentences(rows)
    names_b = proper_words(tuple(s.text for s in sb))
    spelled_b = spelled_initials(b.text) & (acronyms_a | acronyms_b)
    fb = [_features(s.text, spelled_b, names_b) for s in sb]
    _send(up, [(f.stems, tuple(f.names)) for f in fb])

    rows, cut = _receive(down)
    fa = [_Features(frozenset(stems), frozenset(names), stems) for stems, names in rows]
    idf = _weigh(fa, fb)
    _send(up, [(p.i, p.j, p.shared, p.dice, p.cover) for p in _candidate_pairs(fa, fb, idf, cut)])

    # Until the links come, tokenize their sentences from the start of both versions, and
    # answer any question of shared facts.
    tokens = _Tokens(a, b, from_end=False)
    while True:
        while not select.select([down], [], [], 0)[0] and tokens.ahead():
            pass
        message = _receive(down)
        if message[0] != "facts":
            break
        _send(up, [_shares_a_fact(fa[i], fb[j], idf) for i, j in message[1]])
    del fa, fb, idf
    col_a, col_b = tokens.col_a, tokens.col_b

    _, chunks, with_ops = message
    text_a, text_b = a.text, b.text
    m = 0
    while os.read(claims, 1):  # the next chunk from the start (see `_make_links`)
        out = []
        for ga, gb, score, same in chunks[m]:
            kind, score, ta, tb = _link_kind(_group_columns(col_a, ga), _group_columns(col_b, gb), score, same)
            out.append((kind.value, score, diff_rows(ta, tb, text_a, text_b) if with_ops else ()))
        _send(up, (m, out))
        m += 1


def _merge_misspelled_names(fa: list[_Features], fb: list[_Features]) -> None:
    """Spell B's names as A's where they differ by a letter ("Kraus"/"Krause", "Bescent").

    Translation round trips and careless rewrites misspell names; a name that then no longer
    meets its counterpart loses the strongest evidence a sentence pair has. Only names (see
    `tokens.proper_words`) found on one side but not the other are compared, each with the
    other side's unmatched names of the same initial, and only a unique close match is taken, so a
    different person who happens to share a first letter is not merged.
    """
    from rapidfuzz.distance import Levenshtein

    terms_a = frozenset().union(*(f.terms for f in fa)) if fa else frozenset()
    terms_b = frozenset().union(*(f.terms for f in fb)) if fb else frozenset()
    names_a = frozenset().union(*(f.names for f in fa)) if fa else frozenset()
    names_b = frozenset().union(*(f.names for f in fb)) if fb else frozenset()
    lonely_a = [t for t in names_a - terms_b if len(t) >= 4 and t.isalpha()]
    by_initial: dict[str, list[str]] = {}
    for t in lonely_a:
        by_initial.setdefault(t[0], []).append(t)
    rename: dict[str, str] = {}
    for t in names_b - terms_a:
        if len(t) < 4 or not t.isalpha():
            continue
        close = [u for u in by_initial.get(t[0], ()) if Levenshtein.distance(t, u, score_cutoff=NAME_EDIT_MAX) <= NAME_EDIT_MAX]
        if len(close) == 1:
            rename[t] = close[0]
    if not rename:
        return
    for f in fb:
        if f.terms.isdisjoint(rename):
            continue
        f.terms = frozenset(rename.get(t, t) for t in f.terms)
        f.names = frozenset(rename.get(t, t) for t in f.names)
        f.stems = tuple(rename.get(t, t) for t in f.stems)


def _inverse_frequency(fa: list[_Features], fb: list[_Features]) -> dict[str, float]:
    # Counted in C; keys in order of first occurrence, as a loop would add them.
    df = Counter(chain.from_iterable(f.terms for f in chain(fa, fb)))
    n = len(fa) + len(fb)
    # Scaled by the weight of a stem found once, so thresholds read in "distinctive words".
    top = math.log(n + 1)
    return {t: math.log((n + 1) / c) / top for t, c in df.items()}


def _candidate_pairs(
    fa: list[_Features], fb: list[_Features], idf: dict[str, float], start: int = 0, stop: int | None = None
) -> list[_Pair]:
    """The pairs worth weighing, for A's sentences `start` to `stop`, in the order of A's sentences.

    Each sentence's candidates depend on it and B alone, so parts computed apart and joined in
    order are the whole.
    """
    postings: dict[str, list[int]] = {}
    for j, f in enumerate(fb):
        for t in f.terms:
            postings.setdefault(t, []).append(j)
    exhaustive = len(fa) * len(fb) <= EXHAUSTIVE_PAIRS
    scale = len(fb) / max(1, len(fa))
    weight_b = [g.weight for g in fb]
    by_idf = idf.__getitem__
    pairs = []
    for i in range(start, len(fa) if stop is None else stop):
        f = fa[i]
        if not f.terms:
            continue
        acc: dict[int, float] = {}
        get = acc.get
        if exhaustive:
            # Sorted, so float sums and tie order do not depend on the interpreter's hash seed.
            for t in sorted(f.terms):
                w = idf[t]
                for j in postings.get(t, ()):
                    acc[j] = get(j, 0.0) + w
            scored = acc.items()
        else:
            # Rarest stems first; a very common stem only looks near where the sentence would
            # sit if the versions kept their order, which is where its counterpart usually is.
            expected = int(i * scale)
            # `nlargest(RAREST_STEMS, sorted(f.terms), key=by_idf)`, which is documented to equal
            # this stable sort, done in C: highest weight first, ties in term order.
            for t in sorted(sorted(f.terms), key=by_idf, reverse=True)[:RAREST_STEMS]:
                plist = postings.get(t)
                if not plist:
                    continue
                if len(plist) > POSTINGS_CAP:
                    k = bisect_left(plist, expected)
                    lo = max(0, min(k - POSTINGS_CAP // 2, len(plist) - POSTINGS_CAP))
                    plist = plist[lo : lo + POSTINGS_CAP]
                w = idf[t]
                for j in plist:
                    acc[j] = get(j, 0.0) + w
            terms = f.terms
            # As `nlargest(TOP_K, acc.items(), key=itemgetter(1))`: ties in order of insertion.
            top = sorted(acc.items(), key=itemgetter(1), reverse=True)[:TOP_K]
            scored = [(j, fsum(map(by_idf, terms & fb[j].terms))) for j, _ in top]
        wa = f.weight
        for j, shared in scored:
            wb = weight_b[j]
            dice = 2 * shared / (wa + wb)
            cover = shared / min(wa, wb)
            # A pair this weak can neither link nor rank above a pair that can, nor join a link.
            if dice < KEEP_DICE and cover < MERGE_COVER:
                continue
            pairs.append(_Pair(i, j, shared, dice, cover))
    return pairs


def _dice(terms_a: frozenset[str], terms_b: frozenset[str], idf: dict[str, float]) -> float:
    wa = fsum(idf[t] for t in terms_a)
    wb = fsum(idf[t] for t in terms_b)
    if wa + wb <= 0:
        return 0.0
    return 2 * fsum(idf[t] for t in terms_a & terms_b) / (wa + wb)


def _same_links(pairs: list[_Pair], fa: list[_Features], fb: list[_Features], idf: dict[str, float]):
    """One-to-one links, best first, then grown by split-off or merged-in neighbours."""
    used_a: dict[int, int] = {}
    used_b: dict[int, int] = {}
    groups: list[list] = []
    for p in sorted((p for p in pairs if p.dice >= SAME_MIN), key=lambda p: -p.dice):
        if p.i in used_a or p.j in used_b:
            continue
        used_a[p.i] = used_b[p.j] = len(groups)
        groups.append([[p.i], [p.j], p.dice])

    # A neighbour left over on either side joins a link when the joined text reads closer.
    by_pair = {(p.i, p.j): p for p in pairs}
    for g in groups:
        for side in (0, 1):
            feats, used = (fa, used_a) if side == 0 else (fb, used_b)
            grown = True
            while grown:
                grown = False
                for cand in (g[side][0] - 1, g[side][-1] + 1):
                    if cand < 0 or cand >= len(feats) or cand in used:
                        continue
                    other = g[1 - side]
                    # The neighbour must itself share a good part of its content with the link.
                    near = [by_pair.get((cand, o) if side == 0 else (o, cand)) for o in other]
                    if not any(q is not None and q.cover >= MERGE_COVER for q in near):
                        continue
                    ta = frozenset().union(*(fa[x].terms for x in (g[0] + [cand] if side == 0 else g[0])))
                    tb = frozenset().union(*(fb[x].terms for x in (g[1] + [cand] if side == 1 else g[1])))
                    d = _dice(ta, tb, idf)
                    if d >= g[2] + MERGE_GAIN:
                        g[side] = sorted(g[side] + [cand])
                        g[2] = d
                        used[cand] = -1
                        grown = True
    return [(tuple(ga), tuple(gb), score) for ga, gb, score in groups]


def _same_without_content(sa, sb, fa: list[_Features], fb: list[_Features]):
    """Sentences with no content word ("___", "The end.") link only to the same text, in order.

    Weights cannot compare them, yet a reader still expects a copied line to show as copied.
    """
    waiting: dict[str, list[int]] = {}
    for j in range(len(sb) - 1, -1, -1):
        if not fb[j].terms:
            waiting.setdefault(" ".join(fold(sb[j].text).split()), []).append(j)
    groups = []
    for i, f in enumerate(fa):
        if not f.terms:
            queue = waiting.get(" ".join(fold(sa[i].text).split()))
            if queue:
                groups.append(((i,), (queue.pop(),), 1.0))
    return groups


def _partial_links(
    pairs: list[_Pair],
    groups,
    fa: list[_Features],
    fb: list[_Features],
    idf: dict[str, float],
    facts: Callable[[list[_Pair]], list[bool]] | None = None,
) -> list[_Pair]:
    """Links between sentences that share a distinctive fact, beyond the same-content links.

    Stories repeat their topic words in every paragraph, so sharing words is weak evidence of
    sharing a fact; each gate below removes one way a topical overlap passes for a shared fact.
    """
    linked = {(i, j) for ga, gb, _ in groups for i in ga for j in gb}
    same_a = {i for ga, _, _ in groups for i in ga}
    same_b = {j for _, gb, _ in groups for j in gb}
    # Each sentence's best score overall, its same-content link included: a sentence with a
    # close counterpart takes no weak partials.
    best_a: dict[int, float] = {}
    best_b: dict[int, float] = {}
    for p in pairs:
        best_a[p.i] = max(best_a.get(p.i, 0.0), p.dice)
        best_b[p.j] = max(best_b.get(p.j, 0.0), p.dice)

    gated = []
    for p in pairs:
        if (p.i, p.j) in linked:
            continue
        # Two sentences that each already found their counterpart elsewhere overlap by topic.
        if p.i in same_a and p.j in same_b:
            continue
        if p.dice < PARTIAL_DICE_MIN or p.cover < PARTIAL_COVER_MIN or p.shared < PARTIAL_WEIGHT_MIN:
            continue
        if p.dice < PARTIAL_NEAR_BEST * best_a[p.i] or p.dice < PARTIAL_NEAR_BEST * best_b[p.j]:
            continue
        gated.append(p)
    # The costliest gate, last; `facts` may share the work with another process.
    shared = facts(gated) if facts is not None else [_shares_a_fact(fa[p.i], fb[p.j], idf) for p in gated]
    plausible = list(compress(gated, shared))

    # Mutual rank: the pair must stand out for both sentences among the pairs that could be
    # partial links at all. Ranked among every overlap instead, a headline or a summary
    # sentence, which overlaps half the story by topic, would lose its real partials to pairs
    # that share nothing but topic words.
    by_a: dict[int, list[float]] = {}
    by_b: dict[int, list[float]] = {}
    for p in plausible:
        by_a.setdefault(p.i, []).append(p.dice)
        by_b.setdefault(p.j, []).append(p.dice)
    for scores in (*by_a.values(), *by_b.values()):
        scores.sort(reverse=True)
    eligible = []
    for p in plausible:
        ra, rb = by_a[p.i], by_b[p.j]
        if len(ra) > PARTIAL_RANK and p.dice < ra[PARTIAL_RANK - 1]:
            continue
        if len(rb) > PARTIAL_RANK and p.dice < rb[PARTIAL_RANK - 1]:
            continue
        eligible.append(p)
    eligible.sort(key=lambda p: -_partial_score(p))
    per_a: dict[int, int] = {}
    per_b: dict[int, int] = {}
    chosen = []
    for p in eligible:
        if per_a.get(p.i, 0) >= MAX_PARTIAL_PER_SENTENCE or per_b.get(p.j, 0) >= MAX_PARTIAL_PER_SENTENCE:
            continue
        per_a[p.i] = per_a.get(p.i, 0) + 1
        per_b[p.j] = per_b.get(p.j, 0) + 1
        chosen.append(p)
    return chosen


def _shares_a_fact(fa: _Features, fb: _Features, idf: dict[str, float]) -> bool:
    """Whether two sentences say a clause or name a subject in common, beyond sharing words.

    A shared fact shows as a clause both say (see `_shared_clause`), or as a subject both name
    (a name or a figure) with a phrase of two words around it; a name alone must weigh twice
    as much. A phrase made only of names ("President Donald Trump") says nothing of them.
    """
    names = fa.names | fb.names
    if _shared_clause(fa, fb, idf) >= CLAUSE_WEIGHT_MIN:
        return True
    shared_bigrams = _bigrams(fa.stems) & _bigrams(fb.stems)
    named = _entity_weight(fa.names & fb.names, shared_bigrams, idf)
    phrase = any(not names.issuperset(g) for g in shared_bigrams)
    return named >= PARTIAL_NAME_MIN * (1 if phrase else 2)


def _shared_clause(fa: _Features, fb: _Features, idf: dict[str, float]) -> float:
    """Weight of the heaviest run of content stems two sentences say in the same order.

    A run is three or more stems in a row in both; a rewrite that slips one word into a clause
    ("violates privacy laws" / "violates established privacy laws") still says it, so one
    inserted word that is not a name is skipped on either side. An inserted name is not
    skipped: "share taxpayer data" and "share IRS taxpayer data" may be about different data.
    A run made only of names is a name, not a clause, and does not count.
    """
    shared = _clause_grams(fa.stems, fa.names) & _clause_grams(fb.stems, fb.names)
    if not shared:
        return 0.0
    names = fa.names | fb.names
    sa = fa.stems
    best = max((fsum(idf[t] for t in g) for g in shared if not names.issuperset(g)), default=0.0)
    # Runs longer than three stems: consecutive shared trigrams of `sa`, weighed as one run.
    k, n = 0, len(sa)
    while k + 3 <= n:
        if sa[k : k + 3] not in shared:
            k += 1
            continue
        end = k + 3
        while end < n and sa[end - 2 : end + 1] in shared:
            end += 1
        if end - k > 3:
            run = set(sa[k:end])
            if not names.issuperset(run):
                best = max(best, fsum(idf[t] for t in run))
        k = end - 2
    return best


@lru_cache(maxsize=1 << 14)
def _clause_grams(stems: tuple[str, ...], names: frozenset[str]) -> frozenset[tuple[str, ...]]:
    """A sentence's stem trigrams, and those with one inserted word (not a name) left out.

    Cached: a sentence is weighed against each of its candidates, and its stems do not change.
    """
    out = set(zip(stems, stems[1:], stems[2:]))
    for k in range(len(stems) - 3):
        a, b, c, d = stems[k : k + 4]
        if b not in names:
            out.add((a, c, d))
        if c not in names:
            out.add((a, b, d))
    return frozenset(out)


@lru_cache(maxsize=1 << 14)
def _bigrams(stems: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    return frozenset(zip(stems, stems[1:]))


def _entity_weight(shared: frozenset[str], bigrams: set[tuple[str, ...]], idf: dict[str, float]) -> float:
    """Weight of the names two sentences share, a multi-word name counted once.

    "President Donald Trump" is one piece of evidence, not three: names that sit next to each
    other in both sentences are one entity, weighed by its rarest word.
    """
    entity = {t: t for t in shared}

    def root(t: str) -> str:
        while entity[t] != t:
            t = entity[t]
        return t

    for x, y in bigrams:
        if x in entity and y in entity:
            entity[root(y)] = root(x)
    best: dict[str, float] = {}
    for t in shared:
        r = root(t)
        best[r] = max(best.get(r, 0.0), idf[t])
    return fsum(best.values())


def _partial_score(p: _Pair) -> float:
    return round(min(1.0, math.sqrt(p.dice * p.cover)), 3)


def _group_columns(columns, group) -> TokenColumns:
    """The tokens of a link's sentences on one side, as one text's columns; `columns(i)` gives
    those of sentence `i`."""
    if len(group) == 1:
        return columns(group[0])
    parts = [columns(i) for i in group]
    return TokenColumns(*(tuple(chain.from_iterable(column)) for column in zip(*parts)))


def _make_link(
    a: Article, b: Article, ga, gb, score: float, *, same: bool, with_ops: bool, tokens: _Tokens | None = None
) -> SentenceLink:
    if tokens is not None:
        ta, tb = _group_columns(tokens.col_a, ga), _group_columns(tokens.col_b, gb)
    else:
        sa, sb = a.sentences, b.sentences
        ta = _group_columns(lambda i: token_columns(sa[i].text, sa[i].start), ga)
        tb = _group_columns(lambda j: token_columns(sb[j].text, sb[j].start), gb)
    kind, score, ta, tb = _link_kind(ta, tb, score, same)
    if not with_ops:
        return SentenceLink(tuple(ga), tuple(gb), score, kind)
    ops = tuple(map(op_from_row, diff_rows(ta, tb, a.text, b.text)))
    return SentenceLink(tuple(ga), tuple(gb), score, kind, ops)


def _link_kind(ta: TokenColumns, tb: TokenColumns, score: float, same: bool):
    """A link's kind and its score as shown, from the tokens of its two sides."""
    # The words, punctuation aside (every kind but punctuation is true).
    na = list(compress(ta.norms, ta.kinds))
    nb = list(compress(tb.norms, tb.kinds))
    if same and na == nb:
        kind, score = LinkKind.VERBATIM, 1.0
    elif not same:
        kind = LinkKind.PARTIAL
    else:
        similarity = Levenshtein.normalized_similarity(na, nb)
        kind = LinkKind.EDITED if similarity >= EDITED_MIN else LinkKind.PARAPHRASE
        # Only identical words earn 1.0: a reader must be able to tell an edit from a copy.
        score = min(0.99, max(score, similarity))
    return kind, round(min(1.0, score), 3), ta, tb
