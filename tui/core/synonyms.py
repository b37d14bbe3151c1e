"""Words that rewrites of a news story swap for each other.

Synonym spinners and translation round-trips swap the verbs and nouns of reporting ("said" ->
"stated", "experts" -> "specialists", "deal" -> "agreement"); without this table, a paraphrase
shares little beyond names. Each group is general newsroom vocabulary, not any one story's (a
group that only helps on one story's words is tuning to that story; each was judged on the dev
sets); the first word of a group is the name all its members are compared under.
"""

from __future__ import annotations

import re

_GROUPS = """
say said says stated statement tell told tells note noted notes comment commented
  remark remarked declare declared declares assert asserted argue argued argues contend contended
  contends claim claimed claims maintain maintained indicate indicated indicates specify specified
  specifies inform informed
resign resigned resigning resignation quit quits quitting
familiar acquainted knowledgeable
agreement agreements deal deals pact accord accords arrangement arrangements memorandum memo mou
  contract contracts
expert experts specialist specialists analyst analysts
worker workers personnel staff staffer staffers employee employees
source sources people insider insiders
allow allows allowed enable enables enabled permit permits permitted let lets
help helps helped assist assists assisted aid aids aided facilitate support supports supported
use used uses utilize utilized utilise employ employed borrow
confirm confirmed confirms verify verified
reveal revealed reveals disclose disclosed discloses disclosure announce announced announces
  release released publish published
violate violates violated violating breach breaches breached break breaking breaks infringe
  infringes
law laws statute statutes legislation
increase increased increases increasing rise rises rose risen rising grow grows grew grown growth
  climb climbed climbs jump jumped jumps surge surged surges boost boosted boosts
decrease decreased decreases decline declined declines fall falls fell fallen drop dropped drops
  reduce reduced reduces reduction
illegal illegally unlawful unlawfully illicit unauthorized
buy buys bought purchase purchased acquire acquired acquisition
try tries tried attempt attempted attempts
seek seeks sought pursue pursued
warn warned warns caution cautioned
big large major huge significant
begin began begun start started launch launched
expect expected expects anticipate anticipated anticipates
head chief leader director commissioner
critic critics opponent opponents
difficult hard challenging tough
""".split("\n")

def _build() -> dict[str, str]:
    table: dict[str, str] = {}
    groups: list[list[str]] = []
    for line in _GROUPS:
        if not line.strip():
            continue
        if line.startswith("  ") and groups:
            groups[-1].extend(line.split())
        else:
            groups.append(line.split())
    for group in groups:
        for word in group:
            table.setdefault(word, group[0])
    return table


SYNONYMS = _build()


_POSTS = (
    r"(?:(?:his|her|their|the|its)\s+)?"
    r"(?:post|position|role|job|office|seat|agency|company|firm|administration|government|cabinet|board)s?\b"
)
"""What someone who resigns leaves: "leave her post", "left the agency", "departure from the board"."""

# Verbs that mean a group's word only in a phrase: "will step down" and "is stepping aside"
# resign, while "the first step" and "a step forward" do not, so the verb alone is in no group.
# Each: words one of which every match holds (a substring test is much cheaper than the
# pattern, and most sentences hold none), the phrase, and the word it stands for.
PHRASAL_VERBS = (
    (("step",), re.compile(r"\bstep(?:s|ped|ping)?\s+(?:down|aside)\b", re.IGNORECASE), "resign"),
    # "leave her post" and "left the agency" resign (the verb is replaced, its object kept);
    # "ordered to leave the country" and "paid leave" do not.
    (("leav", "left"), re.compile(r"\b(?:leaves?|leaving|left)(?=\s+" + _POSTS + ")", re.IGNORECASE), "resign"),
    # "her departure from the agency" resigns; "departing flights" and "the 8:15 departure" do not.
    (("depart",), re.compile(r"\bdepart(?:s|ed|ing|ures?)?(?=\s+(?:from\s+)?" + _POSTS + ")", re.IGNORECASE), "resign"),
)


def phrasal_verbs_replaced(text: str) -> str:
    """`text` with each phrase of `PHRASAL_VERBS` written as the word it stands for."""
    lowered = text.lower()
    for hints, phrase, word in PHRASAL_VERBS:
        if any(hint in lowered for hint in hints):
            text = phrase.sub(word, text)
    return text
