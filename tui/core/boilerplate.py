"""Site furniture: lines of a saved page that are not the story.

Navigation, related-links blocks, "Read more" and "Source link", fundraising appeals, social
embeds and their credit lines, time stamps, section labels and photo credits are set aside, so
that they are neither counted as omissions or additions nor linked as partials. The evidence is
general, never a list of lines:
- a line with no letters at all ("___", "* * *");
- a line that is one furniture phrase (`FURNITURE_LINE`: "Read more", "Source link", "Related",
  "Skip to content", "Advertisement", "Share this", "Sign up for ..."), or a link's title after
  one ("Related: How to prepare for a flood");
- a short time stamp ("6 hours ago", "Updated 10:42 AM"), a photo credit standing alone
  ("Photo: ...", "(AP Photo/...)", "Getty Images"), or a caption that closes with one;
- a social embed: a line holding a pic.twitter.com or t.co link, or the credit line of one
  ("— Name (@handle) April 8, 2025");
- a navigation bar: one short line of three or more labels (each at most `LABEL_WORDS` words,
  none ending as a sentence) separated by "|" or "•" ("Home | News | Sport | Weather");
- a section label: a short line (at most `LABEL_WORDS` words) without a sentence's ending
  punctuation, alone on its line, not a list item, and not the story's first line (its
  headline, however short);
- a link list: the lines after a furniture heading ("Sources:", "Related", "Read more:") that
  are list items ("- ...", "• ..."), or, after a heading with a colon, lines that are titles
  (no sentence-ending punctuation);
- a fundraising appeal: from the first appeal cue (`APPEAL_CUES`: donate, "support independent
  media", "our fundraiser", "make a gift", "become a member", a line opening with "Take action") to the
  last one, when the last one
  is in the closing stretch of the text and a cue speaks to the reader ("your support", "our
  fundraiser", "please"): the lines between are the appeal's, written in the site's voice.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Collection

from .model import Alignment, Article, LinkKind
from .story import AnyAlignment, SwappedAlignment, swap

LABEL_WORDS = 3
STAMP_WORDS = 8
FURNITURE_CHARS = 160  # longer than any furniture line ("Related: <a title>")  # a time stamp line is short: "Updated 10:42 AM EDT, April 8, 2025"
CLOSING_SHARE = 0.15  # an appeal's last cue must fall in this last share of the sentences
APPEAL_SPAN = 16  # ... and its first cue at most this many sentences before it

FURNITURE_LINE = re.compile(
    r"^\W*(read more|read next|source link|source|related( (articles|stories|coverage|content))?|"
    r"(related( (articles|stories|coverage))?|read more|read next|see also|more on this( story)?|watch|listen)\s*:\s.{1,120}|"
    r"more (from|on) .{0,40}|see also|advertisement|sponsored( content)?|share( this( article| story)?)?|"
    r"skip to (content|main content|footer)( skip to (content|main content|footer))*|"
    r"sign up( for .{0,60})?|subscribe( now| today)?|click here.{0,60}|follow us.{0,60}|"
    r"(continue|keep) reading|back to top|comments?|listen to (this )?(article|story).{0,20}|"
    r"photo( credit)?:.{0,80}|image:.{0,80}|(\(?\w+ photo/[^)]{0,60}\)?)|getty images|"
    r"(copyright\s*)?(©|\(c\))\s*\d{4}.{0,80}|copyright \d{4}.{0,80}|all rights reserved\.?)\W*$",
    re.IGNORECASE,
)
TIME_STAMP = re.compile(
    r"^\W*(\w+\s+)?(\d+\s+(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago\W*$|"
    r"(updated|published|posted|last modified)\b.{0,30}?(\d{1,2}:\d{2}|\b\d{4}\b|"
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b))",
    re.IGNORECASE,
)
NAV_SEPARATOR = re.compile(r"\s*[|•]\s*")
SOCIAL_EMBED = re.compile(r"pic\.twitter\.com/|\bt\.co/\w|^\W*[—–-]\s*[^()]{1,60}\(@\w+\)\s.{0,30}\d{4}\W*$")
LIST_HEADING = re.compile(r"^\W*(sources?|related|read more|more stories|see also|references|links)\s*:?\s*$", re.IGNORECASE)
APPEAL_CUES = re.compile(
    r"\b(donat(e|es|ed|ing|ions?)|fundrais(er|ing)|support (independent|nonprofit|our) (media|journalism|work|reporting)|"
    r"make a (monthly |one-time |tax-deductible )?(gift|contribution)|become a (member|sustainer|subscriber|supporter)|"
    r"appeal for your support|reader[- ]funded|(join|become one of) our (community of )?(sustainers|members|supporters)|"
    r"^\W*take action)\b",
    re.IGNORECASE,
)
# A caption's closing credit: "(AP Photo/Susan Walsh, File)", "(Photo: Jane Doe/Reuters)".
PHOTO_CREDIT = re.compile(r"\((?:[\w.]+\s+)?(?:Photo|Photograph|Image)s?\s*(?:/|:|by\b)[^()]{1,80}\)\W*$", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
READER = re.compile(r"\b(you|your|please|we|our|us)\b", re.IGNORECASE)
# Words one of which every appeal cue holds: sentences without any skip the cue patterns.
_CUE_WORDS = frozenset(
    "donate donates donated donating donation donations fundraiser fundraising support gift contribution "
    "member sustainer subscriber supporter appeal reader funded sustainers members supporters take".split()
)


_LOWER_WORD = re.compile(r"[a-z]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(_LOWER_WORD.findall(text.lower()))


_SENTENCE_END = re.compile(r"[.!?…”\"’)]\s*$")


@lru_cache(maxsize=64)
def find_boilerplate(article: Article) -> frozenset[int]:
    """The indexes of `article`'s sentences that are site furniture rather than the story
    (cached by article: a base version is compared with every other)."""
    sentences = article.sentences
    if not sentences:
        return frozenset()
    lines = _line_sentences(article)
    found: set[int] = set()
    for s in sentences:
        text = s.text.strip()
        if PHOTO_CREDIT.search(text):
            found.add(s.index)  # a caption, with its credit: it describes a picture, not the story
        short = len(text) <= FURNITURE_CHARS  # furniture lines are short: the patterns run on those only
        if (not _LETTER.search(text) or (short and (FURNITURE_LINE.match(text) or is_navigation(text))) or _embedded(text)
                or (short and TIME_STAMP.match(text) and len(text.split()) <= STAMP_WORDS)):
            found.add(s.index)
    found |= _link_lists(article, lines)
    found |= _appeal(article)
    # The first line of the story (its headline) is never a section label, however short.
    headline = next((s.index for s in sentences if s.index not in found), None)
    for s in sentences:
        text = s.text.strip()
        if s.index != headline and len(lines[s.paragraph]) == 1 and _is_label(text):
            found.add(s.index)
    return frozenset(found)


def story_start(article: Article) -> int:
    """Where reading `article` starts: its first sentence that is the story, not site furniture,
    so that a saved page opens on its headline rather than on "Skip to content" or a
    navigation bar (0 when every sentence is furniture)."""
    furniture = find_boilerplate(article)
    return next((s.index for s in article.sentences if s.index not in furniture), 0)


def is_navigation(text: str) -> bool:
    """A navigation bar: three or more short labels between "|" or "•", none of them a sentence.

    Also used to keep such a line from being taken for an article's headline.
    """
    if "|" not in text and "•" not in text:
        return False
    labels = [label for label in NAV_SEPARATOR.split(text.strip()) if label]
    return len(labels) >= 3 and all(len(label.split()) <= LABEL_WORDS and not _SENTENCE_END.search(label) for label in labels)


def _embedded(text: str) -> bool:
    """A social embed's line: its link, or its credit line ("— Name (@handle) April 8, 2025")."""
    return ("pic.twitter.com/" in text or "t.co/" in text or "(@" in text) and SOCIAL_EMBED.search(text) is not None


def _line_sentences(article: Article) -> dict[int, list[int]]:
    lines: dict[int, list[int]] = {}
    for s in article.sentences:
        lines.setdefault(s.paragraph, []).append(s.index)
    return lines


def _is_label(text: str) -> bool:
    """A short line that does not end as a sentence does, and is no list item: a section label."""
    # (Split no further than one word past the limit: most lines are sentences, far longer.)
    return len(text.split(None, LABEL_WORDS)) <= LABEL_WORDS and not _SENTENCE_END.search(text) and text[:1] not in "-•*–"


def _link_lists(article: Article, lines: dict[int, list[int]]) -> set[int]:
    """The run of list items or short lines after a furniture heading such as "Sources:"."""
    found: set[int] = set()
    sentences = article.sentences
    for s in sentences:
        if not LIST_HEADING.match(s.text.strip()):
            continue
        found.add(s.index)
        for t in sentences[s.index + 1 :]:
            text = t.text.strip()
            item = text[:1] in "-•*–" or (s.text.rstrip().endswith(":") and not _SENTENCE_END.search(text))
            if len(lines[t.paragraph]) == 1 and item and len(text.split()) <= 30:
                found.add(t.index)
            else:
                break
    return found


def _appeal(article: Article) -> set[int]:
    """A fundraising appeal closing the text: first cue to last, the closing cue near the end."""
    sentences = article.sentences
    # The last cue must be in the closing stretch: it is looked for from the end, so that a text
    # with none there (most) reads its closing stretch only, not every sentence.
    floor = len(sentences) * (1 - CLOSING_SHARE) - 1
    last = next((s.index for s in reversed(sentences) if s.index < floor or _is_cue(s.text)), -1)
    if last < floor:
        return set()
    cues = [s.index for s in sentences[: last + 1] if _is_cue(s.text)]
    if not any(READER.search(sentences[i].text) for i in cues):
        return set()  # "The family asked for donations" reports; an appeal speaks to the reader
    last = cues[-1]
    first = min(i for i in cues if last - i <= APPEAL_SPAN)
    # The appeal's opening line often sits just before its first cue, in the same paragraph.
    paragraph = sentences[first].paragraph
    while first > 0 and sentences[first - 1].paragraph == paragraph:
        first -= 1
    return set(range(first, last + 1))


def _is_cue(text: str) -> bool:
    """Whether a sentence holds an appeal cue (its words are checked first: most hold none)."""
    return not _words(text).isdisjoint(_CUE_WORDS) and APPEAL_CUES.search(text) is not None


def set_aside_boilerplate(alignment: AnyAlignment, boilerplate_a: Collection[int], boilerplate_b: Collection[int]) -> AnyAlignment:
    """The alignment without the partial links that touch boilerplate: furniture shares words
    with the story ("Head of IRS to resign..." in a source list), not facts. Same-content links
    are kept: a line both versions carry word for word is linked either way.

    An alignment read from its B side (`story.SwappedAlignment`) is filtered on the alignment it
    reads and handed back as a view again, so no flipped copy of its links is made and kept (the
    rule is the same from either side, and filtering keeps the order)."""
    if isinstance(alignment, SwappedAlignment):
        base = alignment.swapped()
        kept = set_aside_boilerplate(base, boilerplate_b, boilerplate_a)
        return alignment if kept is base else swap(kept)
    links = tuple(
        link for link in alignment.links
        if link.kind is not LinkKind.PARTIAL
        or not (any(i in boilerplate_a for i in link.a) or any(j in boilerplate_b for j in link.b))
    )
    return alignment if len(links) == len(alignment.links) else Alignment(alignment.a, alignment.b, links)
