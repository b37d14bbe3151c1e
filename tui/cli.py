"""The `storydiff` command: the reader by default, and subcommands for scripts.

    storydiff [PATHS...]                 open the reader (bundled seeds/ when no path is given)
    storydiff align A B [C...] [--json]  align A with each of the others
    storydiff export [--format F] [-o FILE]
    storydiff import FILE.json

Exit codes: 0 success, 2 a usage or input error, told in one line. Nothing here prints a
traceback for bad input.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence

from . import __version__

SUBCOMMANDS = ("align", "export", "import")

USAGE_EPILOG = """subcommands:
  align A B [C ...] [--json]   align A with each of the other versions and print the links
  export [--format json|jsonld|md|csv] [-o FILE]
                               write every annotation and bookmark
  import FILE.json             restore an export without duplicating what is there

run 'storydiff SUBCOMMAND --help' for the options of each."""


class UsageError(Exception):
    """A bad command line, reported in one line with exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print usage and exit; we want one line.
        raise UsageError(message)


def _reader_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="storydiff",
        description="Read the versions of one story side by side, sentence by sentence.",
        epilog=USAGE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", help="article files or folders (.txt .md .html .htm), or - for stdin")
    parser.add_argument("--version", action="version", version=f"storydiff {__version__}")
    return parser


def _align_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="storydiff align", description="Align the first version with each of the others.")
    parser.add_argument("paths", nargs="+", help="two or more article files (or folders)")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the align JSON document (a list of documents when more than two versions)",
    )
    return parser


def _export_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="storydiff export", description="Write every annotation and bookmark.")
    parser.add_argument("--format", default="json", choices=("json", "jsonld", "md", "csv"))
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    return parser


def _import_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="storydiff import", description="Restore notes from a JSON export.")
    parser.add_argument("file", help="a file written by 'storydiff export --format json'")
    return parser


def _fail(message: str, code: int = 2) -> int:
    print(f"storydiff: {message}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in SUBCOMMANDS:
            command, rest = args[0], args[1:]
            if command == "align":
                return _run_align(_align_parser().parse_args(rest), exit_when_done=argv is None)
            if command == "export":
                opts = _export_parser().parse_args(rest)
                from .store.transfer import export_command

                return export_command(opts.format, opts.output)
            opts = _import_parser().parse_args(rest)
            from .store.transfer import import_command

            return import_command(opts.file)
        opts = _reader_parser().parse_args(args)
        return _run_reader(opts.paths)
    except UsageError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `storydiff align ... | head` closes the pipe early; that is not an error.
        _discard_output()
        return 0
    except OSError as exc:
        # Writing the output failed (`> /dev/full`, a disk that filled up): one line, no traceback.
        _discard_output()
        return _fail(f"cannot write the output: {exc.strerror or exc}", 1)


def _discard_output() -> None:
    """Point standard output at the null device, so the interpreter's last flush of what is left
    in its buffer cannot fail again (and turn the exit code into 120) on the way out."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def _run_align(opts: argparse.Namespace, *, exit_when_done: bool = False) -> int:
    """Align and print; with `exit_when_done` (the process's own command line), end the process
    as soon as the output is flushed: freeing the millions of small objects of a long alignment,
    one by one, would take longer than writing it."""
    from .core.align import align_articles
    from .core.loading import ALIGN_MAX_ARTICLE_BYTES, load_paths

    if exit_when_done:
        # The process ends when the output is written, so nothing needs collecting; a long
        # alignment makes millions of objects that the collector would scan, in full, for nothing.
        gc.disable()
    articles, errors = load_paths(opts.paths, max_bytes=ALIGN_MAX_ARTICLE_BYTES)
    if errors:
        for error in errors:
            print(f"storydiff: {error}", file=sys.stderr)
        return 2
    if len(articles) < 2:
        return _fail("align needs at least two versions")
    first, others = articles[0], articles[1:]
    alignments = [align_articles(first, other) for other in others]
    if opts.json:
        from .align_report import alignment_json

        sys.stdout.write(alignment_json(alignments) + "\n")
        return _done(0) if exit_when_done else 0
    from rich.console import Console

    from .align_report import render_alignment

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # Rich's own handler exits with 1; `main` says 0
            raise BrokenPipeError

    console = _Console()
    for alignment in alignments:
        render_alignment(alignment, console)
    return _done(0) if exit_when_done else 0


def _done(code: int) -> int:
    """Flush the output and end the process now, skipping the interpreter's teardown."""
    import os

    sys.stdout.flush()  # a closed pipe raises here, and `main` reports it as usual
    sys.stderr.flush()
    os._exit(code)


def _run_reader(paths: list[str]) -> int:
    from .core.loading import default_seeds_dir, load_paths

    articles, errors = load_paths(paths or [str(default_seeds_dir())])
    if not articles:
        for error in errors:
            print(f"storydiff: {error}", file=sys.stderr)
        if not errors:
            print("storydiff: nothing to read", file=sys.stderr)
        return 2
    from .app import StorydiffApp

    app = StorydiffApp(articles, load_errors=[str(e) for e in errors])
    app.run()
    return app.return_code or 0
