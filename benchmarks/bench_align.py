"""Benchmark: storydiff's sentence aligner against two baselines, on the seeds and on long documents.

Run it from the checkout (it takes about two minutes and never needs more than a few GB):

    python benchmarks/bench_align.py                 # seeds, then 1,000 / 10,000 / 50,000 sentences
    python benchmarks/bench_align.py --sizes 1000    # a quick look
    python benchmarks/bench_align.py --json out.json # also write the figures

What is measured
- aligner: `tui.core.align.align_articles` (with word-level ops), in one process, as the reader
  and `storydiff align` run it; its CPU time is given beside its wall time.
- command: the whole `storydiff align --json A B` command (`python -m tui`, as the console script
  runs it) in a fresh process: interpreter start, imports, loading, splitting, aligning and the
  JSON written to a file; the documents are written to files before the clock starts (on the
  seeds: the first version against the four others).
- difflib: each A sentence to its best B sentence by `difflib.SequenceMatcher.ratio` over words,
  with difflib's own `real_quick_ratio`/`quick_ratio` pruning, kept when the ratio >= 0.5.
- cdist: the full `rapidfuzz.process.cdist` matrix of `fuzz.token_set_ratio` (one worker, as
  the aligner has one), best match per row, kept when the score >= 60.

Every measurement runs in a fresh subprocess, so its peak memory (`ru_maxrss`) is its own; the
documents are built (and split into sentences) before the clock starts. Baselines are quadratic:
where a run would take too long or need too much memory they are timed over an evenly spaced
sample of A's sentences against all of B and scaled by the number of rows (each row costs the
same, so this is exact up to noise), and cdist's matrix is not allocated past CDIST_MAX_CELLS;
such figures are marked "~" (extrapolated), with the reason.

Targets (issue 9), each a ratio to a baseline or a bound measured in the same run: the ten seed
pairs under 20 ms after import; 10,000 x 10,000 at least 6x faster than the full cdist matrix and
under 1 GB; 50,000 x 50,000 under 1.5 GB; time growing from 1,000 to 50,000 no faster than n^1.2.
The baselines need numpy: `pip install -e .[bench]`.

The long documents are built from the seeds' sentences with a seeded RNG: version A strings
blocks of consecutive seed sentences and changes 15% of their words (so that repeated seed
sentences stay distinguishable, as sentences of one real long document are); version B moves about
one block in ten elsewhere, drops 5% of the sentences, inserts 5% new ones and changes 20% of the
words of the rest. Each line is one sentence, so the truth is known: accuracy is precision and
recall of the same-content links (partial links are left out) against it.

This file is named bench_*.py and lives outside tests/, so pytest never collects it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = ROOT / "seeds"
DEFAULT_SIZES = (1000, 10000, 50000)
DIFFLIB_THRESHOLD = 0.5
CDIST_THRESHOLD = 60
# Row budgets: past these, a baseline is timed on a sample of rows and scaled.
DIFFLIB_MAX_CELLS = 2_000_000
CDIST_MAX_CELLS = 20_000_000  # also caps the matrix: 20 M one-byte cells
SAMPLE_CELLS = 2_000_000


# --------------------------------------------------------------------------- documents


def _articles(paths):
    from tui.core.model import Article

    return [Article(path=str(p), text=p.read_text(encoding="utf-8")) for p in paths]


def seed_sentences() -> list[str]:
    out = []
    for art in _articles(sorted(SEEDS.glob("*.txt"))):
        out += [s.text for s in art.sentences if len(s.text.split()) >= 4]
    return out


def _pseudo_vocab(rng: random.Random, n: int) -> list[str]:
    """Made-up words with distinct five-letter prefixes: the long tail of a real vocabulary."""
    consonants, vowels = "bcdfghjklmnpqrstvwxz", "aeiou"
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        w = "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(rng.randint(3, 4)))
        if w[:5] not in seen:
            seen.add(w[:5])
            out.append(w)
    return out


def _perturb(rng: random.Random, text: str, p: float, vocab: list[str], pool_words: list[str]) -> str:
    words = text.split()
    out = []
    for w in words:
        r = rng.random()
        if r < p * 0.5:
            out.append(rng.choice(vocab))
        elif r < p * 0.75:
            out.append(rng.choice(pool_words))
        elif r < p:
            continue  # dropped
        else:
            out.append(w)
    return " ".join(out or words[:1])


def build_pair(n: int, seed: int = 1) -> tuple[list[str], list[str], list[int | None]]:
    """Versions A and B of about `n` sentences each, and for each B line the A line it came from."""
    rng = random.Random(seed)
    pool = seed_sentences()
    pool_words = [w for s in pool for w in s.split()]
    vocab = _pseudo_vocab(rng, max(20000, 4 * n))
    a: list[str] = []
    while len(a) < n:
        k = rng.randrange(len(pool))
        for s in pool[k : k + rng.randint(3, 12)]:
            a.append(_perturb(rng, s, 0.15, vocab, pool_words))
    a = a[:n]
    blocks, i = [], 0
    while i < n:
        m = rng.randint(3, 12)
        blocks.append(range(i, min(n, i + m)))
        i += m
    for _ in range(len(blocks) // 10):
        blocks.insert(rng.randrange(len(blocks)), blocks.pop(rng.randrange(len(blocks))))
    b: list[str] = []
    truth: list[int | None] = []
    for block in blocks:
        for i in block:
            if rng.random() < 0.05:
                continue
            if rng.random() < 0.05:
                b.append(_perturb(rng, rng.choice(pool), 0.15, vocab, pool_words))
                truth.append(None)
            b.append(_perturb(rng, a[i], 0.2, vocab, pool_words))
            truth.append(i)
    return a, b, truth


# --------------------------------------------------------------------------- methods


def _line_pairs_aligner(a_art, b_art) -> set[tuple[int, int]]:
    from tui.core.align import align_articles

    alignment = align_articles(a_art, b_art)
    pa = [s.paragraph for s in a_art.sentences]
    pb = [s.paragraph for s in b_art.sentences]
    return {(pa[i], pb[j]) for link in alignment.links if link.kind.value != "partial" for i in link.a for j in link.b}


def _rows(n_rows: int, n_cols: int, max_cells: int) -> tuple[list[int], str]:
    """All rows, or an evenly spaced sample when the full run would pass `max_cells`."""
    if n_rows * n_cols <= max_cells:
        return list(range(n_rows)), ""
    k = max(1, SAMPLE_CELLS // max(1, n_cols))
    step = n_rows / k
    return [int(x * step) for x in range(k)], f"timed on {k} of {n_rows} rows and scaled"


def _difflib_best(a: list[str], b: list[str], rows: list[int]) -> set[tuple[int, int]]:
    from difflib import SequenceMatcher

    bw = [s.split() for s in b]
    out = set()
    sm = SequenceMatcher(autojunk=False)
    for i in rows:
        sm.set_seq2(a[i].split())
        best, best_j = DIFFLIB_THRESHOLD, None
        for j, words in enumerate(bw):
            sm.set_seq1(words)
            if sm.real_quick_ratio() > best and sm.quick_ratio() > best:
                r = sm.ratio()
                if r > best:
                    best, best_j = r, j
        if best_j is not None:
            out.add((i, best_j))
    return out


def _cdist_best(a: list[str], b: list[str], rows: list[int]) -> set[tuple[int, int]]:
    import numpy as np
    from rapidfuzz import fuzz, process, utils

    m = process.cdist(
        [a[i] for i in rows], b, scorer=fuzz.token_set_ratio, processor=utils.default_process, dtype=np.uint8, workers=1
    )
    best = m.argmax(axis=1)
    score = m[np.arange(len(rows)), best]
    return {(rows[r], int(best[r])) for r in range(len(rows)) if score[r] >= CDIST_THRESHOLD}


def _accuracy(pairs: set[tuple[int, int]], truth: list[int | None], rows: list[int] | None = None) -> dict:
    true = {(i, j) for j, i in enumerate(truth) if i is not None}
    if rows is not None:
        keep = set(rows)
        true = {p for p in true if p[0] in keep}
    hit = len(pairs & true)
    return {"precision": round(hit / len(pairs), 3) if pairs else 0.0, "recall": round(hit / len(true), 3) if true else 0.0}


def command(size: str) -> dict:
    """The whole `align --json` command on the pair of `size`, timed from outside."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        if size == "seeds":
            paths = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
        else:
            a, b, _ = build_pair(int(size))
            paths = [str(Path(tmp, "a.txt")), str(Path(tmp, "b.txt"))]
            for path, lines in zip(paths, (a, b)):
                Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
        out = Path(tmp, "out.json")
        with open(out, "wb") as stream:
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "tui", "align", "--json", *paths], stdout=stream, check=True, cwd=ROOT)
            elapsed = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        return {"method": "command", "size": size, "seconds": elapsed, "peak_mb": round(peak, 1), "added_mb": 0.0,
                "note": "", "detail": f"whole command, {out.stat().st_size / 2**20:.1f} MB of JSON written"}


def worker(method: str, size: str) -> dict:
    """One measurement, in this (fresh) process; prints its figures as JSON."""
    if method == "command":
        return command(size)
    import tui.core.align  # noqa: F401  (import cost is not what is measured)

    if size == "seeds":
        arts = _articles(sorted(SEEDS.glob("*.txt")))
        pairs = [(x, y) for k, x in enumerate(arts) for y in arts[k + 1 :]]
        texts = [([s.text for s in x.sentences], [s.text for s in y.sentences]) for x, y in pairs]
        truth = None
    else:
        a, b, truth = build_pair(int(size))
        from tui.core.model import Article

        pairs = [(Article(path="a", text="\n".join(a) + "\n"), Article(path="b", text="\n".join(b) + "\n"))]
        texts = [(a, b)]
    for x, y in pairs:  # split before the clock starts
        x.sentences, y.sentences
    rss_before = _current_rss_mb()
    note = ""
    found: set = set()
    rows_used = None
    cpu0 = _cpu_seconds()
    t0 = time.perf_counter()
    t_warm = None
    if method == "aligner":
        for x, y in pairs:
            found = _line_pairs_aligner(x, y)
        elapsed = time.perf_counter() - t0
        cpu = _cpu_seconds() - cpu0
        if size == "seeds":  # later passes: caches of sentence terms and tokens are warm
            t_warm = math.inf
            for _ in range(5):
                t1 = time.perf_counter()
                for x, y in pairs:
                    _line_pairs_aligner(x, y)
                t_warm = min(t_warm, time.perf_counter() - t1)
    else:
        scale = 1.0
        for ta, tb in texts:
            cap = DIFFLIB_MAX_CELLS if method == "difflib" else CDIST_MAX_CELLS
            rows, note = _rows(len(ta), len(tb), cap)
            scale = len(ta) / len(rows)
            found = (_difflib_best if method == "difflib" else _cdist_best)(ta, tb, rows)
            rows_used = rows if note else None
    if method != "aligner":
        elapsed = (time.perf_counter() - t0) * scale
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    out = {"method": method, "size": size, "seconds": elapsed, "peak_mb": round(peak, 1),
           "added_mb": round(max(0.0, peak - rss_before), 1), "note": note}
    if method == "aligner":
        out["cpu_seconds"] = cpu
    if method == "aligner" and size == "seeds":
        out["warm_seconds"] = t_warm
    if method == "cdist" and note:
        n = len(texts[0][0])
        out["matrix_mb"] = round(n * len(texts[0][1]) / 2**20, 1)
    if truth is not None:
        out.update(_accuracy(found, truth, rows_used))
    return out


def _cpu_seconds() -> float:
    """User + sys time of this process."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


# --------------------------------------------------------------------------- driver


def run(method: str, size: str, timeout: float) -> dict:
    cmd = [sys.executable, __file__, "--worker", method, size]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"method": method, "size": size, "skipped": f"over {timeout:.0f} s"}
    if proc.returncode != 0:
        return {"method": method, "size": size, "skipped": proc.stderr.strip().splitlines()[-1:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="sentences per side, comma separated")
    ap.add_argument("--json", help="also write the results to this file")
    ap.add_argument("--timeout", type=float, default=300, help="seconds before a measurement is given up")
    ap.add_argument("--worker", nargs=2, metavar=("METHOD", "SIZE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(*args.worker)))
        return

    sizes = ["seeds"] + [s for s in args.sizes.split(",") if s]
    results = []
    print(f"{'size':>7} {'method':8} {'time s':>10} {'peak MB':>8} {'+MB':>7} {'prec':>6} {'recall':>6}  x aligner  note")
    for size in sizes:
        row = {}
        for method in ("aligner", "command", "difflib", "cdist"):
            r = run(method, size, args.timeout)
            row[method] = r
            results.append(r)
        base = row["aligner"].get("seconds")
        for method in ("aligner", "command", "difflib", "cdist"):
            r = row[method]
            if "skipped" in r:
                print(f"{size:>7} {method:8} {'skipped':>10}  {r['skipped']}")
                continue
            mark = "~" if r["note"] else " "
            ratio = f"{r['seconds'] / base:9.1f}x" if base and method not in ("aligner", "command") else " " * 10
            extra = r.get("detail", r["note"])
            if "cpu_seconds" in r:
                extra = f"CPU {r['cpu_seconds']:.3f} s"
            if "warm_seconds" in r:
                extra += f"; first pass (cold caches); warm, best of 5: {r['warm_seconds'] * 1000:.1f} ms"
            if "matrix_mb" in r:
                extra += f"; full matrix would need {r['matrix_mb']:.0f} MB"
            print(
                f"{size:>7} {method:8} {mark}{r['seconds']:9.3f} {r['peak_mb']:8.0f} {r['added_mb']:7.0f}"
                f" {r.get('precision', ''):>6} {r.get('recall', ''):>6} {ratio}  {extra}"
            )
    timed = {int(r["size"]): r["seconds"] for r in results if r["method"] == "aligner" and r["size"] != "seeds" and "seconds" in r}
    sizes_timed = sorted(timed)
    if len(sizes_timed) >= 2:
        lo, hi = sizes_timed[0], sizes_timed[-1]
        k = math.log(timed[hi] / timed[lo]) / math.log(hi / lo)
        print(f"aligner growth exponent {lo:,} -> {hi:,} (log-log): {k:.2f} (target: at most 1.2)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
