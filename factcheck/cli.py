"""The command line: options parsed into `Options`, a call into the library (run/commands.py),
its exit code; a command's error lines printed and its code returned."""

from __future__ import annotations

import gc
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Optional

import typer

from . import DISTRIBUTION, formats
from .model import STATUSES
from .run import commands
from .run.commands import FAIL_ON, Options, Stop

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Check who said what: which claims are confirmed, contradicted or unaddressed.",
)


# The choices offered are the formats implemented, the diff statuses there are, and the --fail-on levels.
Format = Enum("Format", {name: name for name in formats.FORMATS}, type=str)
Status = Enum("Status", {name: name for name in STATUSES}, type=str)
FailOn = Enum("FailOn", {name: name for name in FAIL_ON}, type=str)


class SchemaKind(str, Enum):
    claims = "claims"
    sources = "sources"
    settings = "settings"


class CI(str, Enum):
    github = "github"


Root = Annotated[Optional[str], typer.Argument(help="Folder holding claims/ and sources/ [default: .]", show_default=False)]
Claims = Annotated[Optional[str], typer.Option("--claims", metavar="DIR", help="Claims folder [default: ROOT/claims]")]
Sources = Annotated[Optional[str], typer.Option("--sources", metavar="DIR", help="Sources folder [default: ROOT/sources]")]
FormatOpt = Annotated[Optional[Format], typer.Option("--format", "-f", help="Output format [default: table; github under GitHub Actions]", show_default=False)]
Output = Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write to FILE, whole or not at all")]
Event = Annotated[Optional[str], typer.Option("--event", metavar="SLUG", help="Only this event")]
Exact = Annotated[bool, typer.Option("--exact-measures", help="Match measures by name and alias only, never by spelling similarity")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No warnings; check prints its summary line only, "
                                                          "unless --format or --output asks for a report")]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Parse and check every file again, and keep nothing in the cache")]
NoColor = Annotated[bool, typer.Option("--no-color", help="No colour (so does the NO_COLOR variable)")]
FailOnOpt = Annotated[FailOn, typer.Option(help="Exit 1 on this or worse")]


def show_version(asked: bool) -> None:
    if asked:
        from importlib.metadata import version  # imported only when asked

        typer.echo(f"factcheck {version(DISTRIBUTION)}")
        raise typer.Exit(0)


@app.callback()
def without_cyclic_gc(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=show_version, is_eager=True,
                                          help="Print factcheck's version and exit")] = False,
) -> None:
    """A run builds millions of small objects that hold no cycles: the cyclic collector's
    repeated passes over them cost more than parsing them (measured: 5.8 s → 3.4 s to load
    100,000 claims). Reference counting still frees everything as it goes, and the collector
    is back on when the command ends, for whoever runs commands in a longer-lived process."""
    if gc.isenabled():
        gc.disable()
        ctx.call_on_close(gc.enable)


def done(command: Callable[[], int]) -> None:
    """Run a library command; its error lines on standard error; its exit code."""
    try:
        code = command()
    except Stop as stop:
        for line in stop.lines:
            typer.echo(line, err=True)
        code = stop.code
    raise typer.Exit(code)


def options(root, claims, sources, format, output, *, fail_on: Enum | None = None, **flags) -> Options:
    return Options(root, claims, sources, format.value if format else None, output,
                   fail_on=fail_on.value if fail_on else "contradicted", **flags)


@app.command()
def check(
    root: Root = None, claims: Claims = None, sources: Sources = None, format: FormatOpt = None,
    output: Output = None, event: Event = None, fail_on: FailOnOpt = FailOn.contradicted,
    exact_measures: Exact = False, no_cache: NoCache = False, quiet: Quiet = False, no_color: NoColor = False,
) -> None:
    """Load and validate everything, match, print a summary and the discrepancies."""
    opts = options(root, claims, sources, format, output, event=event, fail_on=fail_on, exact_measures=exact_measures,
                   no_cache=no_cache, quiet=quiet, no_color=no_color)
    done(lambda: commands.check_or_report("check", opts))


@app.command()
def report(
    root: Root = None, claims: Claims = None, sources: Sources = None, format: FormatOpt = None,
    output: Output = None, event: Event = None, fail_on: FailOnOpt = FailOn.never,
    exact_measures: Exact = False, no_cache: NoCache = False, quiet: Quiet = False, no_color: NoColor = False,
) -> None:
    """The full discrepancy report, event by event."""
    opts = options(root, claims, sources, format, output, event=event, fail_on=fail_on, exact_measures=exact_measures,
                   no_cache=no_cache, quiet=quiet, no_color=no_color)
    done(lambda: commands.check_or_report("report", opts))


@app.command()
def diff(
    source_a: Annotated[str, typer.Argument(metavar="SOURCE_A")],
    source_b: Annotated[str, typer.Argument(metavar="SOURCE_B")],
    root: Root = None, claims: Claims = None, sources: Sources = None, format: FormatOpt = None,
    output: Output = None, event: Event = None,
    only: Annotated[Optional[list[Status]], typer.Option(help="Show only rows of this status (repeatable)")] = None,
    exact_measures: Exact = False, no_cache: NoCache = False, quiet: Quiet = False, no_color: NoColor = False,
) -> None:
    """What two sources say side by side; exit 1 when they conflict anywhere."""
    opts = options(root, claims, sources, format, output, event=event, exact_measures=exact_measures,
                   no_cache=no_cache, quiet=quiet, no_color=no_color)
    done(lambda: commands.diff(source_a, source_b, {s.value for s in only or ()}, opts))


@app.command()
def why(
    claim: Annotated[str, typer.Argument(metavar="CLAIM", help="The id of the claim")],
    root: Root = None, claims: Claims = None, sources: Sources = None, format: FormatOpt = None,
    output: Output = None, exact_measures: Exact = False, no_cache: NoCache = False, quiet: Quiet = False,
    no_color: NoColor = False,
) -> None:
    """The whole reasoning behind one claim's verdict: its value as read, every other claim on
    the same thing and how it bears on it, the verdict and the rule that gave it."""
    opts = options(root, claims, sources, format, output, exact_measures=exact_measures, no_cache=no_cache,
                   quiet=quiet, no_color=no_color)
    done(lambda: commands.why(claim, opts))


@app.command("sources")
def list_sources(
    root: Root = None, claims: Claims = None, sources: Sources = None, format: FormatOpt = None,
    output: Output = None, no_cache: NoCache = False, quiet: Quiet = False, no_color: NoColor = False,
) -> None:
    """The sources with their kind, grade, relays and claim counts by verdict."""
    opts = options(root, claims, sources, format, output, no_cache=no_cache, quiet=quiet, no_color=no_color)
    done(lambda: commands.sources(opts))


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="claims, sources or settings")],
    output: Output = None,
) -> None:
    """The JSON Schema (draft 2020-12) of a kind of file, for editors and check-jsonschema."""
    done(lambda: commands.schema(kind.value, output))


@app.command()
def init(
    folder: Annotated[Optional[str], typer.Argument(metavar="DIR", help="Where [default: .]", show_default=False)] = None,
    ci: Annotated[Optional[CI], typer.Option("--ci", help="Also write a workflow that checks pull requests")] = None,
) -> None:
    """Start a project: folders, commented examples, factcheck.yaml, editor schemas. Never overwrites."""
    done(lambda: commands.init(folder or ".", ci.value if ci else None))


@app.command("import")
def import_sheet(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A sheet: .csv (as Excel or Google Sheets save it) or .xlsx")],
    root: Root = None, claims: Claims = None, sources: Sources = None,
    event: Annotated[Optional[str], typer.Option("--event", metavar="SLUG", help="The event of rows that name none")] = None,
) -> None:
    """Claims from a spreadsheet into new claims files, one per event; checked whole first, never overwriting."""
    done(lambda: commands.import_sheet(file, event, options(root, claims, sources, None, None)))


@app.command()
def extract(
    file: Annotated[str, typer.Argument(metavar="FILE", help="An article's plain text (UTF-8)")],
    source: Annotated[str, typer.Option("--source", metavar="ID", help="The source of what the article says on its own account")],
    event: Annotated[str, typer.Option("--event", metavar="SLUG", help="The event the claims are about")],
    date: Annotated[Optional[str], typer.Option("--date", metavar="YYYY-MM-DD", help="The article's date, which its weekdays count back from [default: the event's date]")] = None,
    root: Root = None, claims: Claims = None, sources: Sources = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write to FILE, a new file (never over one)")] = None,
    quiet: Quiet = False,
) -> None:
    """Claims proposed from an article's text (figures, times, dates, quotes), as YAML to review."""
    done(lambda: commands.extract(file, source, event, date, options(root, claims, sources, None, output, quiet=quiet)))


def main() -> int:
    """The command's exit code (docs/format.md, "Exit codes"); factcheck/__main__.py is the console entry point."""
    try:
        return app(standalone_mode=False) or 0  # typer turns Ctrl-C into exit code 130
    except typer.Abort:
        return 130
    except typer.TyperException as e:  # usage errors: typer's message, exit 2
        e.show()
        return e.exit_code
