"""The sentence splitter: a table of real and hand-made splits, the seeds, and a coverage property.

The seed checks mirror how the evaluation locates sentences: by a substring that must fall in
exactly one sentence. The property guards what every consumer of offsets relies on: sentences
round-trip, never overlap, never span a line, and lose nothing but whitespace.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.model import Article, Sentence
from tui.core.sentences import split_sentences

SEEDS = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))}


def check_invariants(text: str, sentences: list[Sentence]) -> None:
    """Everything a consumer of offsets may assume, checked against the source text."""
    previous_end = 0
    previous_paragraph = -1
    for i, s in enumerate(sentences):
        assert s.index == i
        assert previous_end <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert len(s.text.splitlines()) == 1, "a sentence never spans a line break"
        gap = text[previous_end : s.start]
        assert gap.strip() == "", f"non-whitespace lost between sentences: {gap!r}"
        if i:
            # A new paragraph exactly when a line break separates this sentence from the last.
            broke = len(gap.splitlines()) > 1 or gap.endswith(tuple("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"))
            assert s.paragraph == previous_paragraph + (1 if broke else 0)
        else:
            assert s.paragraph == 0
        previous_end, previous_paragraph = s.end, s.paragraph
    assert text[previous_end:].strip() == ""


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


CASES: list[tuple[str, list[str]]] = [
    # Real sentences from the seeds.
    (
        "U.S. Sen. Ron Wyden (D-Ore.), the top Democrat on the Senate Finance Committee, warned over the weekend that “even though the Trump administration claims it’s focused on undocumented immigrants, it’s obvious.”",
        ["U.S. Sen. Ron Wyden (D-Ore.), the top Democrat on the Senate Finance Committee, warned over the weekend that “even though the Trump administration claims it’s focused on undocumented immigrants, it’s obvious.”"],
    ),
    (
        "However, US District Court Judge Dabney L. Friedrich denied their request, ruling they “have not established a likelihood of success on the merits.” The decision allows the agreement to remain in effect while legal challenges continue.",
        [
            "However, US District Court Judge Dabney L. Friedrich denied their request, ruling they “have not established a likelihood of success on the merits.”",
            "The decision allows the agreement to remain in effect while legal challenges continue.",
        ],
    ),
    (
        "Two people familiar with the situation confirmed Krause was resigning and spoke to The Associated Press on condition of anonymity because they were not authorized to discuss it publicly.",
        ["Two people familiar with the situation confirmed Krause was resigning and spoke to The Associated Press on condition of anonymity because they were not authorized to discuss it publicly."],
    ),
    (
        "This March 22, 2013, file photo shows the exterior of the Internal Revenue Service building in Washington. (AP Photo/Susan Walsh, File)",
        ["This March 22, 2013, file photo shows the exterior of the Internal Revenue Service building in Washington. (AP Photo/Susan Walsh, File)"],
    ),
    (
        "“In fact, it is difficult to see how the IRS could release information to DHS while complying with taxpayer privacy statutes,” they said. “IRS officials who sign off on data sharing under these circumstances risk breaking the law, which could result in criminal and civil sanctions.”",
        [
            "“In fact, it is difficult to see how the IRS could release information to DHS while complying with taxpayer privacy statutes,” they said.",
            "“IRS officials who sign off on data sharing under these circumstances risk breaking the law, which could result in criminal and civil sanctions.”",
        ],
    ),
    (
        "Undocumented immigrants paid nearly $97 billion in taxes in 2022, with $59.4 billion of that total going to the federal government.",
        ["Undocumented immigrants paid nearly $97 billion in taxes in 2022, with $59.4 billion of that total going to the federal government."],
    ),
    (
        "The IRS has agreed to share immigrants’ tax information with ICE to facilitate deportations. pic.twitter.com/Vn91M7RxEw",
        ["The IRS has agreed to share immigrants’ tax information with ICE to facilitate deportations. pic.twitter.com/Vn91M7RxEw"],
    ),
    (
        "The IRS has been in upheaval over Trump administration decisions to share taxpayer data. Acting Commissioner Douglas O’Donnell announced his retirement. Krause replaced him.",
        [
            "The IRS has been in upheaval over Trump administration decisions to share taxpayer data.",
            "Acting Commissioner Douglas O’Donnell announced his retirement.",
            "Krause replaced him.",
        ],
    ),
    (
        "Angry, shocked, overwhelmed? Take action: Support independent media.",
        ["Angry, shocked, overwhelmed?", "Take action: Support independent media."],
    ),
    (
        "The Internal Revenue Service (IRS) building on February 23, 2025, in Washington, D.C.\nThe acting commissioner is expected to resign.",
        ["The Internal Revenue Service (IRS) building on February 23, 2025, in Washington, D.C.", "The acting commissioner is expected to resign."],
    ),
    # Line breaks: headlines, bullets, separators, boilerplate; blank lines give nothing.
    (
        "Quick Takes\n- A memorandum of understanding allows ICE access.\n- Krause has resigned.\n\n   \n___\nSources:\n— Pop Base (@PopBase) April 8, 2025\n",
        ["Quick Takes", "- A memorandum of understanding allows ICE access.", "- Krause has resigned.", "___", "Sources:", "— Pop Base (@PopBase) April 8, 2025"],
    ),
    ("one line\r\nanother line\rthird\u2028fourth", ["one line", "another line", "third", "fourth"]),
    ("", []),
    (" \n\t\n  ", []),
    # Closing quotes and brackets stay with the sentence they close.
    ("He would not discuss it publicly.” Next came the vote.", ["He would not discuss it publicly.”", "Next came the vote."]),
    ("It ended (as planned.) Then it began again.", ["It ended (as planned.)", "Then it began again."]),
    ("“Is it over?” she asked. “Yes!” he said.", ["“Is it over?” she asked.", "“Yes!” he said."]),
    ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
    ("The ministry said. (Reuters) - The talks resumed on Monday.", ["The ministry said.", "(Reuters) - The talks resumed on Monday."]),
    ("The deal was signed on Monday. (Reuters)", ["The deal was signed on Monday. (Reuters)"]),
    ("He left early. (He came back later.)", ["He left early.", "(He came back later.)"]),
    ("She paused. [Laughter] Then she went on.", ["She paused.", "[Laughter] Then she went on."]),
    ("It was over. — Staff reports", ["It was over.", "— Staff reports"]),
    ("Turnout was low. 42 people came.", ["Turnout was low.", "42 people came."]),
    # Titles and initials never end a sentence before a name.
    ("Sen. Ron Wyden spoke. Rep. Jane Doe replied.", ["Sen. Ron Wyden spoke.", "Rep. Jane Doe replied."]),
    ("Col. Smith, Gen. Jones, Gov. Brown and Lt. Gov. Green met Dr. Who and Mrs. Hudson.", ["Col. Smith, Gen. Jones, Gov. Brown and Lt. Gov. Green met Dr. Who and Mrs. Hudson."]),
    ("Mr. Smith and Ms. Jones visited St. Louis and Mt. Hood.", ["Mr. Smith and Ms. Jones visited St. Louis and Mt. Hood."]),
    ("John F. Kennedy was elected in 1960.", ["John F. Kennedy was elected in 1960."]),
    ("The speech was given by John F. Kennedy. It was short.", ["The speech was given by John F. Kennedy.", "It was short."]),
    ("Plan B. The first plan failed.", ["Plan B.", "The first plan failed."]),
    ("J.R.R. Tolkien wrote it.", ["J.R.R. Tolkien wrote it."]),
    # U.S., D.C. and other dotted acronyms split only before a typical sentence opener.
    ("Immigrants living in the U.S. The agreement covers them.", ["Immigrants living in the U.S.", "The agreement covers them."]),
    ("Immigrants living in the U.S. Illegally, some say.", ["Immigrants living in the U.S. Illegally, some say."]),
    ("He toured the U.S. Capitol and the U.N. Security Council.", ["He toured the U.S. Capitol and the U.N. Security Council."]),
    ("They met in Washington, D.C. It rained.", ["They met in Washington, D.C.", "It rained."]),
    ("The U.K. Parliament voted. The U.S. House did not.", ["The U.K. Parliament voted.", "The U.S. House did not."]),
    ("Staff arrived at 9 a.m. Tuesday and left at 5 p.m. The next day they returned.", ["Staff arrived at 9 a.m. Tuesday and left at 5 p.m.", "The next day they returned."]),
    ("She earned a Ph.D. She then taught.", ["She earned a Ph.D.", "She then taught."]),
    # State abbreviations, also inside parentheses.
    ("Sen. Jeff Merkley (D-Ore.) Wyden's colleague, agreed.", ["Sen. Jeff Merkley (D-Ore.) Wyden's colleague, agreed."]),
    ("Sen. Jeff Merkley (D-Ore.) The senator agreed.", ["Sen. Jeff Merkley (D-Ore.) The senator agreed."]),
    ("He was born in Miami, Fla. He moved to Portland, Ore. The city suited him.", ["He was born in Miami, Fla.", "He moved to Portland, Ore.", "The city suited him."]),
    ("In Portland, Ore. Mayor Ted Wheeler spoke.", ["In Portland, Ore. Mayor Ted Wheeler spoke."]),
    ("They drove from Trenton, N.J. To their surprise, it snowed.", ["They drove from Trenton, N.J.", "To their surprise, it snowed."]),
    ("Officials in Albany, N.Y. Said nothing.", ["Officials in Albany, N.Y. Said nothing."]),
    ("It happened in Charleston, W.Va. The mine closed.", ["It happened in Charleston, W.Va.", "The mine closed."]),
    ("Sacramento, Calif. Officials said it was over.", ["Sacramento, Calif.", "Officials said it was over."]),
    # Company suffixes, Jr./Sr., etc.
    ("Acme Inc. Chief Executive Jane Roe and Widget Corp. Chair John Doe Jr. Met.", ["Acme Inc. Chief Executive Jane Roe and Widget Corp. Chair John Doe Jr. Met."]),
    ("He works for Acme Ltd. The firm is small.", ["He works for Acme Ltd.", "The firm is small."]),
    ("She sold shares in Apple Co. But she kept others.", ["She sold shares in Apple Co.", "But she kept others."]),
    ("Martin Luther King Jr. Day is a holiday.", ["Martin Luther King Jr. Day is a holiday."]),
    ("They brought pens, paper, etc. The rest was supplied.", ["They brought pens, paper, etc.", "The rest was supplied."]),
    ("They brought pens, paper, etc. Supplies ran out.", ["They brought pens, paper, etc. Supplies ran out."]),
    ("Smith et al. It was published in 2020.", ["Smith et al.", "It was published in 2020."]),
    # Abbreviations before numbers and words that always continue.
    ("It was ranked No. 3 in the poll.", ["It was ranked No. 3 in the poll."]),
    ("He said No. Then he left.", ["He said No.", "Then he left."]),
    ("The attacks of Sept. 11 changed it. The law passed on Jan. 20, 2025.", ["The attacks of Sept. 11 changed it.", "The law passed on Jan. 20, 2025."]),
    ("The deadline is Aug. 1 and Oct. 15 and Nov. 3 and Dec. 31 and Feb. 2.", ["The deadline is Aug. 1 and Oct. 15 and Nov. 3 and Dec. 31 and Feb. 2."]),
    ("See Vol. 2 and p. 14 for details.", ["See Vol. 2 and p. 14 for details."]),
    ("It was Smith vs. Jones. Jones won.", ["It was Smith vs. Jones.", "Jones won."]),
    ("Some states, e.g. Texas, and some cities, i.e. Austin, objected.", ["Some states, e.g. Texas, and some cities, i.e. Austin, objected."]),
    # Numbers, ellipses, URLs and e-mail addresses.
    ("Growth was 3.5% in 2024. It was 2.1% before.", ["Growth was 3.5% in 2024.", "It was 2.1% before."]),
    ("Well... maybe not.", ["Well... maybe not."]),
    ("Well… maybe not.", ["Well… maybe not."]),
    ("He waited... Nobody came.", ["He waited...", "Nobody came."]),
    ("Visit example.com or write to press@example.com for more.", ["Visit example.com or write to press@example.com for more."]),
    ("Visit example.com. The site is new.", ["Visit example.com.", "The site is new."]),
    ("What?! No way.", ["What?!", "No way."]),
    ("It is over. but not quite.", ["It is over. but not quite."]),
    ("Das ist gut. Über alles.", ["Das ist gut.", "Über alles."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_split_table(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    check_invariants(text, sentences)


def test_sentences_on_one_line_share_a_paragraph_and_blank_lines_do_not_count() -> None:
    text = "Headline\n\n\nFirst one. Second one.\n  \nThird one.\n"
    assert [(s.text, s.paragraph) for s in split_sentences(text)] == [
        ("Headline", 0),
        ("First one.", 1),
        ("Second one.", 1),
        ("Third one.", 2),
    ]


def test_offsets_exclude_surrounding_whitespace() -> None:
    text = "  \t Lead.   Next one.\t \n"
    assert [(s.start, s.end) for s in split_sentences(text)] == [(4, 9), (12, 21)]


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_invariants(name: str) -> None:
    text = SEEDS[name]
    check_invariants(text, split_sentences(text))
    assert tuple(split_sentences(text)) == Article(path=name, text=text).sentences


def locate(name: str, needle: str) -> int:
    """The index of the one sentence holding `needle`, failing if there is not exactly one."""
    hits = [s.index for s in split_sentences(SEEDS[name]) if needle in s.text]
    assert len(hits) == 1, f"{needle!r} found in {len(hits)} sentences of seed {name}"
    return hits[0]


@pytest.mark.parametrize(
    ("name", "needle"),
    [
        ("000", "The IRS has been in upheaval over Trump"),
        ("000", "Douglas O’Donnell announced his retirement"),
        ("000", "Krause replaced him."),
        ("000", "it is difficult to see how the IRS could release"),
        ("000", "IRS officials who sign off on data sharing"),
        ("000", "Elliot Spagat contributed to this report"),
        ("001", "it is challenging to see how the IRS could legally"),
        ("001", "IRS officials who approve data sharing"),
        ("003", "U.S. Sen. Ron Wyden (D-Ore.), the top Democrat"),
        ("003", "with $59.4 billion of that total"),
        ("004", "Quick Takes"),
        ("004", "Sources:"),
        ("004", "— Pop Base (@PopBase) April 8, 2025"),
        ("004", "Judge Dabney L. Friedrich denied their request"),
        ("004", "The decision allows the agreement to remain"),
        ("004", "pic.twitter.com/Vn91M7RxEw"),
    ],
)
def test_seed_substring_in_exactly_one_sentence(name: str, needle: str) -> None:
    locate(name, needle)


@pytest.mark.parametrize(
    ("name", "first", "second", "same"),
    [
        ("000", "it is difficult to see how the IRS could release", "IRS officials who sign off on data sharing", False),
        ("000", "The IRS has been in upheaval over Trump", "Krause replaced him.", False),
        ("001", "it is challenging to see how the IRS could legally", "IRS officials who approve data sharing", True),
        ("004", "Judge Dabney L. Friedrich denied their request", "The decision allows the agreement to remain", False),
    ],
)
def test_seed_sentences_together_or_apart(name: str, first: str, second: str, same: bool) -> None:
    assert (locate(name, first) == locate(name, second)) is same


def test_seed_000_caption_is_one_sentence() -> None:
    captions = [s.text for s in split_sentences(SEEDS["000"]) if "(AP Photo/Susan Walsh, File)" in s.text]
    assert len(captions) == 2
    assert all(c.startswith("This March 22, 2013, file photo") for c in captions)


_ALPHABET = st.sampled_from(
    list("abcXYZ019 \t\n\r.!?…,;:-—–“”‘’\"'()[]$%@/")
    + ["U.S.", "Sen.", "a.m.", "D-Ore.", "No.", "Sept.", "e.g.", "etc.", "F.", "...", "\u2028", "\x85", "\xa0", "\x1f", "é", "Ü", "中"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_property_sentences_cover_text_in_order_shaped_input(text: str) -> None:
    check_invariants(text, split_sentences(text))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_property_sentences_cover_text_in_order_any_text(text: str) -> None:
    check_invariants(text, split_sentences(text))
