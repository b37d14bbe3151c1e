"""Benchmark the keys of the change views: latency per press, on the seeds and on 200 versions.

    python benchmarks/bench_change_keys.py                 # 20 presses per key, seeds and 200 versions
    python benchmarks/bench_change_keys.py --presses 50 --versions 50

Measured the "direct" way `bench_many.py` measures (its `press`): from posting the key event
until the app and the screen's widgets have handled what it set off and the screen is painted,
once every alignment of the version read is done (the worker classifies them; a key never does).
The pilot's own `press` and `pause` cost ~84 ms by themselves, so they are not used. A screen a
key opens (w, /, S, t) is timed opening and then closed with escape (not timed); a toggle (e, v)
is pressed twice, both timed, so that every round starts from the same screen. Target: p95 <
50 ms per key. `j` (next sentence, no change work at all) is the reference measured in the same
run: what handling a key and a repaint cost by themselves. After `w` (the list of this pair),
`tab` to all versions is timed too, and `w` opening the list on all versions at once.

Search (`/`) is also timed as a reader types: each key typed into the query, and the time from
the last key until the results of the whole query are shown (the search runs once typing
pauses, `tui.screens.search.DEBOUNCE`, in a worker).

The 200 versions are the five seeds, each copied 40 times with a figure changed, a name
respelled, a word swapped and a sentence dropped at random (seeded), so every pair has changes
of several types. The data and config folders are temporary (`bench_many` points them there):
`E` writes its report into them.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_many import SIZE, p95, press, settle_screen  # noqa: E402  (sets the temporary folders)
from tui.app import StorydiffApp  # noqa: E402
from tui.config import Config  # noqa: E402
from tui.core.loading import default_seeds_dir, load_paths  # noqa: E402
from tui.core.model import Article  # noqa: E402
from tui.core.search import search  # noqa: E402
from tui.screens.search import DEBOUNCE, SearchResult, SearchScreen  # noqa: E402

KEYS = ("j", "n", "p", "c", "C", "N", "number_sign", "quotation_mark", "D", "e", "w", "slash", "S", "t", "v", "E", "y",
        "greater_than_sign", "less_than_sign")
MODAL = {"w", "slash", "S", "t"}
TOGGLES = {"e", "v"}  # pressed twice in a row, both timed, so every round starts as the first
SHOWN = {"number_sign": "#", "quotation_mark": '"', "greater_than_sign": ">", "less_than_sign": "<", "slash": "/"}
QUERY = "Bessent"  # typed into the search
LAST_QUERY = "Krause"  # the search `/` opens with, and whose matches `>` and `<` step through


def seeds() -> list[Article]:
    articles, errors = load_paths(sorted(str(p) for p in default_seeds_dir().glob("*.txt")))
    assert not errors, errors
    return articles


def variants(base: list[Article], count: int) -> list[Article]:
    """`count` versions: the seeds in turn, each with a figure, a name and a word changed and a
    sentence dropped (seeded, so every run measures the same story)."""
    rng = random.Random(14)
    out = list(base[:count])
    while len(out) < count:
        article = base[len(out) % len(base)]
        text = article.text
        numbers = list(re.finditer(r"\b\d+\b", text))
        if numbers:
            m = rng.choice(numbers)
            text = text[: m.start()] + str(int(m.group()) + rng.randint(1, 9)) + text[m.end() :]
        text = text.replace("Krause", rng.choice(["Kraus", "Krausse", "Krause"]), 1)
        text = text.replace(" said ", rng.choice([" said ", " claimed ", " told reporters "]), 1)
        sentences = [s for s in Article(article.path, text).sentences]
        if len(sentences) > 5:
            drop = rng.choice(sentences[3:])
            text = text[: drop.start] + text[drop.end :]
        out.append(Article(f"{article.path}.v{len(out)}", text, article.title, article.source, article.date))
    return out


async def aligned(app, pilot) -> None:
    """Until the background alignments are done and drawn (untimed)."""
    await app.workers.wait_for_complete()
    await settle_screen(app, pilot)


async def bench(articles: list[Article], presses: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    samples: dict[str, list[float]] = {key: [] for key in KEYS}
    typing: dict[str, list[float]] = {"a key typed": [], "results after the last key": []}
    app = StorydiffApp(articles, config=Config())
    async with app.run_test(size=SIZE) as pilot:
        await aligned(app, pilot)
        screen = app.screen
        screen.found = SearchResult(LAST_QUERY, tuple(search(articles, LAST_QUERY)), 0)
        for _ in range(presses):
            for key in KEYS:
                if key == "w":
                    screen.change_actions.list_scope = "pair"
                samples[key].append(await press(app, pilot, key))
                if key == "w":
                    # The change list switched to every version, then opened on every version.
                    samples.setdefault("w: tab to all versions", []).append(await press(app, pilot, "tab"))
                    await press(app, pilot, "escape")
                    await aligned(app, pilot)
                    samples.setdefault("w on all versions", []).append(await press(app, pilot, "w"))
                if key in TOGGLES:
                    await aligned(app, pilot)
                    samples[key].append(await press(app, pilot, key))
                if key in MODAL:
                    await press(app, pilot, "escape")
                await aligned(app, pilot)
            # Typing a query: each key, then the wait for its results.
            await press(app, pilot, "slash")
            await press(app, pilot, "ctrl+u")  # the last query is offered: clear it
            await aligned(app, pilot)
            for char in QUERY:
                typing["a key typed"].append(await press(app, pilot, char))
            start = time.perf_counter()
            search_screen = app.screen
            assert isinstance(search_screen, SearchScreen)
            while search_screen.pending:
                await asyncio.sleep(0.002)
            await settle_screen(app, pilot)
            typing["results after the last key"].append(time.perf_counter() - start)
            await press(app, pilot, "escape")
            await aligned(app, pilot)
    return samples, typing


def report(title: str, samples: dict[str, list[float]], typing: dict[str, list[float]]) -> bool:
    print(f"\n{title} (target: p95 < 50 ms; j is the reference)")
    print("  key                         median       p95       max")
    ok = True
    for key, values in samples.items():
        good = p95(values) < 0.050
        ok &= good
        print(f"  {SHOWN.get(key, key):<26} {statistics.median(values) * 1000:7.1f} ms {p95(values) * 1000:7.1f} ms "
              f"{max(values) * 1000:7.1f} ms  {'ok' if good else 'SLOW'}")
    print(f"  search, typing {QUERY!r}:")
    for what, values in typing.items():
        print(f"    {what:28} median {statistics.median(values) * 1000:7.1f} ms  p95 {p95(values) * 1000:7.1f} ms  max {max(values) * 1000:7.1f} ms"
              + (f"  (of which {DEBOUNCE * 1000:.0f} ms is the pause typing must make)" if what.startswith("results") else ""))
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the change views' keys.")
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--versions", type=int, default=200)
    opts = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; terminal {SIZE[0]}x{SIZE[1]}, headless")
    base = seeds()
    ok = report("Seeds (5 versions)", *asyncio.run(bench(base, opts.presses)))
    many = variants(base, opts.versions)
    start = time.perf_counter()
    ok &= report(f"{opts.versions} versions", *asyncio.run(bench(many, opts.presses)))
    print(f"\n(the {opts.versions}-version run took {time.perf_counter() - start:.0f} s, aligning included)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
