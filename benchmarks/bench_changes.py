"""Benchmark: what change classification adds to aligning the seeds.

    python benchmarks/bench_changes.py [--repeat 9]

Each run is a fresh process (the script starts itself with --worker) that loads the five seed
versions, splits them into sentences, then times, once each and in this order:
- align: the ten pairs (every version with every other) aligned with word-level ops, as
  `storydiff align` does;
- classify: the same ten alignments classified (`tui.core.changes.find_changes`: boilerplate
  found and set aside, then every change);
so both are timed cold, as a user's command runs them: every cache (the aligner's and the
classifier's) starts empty. Within the worker both are then timed again, warm (caches filled),
as the median of five further passes. Figures are medians over `--repeat` fresh runs. The
issue's target: classification adds at most 30% to the alignment time.

This file is named bench_*.py and lives outside tests/, so pytest never collects it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def worker() -> dict:
    from tui.core.align import align_articles
    from tui.core.changes import find_changes
    from tui.core.loading import load_paths

    articles, _ = load_paths([str(ROOT / "seeds")])
    for article in articles:
        _ = article.sentences
    pairs = list(combinations(articles, 2))
    t0 = time.perf_counter()
    alignments = [align_articles(a, b) for a, b in pairs]
    t1 = time.perf_counter()
    for alignment in alignments:
        find_changes(alignment)
    t2 = time.perf_counter()
    warm_align, warm_classify = [], []
    for _ in range(5):
        t3 = time.perf_counter()
        alignments = [align_articles(a, b) for a, b in pairs]
        t4 = time.perf_counter()
        for alignment in alignments:
            find_changes(alignment)
        warm_align.append(t4 - t3)
        warm_classify.append(time.perf_counter() - t4)
    return {"align": t1 - t0, "classify": t2 - t1, "warm_align": statistics.median(warm_align),
            "warm_classify": statistics.median(warm_classify)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker()))
        return 0
    runs = [json.loads(subprocess.run([sys.executable, __file__, "--worker"], capture_output=True, text=True,
                                      check=True, cwd=ROOT).stdout) for _ in range(args.repeat)]
    med = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    print(f"10 seed pairs, median of {args.repeat} fresh runs")
    for label, a, c in (("cold (first pass)", "align", "classify"), ("warm (caches filled)", "warm_align", "warm_classify")):
        print(f"  {label:<21} align {med[a] * 1000:7.1f} ms   classify {med[c] * 1000:7.1f} ms   "
              f"classification adds {med[c] / med[a]:.0%}")
    print("target: classification adds at most 30%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
