"""Word-level differences between linked sentences, as stretches a reader can take in at a glance.

A minimal token edit script reads badly: "had served as" -> "has been" comes out as three
one-word changes, and a shared "the" can pin two unrelated phrases together. So the diff first
matches content words (names, numbers, verbs), then lines up the words between those anchors, and
finally merges neighbouring changes, swallowing a lone function word or punctuation mark that
happens to sit between two changes.
"""

from __future__ import annotations

from rapidfuzz.distance import Indel, Levenshtein

from .model import DiffOp
from .tokens import STOPWORDS, Token, tokenize

# An equal stretch this short, made only of function words, between two changes is read as part
# of one change ("had served as" -> "has been"); punctuation is never glue, since it marks where a
# reader's eye separates one change from the next.
_GLUE_MAX = 1


def _is_content(token: Token) -> bool:
    return token.is_word and token.norm not in STOPWORDS


def _raw_ops(ta: list[Token], tb: list[Token]) -> list[tuple[str, int, int, int, int]]:
    """Token opcodes anchored on content words first, then filled in between the anchors."""
    na = [t.norm for t in ta]
    nb = [t.norm for t in tb]
    if na == nb:
        # Identical token lists: every anchor and every stretch between them is equal.
        return [("equal", 0, len(na), 0, len(nb))] if na else []
    ca = [i for i, t in enumerate(ta) if t.is_word and t.norm not in STOPWORDS]
    cb = [j for j, t in enumerate(tb) if t.is_word and t.norm not in STOPWORDS]
    anchors: list[tuple[int, int]] = []
    if ca and cb:
        for tag, i1, i2, j1, _ in Indel.opcodes([na[i] for i in ca], [nb[j] for j in cb]):
            if tag == "equal":
                anchors.extend((ca[i1 + k], cb[j1 + k]) for k in range(i2 - i1))
    ops: list[tuple[str, int, int, int, int]] = []
    append = ops.append
    opcodes = Levenshtein.opcodes
    pa = pb = 0
    len_a = len(ta)
    anchors.append((len_a, len(tb)))
    for ai, bj in anchors:
        if ai > pa:
            if bj > pb:
                for tag, i1, i2, j1, j2 in opcodes(na[pa:ai], nb[pb:bj]):
                    append((tag, pa + i1, pa + i2, pb + j1, pb + j2))
            else:
                append(("delete", pa, ai, pb, pb))
        elif bj > pb:
            append(("insert", pa, pa, pb, bj))
        if ai < len_a:
            append(("equal", ai, ai + 1, bj, bj + 1))
        pa, pb = ai + 1, bj + 1
    return ops


def _coalesce(ops: list[tuple[str, int, int, int, int]], ta: list[Token], tb: list[Token]) -> list[list]:
    """Join runs of the same kind, then fold short function-word glue into the changes around it."""
    runs: list[list] = []
    for tag, i1, i2, j1, j2 in ops:
        changed = tag != "equal"
        if runs and runs[-1][0] == changed:
            runs[-1][2], runs[-1][4] = i2, j2
        else:
            runs.append([changed, i1, i2, j1, j2])
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
            and all(t.is_word and not _is_content(t) for t in ta[run[1] : run[2]])
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


def diff_tokens(ta: list[Token], tb: list[Token], text_a: str, text_b: str) -> list[DiffOp]:
    """Diff two token lists whose offsets point into `text_a` and `text_b`."""
    result: list[DiffOp] = []
    for changed, i1, i2, j1, j2 in _coalesce(_raw_ops(ta, tb), ta, tb):
        a_start, a_end = _span(ta, i1, i2)
        b_start, b_end = _span(tb, j1, j2)
        if not changed:
            tag = "equal"
        elif i1 == i2:
            tag = "insert"
        elif j1 == j2:
            tag = "delete"
        else:
            tag = "replace"
        result.append(DiffOp(tag, text_a[a_start:a_end], text_b[b_start:b_end], a_start, a_end, b_start, b_end))
    return result


def _span(tokens: list[Token], i1: int, i2: int) -> tuple[int, int]:
    if i1 < i2:
        return tokens[i1].start, tokens[i2 - 1].end
    # An empty stretch sits where the next token starts (or after the last one).
    if i1 < len(tokens):
        return tokens[i1].start, tokens[i1].start
    pos = tokens[-1].end if tokens else 0
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
