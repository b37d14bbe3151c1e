"""The list of loaded versions: title, source, size, and how much each shares with the one read."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..core.model import Article


class ArticleList(OptionList):
    """Every version of the story; marks show which is read (▶) and which is compared (◆)."""

    def __init__(self, articles: list[Article], *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.articles = articles
        self.reading = 0
        self.comparing = 1 if len(articles) > 1 else 0
        self.matched: dict[int, tuple[int, int]] = {}

    def on_mount(self) -> None:
        self.rebuild()

    def show_state(self, reading: int, comparing: int, matched: dict[int, tuple[int, int]]) -> None:
        """Redraw the marks and match counts; keeps the highlighted entry where it was."""
        if (reading, comparing, matched) == (self.reading, self.comparing, self.matched):
            return
        self.reading, self.comparing, self.matched = reading, comparing, dict(matched)
        self.rebuild()

    def rebuild(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options([Option(self._entry(k, a), id=str(k)) for k, a in enumerate(self.articles)])
        self.highlighted = highlighted if highlighted is not None else self.reading

    def _entry(self, k: int, article: Article) -> Text:
        if k == self.reading:
            mark = Text("▶ ", style="bold")
        elif k == self.comparing:
            mark = Text("◆ ", style="bold")
        else:
            mark = Text("  ")
        title = article.title or article.label
        entry = Text.assemble(mark, Text(title, style="bold" if k == self.reading else ""))
        detail = f"\n  {article.source or article.label} · {article.word_count} words"
        entry.append(detail, style="dim")
        if k == self.reading:
            entry.append("\n  reading", style="dim italic")
        elif k in self.matched:
            got, total = self.matched[k]
            entry.append(f"\n  {got}/{total} sentences matched", style="dim")
        else:
            entry.append("\n  aligning…", style="dim italic")
        return entry
