"""Benchmark the keys of the change views: latency per press, on the seeds and on 200 versions.

    python benchmarks/bench_change_keys.py                 # 30 presses per key, seeds and 200 versions
    python benchmarks/bench_change_keys.py --presses 50 --versions 50

Measured as the pilot sees it: from `pilot.press(key)` until `pilot.pause()` returns, that is the
key handled and the screen refreshed, once every alignment of the version read is done (the
worker classifies them; a key never does). A screen a key opens (w, /, S) is timed opening and
then closed with escape (not timed); after `w` (this pair), `tab` to all versions is timed too,
and `w` opening the list on all versions at once. Target: p95 < 50 ms per key. `j` (next sentence, no
change work at all) is the reference: what the pilot and a repaint cost by themselves.

The 200 versions are the five seeds, each copied 40 times with a figure changed, a name
respelled, a word swapped and a sentence dropped at random (seeded), so every pair has changes
of several types.
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.app import StorydiffApp  # noqa: E402
from tui.config import Config  # noqa: E402
from tui.core.loading import default_seeds_dir, load_paths  # noqa: E402
from tui.core.model import Article  # noqa: E402
from tui.core.search import search  # noqa: E402
from tui.screens.search import SearchResult  # noqa: E402

SIZE = (120, 40)
KEYS = ("j", "n", "p", "c", "N", "number_sign", "quotation_mark", "e", "greater_than_sign", "w", "slash", "S")
MODAL = {"w", "slash", "S"}


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


async def bench(articles: list[Article], presses: int) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {key: [] for key in KEYS}
    app = StorydiffApp(articles, config=Config())
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        matches = search(articles, "Bessent")
        screen.found = SearchResult("Bessent", tuple(matches), 0)
        for _ in range(presses):
            for key in KEYS:
                if key == "w":
                    screen.change_actions.list_scope = "pair"
                start = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                samples[key].append(time.perf_counter() - start)
                if key == "w":
                    # The change list switched to every version, then opened on every version.
                    samples.setdefault("w: tab to all versions", []).append(await timed(pilot, "tab"))
                    await pilot.press("escape")
                    await pilot.pause()
                    samples.setdefault("w on all versions", []).append(await timed(pilot, "w"))
                if key in MODAL:
                    await pilot.press("escape")
                    await pilot.pause()
                await app.workers.wait_for_complete()
    return samples


async def timed(pilot, key: str) -> float:
    start = time.perf_counter()
    await pilot.press(key)
    await pilot.pause()
    return time.perf_counter() - start


def report(title: str, samples: dict[str, list[float]]) -> bool:
    print(f"\n{title} (target: p95 < 50 ms)")
    print("  key                         median      p95      max")
    ok = True
    for key, values in samples.items():
        values = sorted(values)
        p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
        ok &= p95 < 0.050
        print(f"  {key:<26} {statistics.median(values) * 1000:6.1f} ms {p95 * 1000:6.1f} ms {values[-1] * 1000:6.1f} ms  {'ok' if p95 < 0.050 else 'SLOW'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the change views' keys.")
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument("--versions", type=int, default=200)
    opts = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; terminal {SIZE[0]}x{SIZE[1]}, headless")
    base = seeds()
    ok = report("Seeds (5 versions)", asyncio.run(bench(base, opts.presses)))
    many = variants(base, opts.versions)
    start = time.perf_counter()
    ok &= report(f"{opts.versions} versions", asyncio.run(bench(many, opts.presses)))
    print(f"\n(the {opts.versions}-version run took {time.perf_counter() - start:.0f} s, aligning included)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
