"""Does a process pool pay for extracting saved pages? (issue 13)

Run from the checkout (not collected by pytest):

    python benchmarks/bench_extract_pool.py [--n 200] [--runs 3] [--workers 2]

Reads N generated saved pages (`workloads.py many --html`) the way the reader reads the versions
after its first screen (`tui.version_loading.read_pending`: one thread, one page at a time),
and the same pages through a `concurrent.futures.ProcessPoolExecutor` whose workers call the
same core function (`tui.core.loading.load_planned`), interleaved, in the same run. Prints, for
each, the median and max of the time to the first page and to all pages, and the ratio to the
one-thread reading. The one-thread runs import trafilatura once beforehand (the reader pays that
import once per session); each pool run starts its workers, which import it again.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import workloads  # noqa: E402
from tui.core.loading import LoadError, load_planned, plan_paths  # noqa: E402
from tui.version_loading import PendingVersions, read_pending  # noqa: E402


def _pooled(item: str | LoadError) -> bool:
    try:
        load_planned(item)
        return True
    except LoadError:
        return False


def in_thread(items: list) -> tuple[float, float]:
    start = time.perf_counter()
    first = None
    for _ in read_pending(PendingVersions(items), lambda: False):
        first = first if first is not None else time.perf_counter() - start
    return first or 0.0, time.perf_counter() - start


def in_pool(items: list, workers: int) -> tuple[float, float]:
    start = time.perf_counter()
    first = None
    context = multiprocessing.get_context("spawn")  # forking a threaded reader is unsafe
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for _ in pool.map(_pooled, items, chunksize=4):
            first = first if first is not None else time.perf_counter() - start
    return first or 0.0, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    opts = parser.parse_args()
    import trafilatura  # noqa: F401 - imported once, as the reader does

    with tempfile.TemporaryDirectory() as tmp:
        paths = workloads.write_many(Path(tmp), opts.n, html_pages=True)
        items = plan_paths([str(p) for p in paths])
        samples: dict[str, list[tuple[float, float]]] = {"one thread": [], f"pool of {opts.workers}": []}
        for _ in range(opts.runs):
            samples["one thread"].append(in_thread(items))
            samples[f"pool of {opts.workers}"].append(in_pool(items, opts.workers))
    base_all = statistics.median(t for _, t in samples["one thread"])
    print(f"{opts.n} saved pages, {multiprocessing.cpu_count()} CPUs, {opts.runs} runs each")
    for name, values in samples.items():
        firsts, alls = [f for f, _ in values], [t for _, t in values]
        print(f"  {name:12} first page median {statistics.median(firsts) * 1000:7.0f} ms max {max(firsts) * 1000:7.0f} ms;"
              f"  all median {statistics.median(alls) * 1000:7.0f} ms max {max(alls) * 1000:7.0f} ms"
              f"  ({statistics.median(alls) / base_all:.2f}x one thread)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
