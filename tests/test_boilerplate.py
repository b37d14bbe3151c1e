"""Boilerplate: hand-made page furniture is set aside; real story sentences never are."""

from __future__ import annotations

import pytest

from tui.core.align import align_articles
from tui.core.boilerplate import find_boilerplate, set_aside_boilerplate, story_start
from tui.core.model import Article, LinkKind

STORY = [
    "City council approves new budget after marathon session",
    "The city council approved a $2.4 billion budget early Wednesday after a nine-hour meeting.",
    "Mayor Jane Ortiz said the plan protects libraries and adds 40 police officers.",
    "“This is a budget for every neighbourhood,” Ortiz told reporters.",
    "Critics said the spending plan relies on optimistic revenue forecasts.",
    "Budget talks",  # a two-word label inside the story's paragraphs is kept when part of a paragraph
]


def article(lines: list[str]) -> Article:
    return Article("page.txt", "\n\n".join(lines) + "\n")


def aside(lines: list[str]) -> list[str]:
    a = article(lines)
    return [a.sentences[i].text for i in sorted(find_boilerplate(a))]


@pytest.mark.parametrize(
    "furniture",
    [
        "Read more",
        "Source link",
        "Related",
        "Skip to content Skip to footer",
        "Advertisement",
        "* * *",
        "___",
        "Updated 6 hours ago",
        "Updated 10:42 AM EDT, April 8, 2025",
        "Published April 8, 2025",
        "3 hours ago",
        "Photo: Getty Images",
        "(AP Photo/Jane Doe)",
        "— Jane Doe (@janedoe) April 8, 2025",
        "Top Stories",
        "Share this article",
        "Sign up for our morning newsletter",
        "Home | News | Sport | Weather",
        "Politics • Business • Opinion • Video",
    ],
)
def test_furniture_lines_are_set_aside(furniture: str) -> None:
    lines = STORY[:3] + [furniture] + STORY[3:5]
    assert aside(lines) == [furniture]


def test_a_social_embed_line_with_its_text_is_set_aside() -> None:
    embed = "The council passed the budget 7-2 tonight. pic.twitter.com/AbC123xyz"
    assert embed in " ".join(aside(STORY[:3] + [embed] + STORY[3:5]))


def test_a_source_list_after_its_heading_is_set_aside() -> None:
    sources = ["Sources:", "- Council passes budget after long night", "- What the new budget means for you"]
    assert aside(STORY[:5] + sources) == sources


def test_a_closing_fundraising_appeal_is_set_aside_whole() -> None:
    appeal = [
        "Tired of the news? Take action today.",
        "We have covered city hall for twenty years without a paywall. Our reporters stay when others leave.",
        "Please donate to keep local journalism free. Become a member with a monthly gift.",
    ]
    lines = STORY[:5] + appeal
    found = aside(lines)
    assert found[0].startswith("Tired of the news") and found[-1].startswith("Become a member")
    assert not any(s in found for s in STORY[:5])


def test_the_story_itself_is_never_taken_for_boilerplate() -> None:
    assert aside(STORY[:5]) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Read more about the budget at the council's website, the mayor said.",
        "The charity's fundraiser raised $40,000 for the food bank last year, organisers said.",
        "Related coverage of the vote was broadcast on local television.",
        "She was elected in 2019.",
        "Ortiz declined to comment.",
        # pipes in the story's own words: labels that are sentences
        "Turnout rose to 61% | the highest since 1998 | the clerk said the count was final.",
    ],
)
def test_story_sentences_that_look_like_furniture_are_kept(sentence: str) -> None:
    assert aside(STORY[:3] + [sentence] + STORY[3:5]) == []


def test_the_headline_is_not_a_section_label() -> None:
    assert aside(["Budget passes", *STORY[1:5]]) == []


def test_partial_links_to_boilerplate_are_dropped_and_same_content_links_kept() -> None:
    a = article(STORY[:5])
    b = article(STORY[:5] + ["Sources:", "- City council approved a $2.4 billion budget after a nine-hour meeting"])
    alignment = align_articles(a, b)
    bp_b = find_boilerplate(b)
    assert bp_b == {5, 6}
    kept = set_aside_boilerplate(alignment, set(), bp_b)
    assert not any(set(link.b) & bp_b and link.kind is LinkKind.PARTIAL for link in kept.links)
    assert [link for link in kept.links if not set(link.b) & bp_b] == [
        link for link in alignment.links if not set(link.b) & bp_b
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Posted on social media in 2020, the video shows the mayor at a rally with supporters and staff.",
        "Updated figures show 40 deaths in the county.",
        "Copyright law protects the city's logo, officials said.",
        "The family asked for donations to the food bank instead of flowers.",
        "- 40 police officers",
    ],
)
def test_closing_story_lines_that_share_furniture_words_are_kept(line: str) -> None:
    assert aside(STORY[:5] + [line]) == []


def test_a_short_headline_after_page_navigation_is_kept() -> None:
    assert aside(["Skip to content", "Budget passes", *STORY[1:5]]) == ["Skip to content"]


def test_a_short_headline_after_a_navigation_bar_is_the_headline_and_kept() -> None:
    assert aside(["Home | News | Sport | Weather", "Budget passes", *STORY[1:5]]) == ["Home | News | Sport | Weather"]


def test_a_related_link_with_its_title_is_set_aside() -> None:
    assert aside(STORY[:5] + ["Related: How to prepare for a flood"]) == ["Related: How to prepare for a flood"]


def test_a_caption_closing_with_a_photo_credit_is_set_aside() -> None:
    caption = "This March 22, 2013, file photo shows the exterior of the city hall. (AP Photo/Jane Doe, File)"
    assert aside(STORY[:3] + [caption] + STORY[3:5]) == [caption]


@pytest.mark.parametrize(
    ("lines", "start"),
    [
        (STORY, 0),  # a story that opens on its headline starts there
        (["Skip to content Skip to footer", "Home | World | Politics | Sport", *STORY], 2),
        (["Advertisement", *STORY], 1),
        (["Read more", "Source link"], 0),  # nothing but furniture: the first line, not nothing
    ],
)
def test_reading_starts_on_the_first_sentence_of_the_story(lines: list[str], start: int) -> None:
    assert story_start(article(lines)) == start
