"""Benchmark: what change classification adds to alignment, on the seeds and on a long pair.

    python benchmarks/bench_changes.py                      # seeds x 11 runs, then 1,000 and 10,000 sentences x 3
    python benchmarks/bench_changes.py --repeat 5 --sizes 1000 --long-repeat 1   # a quick look
    python benchmarks/bench_changes.py --json out.json      # also write every run's figures
    python benchmarks/bench_changes.py --stages             # where a cold pass on the seeds spends its time
    python benchmarks/bench_changes.py --marginal           # what each detector adds, cold and warm

Each run is a fresh process (the script starts itself with --worker), so every cache (the
aligner's and the classifier's) starts empty, as when a user runs `storydiff align`:
- seeds: the five seed versions are loaded and split into sentences before the clock starts;
  then the ten pairs (every version with every other) are aligned with word-level ops, as
  `storydiff align` does, and the ten alignments classified (`tui.core.changes.find_changes`:
  boilerplate found and set aside, then every change), once each: that is the cold pass. Both
  are then timed again, warm (caches filled), as the median of five further passes.
- long pair (`--sizes`): version A and B of n sentences built as `bench_align.py` builds them
  (seed sentences, words changed, blocks moved, sentences dropped and inserted), split before
  the clock starts, then aligned and classified once.
The cold pass includes filling every cache of the classifier (readings of sentences and
stretches, the per-article quotation spans and folded texts) and the patterns built on the fly
(`re`'s own cache), but not importing `tui.core.changes`: its lexicon patterns are compiled at
import, before the clock starts, as they are once per `storydiff` process.
Alignment and classification are timed in the same process, one after the other, so their
ratio (what classification adds to alignment) holds up when the machine is busy: each run's
ratio is taken, then their median and maximum. Wall time is shown; the ratio is also given in
CPU time (user + system of the process), which another process's load does not inflate.
`--stages` instead times each stage of one cold pass on the seeds (each detector, boilerplate,
the sentences with no counterpart, the rest), in CPU time, median of the fresh runs: each stage
is timed where `tui.core.changes` calls it, so it includes the readings it is the first to make
(the timing itself adds a few per cent to the total).
`--marginal` answers another question: what each detector costs on top of the others, in CPU
time, cold and warm: the pass with every detector, less the pass without that one (median of the
fresh runs, each run timing every variant in turn). `--stages` charges a reading several detectors
share (a sentence's words) to the first that makes it; here a detector is charged only what the
others do not read anyway, which is what making it cheaper, or dropping it, would save.
The issue's target: classification adds at most 30% to the alignment time. Growth from the
smallest to the largest long pair is the log-log slope of the median classification time (1.0
is linear), in wall and in CPU time.

This file is named bench_*.py and lives outside tests/, so pytest never collects it.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

WARM_PASSES = 5
TARGET = 0.30


def _clock() -> tuple[float, float]:
    """Wall and CPU time now."""
    return time.perf_counter(), time.process_time()


def _since(t0: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = _clock()
    return wall - t0[0], cpu - t0[1]


def seeds_worker() -> dict:
    from tui.core.align import align_articles
    from tui.core.changes import find_changes
    from tui.core.loading import load_paths

    articles, _ = load_paths([str(ROOT / "seeds")])
    for article in articles:
        _ = article.sentences
    pairs = list(combinations(articles, 2))
    t0 = _clock()
    alignments = [align_articles(a, b) for a, b in pairs]
    align = _since(t0)
    t0 = _clock()
    for alignment in alignments:
        find_changes(alignment)
    classify = _since(t0)
    warm: list[tuple[tuple[float, float], tuple[float, float]]] = []
    for _ in range(WARM_PASSES):
        t0 = _clock()
        alignments = [align_articles(a, b) for a, b in pairs]
        warm_align = _since(t0)
        t0 = _clock()
        for alignment in alignments:
            find_changes(alignment)
        warm.append((warm_align, _since(t0)))
    return {
        "cold": _figures(align, classify),
        "warm": {key: statistics.median(_figures(a, c)[key] for a, c in warm) for key in _figures((1, 1), (1, 1))},
    }


def stages_worker() -> dict:
    """One cold pass on the seeds, its CPU time split by stage."""
    import tui.core.changes as changes
    from tui.core.align import align_articles
    from tui.core.loading import load_paths

    spent: dict[str, float] = {}

    def timed(name: str, stage):
        def run(*args):
            t0 = time.process_time()
            try:
                return stage(*args)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - t0
        return run

    changes.DETECTORS = tuple(timed(d.__name__, d) for d in changes.DETECTORS)
    for name in ("find_boilerplate", "unlinked_quotes", "unlinked_attributions"):
        setattr(changes, name, timed(name, getattr(changes, name)))
    articles, _ = load_paths([str(ROOT / "seeds")])
    for article in articles:
        _ = article.sentences
    t0 = time.process_time()
    alignments = [align_articles(a, b) for a, b in combinations(articles, 2)]
    align = time.process_time() - t0
    t0 = time.process_time()
    for alignment in alignments:
        changes.find_changes(alignment)
    total = time.process_time() - t0
    return {"align": align, "classify": total} | spent | {"rest": total - sum(spent.values())}


def marginal_worker(dropped: str) -> dict:
    """A cold and a warm pass on the seeds with one detector left out ("" for none), CPU time."""
    import tui.core.changes as changes
    from tui.core.align import align_articles
    from tui.core.loading import load_paths

    changes.DETECTORS = tuple(d for d in changes.DETECTORS if d.__name__ != dropped)
    articles, _ = load_paths([str(ROOT / "seeds")])
    for article in articles:
        _ = article.sentences
    alignments = [align_articles(a, b) for a, b in combinations(articles, 2)]
    passes = []
    for _ in range(1 + WARM_PASSES):
        t0 = time.process_time()
        for alignment in alignments:
            changes.find_changes(alignment)
        passes.append(time.process_time() - t0)
    return {"cold": passes[0], "warm": statistics.median(passes[1:])}


def _marginal(repeat: int) -> None:
    from tui.core.changes import DETECTORS

    names = ["", *(d.__name__ for d in DETECTORS)]
    runs: dict[str, list[dict]] = {name: [] for name in names}
    for _ in range(repeat):  # every variant in turn, so that the machine's load falls on all alike
        for name in names:
            runs[name] += _runs(["marginal", name], 1)
    every = {key: statistics.median(run[key] for run in runs[""]) for key in ("cold", "warm")}
    print(f"CPU ms, median of {repeat} fresh runs; 'adds' = the pass with every detector less the pass without it")
    print(f"  {'every detector':<22} cold {every['cold'] * 1000:6.2f}   warm {every['warm'] * 1000:6.2f}")
    for name in names[1:]:
        without = {key: statistics.median(run[key] for run in runs[name]) for key in ("cold", "warm")}
        print(f"  {name:<22} adds cold {(every['cold'] - without['cold']) * 1000:6.2f}   "
              f"warm {(every['warm'] - without['warm']) * 1000:6.2f}")


def long_worker(size: int) -> dict:
    from bench_align import build_pair

    from tui.core.align import align_articles
    from tui.core.changes import find_changes
    from tui.core.model import Article

    a, b, _ = build_pair(size)
    version_a = Article(path="a", text="\n".join(a) + "\n")
    version_b = Article(path="b", text="\n".join(b) + "\n")
    _ = version_a.sentences, version_b.sentences
    t0 = _clock()
    alignment = align_articles(version_a, version_b)
    align = _since(t0)
    t0 = _clock()
    findings = find_changes(alignment)
    classify = _since(t0)
    return {str(size): _figures(align, classify) | {"links": len(alignment.links), "changes": len(findings.changes)}}


def _figures(align: tuple[float, float], classify: tuple[float, float]) -> dict:
    """One run's times (wall) and ratios (wall and CPU) of classification to alignment."""
    return {"align": align[0], "classify": classify[0], "ratio": classify[0] / align[0],
            "cpu_ratio": classify[1] / align[1] if align[1] > 0 else math.nan, "classify_cpu": classify[1]}


def _runs(args: list[str], repeat: int) -> list[dict]:
    return [json.loads(subprocess.run([sys.executable, __file__, "--worker", *args], capture_output=True, text=True,
                                      check=True, cwd=ROOT).stdout) for _ in range(repeat)]


def _row(label: str, runs: list[dict]) -> str:
    def stat(key: str, scale: float, fmt: str) -> str:
        values = [run[key] for run in runs]
        return f"{statistics.median(values) * scale:{fmt}} / {max(values) * scale:{fmt}}"

    return (f"  {label:<22} align {stat('align', 1000, '8.1f')} ms   classify {stat('classify', 1000, '8.1f')} ms   "
            f"adds {stat('ratio', 100, '4.0f')} %   (CPU: {stat('cpu_ratio', 100, '4.0f')} %)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=11, help="fresh runs on the seeds")
    parser.add_argument("--sizes", default="1000,10000", help="long pairs, sentences per side, comma separated")
    parser.add_argument("--long-repeat", type=int, default=3, help="fresh runs per long pair")
    parser.add_argument("--json", help="also write every run's figures to this file")
    parser.add_argument("--stages", action="store_true", help="time each stage of a cold pass on the seeds instead")
    parser.add_argument("--marginal", action="store_true", help="what each detector adds, cold and warm, instead")
    parser.add_argument("--worker", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        if args.worker == ["stages"]:
            print(json.dumps(stages_worker()))
        elif args.worker[:1] == ["marginal"]:
            print(json.dumps(marginal_worker((args.worker[1:] or [""])[0])))
        else:
            print(json.dumps(long_worker(int(args.worker[0])) if args.worker else seeds_worker()))
        return 0
    if args.marginal:
        _marginal(args.repeat)
        return 0
    if args.stages:
        runs = _runs(["stages"], args.repeat)
        print(f"one cold pass on the seeds, CPU ms, median of {args.repeat} fresh runs")
        for key in runs[0]:
            print(f"  {key:<24} {statistics.median(run[key] for run in runs) * 1000:7.2f}")
        return 0
    results: dict[str, list[dict]] = {}
    seeds = _runs([], args.repeat)
    results["seeds cold"] = [run["cold"] for run in seeds]
    results["seeds warm"] = [run["warm"] for run in seeds]
    sizes = [int(s) for s in args.sizes.split(",") if s]
    for size in sizes:
        results[f"{size:,} sentences"] = [run[str(size)] for run in _runs([str(size)], args.long_repeat)]
    print(f"median / max of fresh runs ({args.repeat} on the seeds, {args.long_repeat} per long pair); "
          "'adds' is classification time as a share of alignment time, run by run")
    print("  seeds: the 10 pairs of the five versions; warm: median of 5 passes with caches filled")
    for label, runs in results.items():
        print(_row(label, runs))
    if len(sizes) >= 2:
        lo, hi = f"{sizes[0]:,} sentences", f"{sizes[-1]:,} sentences"

        def slope(key: str) -> float:
            return math.log(statistics.median(r[key] for r in results[hi])
                            / statistics.median(r[key] for r in results[lo])) / math.log(sizes[-1] / sizes[0])

        print(f"classification growth {sizes[0]:,} -> {sizes[-1]:,} (log-log slope of the median time): "
              f"{slope('classify'):.2f} (CPU time: {slope('classify_cpu'):.2f})")
    print(f"target: classification adds at most {TARGET:.0%}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
