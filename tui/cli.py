"""The `storydiff` command: the reader by default, and subcommands for scripts (`USAGE_EPILOG`).

Exit codes: 0 success, 2 a usage or input error, told in one line. Nothing here prints a
traceback for bad input.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    from .core.changes import Findings

USAGE_EPILOG = """subcommands:
  align A B [C ...] [--json] [--color auto|always|never]
                               align A with each of the other versions and print the links
  report A B [C ...] [--format md|json] [-o FILE]
                               a fact-check report of each other version against A
  export [--format json|jsonld|md|csv] [-o FILE]
                               write every annotation and bookmark
  import FILE.json             restore an export without duplicating what is there
  where                        where notes, config and the sample story live

run 'storydiff SUBCOMMAND --help' for the options of each."""

_OUTPUT = (("-o", "--output"), {"help": "file to write (default: standard output)"})

# Each subcommand's description and arguments, as `argparse` takes them (`where` takes none).
SUBCOMMANDS: dict[str, tuple[str, list[tuple[tuple[str, ...], dict]]]] = {
    "align": ("Align the first version with each of the others.", [
        (("paths",), {"nargs": "+", "help": "two or more article files (or folders)"}),
        (("--json",), {"action": "store_true",
                       "help": "print the align JSON document (a list of documents when more than two versions)"}),
        (("--color",), {"default": "auto", "choices": ("auto", "always", "never"),
                        "help": "colour the listing (auto: when standard output is a terminal); without colour, "
                        "changed words are marked [-old-]{+new+} as git --word-diff=plain does"}),
    ]),
    "report": ("A fact-check report of each version against the first.", [
        (("paths",), {"nargs": "+", "help": "two or more article files (or folders); the first is the base"}),
        (("--format",), {"default": "md", "choices": ("md", "json")}),
        _OUTPUT,
    ]),
    "export": ("Write every annotation and bookmark.", [
        (("--format",), {"default": "json", "choices": ("json", "jsonld", "md", "csv")}),
        _OUTPUT,
    ]),
    "import": ("Restore notes from a JSON export.", [
        (("file",), {"help": "a file written by 'storydiff export --format json'"}),
    ]),
}


class UsageError(Exception):
    """A bad command line, reported in one line with exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print usage and exit; we want one line.
        raise UsageError(message)


def _parse(command: str, args: list[str]) -> argparse.Namespace:
    """`args` parsed for `command`, as `SUBCOMMANDS` describes it."""
    description, arguments = SUBCOMMANDS[command]
    parser = _Parser(prog=f"storydiff {command}", description=description)
    for names, options in arguments:
        parser.add_argument(*names, **options)
    return parser.parse_args(args)


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


def _fail(message: str, code: int = 2) -> int:
    print(f"storydiff: {message}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command, rest = (args[0], args[1:]) if args and args[0] in (*SUBCOMMANDS, "where") else (None, args)
    try:
        if command == "align":
            return _run_align(_parse(command, rest), exit_when_done=argv is None)
        if command == "report":
            return _run_report(_parse(command, rest))
        if command == "where":
            return _run_where(rest)
        if command in ("export", "import"):
            opts = _parse(command, rest)
            from .store.transfer import export_command, import_command

            return export_command(opts.format, opts.output) if command == "export" else import_command(opts.file)
        return _run_reader(_reader_parser().parse_args(args).paths)
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
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def _findings(paths: list[str], command: str, *, skip_errors: bool) -> list[Findings] | int:
    """The first version aligned with each other one, boilerplate set aside and changes
    classified (`core.changes`); or the exit code, once the files that did not load are told.
    With `skip_errors`, as the reader does, the versions that loaded are aligned all the same."""
    from .core.align import align_articles
    from .core.changes import find_changes
    from .core.loading import ALIGN_MAX_ARTICLE_BYTES, load_paths

    articles, errors = load_paths(paths, max_bytes=ALIGN_MAX_ARTICLE_BYTES)
    skipping = skip_errors and len(articles) >= 2
    for error in errors:
        print(f"storydiff: {'skipped ' if skipping else ''}{error}", file=sys.stderr)
    if errors and not skipping:
        return 2
    if len(articles) < 2:
        return _fail(f"{command} needs at least two versions")
    return [find_changes(align_articles(articles[0], other)) for other in articles[1:]]


def _run_align(opts: argparse.Namespace, *, exit_when_done: bool = False) -> int:
    """Align and print; with `exit_when_done` (the process's own command line), end the process
    as soon as the output is flushed: a long alignment makes millions of small objects, which the
    collector would scan, in full, for nothing, and freeing them one by one would take longer
    than writing the output."""
    if exit_when_done:
        gc.disable()
    findings = _findings(opts.paths, "align", skip_errors=True)
    if isinstance(findings, int):
        return findings
    if opts.json:
        from .align_report import alignment_json

        # Boilerplate's partial links set aside (`Findings.alignment`), changes and boilerplate added.
        sys.stdout.write(alignment_json([f.alignment for f in findings], [f.as_json() for f in findings]) + "\n")
    elif opts.color == "never" or (opts.color == "auto" and not sys.stdout.isatty()):
        from .align_report import render_plain

        for f in findings:
            render_plain(f, sys.stdout)
    else:
        import shutil

        from .align_report import render_alignment

        width = shutil.get_terminal_size((80, 24)).columns
        for f in findings:
            render_alignment(f.alignment, sys.stdout, f.changes, width=width)
    if exit_when_done:
        sys.stdout.flush()  # a closed pipe raises here, and `main` reports it as usual
        sys.stderr.flush()
        os._exit(0)
    return 0


def _run_report(opts: argparse.Namespace) -> int:
    """`storydiff report`: write the fact-check report to standard output or a file."""
    import json

    from .report import report_document, report_markdown

    findings = _findings(opts.paths, "report", skip_errors=False)
    if isinstance(findings, int):
        return findings
    if opts.format == "json":
        text = json.dumps(report_document(findings), ensure_ascii=False, indent=1) + "\n"
    else:
        text = report_markdown(findings)
    if not opts.output:
        sys.stdout.write(text)
        return 0
    try:
        with open(opts.output, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as exc:
        return _fail(f"cannot write {opts.output}: {exc.strerror or exc}")
    return 0
def _run_where(rest: list[str]) -> int:
    """Print where the notes database, the config file and the bundled sample story are (and
    the variables that move the first two), one per line, for a user or a backup script."""
    if rest:
        raise UsageError("where takes no arguments")
    from .config import CONFIG_ENV, config_path
    from .core.loading import default_seeds_dir
    from .store import paths

    print(f"notes:   {paths.data_dir() / paths.DB_NAME}   (folder set by {paths.DATA_DIR_ENV})")
    print(f"config:  {config_path()}   (folder set by {CONFIG_ENV})")
    print(f"samples: {default_seeds_dir()}")
    return 0


def _keys_from_terminal() -> str | None:
    """When standard input is a pipe (its text was read as `-`, or it is simply not a terminal),
    put the controlling terminal in its place, so the reader takes keys from the keyboard instead
    of the spent pipe. Returns what went wrong, or None."""
    try:
        if os.isatty(0):
            return None
    except (OSError, ValueError):
        pass
    try:
        tty = os.open("/dev/tty", os.O_RDWR)
    except OSError as exc:
        return f"the reader takes keys from a terminal, and none is available ({exc.strerror or exc})"
    os.dup2(tty, 0)
    os.close(tty)
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - the process's own stdin
    return None


def _run_reader(paths: list[str]) -> int:
    from .core.loading import default_seeds_dir
    from .version_loading import first_version

    # Only the version opened on is read before the first screen; the rest fill in after it.
    articles, errors, pending = first_version(paths or [str(default_seeds_dir())])
    if not articles:
        for error in errors:
            print(f"storydiff: {error}", file=sys.stderr)
        if not errors:
            print("storydiff: nothing to read", file=sys.stderr)
        return 2
    problem = _keys_from_terminal()
    if problem:
        return _fail(problem)
    from .app import StorydiffApp

    app = StorydiffApp(articles, load_errors=[str(e) for e in errors], pending=pending)
    app.run()
    return app.return_code or 0
