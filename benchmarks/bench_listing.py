"""Benchmark: the readable `storydiff align` listing against `--json` on long inputs.

Run from the checkout (not collected by pytest):

    python benchmarks/bench_listing.py                   # 10,000 sentences a side, 3 runs each
    python benchmarks/bench_listing.py --sizes 1000,10000 --runs 5

Each run is the whole command in a fresh process (`python -m tui align ...`), its output written
to a file: `--json`, the coloured columns (`--color always`, at COLUMNS=120) and the plain
listing (`--color never`), interleaved so that a busy machine slows all three alike. The pair is
the long-document pair of `bench_align.py` (version B moves blocks, drops and inserts sentences
and rewords a fifth of the words). Target (issue 13): the coloured listing's median within 1.5x
of `--json`'s at 10,000 sentences.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_align import build_pair  # noqa: E402

MODES = {"json": ["--json"], "columns": ["--color", "always"], "plain": ["--color", "never"]}


def time_command(args: list[str], out: Path) -> float:
    env = dict(os.environ, COLUMNS="120")
    with open(out, "wb") as stream:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tui", "align", *args], stdout=stream, check=True, cwd=ROOT, env=env)
        return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000", help="sentences per side, comma separated")
    parser.add_argument("--runs", type=int, default=3, help="runs of each mode")
    opts = parser.parse_args(argv)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in opts.sizes.split(",") if s):
            a, b, _ = build_pair(size)
            paths = [Path(tmp, "a.txt"), Path(tmp, "b.txt")]
            for path, lines in zip(paths, (a, b)):
                path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            samples: dict[str, list[float]] = {mode: [] for mode in MODES}
            for _ in range(opts.runs):
                for mode, flags in MODES.items():
                    samples[mode].append(time_command([*flags, *map(str, paths)], Path(tmp, f"out.{mode}")))
            base = statistics.median(samples["json"])
            print(f"\n{size:,} sentences a side, {opts.runs} runs each (whole command, fresh process)")
            print(f"  {'mode':8} {'median s':>9} {'max s':>7} {'x json':>7}  output")
            for mode in MODES:
                med = statistics.median(samples[mode])
                size_mb = Path(tmp, f"out.{mode}").stat().st_size / 2**20
                print(f"  {mode:8} {med:9.2f} {max(samples[mode]):7.2f} {med / base:7.2f}  {size_mb:.1f} MB")
            ratio = statistics.median(samples["columns"]) / base
            met = ratio <= 1.5
            ok &= met
            print(f"  coloured listing / --json: {ratio:.2f}x (target <= 1.5x) {'met' if met else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
