"""Readings of the change classifier made a cheaper way (issue 12, classification time): each
against the code it replaced, on generated text (hypothesis) and on the seeds. Kept apart from
`test_changes_speed.py` so that both can grow at once."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.boilerplate import (APPEAL_CUES, APPEAL_SPAN, CLOSING_SHARE, LABEL_WORDS, READER, _CUE_WORDS, _SENTENCE_END,
                                  _appeal, _is_label, _words)
from tui.core.changes.attribution import _VERB_RE, SAY_VERBS, _verbs
from tui.core.model import Article

# Pieces on the edges of the readings: the lexicons' words in other cases, glued to others by
# joiners ("he-said", "said.It"), letters a case-blind pattern reads as others ("ſaid", "İs",
# "K" for K), digits and marks.
PIECES = st.sampled_from(
    [*SAY_VERBS, "according to", "According  to", "ACCORDING TO", "according", "Said", "TOLD", "ſaid", "ſays", "İs",
     "ısland", "\u212aNOWN", "untold", "sayings", "saying", "the", "a", "Krause", "U.S.", "$80", "2025", "x_", "_",
     "“quoted”", "—", ",", ".", "’", "-", "5th"])
SEPARATORS = st.sampled_from([" ", " ", " ", "", "\n", ", ", ". ", "-", "’", "'", "."])
TEXTS = st.lists(st.tuples(PIECES, SEPARATORS), max_size=16).map(lambda parts: "".join(p + s for p, s in parts))
ANY_TEXT = st.text(alphabet="sayidtoldac ſİıK_-.’'1\n", max_size=30)


@st.composite
def stretches(draw, texts=st.one_of(TEXTS, ANY_TEXT)):
    text = draw(texts)
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return text, start, end


@settings(max_examples=3000, deadline=None)
@given(stretches())
def test_verbs_found_by_find_are_the_pattern_matches(stretch) -> None:
    """`attribution._verbs` gives the matches of `_VERB_RE` over the stretch, in order, for any
    text and any stretch of it (words cut by its ends included)."""
    text, start, end = stretch
    expected = [(m.start(), m.end(), m.group(1).lower() == "according to") for m in _VERB_RE.finditer(text, start, end)]
    assert _verbs(text, start, end) == expected


# ---- a fundraising appeal looked for from the end of the text


def old_appeal(article: Article) -> set[int]:
    """`boilerplate._appeal` as it was: every sentence read for cues."""
    sentences = article.sentences
    cues = [s.index for s in sentences if not _words(s.text).isdisjoint(_CUE_WORDS) and APPEAL_CUES.search(s.text)]
    if not cues or cues[-1] < len(sentences) * (1 - CLOSING_SHARE) - 1:
        return set()
    if not any(READER.search(sentences[i].text) for i in cues):
        return set()
    last = cues[-1]
    first = min(i for i in cues if last - i <= APPEAL_SPAN)
    paragraph = sentences[first].paragraph
    while first > 0 and sentences[first - 1].paragraph == paragraph:
        first -= 1
    return set(range(first, last + 1))


LINES = st.sampled_from([
    "The council met on Monday.", "Please donate today.", "Your support keeps us going.", "Donations rose 5%.",
    "The family asked for donations.", "Become a member of our community.", "Take action now.", "It rained.",
    "We rely on readers like you.", "Support independent media!", "Officials said the vote was close.", "Read more",
])


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(LINES, st.sampled_from([" ", "\n", "\n\n"])), min_size=1, max_size=40))
def test_an_appeal_found_from_the_end_as_from_the_start(parts) -> None:
    article = Article("a.txt", "".join(line + sep for line, sep in parts))
    assert _appeal(article) == old_appeal(article)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="ab .:!?-•*–\n\t\u00a0", max_size=24))
def test_a_label_counted_by_its_first_words_as_by_all(text) -> None:
    """`_is_label` splits no further than one word past its limit; the answer is the same."""
    old = len(text.split()) <= LABEL_WORDS and not _SENTENCE_END.search(text) and text[:1] not in "-•*–"
    assert _is_label(text) == old
