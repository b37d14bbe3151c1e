"""Speed-ups that must not change a result: each fast path against the code it replaced."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel, Levenshtein

from tui.core.model import DiffOp
from tui.core.tokens import STOPWORDS, TOKEN_RE, Token, token_columns, tokenize
from tui.core.word_diff import diff_words

# The token pattern before its dotted-abbreviation alternative got its lookahead.
OLD_TOKEN_RE = re.compile(
    r"[$£€]?\d+(?:[.,:]\d+)*%?"
    r"|\w+(?:[’'.\-]\w+)*\.?(?<=\w\.\w\.)|\w+(?:[’'\-]\w+)*"
    r"|[^\w\s]",
)

TRICKY = st.text(alphabet="aB1_.’'-‘ $£€%,:éU.S\t", max_size=30)
WORDS = st.lists(
    st.sampled_from("the a of said U.S. Krause $80 data IRS , . ’s 1.a. e.g. share shared sharing - ( ) 25% and".split()),
    max_size=14,
).map(" ".join)


@settings(max_examples=2000, deadline=None)
@given(TRICKY)
def test_token_pattern_matches_what_it_did(text) -> None:
    assert [m.span() for m in TOKEN_RE.finditer(text)] == [m.span() for m in OLD_TOKEN_RE.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.one_of(TRICKY, WORDS), st.integers(0, 50))
def test_token_columns_are_the_tokens(text, offset) -> None:
    tokens = tokenize(text, offset)
    cols = token_columns(text, offset)
    assert cols.norms == tuple(t.norm for t in tokens)
    assert cols.starts == tuple(t.start for t in tokens)
    assert cols.ends == tuple(t.end for t in tokens)
    assert cols.kinds == tuple((1 if t.norm in STOPWORDS else 2) if t.is_word else 0 for t in tokens)


# ---- the word diff as it was written before it worked on token columns


def _old_is_content(token: Token) -> bool:
    return token.is_word and token.norm not in STOPWORDS


def _old_raw_ops(ta, tb):
    na = [t.norm for t in ta]
    nb = [t.norm for t in tb]
    if na == nb:
        return [("equal", 0, len(na), 0, len(nb))] if na else []
    ca = [i for i, t in enumerate(ta) if t.is_word and t.norm not in STOPWORDS]
    cb = [j for j, t in enumerate(tb) if t.is_word and t.norm not in STOPWORDS]
    anchors = []
    if ca and cb:
        for tag, i1, i2, j1, _ in Indel.opcodes([na[i] for i in ca], [nb[j] for j in cb]):
            if tag == "equal":
                anchors.extend((ca[i1 + k], cb[j1 + k]) for k in range(i2 - i1))
    ops = []
    pa = pb = 0
    len_a = len(ta)
    anchors.append((len_a, len(tb)))
    for ai, bj in anchors:
        if ai > pa:
            if bj > pb:
                for tag, i1, i2, j1, j2 in Levenshtein.opcodes(na[pa:ai], nb[pb:bj]):
                    ops.append((tag, pa + i1, pa + i2, pb + j1, pb + j2))
            else:
                ops.append(("delete", pa, ai, pb, pb))
        elif bj > pb:
            ops.append(("insert", pa, pa, pb, bj))
        if ai < len_a:
            ops.append(("equal", ai, ai + 1, bj, bj + 1))
        pa, pb = ai + 1, bj + 1
    return ops


def _old_coalesce(ops, ta):
    runs = []
    for tag, i1, i2, j1, j2 in ops:
        changed = tag != "equal"
        if runs and runs[-1][0] == changed:
            runs[-1][2], runs[-1][4] = i2, j2
        else:
            runs.append([changed, i1, i2, j1, j2])
    merged = []
    k = 0
    while k < len(runs):
        run = runs[k]
        if (
            not run[0]
            and merged
            and merged[-1][0]
            and k + 1 < len(runs)
            and run[2] - run[1] <= 1
            and all(t.is_word and not _old_is_content(t) for t in ta[run[1] : run[2]])
        ):
            nxt = runs[k + 1]
            merged[-1][2], merged[-1][4] = nxt[2], nxt[4]
            k += 2
            continue
        if merged and merged[-1][0] == run[0]:
            merged[-1][2], merged[-1][4] = run[2], run[4]
        else:
            merged.append(list(run))
        k += 1
    return merged


def _old_span(tokens, i1, i2):
    if i1 < i2:
        return tokens[i1].start, tokens[i2 - 1].end
    if i1 < len(tokens):
        return tokens[i1].start, tokens[i1].start
    pos = tokens[-1].end if tokens else 0
    return pos, pos


def _old_diff_words(a: str, b: str) -> list[DiffOp]:
    ta, tb = tokenize(a), tokenize(b)
    result = []
    for changed, i1, i2, j1, j2 in _old_coalesce(_old_raw_ops(ta, tb), ta):
        a_start, a_end = _old_span(ta, i1, i2)
        b_start, b_end = _old_span(tb, j1, j2)
        tag = "equal" if not changed else "insert" if i1 == i2 else "delete" if j1 == j2 else "replace"
        result.append(DiffOp(tag, a[a_start:a_end], b[b_start:b_end], a_start, a_end, b_start, b_end))
    return result


@settings(max_examples=1500, deadline=None)
@given(WORDS, WORDS)
def test_word_diff_is_what_it_was(a, b) -> None:
    assert diff_words(a, b) == _old_diff_words(a, b)


def test_word_diff_of_seed_sentences_is_what_it_was() -> None:
    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    lines = [line for p in seeds for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    for x, y in zip(lines, lines[1:] + lines[:1]):
        assert diff_words(x, y) == _old_diff_words(x, y)
        assert diff_words(x, x.replace("the", "a").replace(",", "")) == _old_diff_words(x, x.replace("the", "a").replace(",", ""))


def _old_proper_words(sentences: tuple[str, ...]) -> frozenset[str]:
    """`proper_words` as it was: each word of each sentence classified in turn (weekdays and
    months taken out since, as in `proper_words`)."""
    from tui.core.tokens import _QUOTE_FOLD, _WORD_RE, CALENDAR_WORDS, fold

    capital: set[str] = set()
    lower: set[str] = set()
    for sentence in sentences:
        for k, w in enumerate(_WORD_RE.findall(sentence)):
            if w[0].islower():
                lower.add(w)
            elif k and w[0].isupper():
                capital.add(w)
    lower_folded = {w.translate(_QUOTE_FOLD) for w in lower}
    return frozenset({fold(w) for w in capital} - lower_folded - STOPWORDS - CALENDAR_WORDS)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="Aaé É’'-. Bb\n", max_size=40), max_size=6))
def test_proper_words_are_what_they_were(sentences) -> None:
    from tui.core.tokens import proper_words

    assert proper_words(tuple(sentences)) == _old_proper_words(tuple(sentences))


def test_proper_words_of_the_seeds_are_what_they_were() -> None:
    from tui.core.sentences import split_sentences
    from tui.core.tokens import proper_words

    for path in sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")):
        sentences = tuple(s.text for s in split_sentences(path.read_text(encoding="utf-8")))
        assert proper_words(sentences) == _old_proper_words(sentences)
        assert proper_words(sentences)
