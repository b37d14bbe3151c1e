"""Benchmark `t` (the collation table) at 200 versions: on a new sentence and on the same one.

    python benchmarks/bench_collation.py                  # 20 presses each, 200 versions, 120x40
    python benchmarks/bench_collation.py --presses 30 --versions 50 --narrow

`bench_change_keys` times `t` on the same sentence each round, which the kept collation
(`tui.screens.collation.Collator`) and the grid's kept lines make cheap; a reader pressing `t`
on one sentence after another pays for a new collation and newly drawn lines each time. So this
times, in the same run: `j` (the reference: a key and a repaint, no collation), `t` after `j`
(a new sentence each time: every sentence of the version read in turn), and `t` again on the
same sentence after escape. Measured as `bench_many.press` measures (posting the key until the
screen is painted); the versions are `bench_change_keys.variants`. Medians, p95 and maxima
of the repeated presses; ratios to `j` are what to compare between runs on a shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_change_keys import aligned, seeds, variants  # noqa: E402
from bench_many import SIZE, p95, press  # noqa: E402  (sets the temporary folders)
from tui.app import StorydiffApp  # noqa: E402
from tui.config import Config  # noqa: E402


async def bench(versions: int, presses: int, size: tuple[int, int]) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {"j (reference)": [], "t on a new sentence": [], "t again, same sentence": []}
    app = StorydiffApp(variants(seeds(), versions), config=Config())
    async with app.run_test(size=size) as pilot:
        await aligned(app, pilot)
        reader = app.screen
        sentences = len(reader.story.articles[reader.reading].sentences)
        for _ in range(presses):
            if reader.current == sentences - 1:
                await press(app, pilot, "g")  # back to the first sentence, untimed
                await aligned(app, pilot)
            samples["j (reference)"].append(await press(app, pilot, "j"))
            await aligned(app, pilot)
            samples["t on a new sentence"].append(await press(app, pilot, "t"))
            await press(app, pilot, "escape")
            await aligned(app, pilot)
            samples["t again, same sentence"].append(await press(app, pilot, "t"))
            await press(app, pilot, "escape")
            await aligned(app, pilot)
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark t on a new sentence and on the same one.")
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--versions", type=int, default=200)
    parser.add_argument("--narrow", action="store_true", help="80x24 rather than 120x40")
    opts = parser.parse_args(argv)
    size = (80, 24) if opts.narrow else SIZE
    samples = asyncio.run(bench(opts.versions, opts.presses, size))
    reference = statistics.median(samples["j (reference)"])
    print(f"{opts.versions} versions, {size[0]}x{size[1]}, {opts.presses} presses (target: p95 < 50 ms)")
    print("  key                         median       p95       max   median / j")
    for key, values in samples.items():
        median = statistics.median(values)
        print(f"  {key:<26} {median * 1000:7.1f} ms {p95(values) * 1000:7.1f} ms {max(values) * 1000:7.1f} ms"
              f"   {median / reference:5.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
