"""The aligner on real seed pairs, on constructed cases, and as properties over any text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.align import align_articles, thresholds
from tui.core.align.features import Features
from tui.core.align.partial import shared_clause
from tui.core.model import Article, LinkKind

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def _seed(n: int) -> Article:
    path = SEEDS[n]
    return Article(path=str(path), text=path.read_text(encoding="utf-8"))


def _find(article: Article, needle: str) -> int:
    hits = [s.index for s in article.sentences if needle in s.text]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


def _linked(al, i: int, j: int):
    return [link for link in al.links_for_a(i) if j in link.b]


# (a seed, b seed, substring of an A sentence, substring of a B sentence, kinds it may take)
SEED_LINKS = [
    (0, 1, "Todd Lyons, acting ICE director", "Todd Lyons, the acting ICE director", {LinkKind.EDITED, LinkKind.PARAPHRASE}),
    (0, 1, "The memo states that the IRS and ICE", "The memo specifies that the IRS and ICE", {LinkKind.EDITED, LinkKind.PARAPHRASE}),
    (0, 1, "borrow IRS Criminal Investigation workers", "utilize IRS Criminal Investigation personnel", {LinkKind.EDITED, LinkKind.PARAPHRASE}),
    (0, 2, "Melanie Krause, who had served", "Melanie Kraus, who has been acting director", {LinkKind.EDITED, LinkKind.PARAPHRASE}),
    (0, 2, "Working with Treasury and other departments", "Working with the Treasury Department", {LinkKind.EDITED, LinkKind.PARAPHRASE}),
    (0, 4, "Melanie Krause, who had served", "Acting IRS Commissioner Melanie Krause has resigned", {LinkKind.PARTIAL}),
    # The same clause with a word slipped in: "violates (established) privacy laws".
    (0, 4, "Advocates, however, say the IRS-DHS", "These attorneys believe the data-sharing agreement", {LinkKind.PARTIAL}),
    (0, 4, "Advocates, however, say the IRS-DHS", "IRS lawyers have raised concerns", {LinkKind.PARTIAL}),
    # "Melanie" opens A's sentence, where any word is capitalised; B shows it is a name, so the
    # pair shares a named subject and what she does ("step down" / "stepping down").
    (0, 1, "will step down over the new data-sharing", "revealed that Melanie Krause is stepping down", {LinkKind.PARTIAL}),
]


# (a seed, b seed, substring of an A sentence, substring of a B sentence): pairs that must not link.
SEED_NON_LINKS = [
    # A writes "IRS Criminal Investigation workers", B "the criminal investigation exception":
    # a word one version writes in lower case is no name, so the pair shares no named subject.
    (0, 4, "Noem in February sent a request", "The disagreement centers on whether"),
    # Both name DHS, on different matters: a lawyer's warning and the memo's publication.
    (0, 1, "Tom Bowman, policy counsel", "On Monday, the IRS revealed its memorandum"),
]


@pytest.mark.parametrize(("sa", "sb", "needle_a", "needle_b", "kinds"), SEED_LINKS)
def test_seed_pairs_link_what_a_reader_would(sa, sb, needle_a, needle_b, kinds) -> None:
    a, b = _seed(sa), _seed(sb)
    al = align_articles(a, b)
    links = _linked(al, _find(a, needle_a), _find(b, needle_b))
    assert links, "expected a link"
    assert links[0].kind in kinds


@pytest.mark.parametrize(("sa", "sb", "needle_a", "needle_b"), SEED_NON_LINKS)
def test_seed_pairs_do_not_link_what_a_reader_would_not(sa, sb, needle_a, needle_b) -> None:
    a, b = _seed(sa), _seed(sb)
    assert not _linked(align_articles(a, b), _find(a, needle_a), _find(b, needle_b))


def test_the_two_quoted_sentences_restated_as_one_are_merged() -> None:
    a, b = _seed(0), _seed(1)
    i = _find(a, "it is difficult to see how the IRS could release")
    j = _find(b, "it is challenging to see how the IRS could legally")
    (link,) = _linked(align_articles(a, b), i, j)
    assert link.a == (i, i + 1) and link.b == (j,)


@pytest.mark.parametrize(
    ("sa", "sb", "needle"),
    [
        (0, 1, "Elliot Spagat contributed"),  # 001 has no credit line
        (0, 1, "Krause replaced him."),
        (0, 3, "The memo states that the IRS and ICE"),  # 003 does not report the memo's words
        (3, 0, "Take action: Support independent media."),  # boilerplate
        (3, 0, "We have 2 days left in our fundraiser"),
    ],
)
def test_sentences_without_a_counterpart_stay_unlinked(sa, sb, needle) -> None:
    a, b = _seed(sa), _seed(sb)
    assert _find(a, needle) in align_articles(a, b).a_only


def test_machine_translation_links_almost_every_sentence() -> None:
    a, b = _seed(0), _seed(2)
    al = align_articles(a, b)
    assert len(al.a_only) <= 6  # headline, the doubled photo caption, "___", one dropped quote
    krause = _find(a, "Krause replaced him.")
    assert _linked(al, krause, _find(b, "Klaus replaced him."))  # a misspelled name still meets


def test_unrelated_article_barely_links() -> None:
    a, b = _seed(0), _seed(3)
    al = align_articles(a, b)
    linked_b = {j for link in al.links for j in link.b}
    boilerplate = [s.index for s in b.sentences if s.index >= _find(b, "Angry, shocked, overwhelmed?")]
    assert linked_b.isdisjoint(boilerplate)
    assert len(al.links) <= 10


def _article(sentences: list[str], name: str = "x") -> Article:
    return Article(path=name, text="\n".join(sentences) + "\n")


STORY = [
    "The city council approved a budget of $4.2 million for the new library on Tuesday.",
    "Mayor Alicia Brandt said the library would open in the spring of next year.",
    "Opponents argued that the money should have gone to repairing roads instead.",
    "The vote passed six to three after a debate that lasted four hours.",
    "Construction is expected to begin in March, according to the planning office.",
]


def test_identical_text_links_every_sentence_verbatim_to_itself() -> None:
    a = _article(STORY, "a")
    b = _article(STORY, "b")
    al = align_articles(a, b)
    assert [(link.a, link.b, link.kind, link.score) for link in al.links] == [
        ((k,), (k,), LinkKind.VERBATIM, 1.0) for k in range(len(STORY))
    ]
    assert all(op.op == "equal" for link in al.links for op in link.ops)


def test_case_quotes_and_spacing_do_not_break_verbatim() -> None:
    a = _article(["He said “it’s over” and left the Council."])
    b = _article(['He said "it\'s over"   and left the council.'])
    (link,) = align_articles(a, b).links
    assert link.kind is LinkKind.VERBATIM


def test_reordered_paragraphs_give_crossing_links() -> None:
    a = _article(STORY, "a")
    b = _article(STORY[3:] + STORY[:3], "b")
    al = align_articles(a, b)
    pairs = sorted((link.a[0], link.b[0]) for link in al.links)
    assert pairs == [(0, 2), (1, 3), (2, 4), (3, 0), (4, 1)]


def test_a_split_sentence_links_to_both_halves() -> None:
    a = _article(["Mayor Alicia Brandt said the library would open in the spring, and that its budget of $4.2 million was final."])
    b = _article([
        "Mayor Alicia Brandt said the library would open in the spring.",
        "She added that its budget of $4.2 million was final.",
    ])
    (link,) = align_articles(a, b).links
    assert link.a == (0,) and link.b == (0, 1)


def test_an_edit_is_not_verbatim_and_scores_below_one() -> None:
    a = _article(["The vote passed six to three after a debate that lasted four hours."])
    b = _article(["The vote passed six to three after a debate that lasted five hours."])
    (link,) = align_articles(a, b).links
    assert link.kind is LinkKind.EDITED and 0.75 <= link.score < 1.0
    assert [(op.op, op.a, op.b) for op in link.ops if op.op != "equal"] == [("replace", "four", "five")]


def test_unrelated_sentences_stay_unlinked() -> None:
    a = _article(STORY, "a")
    b = _article([
        "Heavy rain flooded several streets near the harbour overnight.",
        "The football club signed a new goalkeeper from Portugal.",
    ], "b")
    al = align_articles(a, b)
    assert al.links == ()
    assert al.a_only == list(range(len(STORY))) and al.b_only == [0, 1]


def test_shared_topic_words_alone_make_no_partial_link() -> None:
    # Both talk about the library budget, but share no clause, no name and no figure.
    a = _article(["The library budget drew criticism from residents at the meeting."])
    b = _article(["Residents praised the library plans in letters to the newspaper."])
    assert align_articles(a, b).links == ()


IDF = {t: 0.5 for t in ("viola", "estab", "priva", "law", "share", "irs", "taxpa", "data", "noem", "kristi")}
NAMES = frozenset({"irs", "noem", "kristi"})


@pytest.mark.parametrize(
    ("sa", "sb", "weight"),
    [
        # Three stems in a row in both: a clause.
        (("viola", "priva", "law"), ("viola", "priva", "law"), 1.5),
        # One inserted word that is not a name is skipped, on either side.
        (("viola", "priva", "law"), ("viola", "estab", "priva", "law"), 1.5),
        (("viola", "estab", "priva", "law"), ("viola", "priva", "law"), 1.5),
        # An inserted name is not: the clause may be about something else.
        (("share", "taxpa", "data"), ("share", "irs", "taxpa", "data"), 0.0),
        # A longer run weighs as one clause.
        (("share", "taxpa", "data", "viola", "law"), ("share", "taxpa", "data", "viola", "law"), 2.5),
        # Names alone are a name, not a clause.
        (("kristi", "noem", "irs"), ("kristi", "noem", "irs"), 0.0),
        # The same stems in another order are no clause.
        (("viola", "priva", "law"), ("law", "priva", "viola"), 0.0),
    ],
)
def test_shared_clause_weight(sa, sb, weight) -> None:
    def features(stems):
        return Features(frozenset(stems), NAMES.intersection(stems), stems)

    assert shared_clause(features(sa), features(sb), IDF) == pytest.approx(weight)


def test_thresholds_are_module_constants_in_range() -> None:
    for name in ("SAME_MIN", "EDITED_MIN", "PARTIAL_DICE_MIN", "PARTIAL_COVER_MIN", "PARTIAL_NEAR_BEST"):
        assert 0.0 < getattr(thresholds, name) < 1.0
    assert thresholds.GAP_FLOOR < thresholds.SAME_MIN
    assert thresholds.PARTIAL_DICE_MIN < thresholds.SAME_MIN


@pytest.mark.parametrize(("sa", "sb"), [(0, 1), (0, 2), (0, 4), (1, 4), (3, 0)])
def test_scores_lie_in_unit_interval_and_ops_point_into_the_texts(sa, sb) -> None:
    a, b = _seed(sa), _seed(sb)
    for link in align_articles(a, b).links:
        assert 0.0 <= link.score <= 1.0
        for op in link.ops:
            assert a.text[op.a_start : op.a_end] == op.a and b.text[op.b_start : op.b_end] == op.b


@pytest.mark.parametrize(("sa", "sb"), [(0, 1), (0, 4), (2, 3)])
def test_swapped_round_trips(sa, sb) -> None:
    al = align_articles(_seed(sa), _seed(sb))
    back = al.swapped().swapped()
    assert back.a is al.a and back.b is al.b
    assert back.links == al.links
    assert al.swapped().a_only == al.b_only


WORDS = st.sampled_from(
    "the council budget library Mayor Brandt said vote passed roads March spring $4.2 million six "
    "residents opened new plan debate hours office Tuesday approved argued repair".split()
)
SENTENCE = st.lists(WORDS, min_size=3, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SENTENCE, min_size=1, max_size=8), st.lists(SENTENCE, min_size=0, max_size=8))
def test_links_are_valid_and_a_only_b_only_partition(sa, sb) -> None:
    a, b = _article(sa, "a"), _article(sb, "b")
    al = align_articles(a, b)
    na, nb = len(a.sentences), len(b.sentences)
    linked_a = {i for link in al.links for i in link.a}
    linked_b = {j for link in al.links for j in link.b}
    for link in al.links:
        assert link.a and link.b
        assert all(0 <= i < na for i in link.a) and all(0 <= j < nb for j in link.b)
        assert list(link.a) == sorted(set(link.a)) and list(link.b) == sorted(set(link.b))
        assert 0.0 <= link.score <= 1.0
    assert set(al.a_only) | linked_a == set(range(na)) and not set(al.a_only) & linked_a
    assert set(al.b_only) | linked_b == set(range(nb)) and not set(al.b_only) & linked_b
    # A sentence takes part in at most one same-content link.
    same_a = [i for link in al.links if link.kind is not LinkKind.PARTIAL for i in link.a]
    assert len(same_a) == len(set(same_a))


@settings(max_examples=40, deadline=None)
@given(st.lists(SENTENCE, min_size=1, max_size=8, unique=True))
def test_a_text_aligned_with_itself_links_each_sentence_verbatim_to_itself(sentences) -> None:
    a, b = _article(sentences, "a"), _article(sentences, "b")
    al = align_articles(a, b)
    same = [(link.a, link.b) for link in al.links if link.kind is LinkKind.VERBATIM]
    assert sorted(same) == [((k,), (k,)) for k in range(len(a.sentences))]


def test_long_document_alignment_does_not_depend_on_the_hash_seed():
    """Set iteration order changes with PYTHONHASHSEED; links and scores must not."""
    import subprocess
    import sys

    program = (
        "import hashlib, json, random\n"
        "from tui.core.loading import load_paths, default_seeds_dir\n"
        "from tui.core.model import Article\n"
        "from tui.core.align import align_articles\n"
        "arts, _ = load_paths([default_seeds_dir()])\n"
        "lines = [s.text for a in arts for s in a.sentences]\n"
        "rng = random.Random(7)\n"
        "a = [rng.choice(lines) for _ in range(700)]\n"
        "b = [' '.join(w for w in s.split() if rng.random() > 0.2) for s in a]\n"
        "rng.shuffle(b)\n"
        "al = align_articles(Article('a', '\\n'.join(a)), Article('b', '\\n'.join(b)))\n"
        "print(hashlib.sha256(json.dumps([[l.a, l.b, l.score, l.kind.value] for l in al.links]).encode()).hexdigest())\n"
    )
    digests = set()
    for seed in ("0", "1"):
        env = {**__import__("os").environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1
