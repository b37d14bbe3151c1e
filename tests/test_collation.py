"""The collation: every version's reading of a passage in columns anchored on the base's words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.collation import (
    ADDED, ALIGNING, BOILERPLATE, DIFFERENT, LINKED, MISSING, NONE, OUTSIDE, SAME,
    Collation, Witness, collate, column_widths, paragraph_of, passage_tokens, story_collation,
)
from tui.core.model import Article, LinkKind, SentenceLink
from tui.core.sentence_changes import FindingsCache
from tui.core.story import Story
from tui.core.tokens import tokenize
from tui.core.word_diff import diff_words


def witness(version: int, base: str, other: str, kind: LinkKind = LinkKind.EDITED, score: float = 0.8) -> Witness:
    """A version whose one sentence `other` is linked to the base sentence `base`."""
    return Witness(version, (SentenceLink((0,), (0,), score, kind, tuple(diff_words(base, other))),))


def collation_of(base: str, *others: str) -> Collation:
    return collate(tokenize(base), [witness(k + 1, base, other) for k, other in enumerate(others)])


def readings(collation: Collation, row: int) -> list[tuple[str, str, str]]:
    """(base words under the cell, the version's words, the reading) of each cell of a row."""
    columns = collation.columns
    return [
        (" ".join(c.word for c in columns[cell.first : cell.last + 1] if c.word), cell.text, cell.reading)
        for cell in collation.rows[row].cells
    ]


def row_words(collation: Collation, row: int) -> list[str]:
    return [t.text for cell in collation.rows[row].cells for t in tokenize(cell.text)]


BASE = "Melanie Krause, who had served as acting head since February, resigned."


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        # The same words: every cell reads the same, nothing is marked.
        (BASE, [(w, w, SAME) for w in "Melanie Krause , who had served as acting head since February , resigned .".split()]),
        # A name respelled and a phrase reworded: the phrase is one cell over the three words it replaces.
        (
            "Melanie Kraus, who has been acting director since February, resigned.",
            [("Melanie", "Melanie", SAME), ("Krause", "Kraus", DIFFERENT), (",", ",", SAME), ("who", "who", SAME),
             ("had served as", "has been", DIFFERENT), ("acting", "acting", SAME), ("head", "director", DIFFERENT),
             ("since", "since", SAME), ("February", "February", SAME), (",", ",", SAME),
             ("resigned", "resigned", SAME), (".", ".", SAME)],
        ),
        # A clause dropped: its words are missing, in one cell.
        (
            "Melanie Krause resigned.",
            [("Melanie", "Melanie", SAME), ("Krause", "Krause", SAME),
             (", who had served as acting head since February ,", "", MISSING),
             ("resigned", "resigned", SAME), (".", ".", SAME)],
        ),
    ],
)
def test_readings_against_the_base(other: str, expected: list[tuple[str, str, str]]) -> None:
    collation = collation_of(BASE, other)
    assert readings(collation, 0) == expected
    assert collation.rows[0].differs == (other != BASE)


def test_identical_versions_give_no_marks_and_no_added_columns() -> None:
    collation = collation_of(BASE, BASE, BASE.replace("Krause", "KRAUSE"))
    assert not any(col.added for col in collation.columns)
    assert [c.word for c in collation.columns] == [t.text for t in tokenize(BASE)]
    for row in collation.rows:
        assert {cell.reading for cell in row.cells} == {SAME} and not row.differs
    # Case aside the words are the same: the version's own spelling is shown.
    assert "KRAUSE" in row_words(collation, 1)


def test_words_added_at_one_place_share_one_column_across_versions() -> None:
    base = "Todd Lyons, acting ICE director, told reporters."
    collation = collation_of(base, "Todd Lyons, the acting ICE director, told reporters.",
                             "Todd Lyons, the new acting ICE director, told reporters.", base)
    added = [c for c, col in enumerate(collation.columns) if col.added]
    assert len(added) == 1 and collation.columns[added[0] + 1].word == "acting"
    in_column = [[cell for cell in row.cells if cell.first == added[0]] for row in collation.rows]
    assert [(cells[0].text, cells[0].reading) for cells in in_column[:2]] == [("the", ADDED), ("the new", ADDED)]
    assert in_column[2] == []  # the third version adds nothing there


def test_a_moved_clause_is_missing_where_it_was_and_added_where_it_went() -> None:
    base = "On Tuesday, the agency said it would appeal the ruling."
    collation = collation_of(base, "The agency said it would appeal the ruling on Tuesday.")
    got = readings(collation, 0)
    assert got[0] == ("On Tuesday ,", "", MISSING)
    assert ("", "on Tuesday", ADDED) in got
    # It is added after "ruling" and before the full stop.
    where = next(cell.first for cell in collation.rows[0].cells if cell.reading == ADDED)
    assert [c.word for c in collation.columns[where - 1 : where + 2]] == ["ruling", "", "."]


def test_a_sentence_split_in_two_reads_both_halves_in_one_row() -> None:
    base = "The agency confirmed the deal, and Krause resigned in protest."
    text = "The agency confirmed the deal. Krause resigned in protest."
    other = Article("b.txt", text)
    assert len(other.sentences) == 2
    link = SentenceLink((0,), (0, 1), 0.8, LinkKind.EDITED, tuple(diff_words(base, text)))
    collation = collate(tokenize(base), [Witness(1, (link,))])
    assert (", and", ".", DIFFERENT) in readings(collation, 0)
    assert row_words(collation, 0) == [t.text for t in tokenize(text)]


def test_words_linked_to_the_next_base_sentence_sit_at_the_edge_marked_outside() -> None:
    # The version merged the base's two sentences; the passage is the first of them.
    base_text = "Krause resigned on Tuesday. She led the agency since February."
    text = "Krause resigned on Tuesday after leading the agency since February."
    base = Article("a.txt", base_text)
    link = SentenceLink((0, 1), (0,), 0.6, LinkKind.PARTIAL, tuple(diff_words(base_text, text)))
    collation = collate(passage_tokens(base, [0]), [Witness(1, (link,))])
    assert [c.word for c in collation.columns if not c.added] == ["Krause", "resigned", "on", "Tuesday", "."]
    last = collation.rows[0].cells[-1]
    assert last.reading == OUTSIDE and "since February" in last.text and collation.columns[last.first].added
    assert row_words(collation, 0) == [t.text for t in tokenize(text)]


def test_versions_without_a_reading_say_why() -> None:
    collation = collate(tokenize(BASE), [Witness(1, state=NONE), Witness(2, state=ALIGNING), witness(3, BASE, BASE)])
    assert [(row.version, row.state, row.cells) for row in collation.rows[:2]] == [(1, NONE, ()), (2, ALIGNING, ())]
    assert collation.rows[2].state == LINKED and collation.rows[2].kind is LinkKind.EDITED
    assert collation.rows[0].differs and not collation.rows[2].differs


def test_fifty_versions_share_the_columns() -> None:
    others = ["Melanie Kraus, who has been acting director since February, resigned.",
              "Melanie Krause resigned.", BASE, "Melanie Krause, acting head since February, resigned on Friday."]
    collation = collation_of(BASE, *[others[k % 4] for k in range(50)])
    assert len(collation.rows) == 50
    width = len(collation.columns)
    for k, row in enumerate(collation.rows):
        assert row_words(collation, k) == [t.text for t in tokenize(others[k % 4])]
        assert all(0 <= cell.first <= cell.last < width for cell in row.cells)
    # Row 3 (a fourth reading) adds "on Friday" before the full stop: one added column for it.
    assert sum(col.added for col in collation.columns) == 1


def test_column_widths_fit_every_cell() -> None:
    collation = collation_of("It was a big loss.", "It was a very large and unexpected loss.")
    widths = column_widths(collation)
    for row in collation.rows:
        for cell in row.cells:
            assert sum(widths[cell.first : cell.last + 1]) + (cell.last - cell.first) >= len(cell.text)
    for c, col in enumerate(collation.columns):
        assert widths[c] >= len(col.word)


# -- the seeds ---------------------------------------------------------------------------------------


@pytest.fixture
def seed_story(seed_articles: list[Article]) -> tuple[Story, FindingsCache]:
    story, findings = Story(seed_articles), FindingsCache()
    for k in story.pairs_for(0):
        findings.find(story.alignment(0, k))
    return story, findings


def test_the_seeds_collate_word_by_word(seed_story) -> None:
    story, findings = seed_story
    collation = story_collation(story, findings, 0, [6])  # "Two people familiar with the situation confirmed Krause was ..."
    by_version = {row.version: row for row in collation.rows}
    assert by_version[3].state == NONE
    columns = collation.columns

    def cell_over(version: int, word: str):
        index = next(c for c, col in enumerate(columns) if col.word == word)
        return next(cell for cell in by_version[version].cells if cell.first <= index <= cell.last)

    assert cell_over(2, "Krause").text == "that Klaus had resigned," and cell_over(2, "Krause").reading == DIFFERENT
    assert cell_over(2, "familiar").reading == SAME
    assert cell_over(1, "Two").text == "A source acquainted"
    assert cell_over(4, "Krause").reading == SAME and cell_over(4, "Krause").text == "Krause"
    # Version 002 opens with "The two ,": "The" is added before "Two", which it reads the same.
    assert cell_over(2, "Two").text == "two" and columns[0].added


def test_boilerplate_is_not_collated(seed_story) -> None:
    story, findings = seed_story
    # Sentence 3 of 000 is the photo caption ("This March 22, 2013, file photo shows ..."): furniture.
    assert 2 in findings.get(story.cached(0, 1)).boilerplate
    assert {row.state for row in story_collation(story, findings, 0, [2]).rows} == {BOILERPLATE}


def test_a_paragraph_collates_all_its_sentences(seed_story) -> None:
    story, findings = seed_story
    base = story.articles[0]
    paragraph = next(p for p in (paragraph_of(base, s.index) for s in base.sentences) if len(p) > 1)
    collation = story_collation(story, findings, 0, paragraph)
    assert [c.word for c in collation.columns if not c.added] == [t.text for t in passage_tokens(base, paragraph)]
    for row in collation.rows:
        covered = [False] * len(collation.columns)
        for cell in row.cells:
            assert not any(covered[cell.first : cell.last + 1])
            covered[cell.first : cell.last + 1] = [True] * (cell.last + 1 - cell.first)


# -- the property ------------------------------------------------------------------------------------

WORDS = ["Krause", "Kraus", "the", "agency", "said", "on", "Tuesday", "IRS", "data", "resigned", ",", "."]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), max_size=14), min_size=2, max_size=5), st.integers(0, 3))
def test_every_word_of_a_version_appears_once_and_in_order(sentences: list[list[str]], cut: int) -> None:
    base_text, *others = (" ".join(words) for words in sentences)
    base_tokens = tokenize(base_text)
    # Sometimes the passage is only part of what the link covers (a merged sentence).
    passage = base_tokens[cut:] if cut % 2 else base_tokens[: len(base_tokens) - cut]
    collation = collate(passage, [witness(k, base_text, other) for k, other in enumerate(others)])
    assert [c.word for c in collation.columns if not c.added] == [t.text for t in passage]
    for k, other in enumerate(others):
        assert row_words(collation, k) == [t.text for t in tokenize(other)]
        cells = collation.rows[k].cells
        assert all(a.last < b.first for a, b in zip(cells, cells[1:]))  # no two cells share a column
        if passage == base_tokens and other == base_text:
            assert {cell.reading for cell in cells} <= {SAME}


def test_a_version_still_aligning_and_a_counterpart_that_is_boilerplate(seed_articles: list[Article]) -> None:
    # 003 read: its sentence 4 is linked to 000's photo caption, boilerplate in 000: no counterpart.
    story, findings = Story([seed_articles[k] for k in (3, 0, 1, 2, 4)]), FindingsCache()
    assert {row.state for row in story_collation(story, findings, 0, [3]).rows} == {ALIGNING}
    for k in story.pairs_for(0):
        findings.find(story.alignment(0, k))
    rows = {row.version: row for row in story_collation(story, findings, 0, [3]).rows}
    assert rows[1].state == NONE


def test_two_links_over_the_same_words_give_one_cell_not_two_on_top_of_each_other() -> None:
    base = "Krause resigned on Tuesday after a dispute."
    whole = SentenceLink((0,), (0,), 0.7, LinkKind.EDITED, tuple(diff_words(base, "Krause quit on Tuesday after a dispute.")))
    part = SentenceLink((0,), (1,), 0.3, LinkKind.PARTIAL, tuple(diff_words(base, "She left.")))
    collation = collate(tokenize(base), [Witness(1, (whole, part))])
    cells = collation.rows[0].cells
    assert all(a.last < b.first for a, b in zip(cells, cells[1:]))
    words = [t.text for cell in cells for t in tokenize(cell.text)]
    assert "quit" in words and "She" in words and "left" in words
    assert collation.rows[0].kind is LinkKind.PARTIAL  # the least alike of the two
