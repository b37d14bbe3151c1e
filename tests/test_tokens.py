"""Tokens with offsets, and the normalised terms the aligner compares sentences by."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.synonyms import SYNONYMS
from tui.core.tokens import acronyms_in, content_stems, content_terms, fold, proper_words, stem, tokenize


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("U.S. officials", ["U.S.", "officials"]),
        ("O’Donnell’s data-sharing", ["O’Donnell’s", "data-sharing"]),
        ("$59.4 billion, 25% and 1,000", ["$59.4", "billion", ",", "25%", "and", "1,000"]),
        ("“strictly,” Lyons said.", ["“", "strictly", ",", "”", "Lyons", "said", "."]),
        ("end.", ["end", "."]),
    ],
)
def test_tokenize_keeps_names_numbers_and_punctuation_apart(text, tokens) -> None:
    assert [t.text for t in tokenize(text)] == tokens


def test_offsets_point_into_the_text_and_shift_with_offset() -> None:
    text = "Melanie  Krause, who   had served"
    for t in tokenize(text, 100):
        assert text[t.start - 100 : t.end - 100] == t.text
    assert [t.is_word for t in tokenize("Krause , $80")] == [True, False, True]


def test_tokenize_returns_a_fresh_list_each_time() -> None:
    first = tokenize("a b c")
    first.clear()
    assert len(tokenize("a b c")) == 3


@given(st.text(alphabet=st.sampled_from(list("ab .,’'-$5%“”\n\tU.S")), max_size=40), st.integers(0, 50))
def test_tokens_cover_every_non_space_character_in_order(text, offset) -> None:
    tokens = tokenize(text, offset)
    assert "".join(t.text for t in tokens) == "".join(text.split())
    for t, u in zip(tokens, tokens[1:]):
        assert t.end <= u.start
    for t in tokens:
        assert text[t.start - offset : t.end - offset] == t.text


def test_fold_ignores_case_quotes_and_dashes() -> None:
    assert fold("It’s “A”—b") == fold("it's \"a\"-B")


@pytest.mark.parametrize(("a", "b"), [("resigning", "resigned"), ("investigation", "investigators"), ("$80", "80"), ("specialists", "experts")])
def test_stems_meet_across_inflection_misspelling_and_synonyms(a, b) -> None:
    assert content_stems(a) == content_stems(b)


def test_stem_keeps_digits_of_numbers() -> None:
    assert stem("$59.4") == "59.4" and stem("1,000") == "1000"


def test_function_words_and_their_synonyms_are_not_content() -> None:
    assert content_stems("the and of to was it") == []
    assert content_stems("said stated contends told") == []
    assert content_stems("data-sharing") == content_stems("data sharing")


def test_spelled_out_names_collapse_to_their_acronym() -> None:
    acronyms = acronyms_in("The IRS and ICE")
    assert acronyms == {"irs", "ice"}
    assert content_stems("the Internal Revenue Service and Immigration and Customs Enforcement", acronyms) == ["irs", "ice"]
    # Without the acronym anywhere, the words stay words.
    assert content_stems("the Internal Revenue Service") == ["inter", "reven", "servi"]


def test_proper_words_are_capitalised_inside_sentences_and_never_lower_case() -> None:
    names = proper_words(("Melanie Krause met Bessent.", "Secretary Noem and the secretary met.", "Data was shared by Krause."))
    assert {"krause", "bessent", "noem"} <= names
    assert "secretary" not in names and "data" not in names and "melanie" not in names


@pytest.mark.parametrize(
    ("versions", "name", "is_name"),
    [
        # One version shows that the other's sentence-initial "Melanie" is a name.
        ((("Melanie Krause left.",), ("Officials said Melanie Krause left.",)), "melanie", True),
        # Sentence-initial in every version: nothing shows it is one.
        ((("Melanie Krause left.",), ("Melanie Krause quit.",)), "melanie", False),
        # One version writes it in lower case: a name in none.
        ((("Agents of Criminal Investigation left.",), ("The criminal investigation goes on.",)), "criminal", False),
        ((("Agents of Criminal Investigation left.",),), "criminal", True),
    ],
)
def test_proper_words_judge_versions_together(versions, name, is_name) -> None:
    assert (name in proper_words(*versions)) is is_name


def test_content_terms_flag_names_and_figures() -> None:
    terms = dict(content_terms("Krause said $80 billion was lost", names=frozenset({"krause"})))
    assert terms["kraus"] and terms["80"] and not terms["billi"] and not terms["lost"]


def test_synonym_groups_name_each_word_once() -> None:
    assert SYNONYMS["specialists"] == SYNONYMS["experts"] == "expert"
    assert all(isinstance(k, str) and k == k.lower() for k in SYNONYMS)


@pytest.mark.parametrize(
    ("text", "stems"),
    [
        # A space lost in copying: the number is its own term.
        ("turnout was94 percent", ["turno", "94", "perce"]),
        ("it cost$80 million", ["cost", "80", "milli"]),
        # Not split: a name spelled with its digits, an ordinal, a decade.
        ("COVID19 and G7", ["covid", "g7"]),
        ("the 1990s", ["1990"]),
    ],
)
def test_a_word_glued_to_digits_splits_only_after_lower_case_letters(text, stems) -> None:
    assert content_stems(text) == stems


@pytest.mark.parametrize(
    ("sentences", "names"),
    [
        (("The vote on Monday went to Brandt.",), {"brandt"}),
        (("Officials said Krause left in March, on Tuesday.",), {"krause"}),
        (("It happened in Sept. and again on Fri.", "Ask Noem."), {"noem"}),
    ],
)
def test_weekday_and_month_names_are_no_names(sentences, names) -> None:
    assert proper_words(sentences) == names


@pytest.mark.parametrize(
    ("text", "resigns"),
    [
        ("IRS acting commissioner Melanie Krause will step down over the deal.", True),
        ("A source revealed that Melanie Krause is stepping down.", True),
        ("The chairman stepped aside on Friday after the vote.", True),
        ("Step Down: the mayor's last day", True),
        ("The agreement is the first step toward sharing tax data.", False),
        ("Officials called the new law a step forward for privacy.", False),
        ("He stepped into the role in February.", False),
        ("Prices stepped up again in March.", False),
        ("Two officials who intend to leave their positions declined to comment.", True),
        ("Krause is leaving the agency after two years.", True),
        ("He left office in January.", True),
        ("Migrants were ordered to leave the United States.", False),
        ("She is on paid leave while the inquiry goes on.", False),
        ("Protesters left the building before noon.", False),
        ("Her departure from the agency was announced on Friday.", True),
        ("He departs his post at the end of the month.", True),
        ("Departing flights were delayed by two hours.", False),
        ("The 8:15 departure left on time.", False),
        ("The Treasury Department declined to comment.", False),
    ],
)
def test_only_phrases_like_step_down_leave_her_post_or_departure_from_the_agency_mean_resigning(text, resigns) -> None:
    assert (stem("resign") in content_stems(text)) is resigns
