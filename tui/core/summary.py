"""Per-version provenance: how much of the base a version carries, what it drops and adds, and
what it changed, by type and severity.

Boilerplate (see `boilerplate`) is left out of every count: site furniture is neither carried
nor dropped. A base sentence is carried when some link holds it; its words are carried when they
sit in a stretch the word diff found equal on both sides (each word counted once, however many
links hold it).
"""

from __future__ import annotations

import threading
import weakref
from collections import Counter
from dataclasses import dataclass

from .changes import Findings
from .changes.text import SEVERITIES, TYPES, words_in
from .sentence_changes import SentenceChanges
from .story import SwappedAlignment


@dataclass(frozen=True)
class VersionSummary:
    """What one version does with the base (`Findings.alignment.a`)."""

    base_sentences: int
    carried_sentences: int
    base_words: int
    carried_words: int
    omitted: tuple[int, ...]  # base sentences with no counterpart
    added: tuple[int, ...]  # this version's sentences with no counterpart
    by_type: dict[str, dict[str, int]]  # type -> severity -> count
    boilerplate_base: int
    boilerplate_version: int

    @property
    def sentence_share(self) -> float:
        return self.carried_sentences / self.base_sentences if self.base_sentences else 0.0

    @property
    def word_share(self) -> float:
        return self.carried_words / self.base_words if self.base_words else 0.0

    def severity_count(self, severity: str) -> int:
        return sum(counts.get(severity, 0) for counts in self.by_type.values())

    def as_json(self) -> dict:
        return {
            "base_sentences": self.base_sentences, "carried_sentences": self.carried_sentences,
            "sentence_share": round(self.sentence_share, 3), "base_words": self.base_words,
            "carried_words": self.carried_words, "word_share": round(self.word_share, 3),
            "omitted": list(self.omitted), "added": list(self.added),
            "changes": {t: dict(c) for t, c in self.by_type.items()},
            "boilerplate": {"base": self.boilerplate_base, "version": self.boilerplate_version},
        }


def summarize(findings: Findings) -> VersionSummary:
    alignment = findings.alignment
    base, bp_a, bp_b = alignment.a, findings.boilerplate_a, findings.boilerplate_b
    content = [s for s in base.sentences if s.index not in bp_a]
    # The links as stored, read from the side that is the base: an alignment read from its B
    # side would flip every link and word-diff stretch to be read here (most of what the reader's
    # `s` paid to summarize a version read from the other side).
    if isinstance(alignment, SwappedAlignment):
        stored = [(link.b, [(op.b_start, op.b_end) for op in link.ops if op.op == "equal"]) for link in alignment.swapped().links]
    else:
        stored = [(link.a, [(op.a_start, op.a_end) for op in link.ops if op.op == "equal"]) for link in alignment.links]
    linked = {i for own, _ in stored for i in own}
    carried = {
        w.start
        for own, equal in stored
        if not any(i in bp_a for i in own)
        for start, end in equal
        for w in words_in(base.text, start, end)
    }
    base_words = sum(len(words_in(base.text, s.start, s.end)) for s in content)
    counts: dict[str, Counter] = {t: Counter() for t in TYPES}
    for change in findings.changes:
        counts[change.type][change.severity] += 1
    by_type = {t: {sev: c[sev] for sev in SEVERITIES if c[sev]} for t, c in counts.items() if c}
    return VersionSummary(
        base_sentences=len(content),
        carried_sentences=sum(1 for s in content if s.index in linked),
        base_words=base_words,
        carried_words=min(len(carried), base_words),
        omitted=tuple(i for i in alignment.a_only if i not in bp_a),
        added=tuple(j for j in alignment.b_only if j not in bp_b),
        by_type=by_type,
        boilerplate_base=len(bp_a),
        boilerplate_version=len(bp_b),
    )


class Summaries:
    """Each version's summary, worked out once per alignment's findings and kept as long as they
    are (keyed weakly by the `SentenceChanges` object, by identity: `Findings` compares by value,
    which would hash every change on each lookup). The article list asks for every version's on
    each redraw, so after the first time that is a lookup a version. The reader's alignment
    worker works them out (`AlignmentProgress`), so no key waits for one."""

    def __init__(self) -> None:
        self._kept: weakref.WeakKeyDictionary[SentenceChanges, VersionSummary] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """The summaries held: one per findings still held, so no more than `FindingsCache`
        holds (the article list keeps its own copy of the version read's numbers)."""
        with self._lock:
            return len(self._kept)

    def get(self, changes: SentenceChanges) -> VersionSummary | None:
        """The summary if it has been worked out, without working it out."""
        with self._lock:
            return self._kept.get(changes)

    def of(self, changes: SentenceChanges) -> VersionSummary:
        with self._lock:
            found = self._kept.get(changes)
        if found is None:
            found = summarize(changes.findings)
            with self._lock:
                found = self._kept.setdefault(changes, found)
        return found
