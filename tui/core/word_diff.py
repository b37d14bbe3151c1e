"""Word-level differences between linked sentences, as stretches a reader can take in at a glance.

A minimal token edit script reads badly: "had served as" -> "has been" comes out as three
one-word changes, and a shared "the" can pin two unrelated phrases together. So the diff first
matches content words (names, numbers, verbs), then lines up the words between those anchors, and
finally merges neighbouring changes, swallowing a lone function word or punctuation mark that
happens to sit between two changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress

from rapidfuzz.distance import Indel, Levenshtein

from .model import DiffOp
from .tokens import CONTENT_WORD, FUNCTION_WORD, PUNCTUATION, STOPWORDS, Token, TokenColumns, tokenize

# An equal stretch this short, made only of function words, between two changes is read as part
# of one change ("had served as" -> "has been"); punctuation is never glue, since it marks where a
# reader's eye separates one change from the next.
_GLUE_MAX = 1


def _runs(
    na: Sequence[str], nb: Sequence[str], ka: Sequence[int], kb: Sequence[int]
) -> list[list]:
    """Stretches of tokens, alternately equal and changed, as [changed, i1, i2, j1, j2].

    Content words are matched first, as anchors; the tokens between two anchors are then lined
    up on their own, so a shared "the" cannot pin two unrelated phrases together. `na`/`nb` are
    the tokens' norms, `ka`/`kb` their kinds (see `tokens.TokenColumns`).
    """
    if na == nb:
        # Identical token lists: every anchor and every stretch between them is equal.
        return [[False, 0, len(na), 0, len(nb)]] if na else []
    is_content = CONTENT_WORD.__eq__
    ca = list(compress(range(len(ka)), map(is_content, ka)))
    cb = list(compress(range(len(kb)), map(is_content, kb)))
    anchors: list[tuple[int, int]] = []
    if ca and cb:
        for tag, i1, i2, j1, j2 in Indel.opcodes([na[i] for i in ca], [nb[j] for j in cb]):
            if tag == "equal":
                anchors.extend(zip(ca[i1:i2], cb[j1:j2]))
    runs: list[list] = []
    append = runs.append
    opcodes = Levenshtein.opcodes
    pa = pb = 0
    len_a = len(na)
    anchors.append((len_a, len(nb)))
    # Each op joins the run before it when both are equal or both are changes.
    last = None
    for ai, bj in anchors:
        if ai > pa and bj > pb:
            gap_a, gap_b = na[pa:ai], nb[pb:bj]
            if gap_a == gap_b:
                gap_ops = (("equal", 0, ai - pa, 0, bj - pb),)  # what opcodes gives, without the call
            elif ai - pa == 1 and bj - pb == 1:
                gap_ops = (("replace", 0, 1, 0, 1),)
            else:
                gap_ops = opcodes(gap_a, gap_b)
            for tag, i1, i2, j1, j2 in gap_ops:
                changed = tag != "equal"
                if last is not None and last[0] == changed:
                    last[2], last[4] = pa + i2, pb + j2
                else:
                    last = [changed, pa + i1, pa + i2, pb + j1, pb + j2]
                    append(last)
        elif ai > pa or bj > pb:  # a deletion or an insertion
            if last is not None and last[0]:
                last[2], last[4] = ai, bj
            else:
                last = [True, pa, ai, pb, bj]
                append(last)
        if ai < len_a:
            if last is not None and not last[0]:
                last[2], last[4] = ai + 1, bj + 1
            else:
                last = [False, ai, ai + 1, bj, bj + 1]
                append(last)
        pa, pb = ai + 1, bj + 1
    return runs


def _coalesce(runs: list[list], ka: Sequence[int]) -> list[list]:
    """Fold short function-word glue between two changes into one change."""
    if len(runs) < 3:
        return runs  # glue sits between two changes
    merged: list[list] = []
    k = 0
    while k < len(runs):
        run = runs[k]
        if (
            not run[0]
            and merged
            and merged[-1][0]
            and k + 1 < len(runs)
            and run[2] - run[1] <= _GLUE_MAX
            and all(ka[x] == FUNCTION_WORD for x in range(run[1], run[2]))
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


def diff_columns(ta: TokenColumns, tb: TokenColumns, text_a: str, text_b: str) -> list[DiffOp]:
    """Diff two texts given as token columns whose offsets point into `text_a` and `text_b`."""
    result: list[DiffOp] = []
    append = result.append
    starts_a, ends_a, starts_b, ends_b = ta.starts, ta.ends, tb.starts, tb.ends
    for changed, i1, i2, j1, j2 in _coalesce(_runs(ta.norms, tb.norms, ta.kinds, tb.kinds), ta.kinds):
        # `_span`, inline for the common case of tokens on both sides.
        if i1 < i2:
            a_start, a_end = starts_a[i1], ends_a[i2 - 1]
        else:
            a_start, a_end = _span(starts_a, ends_a, i1, i2)
        if j1 < j2:
            b_start, b_end = starts_b[j1], ends_b[j2 - 1]
        else:
            b_start, b_end = _span(starts_b, ends_b, j1, j2)
        if not changed:
            tag = "equal"
        elif i1 == i2:
            tag = "insert"
        elif j1 == j2:
            tag = "delete"
        else:
            tag = "replace"
        append(DiffOp(tag, text_a[a_start:a_end], text_b[b_start:b_end], a_start, a_end, b_start, b_end))
    return result


def diff_tokens(ta: list[Token], tb: list[Token], text_a: str, text_b: str) -> list[DiffOp]:
    """Diff two token lists whose offsets point into `text_a` and `text_b`."""
    return diff_columns(_columns(ta), _columns(tb), text_a, text_b)


def _columns(tokens: list[Token]) -> TokenColumns:
    kinds = tuple(
        (FUNCTION_WORD if t.norm in STOPWORDS else CONTENT_WORD) if t.is_word else PUNCTUATION for t in tokens
    )
    return TokenColumns(tuple(t.norm for t in tokens), kinds, tuple(t.start for t in tokens), tuple(t.end for t in tokens))


def _span(starts: tuple[int, ...], ends: tuple[int, ...], i1: int, i2: int) -> tuple[int, int]:
    if i1 < i2:
        return starts[i1], ends[i2 - 1]
    # An empty stretch sits where the next token starts (or after the last one).
    if i1 < len(starts):
        return starts[i1], starts[i1]
    pos = ends[-1] if ends else 0
    return pos, pos


def diff_words(a: str, b: str) -> list[DiffOp]:
    """Word-level diff of two free-standing strings (offsets are into `a` and `b`)."""
    return diff_tokens(tokenize(a), tokenize(b), a, b)


def change_spans(ops: tuple[DiffOp, ...] | list[DiffOp], side: str) -> list[tuple[int, int, str]]:
    """Spans of one side ("a" or "b") that changed, as (start, end, "replaced"|"removed"|"added").

    Every front end marks the same three things (the listing of `storydiff align`, the reader's
    panes), so the classification lives here once.
    """
    spans = []
    for op in ops:
        if op.op == "equal":
            continue
        start, end = (op.a_start, op.a_end) if side == "a" else (op.b_start, op.b_end)
        if start == end:
            continue
        if op.op == "replace":
            spans.append((start, end, "replaced"))
        else:
            spans.append((start, end, "removed" if side == "a" else "added"))
    return spans
