"""Benchmark the reader: start-up time and key-press latency.

Run from the repository root (not collected by pytest):

    python benchmarks/bench_reader.py              # defaults: 15 start-ups, 20 presses per key
    python benchmarks/bench_reader.py --runs 31 --presses 50

What is measured, in one run:

(a) Start-up to the first painted screen, headless at 120x40, on the seed versions:
    StorydiffApp against a bare Textual app showing the same three panes as static text (the
    list of titles, the first version and the second version in three Static widgets in a
    Horizontal). Each sample times from constructing the app until its screen is mounted and
    `pilot.pause()` has returned, which runs a compositor refresh, i.e. every visible line has
    been rendered. Articles are loaded beforehand for both. Runs are interleaved, after one
    warm-up run each; the median of each and their ratio are printed (target: ratio <= 1.5).
    Also the cost of a real process start: `python -c "import tui.app"` against
    `python -c "import textual.app"`, median wall time of interleaved runs.

(b) Key-press latency for n, s, ] and j, on the seeds and on two synthetic 1,000-sentence
    versions built from seed sentences, measured two ways:
    - "pilot": from `pilot.press(key)` until `pilot.pause()` returns. Textual's pilot waits for
      the process to go idle after a key (several 20 ms sleeps), so this has a floor that is not
      the app's; the same keys on the bare app (where they do nothing) measure that floor.
    - "direct": from posting the key event to the app until the app and the screen's widgets
      have handled every message it set off (`Pilot._wait_for_screen`, twice) and the screen
      has been painted (what the next frame tick runs, `Screen._on_timer_update`, forced at once
      instead of waiting up to one 1/60 s tick: a compositor refresh alone painted only what an
      earlier tick had marked, so a key's own paint was often left out of its time). This is the app's own latency, and the figure the targets
      are checked against.
    Background alignment is waited for between samples (untimed), so a sample is the key's own
    cost. Median and p90 per key (targets: median < 50 ms on the seeds, < 100 ms on 1,000
    sentences). The direct method uses three private Textual methods (`App._post_message`,
    `Pilot._wait_for_screen`, `Screen._on_timer_update`); Textual is pinned, so they hold.

The data and config directories are pointed at a fresh temporary folder, so the benchmark
never reads the user's config or notes, and the numbers do not depend on them.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

_SCRATCH = tempfile.mkdtemp(prefix="storydiff-bench-")
os.environ["STORYDIFF_DATA_DIR"] = str(Path(_SCRATCH) / "data")
os.environ["STORYDIFF_CONFIG_DIR"] = str(Path(_SCRATCH) / "config")

from textual import events  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.containers import Horizontal  # noqa: E402
from textual.widgets import Static  # noqa: E402

from tui.app import StorydiffApp  # noqa: E402
from tui.config import Config  # noqa: E402
from tui.core.loading import default_seeds_dir, load_paths  # noqa: E402
from tui.core.model import Article  # noqa: E402
from tui.screens.reader import ReaderScreen  # noqa: E402

SIZE = (120, 40)
KEYS = ("n", "s", "right_square_bracket", "j")
KEY_NAMES = {"right_square_bracket": "]"}
KEY_CHARS = {"right_square_bracket": "]"}


class BareApp(App[None]):
    """The baseline: three panes of static text, nothing computed."""

    CSS = """
    Horizontal { height: 1fr; }
    #list { width: 34; border: round $panel; }
    .pane { width: 1fr; border: round $panel; overflow-y: auto; }
    """

    def __init__(self, articles: list[Article]) -> None:
        super().__init__()
        self.articles = articles

    def compose(self) -> ComposeResult:
        titles = "\n\n".join(a.title or a.label for a in self.articles)
        with Horizontal():
            yield Static(titles, id="list", markup=False)
            yield Static(self.articles[0].text, classes="pane", markup=False)
            yield Static(self.articles[1].text, classes="pane", markup=False)


# -- helpers -------------------------------------------------------------------------------------


def median_p90(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p90 = ordered[min(len(ordered) - 1, max(0, round(0.9 * (len(ordered) - 1))))]
    return statistics.median(ordered), p90


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def seed_articles() -> list[Article]:
    articles, errors = load_paths([str(default_seeds_dir())])
    if errors or len(articles) < 2:
        raise SystemExit(f"cannot load the seeds from {default_seeds_dir()}: {errors}")
    return articles


def large_pair(seeds: list[Article], n: int = 1000) -> list[Article]:
    """Two n-sentence versions from seed sentences, one a line: B drops, edits and inserts."""
    sentences = [s.text for a in seeds for s in a.sentences]
    rng = random.Random(7)
    a = [sentences[i % len(sentences)] for i in range(n)]
    rng.shuffle(a)
    b: list[str] = []
    for i, sentence in enumerate(a):
        if i % 9 == 4:
            continue
        words = sentence.split()
        if i % 5 == 2 and len(words) > 3:
            words[len(words) // 2] = "reportedly"
            sentence = " ".join(words)
        b.append(sentence)
        if i % 11 == 3:
            b.append(sentences[(i * 7) % len(sentences)])
    b = (b + sentences * (n // len(sentences) + 1))[:n]
    pair = [
        Article(path="big_a.txt", text="\n".join(a) + "\n", title="Big A"),
        Article(path="big_b.txt", text="\n".join(b) + "\n", title="Big B"),
    ]
    assert all(len(x.sentences) == n for x in pair)
    return pair


async def _settle(app: App, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


# -- (a) start-up --------------------------------------------------------------------------------


async def time_startup(factory: Callable[[], App], wait_for: type | None) -> float:
    start = time.perf_counter()
    app = factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        while wait_for is not None and not isinstance(app.screen, wait_for):
            await pilot.pause()
        elapsed = time.perf_counter() - start
        # Untimed: let the alignment thread finish before the app shuts down.
        await app.workers.wait_for_complete()
    return elapsed


async def bench_startup(runs: int) -> tuple[list[float], list[float]]:
    articles = seed_articles()
    reader = lambda: StorydiffApp(articles, config=Config())  # noqa: E731
    bare = lambda: BareApp(articles)  # noqa: E731
    await time_startup(reader, ReaderScreen)
    await time_startup(bare, None)
    reader_times, bare_times = [], []
    for _ in range(runs):
        reader_times.append(await time_startup(reader, ReaderScreen))
        bare_times.append(await time_startup(bare, None))
    return reader_times, bare_times


def bench_imports(runs: int) -> tuple[list[float], list[float]]:
    env = dict(os.environ)

    def once(module: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True, env=env)
        return time.perf_counter() - start

    once("tui.app")
    once("textual.app")
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(once("tui.app"))
        theirs.append(once("textual.app"))
    return ours, theirs


# -- (b) key latency -----------------------------------------------------------------------------


async def press_direct(app: App, pilot, key: str) -> float:
    """Key event in, everything it set off handled and the screen painted: the app's own latency.

    After posting the key, waits until the app and every widget of the screen have handled all
    messages posted so far (`Pilot._wait_for_screen`, twice, for messages posted in turn by the
    handlers), then paints at once what the next frame tick would (`Screen._on_timer_update`).
    """
    event = events.Key(key, KEY_CHARS.get(key, key))
    event.set_sender(app)
    start = time.perf_counter()
    await app._post_message(event)
    await pilot._wait_for_screen()
    await pilot._wait_for_screen()
    app.screen._on_timer_update()
    return time.perf_counter() - start


async def press_pilot(app: App, pilot, key: str) -> float:
    start = time.perf_counter()
    await pilot.press(key)
    await pilot.pause()
    return time.perf_counter() - start


async def bench_keys(
    factory: Callable[[], App], presses: int, direct: bool = True
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """(pilot samples, direct samples) per key, alternating the two methods."""
    pilot_samples: dict[str, list[float]] = {key: [] for key in KEYS}
    direct_samples: dict[str, list[float]] = {key: [] for key in KEYS}
    app = factory()
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app, pilot)
        for _ in range(presses):
            for key in KEYS:
                methods = [(press_pilot, pilot_samples)] + ([(press_direct, direct_samples)] if direct else [])
                for method, samples in methods:
                    await _settle(app, pilot)
                    samples[key].append(await method(app, pilot, key))
        await app.workers.wait_for_complete()
    return pilot_samples, direct_samples


def report_keys(title: str, results: tuple[dict[str, list[float]], dict[str, list[float]]], floor: dict[str, list[float]], target: float) -> bool:
    pilot_samples, direct_samples = results
    print(f"\n{title} (target: direct median < {target * 1000:.0f} ms)")
    print("       direct: median       p90   |  pilot: median       p90   | pilot floor (bare app) median")
    ok = True
    for key in KEYS:
        med, p90 = median_p90(direct_samples[key])
        pmed, pp90 = median_p90(pilot_samples[key])
        fmed, _ = median_p90(floor[key])
        ok &= med < target
        flag = "ok" if med < target else "SLOW"
        print(f"  {KEY_NAMES.get(key, key):>2}  {ms(med)} {ms(p90)}   |  {ms(pmed)} {ms(pp90)}   | {ms(fmed)}   {flag}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the storydiff reader.")
    parser.add_argument("--runs", type=int, default=15, help="start-ups (and imports) per app")
    parser.add_argument("--presses", type=int, default=20, help="presses per key")
    opts = parser.parse_args(argv)

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; terminal {SIZE[0]}x{SIZE[1]}, headless")

    reader_times, bare_times = asyncio.run(bench_startup(opts.runs))
    reader_med, bare_med = statistics.median(reader_times), statistics.median(bare_times)
    ratio = reader_med / bare_med
    print(f"\nStart-up to first painted screen on the seeds (median of {opts.runs}, interleaved)")
    print(f"  StorydiffApp          {ms(reader_med)}")
    print(f"  bare three-pane app   {ms(bare_med)}")
    print(f"  ratio                 {ratio:7.2f}x   (target <= 1.5x)  {'ok' if ratio <= 1.5 else 'SLOW'}")

    ours, theirs = bench_imports(opts.runs)
    ours_med, theirs_med = statistics.median(ours), statistics.median(theirs)
    print(f"\nProcess start + import (median of {opts.runs}, interleaved)")
    print(f"  python -c 'import tui.app'      {ms(ours_med)}")
    print(f"  python -c 'import textual.app'  {ms(theirs_med)}")
    print(f"  ratio                           {ours_med / theirs_med:7.2f}x")

    seeds = seed_articles()
    floor, _ = asyncio.run(bench_keys(lambda: BareApp(seeds), opts.presses, direct=False))
    seed_ok = report_keys(
        "Key-press latency, seeds (5 versions)",
        asyncio.run(bench_keys(lambda: StorydiffApp(seeds, config=Config()), opts.presses)),
        floor,
        0.050,
    )
    big = large_pair(seeds)
    big_ok = report_keys(
        "Key-press latency, two 1,000-sentence versions",
        asyncio.run(bench_keys(lambda: StorydiffApp(big, config=Config()), opts.presses)),
        floor,
        0.100,
    )
    print(f"\nTargets: start-up {'met' if ratio <= 1.5 else 'MISSED'}, keys on seeds {'met' if seed_ok else 'MISSED'}, "
          f"keys on 1,000 sentences {'met' if big_ok else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
