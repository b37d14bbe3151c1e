"""Workloads for the reader benchmarks: many republications of one story, and long articles.

    python benchmarks/workloads.py many OUT_DIR --n 200 [--html] [--seed-file seeds/000_*.txt]
    python benchmarks/workloads.py long OUT_DIR --mb 1

The newsroom case is one wire story republished, trimmed and rewritten by dozens or hundreds of
outlets. `republications` makes N of them from one seed with a seeded RNG, each:
- with one or two paragraphs moved elsewhere,
- about 10% of its sentences dropped and as many inserted (sentences from the other seed
  versions, i.e. the same story told by someone else),
- 10-30% of the words of the rest changed (replaced by a word of the story, dropped or doubled),
- its site's furniture: a navigation line, a byline with a date, "Advertisement", "Read more:"
  and sharing lines, a copyright line;
- optionally saved as an HTML page of about 90 KB (navigation, scripts and styles around one
  <article>, as real saved pages are), with the site name and date in its metadata.
`long_pair` makes two versions of one long article (1 MB, 3 MB) from the seeds' sentences, the
second with moved blocks, dropped and inserted sentences and reworded words (`bench_align`'s pair).

Nothing here is tuned to what storydiff finds: the edits are random, only their rates are set.
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

_SITE_WORDS = ("Herald", "Courier", "Tribune", "Daily", "Post", "Gazette", "Observer", "Ledger", "Times", "Wire", "Sentinel", "Report")
_PLACES = ("Riverton", "Lakeside", "Northfield", "Bayview", "Granite", "Westbrook", "Maple", "Harbor", "Summit", "Pinecrest")
_SECTIONS = ("Home", "News", "Politics", "World", "Business", "Opinion", "Sports", "Video", "Podcasts", "Newsletters")


def _paragraphs(text: str) -> list[list[str]]:
    """The seed's paragraphs (blank-line separated), each a list of its sentences."""
    from tui.core.sentences import split_sentences

    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        sentences = [s.text for s in split_sentences(block)]
        if sentences:
            out.append(sentences)
    return out


def _reword(rng: random.Random, sentence: str, rate: float, vocab: list[str]) -> str:
    words = sentence.split()
    out: list[str] = []
    for word in words:
        if rng.random() >= rate:
            out.append(word)
            continue
        roll = rng.random()
        if roll < 0.6:
            out.append(rng.choice(vocab))
        elif roll < 0.8:
            continue  # dropped
        else:
            out += [word, rng.choice(vocab)]
    return " ".join(out or words[:1])


def _site(rng: random.Random, k: int) -> tuple[str, str]:
    name = f"The {rng.choice(_PLACES)} {rng.choice(_SITE_WORDS)}"
    return name, f"{name.lower().replace('the ', '').replace(' ', '')}{k}.example"


def republications(seed_text: str, others: list[str], n: int, seed: int = 13) -> list[dict]:
    """N republications of `seed_text`: dicts with name, site, date, title, text (paragraphs
    separated by blank lines, furniture lines included)."""
    rng = random.Random(seed)
    paragraphs = _paragraphs(seed_text)
    pool = [s for text in others for p in _paragraphs(text) for s in p] or [s for p in paragraphs for s in p]
    vocab = [w for p in paragraphs for s in p for w in s.split() if w.isalpha() and len(w) > 3]
    out = []
    for k in range(n):
        rate = rng.uniform(0.10, 0.30)
        paras = [list(p) for p in paragraphs]
        head, body = paras[0], paras[1:]
        for _ in range(rng.randint(1, 2)):  # moved paragraphs
            if len(body) > 2:
                body.insert(rng.randrange(len(body)), body.pop(rng.randrange(len(body))))
        new_body = []
        for para in body:
            kept = []
            for sentence in para:
                if rng.random() < 0.10:
                    continue  # dropped
                kept.append(_reword(rng, sentence, rate, vocab))
                if rng.random() < 0.10:
                    kept.append(_reword(rng, rng.choice(pool), rate, vocab))  # inserted
            if kept:
                new_body.append(kept)
        title = _reword(rng, " ".join(head), rate / 2, vocab)
        site, host = _site(rng, k)
        date = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
        furniture_top = [" | ".join(rng.sample(_SECTIONS, 6)), f"By {site} staff · {date}", "Advertisement"]
        furniture_end = [f"Read more: {rng.choice(pool)[:60]}", "Share this article: Facebook · X · Email",
                         f"© 2026 {site}. All rights reserved."]
        paragraphs_out = [" ".join(p) for p in new_body]
        middle = len(paragraphs_out) // 2
        paragraphs_out.insert(middle, "Advertisement")
        text = "\n\n".join([*furniture_top[:2], title, furniture_top[2], *paragraphs_out, *furniture_end]) + "\n"
        out.append({"name": f"{k:03d}_{host.split('.')[0]}", "site": site, "host": host, "date": date,
                    "title": title, "paragraphs": paragraphs_out, "text": text})
    return out


def html_page(version: dict, rng: random.Random, target_bytes: int = 90_000) -> str:
    """The version as a saved news page: its text in an <article>, furniture around it."""
    esc = html.escape
    nav = "".join(f'<li><a href="/{s.lower()}/{i}">{s}</a></li>' for i in range(12) for s in _SECTIONS)
    body = "".join(f"<p>{esc(p)}</p>\n" for p in version["paragraphs"])
    related = "".join(f'<li><a href="/story/{rng.randrange(10**6)}">{esc(version["title"][:50])} {i}</a></li>' for i in range(20))
    page = (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{esc(version['title'])} | {esc(version['site'])}</title>"
        f"<meta property=\"og:site_name\" content=\"{esc(version['site'])}\">"
        f"<meta property=\"article:published_time\" content=\"{version['date']}T09:00:00Z\">"
        "<style>{STYLE}</style><script>{SCRIPT}</script></head><body>"
        f"<header><nav><ul>{nav}</ul></nav></header><main><article>"
        f"<h1>{esc(version['title'])}</h1><p class=\"byline\">By {esc(version['site'])} staff</p>{body}</article>"
        f"<aside><h2>Related</h2><ul>{related}</ul></aside></main>"
        f"<footer><p>© 2026 {esc(version['site'])}. All rights reserved.</p></footer></body></html>\n"
    )
    filler = max(0, target_bytes - len(page.encode()))
    style = "".join(f".c{i}{{margin:{i % 9}px;color:#{i % 4096:03x}}}" for i in range(filler // 60))
    script = "var t=[" + ",".join(str(rng.randrange(10**6)) for _ in range(filler // 14)) + "];"
    return page.replace("{STYLE}", style).replace("{SCRIPT}", script)


def write_many(out_dir: Path, n: int, html_pages: bool = False, seed_file: Path | None = None, seed: int = 13) -> list[Path]:
    """Write N republications of the seed (000 by default) as .txt files or saved .html pages."""
    seeds = sorted(SEEDS.glob("*.txt"))
    seed_file = seed_file or seeds[0]
    others = [p.read_text(encoding="utf-8") for p in seeds if p != seed_file]
    versions = republications(seed_file.read_text(encoding="utf-8"), others, n, seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed + 1)
    paths = []
    for version in versions:
        path = out_dir / (version["name"] + (".html" if html_pages else ".txt"))
        path.write_text(html_page(version, rng) if html_pages else version["text"], encoding="utf-8")
        paths.append(path)
    return paths


def long_pair(megabytes: float, seed: int = 1) -> tuple[str, str]:
    """Two versions of one long article of about `megabytes` MB each, in paragraphs of five
    sentences (the pair of `bench_align.build_pair`)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_align import build_pair

    n = max(10, int(megabytes * 2**20 / 155))  # the seeds' sentences average about 155 bytes
    a, b, _ = build_pair(n, seed)

    def join(lines: list[str]) -> str:
        return "\n\n".join(" ".join(lines[i : i + 5]) for i in range(0, len(lines), 5)) + "\n"

    return join(a), join(b)


def write_long(out_dir: Path, megabytes: float) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / f"long_{megabytes:g}mb_a.txt", out_dir / f"long_{megabytes:g}mb_b.txt"]
    for path, text in zip(paths, long_pair(megabytes)):
        path.write_text(text, encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="kind", required=True)
    many = sub.add_parser("many", help="N republications of one seed")
    many.add_argument("out", type=Path)
    many.add_argument("--n", type=int, default=200)
    many.add_argument("--html", action="store_true", help="save them as HTML pages")
    many.add_argument("--seed-file", type=Path)
    long = sub.add_parser("long", help="two versions of one long article")
    long.add_argument("out", type=Path)
    long.add_argument("--mb", type=float, default=1.0)
    opts = parser.parse_args(argv)
    if opts.kind == "many":
        paths = write_many(opts.out, opts.n, opts.html, opts.seed_file)
    else:
        paths = write_long(opts.out, opts.mb)
    print(f"{len(paths)} files in {opts.out} ({sum(p.stat().st_size for p in paths) / 2**20:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
