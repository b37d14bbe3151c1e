"""Table tests of the change classifier on real news sentences: what must be flagged, with its
type and severity, and what must NOT be."""

from __future__ import annotations

import pytest

from tui.core.align import align_articles
from tui.core.changes import find_changes
from tui.core.changes.names import similar, skeleton
from tui.core.changes.numbers import quantities
from tui.core.model import Article


def changes(a: str, b: str) -> list[tuple[str, str, str, str]]:
    """(type, severity, a text, b text) of every change between two one-paragraph versions."""
    found = find_changes(align_articles(Article("a.txt", a), Article("b.txt", b)))
    return [(c.type, c.severity, c.a.text if c.a else "", c.b.text if c.b else "") for c in found.changes]


def of_type(found, type_: str):
    return [c for c in found if c[0] == type_]


FLAGGED = [
    # names: spelling drift is high, case or abbreviation only is low
    ("Melanie Krause, who had served as acting head since February, will step down.",
     "Melanie Kraus, who had served as acting head since February, will step down.",
     "name", "high", "Krause", "Kraus"),
    ("Working with other departments is strictly for major cases, Todd Lyons said on Tuesday.",
     "Working with other departments is strictly for major cases, Todd Lions said on Tuesday.",
     "name", "high", "Lyons", "Lions"),
    ("Homeland Security Secretary Kristi Noem sent a request to the agency in February.",
     "Homeland Security Secretary Christie Noem sent a request to the agency in February.",
     "name", "high", "Kristi", "Christie"),
    ("In February, Noem sent a request to Bessent to borrow agency workers.",
     "In February, NOEM sent a request to Bessent to borrow agency workers.",
     "name", "low", "Noem", "NOEM"),
    ("The request came from the Department of Homeland Security on Monday, officials confirmed.",
     "The request came from the DHS on Monday, officials confirmed.",
     "name", "low", "Department of Homeland Security", "DHS"),
    # numbers and dates, as values
    ("The agency will cut its workforce by six percent over the next year.",
     "The agency will cut its workforce by eight percent over the next year.",
     "number", "high", "six percent", "eight percent"),
    ("The balloon rose to 102,800 feet before it burst over the desert.",
     "The balloon rose to 102 feet before it burst over the desert.",
     "number", "high", "102,800", "102"),
    ("The deal was signed Monday by the two secretaries in Washington.",
     "The deal was signed Tuesday by the two secretaries in Washington.",
     "date", "high", "Monday", "Tuesday"),
    ("Two people familiar with the situation confirmed she was resigning from the agency.",
     "A source familiar with the situation confirmed she was resigning from the agency.",
     "number", "high", "Two", "A"),
    ("He retired after about 40 years of service at the agency in February.",
     "He retired after roughly 40 years of service at the agency in February.",
     "number", "low", "about 40", "roughly 40"),
    ("The storm left two people dead and several homes without power overnight.",
     "The storm left 2 people dead and several homes without power overnight.",
     "number", "low", "two", "2"),
    # quotations: a changed word is high; a dropped article medium
    ("The basis is “authorities granted by Congress, which serve to protect privacy while streamlining the ability to pursue criminals,” an official said.",
     "The basis is “authorities granted by Congress, which serve to protect privacy while enhancing the ability to pursue criminals,” an official said.",
     "quote", "high", "streamlining", "enhancing"),
    ("Working with Treasury is “strictly for the major criminal cases,” Lyons said.",
     "Working with Treasury is “strictly for major criminal cases,” Lyons said.",
     "quote", "medium", "the", ""),
    # sources
    ("Tom Bowman, policy counsel for the Center for Democracy and Technology, said the policy will discourage tax compliance among immigrants.",
     "Critics within the agency said the policy will discourage tax compliance among immigrants.",
     "attribution", "high", "Tom Bowman, policy counsel for the Center for Democracy and Technology", "Critics within the agency"),
    ("The bridge will stay closed until the inspection is finished next week, city officials said.",
     "The bridge will stay closed until the inspection is finished next week.",
     "attribution", "medium", "city officials", ""),
    # hedges and tense
    ("The acting commissioner of the Internal Revenue Service is resigning over the data deal.",
     "The acting commissioner of the Internal Revenue Service is anticipated to resign over the data deal.",
     "certainty", "medium", "", "anticipated"),
    ("Advocates say the information-sharing agreement violates privacy laws of the country.",
     "Advocates say the information-sharing agreement likely violates privacy laws of the country.",
     "certainty", "medium", "", "likely"),
    ("Advocates say the information-sharing agreement likely violates privacy laws of the country.",
     "Advocates say the information-sharing agreement violates privacy laws of the country.",
     "certainty", "medium", "likely", ""),
    ("Melanie Krause will step down over the new data-sharing agreement with immigration agents.",
     "Melanie Krause has resigned over the new data-sharing agreement with immigration agents.",
     "certainty", "medium", "will step", "has resigned"),
    # negation
    ("The judge said the groups have established a likelihood of success on the merits.",
     "The judge said the groups have not established a likelihood of success on the merits.",
     "negation", "high", "", "not"),
    ("The city council approved the new stadium plan by a wide margin on Tuesday night.",
     "The city council rejected the new stadium plan by a wide margin on Tuesday night.",
     "negation", "high", "approved", "rejected"),
    # titles next to a kept name
    ("Acting chief counsel William Paul was removed from his role at the agency last month.",
     "Acting advisor William Paul was removed from his role at the agency last month.",
     "role", "medium", "chief counsel", "advisor"),
]


@pytest.mark.parametrize("a, b, type_, severity, span_a, span_b", FLAGGED)
def test_flagged(a, b, type_, severity, span_a, span_b) -> None:
    found = of_type(changes(a, b), type_)
    assert any(sev == severity and span_a in ta and span_b in tb for _, sev, ta, tb in found), found


NOT_FLAGGED = [
    # "$80 billion" kept while the sentence around it is rewritten
    ("It cites the agency's boost in funding, though the $80 billion infusion of funds it received has already been clawed back.",
     "This request notes the increased funding; however, the $80 billion funding boost it received has already been curtailed.",
     {"number"}),
    # a kept name in a rewritten sentence, and a first name dropped
    ("The agreement was signed by Treasury Secretary Scott Bessent and Homeland Security Secretary Kristi Noem.",
     "Treasury Secretary Scott Bessent and Homeland Security Secretary Noem signed the agreement.",
     {"name", "role"}),
    # a quotation kept word for word, quote style aside
    ("The funding boost was described as “kind of hiding in plain sight,” officials said.",
     "The funding increase was described as \"kind of hiding in plain sight,\" officials said.",
     {"quote"}),
    # the same source, another verb of saying
    ("Working with Treasury is strictly for the major criminal cases, Lyons said.",
     "Working with Treasury is strictly for the major criminal cases, Lyons explained.",
     {"attribution"}),
    # "had served as" -> "has been": both done, no change of certainty
    ("Melanie Krause, who had served as acting head since February, left the agency.",
     "Melanie Krause, who has been acting head since February, left the agency.",
     {"certainty", "negation"}),
    # one hedge for another: as sure as before
    ("Advocates say the information-sharing agreement likely violates privacy laws of the country.",
     "Advocates say the information-sharing agreement probably violates privacy laws of the country.",
     {"certainty"}),
    # two versions that oppose nothing: advocates/opponents both criticise
    ("Advocates, however, say the agreement violates privacy laws and diminishes privacy.",
     "Opponents argue that the agreement violates privacy laws and diminishes privacy.",
     {"negation"}),
    # a clause with a negation left out is an omission, not a reversal
    ("The agreement will help find people who are collecting benefits they aren't entitled to, officials said.",
     "The agreement will help find people who are collecting benefits, officials said.",
     {"negation"}),
    # a possessive is the same name
    ("Central to the decision was a deal that Krause opposed, the newspaper reported on Tuesday.",
     "Central to Krause’s decision was a deal that she opposed, the newspaper reported on Tuesday.",
     {"name"}),
]


@pytest.mark.parametrize("a, b, types", NOT_FLAGGED)
def test_not_flagged(a, b, types) -> None:
    found = [c for c in changes(a, b) if c[0] in types and c[1] != "low"]
    assert found == []


def test_identical_versions_have_no_changes() -> None:
    text = "Melanie Krause will step down, two people said. “It is a sad day,” she said on Monday.\n"
    assert changes(text, text) == []


@pytest.mark.parametrize(
    "text, values",
    [
        ("$80 billion", [("number", "$", 80e9)]),
        ("two people and 2 dogs", [("number", "", 2.0), ("number", "", 2.0)]),
        ("twenty-five percent", [("number", "%", 25.0)]),
        ("on Monday, April 7, 2025", [("date", "weekday", 0.0), ("date", "day", 407.0), ("date", "year", 2025.0)]),
        ("one of the officials", []),
        ("They may leave in May 2024", [("date", "year", 2024.0)]),
    ],
)
def test_quantities_are_values(text, values) -> None:
    assert [(q.kind, q.unit, q.value) for q in quantities(text, 0, len(text))] == values


@pytest.mark.parametrize(
    "x, y, same",
    [("Krause", "Kraus", True), ("Bessent", "Bescent", True), ("Kristi", "Christie", True), ("Lyons", "Lions", True),
     ("Krause", "Bessent", False), ("Noem", "Nome", False), ("Smith", "Jones", False), ("Paul", "Pam", False)],
)
def test_similar_names(x, y, same) -> None:
    assert similar(x, y) is same


def test_skeleton_is_how_a_name_sounds() -> None:
    assert skeleton("Christie") == skeleton("Kristi") == "krst"


MORE_FLAGGED = [
    # a place name replaced by another in a same-content link
    ("Todd Lyons told reporters at the Border Security Expo in Phoenix on Tuesday that the agreement will help.",
     "Todd Lyons told reporters at the Border Patrol Expo in Phoenix on Tuesday that the agreement will help.",
     "name", "medium", "Security", "Patrol"),
    ("Acting Commissioner Douglas O’Donnell announced his retirement after roughly 40 years of service.",
     "Deputy Chair Douglas O’Donnell announced his retirement after roughly 40 years of service.",
     "role", "medium", "Acting Commissioner", "Deputy Chair"),
]


@pytest.mark.parametrize("a, b, type_, severity, span_a, span_b", MORE_FLAGGED)
def test_more_flagged(a, b, type_, severity, span_a, span_b) -> None:
    test_flagged(a, b, type_, severity, span_a, span_b)


@pytest.mark.parametrize(
    "a, b, types",
    [
        # same job, other word
        ("Andrew De Mello, an attorney in the chief counsel’s office, replaced him last month.",
         "Andrew De Mello, a lawyer in the chief counsel’s office, replaced him last month.", {"role"}),
        # "U.S." and "US" are one name: low at most
        ("The agreement targets immigrants inside the U.S. illegally, officials said on Monday.",
         "The agreement targets immigrants inside the US illegally, officials said on Monday.", {"name"}),
        # a misspelled source is a name change, not another source
        ("Working with Treasury is strictly for the major criminal cases, Lyons said.",
         "Working with Treasury is strictly for the major criminal cases, Lions said.", {"attribution"}),
    ],
)
def test_more_not_flagged(a, b, types) -> None:
    test_not_flagged(a, b, types)


def test_a_title_case_headline_is_not_a_change_of_case() -> None:
    found = changes("Acting IRS chief will reportedly resign over taxpayer data sharing deal with ICE\n",
                    "Acting IRS Chief Will Reportedly Resign Over Taxpayer Data Sharing Deal With ICE\n")
    assert of_type(found, "name") == []


# -- invariants ------------------------------------------------------------------------------------

from pathlib import Path  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tui.core.changes.text import SEVERITIES, TYPES  # noqa: E402

SEED_LINES = [
    line for line in (Path(__file__).resolve().parent.parent / "seeds" / "000_d1b59e788ba803b6.txt")
    .read_text(encoding="utf-8").splitlines() if len(line.split()) > 6
][:12]
REPLACEMENTS = ["Kraus", "not", "three", "Tuesday", "reportedly", "“new words”", "advisor", "rejected", "DHS", "the"]


@st.composite
def edited_versions(draw) -> tuple[str, str]:
    lines = draw(st.lists(st.sampled_from(SEED_LINES), min_size=1, max_size=5, unique=True))
    edited = []
    for line in lines:
        words = line.split()
        for _ in range(draw(st.integers(0, 3))):
            k = draw(st.integers(0, len(words) - 1))
            action = draw(st.sampled_from(["replace", "delete", "insert"]))
            if action == "delete" and len(words) > 3:
                del words[k]
            elif action == "insert":
                words.insert(k, draw(st.sampled_from(REPLACEMENTS)))
            else:
                words[k] = draw(st.sampled_from(REPLACEMENTS))
        edited.append(" ".join(words))
    return "\n\n".join(lines) + "\n", "\n\n".join(edited) + "\n"


@settings(max_examples=40, deadline=None)
@given(edited_versions())
def test_every_change_is_located_in_both_texts(versions) -> None:
    a, b = Article("a.txt", versions[0]), Article("b.txt", versions[1])
    found = find_changes(align_articles(a, b))
    for c in found.changes:
        assert c.type in TYPES and c.severity in SEVERITIES and c.note
        assert c.a is not None or c.b is not None
        for span, article in ((c.a, a), (c.b, b)):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(article.text)
                assert span.text == article.text[span.start : span.end]
        if c.link is not None:
            link = found.alignment.links[c.link]
            if c.a is not None:
                assert a.sentences[link.a[0]].start <= c.a.start and c.a.end <= a.sentences[link.a[-1]].end
            if c.b is not None:
                assert b.sentences[link.b[0]].start <= c.b.start and c.b.end <= b.sentences[link.b[-1]].end


@settings(max_examples=20, deadline=None)
@given(edited_versions())
def test_a_version_compared_with_itself_has_no_changes(versions) -> None:
    for text in versions:
        assert find_changes(align_articles(Article("a.txt", text), Article("b.txt", text))).changes == ()


@pytest.mark.parametrize(
    "a, b, types",
    [
        # "plans" is a noun here, not a hedge
        ("Two other people familiar with the plans confirmed the resignation on Monday afternoon.",
         "Two other people confirmed the resignation on Monday afternoon.", {"certainty"}),
        # "states" is a noun: no source
        ("Several states sued the administration over the agreement last week in federal court.",
         "Several states sued the administration over the deal last week in federal court.", {"attribution"}),
    ],
)
def test_nouns_that_look_like_lexicon_verbs(a, b, types) -> None:
    test_not_flagged(a, b, types)


@given(st.lists(st.integers(0, 200), min_size=0, max_size=12, unique=True), st.integers(0, 200), st.integers(0, 200))
def test_quotations_in_a_stretch_are_those_that_overlap_it(points, x, y) -> None:
    from tui.core.changes.quotes import _within

    points = sorted(points)[: len(points) // 2 * 2]
    spans = tuple(zip(points[::2], points[1::2]))
    start, end = min(x, y), max(x, y)
    assert _within(spans, start, end) == [(max(s, start), min(e, end)) for s, e in spans if s < end and start < e]


@pytest.mark.parametrize(
    "x, y, same_name",
    [("Democrats", "Democratic", True), ("Iran", "Iranian", True), ("America", "American", True),
     ("Krause", "Kraus", False), ("Lyons", "Lions", False), ("Spagat", "Spagut", False)],
)
def test_another_form_of_a_name_is_not_a_misspelling(x, y, same_name) -> None:
    from tui.core.changes.names import inflected

    assert inflected(x, y) is same_name


def test_a_name_in_another_form_is_low() -> None:
    found = changes("The funding came under the Democrats' Inflation Reduction Act, which passed in 2022.",
                    "The funding came under the Democratic Inflation Reduction Act, which passed in 2022.")
    assert [(t, s) for t, s, _, _ in of_type(found, "name")] == [("name", "low")]


@pytest.mark.parametrize(
    "a, b, types",
    [
        # "not ... until" tells a time
        ("Sheriff Dan Whitaker told reporters the water would not crest until Tuesday.",
         "Sheriff Dan Whitaker told reporters the river is expected to crest on Tuesday.", {"negation"}),
        # words dropped with a negator from a quotation are the quotation's change, not a reversal
        ("\"We are asking everyone to go now, not tomorrow,\" the sheriff said on Sunday.",
         "\"We are asking everyone to go now,\" the sheriff said on Sunday.", {"negation"}),
    ],
)
def test_more_wording_that_changes_nothing(a, b, types) -> None:
    test_not_flagged(a, b, types)


@pytest.mark.parametrize(
    "sentence, found",
    [
        ("Tom Bowman, policy counsel for the Center for Democracy and Technology, said the rule is harmful.",
         ["Tom Bowman, policy counsel for the Center for Democracy and Technology"]),
        ("Working with Treasury is “strictly for the major criminal cases,” Lyons said.", ["Lyons"]),
        ("The IRS acts under long-standing authority, said a Treasury official who spoke on condition of anonymity.",
         ["a Treasury official who spoke on condition of anonymity"]),
        ("Advocates, however, say the agreement violates privacy laws.", ["Advocates"]),
        ("Noem sent a request to Bessent, according to a letter obtained by the AP.", ["a letter obtained by the AP"]),
        # a passive "were told" names no source, and "3,000" holds no clause comma
        ("Roughly 3,000 people in Havenford were told to evacuate on Sunday after the river rose, officials said.",
         ["officials"]),
        ("The agreement will help ICE find people who are collecting benefits.", []),
        ("Acting Commissioner Douglas O’Donnell announced his retirement in February.", []),
    ],
)
def test_sources_of_a_sentence(sentence, found) -> None:
    from tui.core.changes.attribution import sources

    assert [s.text for s in sources(sentence, 0, len(sentence))] == found


BUSINESS_A = ("Acme Corp. said on Thursday it would cut about 1,200 jobs, or 8% of its workforce.\n\n"
              "Chief Executive Jane Smith said the cuts would save $400 million a year.\n\n"
              "The company will not close any of its factories, a spokesman said.\n")
BUSINESS_B = ("Acme Corporation announced Thursday that it will eliminate roughly 1,200 jobs, or 8 percent of its staff.\n\n"
              "CEO Jane Smith said the reductions would save $400 million annually.\n\n"
              "The company will close two of its factories, a spokeswoman said.\n")


def test_a_business_story_reworded() -> None:
    found = changes(BUSINESS_A, BUSINESS_B)
    serious = [(t, s, a, b) for t, s, a, b in found if s != "low"]
    # the factories: a claim reversed, and a count added; nothing else is more than cosmetic
    assert {(t, s) for t, s, _, _ in serious} == {("negation", "high"), ("number", "medium")}
    assert ("name", "low", "Corp", "Corporation") in found


@pytest.mark.parametrize(
    "source, named",
    [("Tom Bowman, policy counsel for the Center for Democracy and Technology", True), ("The Treasury Department", True),
     ("a Treasury official who spoke on condition of anonymity", False),
     ("Two people familiar with the situation", False), ("Advocates", False), ("Todd Lyons", True)],
)
def test_a_named_source(source, named) -> None:
    from tui.core.changes.attribution import _named
    from tui.core.changes.text import Span

    assert _named(Span(0, len(source), source)) is named


COURT_A = ("A federal judge on Friday temporarily blocked a Georgia law that would ban most abortions after six weeks, "
           "saying it likely violates the state constitution.\n\n"
           "U.S. District Judge Robert Kline wrote in a 34-page ruling that the law \"cannot be squared with decades of precedent.\"\n\n"
           "\"We will not stop fighting for the unborn,\" Kemp said in a statement.\n")
COURT_B = ("A federal judge on Friday blocked a Georgia law banning most abortions after eight weeks, "
           "ruling that it violates the state constitution.\n\n"
           "In a 43-page decision, Judge Robert Klein said the law \"can not be reconciled with decades of precedent.\"\n\n"
           "\"We will stop fighting for the unborn,\" Kemp said.\n")


@pytest.mark.parametrize(
    "type_, severity, span_a, span_b",
    [("number", "high", "six", "eight"), ("number", "high", "34", "43"), ("name", "high", "Kline", "Klein"),
     ("certainty", "medium", "likely", ""), ("negation", "high", "not", ""), ("quote", "high", "not", "")],
)
def test_a_court_story_reworded(type_, severity, span_a, span_b) -> None:
    test_flagged(COURT_A, COURT_B, type_, severity, span_a, span_b)


def test_a_participle_of_saying_names_no_source() -> None:
    assert of_type(changes(COURT_A, COURT_B), "attribution") == []


@pytest.mark.parametrize(
    "a, b, type_, severity, span_a, span_b",
    [
        # British style: single quotation marks, "per cent", day before month
        ("‘We will not stop fighting for our patients,’ the health secretary told MPs on Tuesday.",
         "‘We will stop fighting for our patients,’ the health secretary told MPs on Tuesday.",
         "quote", "high", "not", ""),
        ("Inflation rose to 8 per cent in the year to 3 March, the statistics office said.",
         "Inflation rose to 9 per cent in the year to 3 March, the statistics office said.",
         "number", "high", "8 per cent", "9 per cent"),
        ("The vote will be held on 3 March, the council said in a statement on its website.",
         "The vote will be held on 5 March, the council said in a statement on its website.",
         "date", "high", "3 March", "5 March"),
    ],
)
def test_british_style(a, b, type_, severity, span_a, span_b) -> None:
    test_flagged(a, b, type_, severity, span_a, span_b)


def test_a_day_and_month_in_either_order_are_one_date() -> None:
    found = changes("The vote will be held on March 3, the council said in a statement on its website.",
                    "The vote will be held on 3 March, the council said in a statement on its website.")
    assert [c for c in found if c[0] in ("date", "number") and c[1] != "low"] == []


def test_a_figure_moved_to_the_next_sentence_is_not_dropped() -> None:
    from tui.core.changes.numbers import number_changes
    from tui.core.changes.text import LinkedText
    from tui.core.model import LinkKind

    a = Article("a.txt", "The storm left the town without power for 3 days, officials said.\n")
    b = Article("b.txt", "The storm left the town without power, officials said. It lasted 3 days.\n")
    other = Article("c.txt", "The storm left the town without power, officials said. It was a long week.\n")
    for version, dropped in ((b, False), (other, True)):
        sa, sb = a.sentences[0], version.sentences[0]
        pair = LinkedText(0, a, version, sa.start, sa.end, sb.start, sb.end, (), LinkKind.PARAPHRASE, (0,), (0,))
        notes = [c.note for c in number_changes(pair)]
        assert notes == (["number dropped: 3"] if dropped else []), notes


@pytest.mark.parametrize(
    "phrase, found",
    [("kind of hiding in plain sight", True), ("Kind of hiding, in plain sight!", True), ("Lyons", True),
     ("hiding in plain view", False), ("", False), ("Todd Lyons", True), ("Lyons Todd", False)],
)
def test_a_phrase_found_word_for_word(phrase, found) -> None:
    from tui.core.changes.text import found_in

    article = Article("a.txt", "Todd Lyons said they are “kind of hiding in plain sight.”\n")
    assert found_in(phrase, article) is found


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # a misspelled name among other changes: flagged in a partial link too
        ("Melanie Krause, the acting head, will step down after the Treasury deal, officials said.",
         "Melanie Kraus left the agency on Friday and Treasury declined to comment.",
         ["name spelled differently: Krause -> Kraus"]),
        # another name, not a spelling of it: a partial link says other things, nothing flagged
        ("Melanie Krause, the acting head, will step down after the Treasury deal, officials said.",
         "Billy Long left the agency on Friday and Treasury declined to comment.", []),
    ],
)
def test_names_in_a_partial_link(a, b, expected) -> None:
    from tui.core.changes.names import name_changes
    from tui.core.changes.text import LinkedText
    from tui.core.model import LinkKind
    from tui.core.word_diff import diff_words

    version_a, version_b = Article("a.txt", a + "\n"), Article("b.txt", b + "\n")
    sa, sb = version_a.sentences[0], version_b.sentences[0]
    pair = LinkedText(0, version_a, version_b, sa.start, sa.end, sb.start, sb.end, tuple(diff_words(a, b)),
                      LinkKind.PARTIAL, (0,), (0,), 0.3)
    assert not pair.same_content
    assert [c.note for c in name_changes(pair)] == expected
