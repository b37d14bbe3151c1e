"""What the notes store hands to the UI: plain frozen records, no database handles inside."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..core.anchoring import TextAnchor

VersionState = Literal["new", "known", "moved", "edited"]


class StoreReadOnly(RuntimeError):
    """Raised by every write method of a store that was opened read-only; the message says why."""


class _Anchored:
    """What annotations and bookmarks share: a W3C-style anchor and whether it was found again."""

    status: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    @property
    def is_orphan(self) -> bool:
        return self.status == "orphan"

    @property
    def anchor(self) -> TextAnchor:
        return TextAnchor(self.exact, self.prefix, self.suffix, self.start, self.end)


@dataclass(frozen=True)
class Annotation(_Anchored):
    """A note on a passage of one version.

    `start`/`end` are offsets into the text whose sha256 is `text_hash`. For a placed annotation
    that is the version's current text; for an orphan (`status == "orphan"`) it is the older
    text the note was last anchored on, which is why orphans are listed for review rather than
    drawn in the article. `original_exact` is the passage as first annotated: when a fuzzy
    re-anchoring followed a rewording, comparing it with `exact` shows what changed.
    """

    id: str
    version_id: int
    path: str
    text_hash: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    note: str
    tags: tuple[str, ...]
    created: str
    modified: str
    status: str
    confidence: float
    original_exact: str


ResolvedAnnotation = Annotation
"""`annotations(article)` returns Annotations already resolved against that article's text."""


@dataclass(frozen=True)
class Bookmark(_Anchored):
    """A marked sentence of one version; anchored like an annotation so it survives edits."""

    id: str
    version_id: int
    path: str
    text_hash: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    created: str
    status: str
    confidence: float


@dataclass(frozen=True)
class VersionRecord:
    """A version as the store knows it, and what opening it just did.

    `state`: "new" (first time seen), "known" (same text, same place), "moved" (same text from
    another path; the path was updated) or "edited" (same path, different text; notes were
    re-anchored, `reanchored` counts the outcomes and `orphans` lists those needing review).
    `id` is None only in a read-only store that has never seen this version.
    """

    id: int | None
    path: str
    text_hash: str
    title: str
    state: VersionState
    previous_path: str | None = None
    reanchored: dict[str, int] = field(default_factory=dict)
    orphans: tuple[Annotation, ...] = ()
