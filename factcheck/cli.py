"""The command line: parses options, calls the library, writes what a format renders."""

from __future__ import annotations

import gc
import os
import shutil
import sys
from dataclasses import replace
from enum import Enum
from typing import Annotated, Optional

import typer

from . import DISTRIBUTION, formats
from .checking.report import Report
from .inert import guard_workflow_commands, inert
from .loading.project import SETTINGS, load_project
from .model import STATUSES, InputError, Project
from .output import Unwritable, check_target, write
from .run.parts import render_in_parts
from .run.pipeline import check as check_project
from .run.pipeline import only_event
from .show import counted
from .store.cache import Cache
from .suggest import did_you_mean
from .worktree import work_tree

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Check who said what: which claims are confirmed, contradicted or unaddressed.",
)


# The choices offered are the formats implemented, and the diff statuses there are.
Format = Enum("Format", {name: name for name in formats.FORMATS}, type=str)


class FailOn(str, Enum):
    contradicted = "contradicted"
    unaddressed = "unaddressed"
    finding = "finding"
    never = "never"


Status = Enum("Status", {name: name for name in STATUSES}, type=str)


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

# What --fail-on counts: each level includes the ones before it.
FAIL_LEVELS = {"contradicted": 1, "unaddressed": 2, "finding": 3, "never": 0}
# The verdicts `check` lists: every claim at or above --fail-on, and the contradicted ones always.
LISTED = {"contradicted": ("contradicted",), "unaddressed": ("contradicted", "unaddressed"),
          "finding": ("contradicted", "unaddressed"), "never": ("contradicted",)}


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


def fail(message: str) -> typer.Exit:
    typer.echo(inert(f"factcheck: error: {message}"), err=True)
    return typer.Exit(2)


def load(root: str | None, claims: str | None, sources: str | None, no_cache: bool, quiet: bool,
         output: str | None, claims_needed: bool = True) -> tuple[Project, Cache]:
    """The project, loaded and validated, or every problem with it and exit 2; and the output
    refused before any work is done if it may not be written."""
    base = root or ""
    cache = Cache(None) if no_cache else Cache.for_project(base or ".")
    claims, sources = claims or os.path.join(base, "claims"), sources or os.path.join(base, "sources")
    try:
        project = load_project(claims, sources, cache, root=base or ".", settings=os.path.join(base, SETTINGS),
                               claims_needed=claims_needed)
    except InputError as e:
        for problem in e.problems:
            typer.echo(str(problem), err=True)
        files = len({p.location.file for p in e.problems})
        typer.echo(f"{counted(len(e.problems), 'error')} in {counted(files, 'file')}", err=True)
        raise typer.Exit(2) from None
    if not quiet:
        for warning in project.warnings:
            typer.echo(str(warning), err=True)
        if cache.problem:
            typer.echo(inert(f"factcheck: warning: {cache.problem}"), err=True)
    if output:
        try:
            check_target(output, project.inputs, (claims, sources))
        except Unwritable as e:
            raise fail(f"{output} {e}") from None
    return project, cache


def checked(project: Project, exact: bool, event: str | None) -> Report:
    report = check_project(project, exact_measures=exact)
    if event is not None:
        events = {c.event for c in project.claims}
        if event not in events:
            raise fail(f"no claim is about event {event!r}{did_you_mean(event, events)}")
        report = only_event(report, event)
    return report


def run(command: str, root, claims, sources, fmt, output, event, exact, no_cache, quiet, no_color, fail_on) -> dict:
    """Check and write the report; its summary, for the exit code."""
    project, cache = load(root, claims, sources, no_cache, quiet, output)
    name = format_name(fmt, output)
    # --quiet hides check's list of discrepancies, never a report asked for (--format, --output, report).
    summary_only = quiet and command == "check" and fmt is None and output is None
    chosen = formats.get("summary" if summary_only else name)
    listed = LISTED[fail_on.value]
    look = style(name, output, no_color, listed, fail_on.value, command, root)
    if isinstance(chosen, formats.Partwise) and event is None:
        text, summary = render_in_parts(project, exact, cache, chosen, look)
    else:
        report = checked(project, exact, event)
        if name == "claimreview":
            claimreview_ready(report, quiet)
        text = render(chosen, command, report, style=look)
        summary = report.summary()
        if name == "github" and not summary_only:
            step_summary(report, listed)
    emit(text, output, name)
    cache.finish()
    if _LEFT_FOR_EXIT is not None:
        _LEFT_FOR_EXIT.append((project, cache, text))
    return summary


# Set by main(), the command-line process's, which ends with os._exit: a run's large objects
# are left here for the exit to drop at once, since freeing a project object by object (and
# unmapping the cache entries its report was written from) costs more than a re-check's own
# work. Commands run through `app` in a longer-lived process free theirs as usual.
_LEFT_FOR_EXIT: list | None = None


def claimreview_ready(report: Report, quiet: bool) -> None:
    """ClaimReview names its publisher (an error without one), and reviews only claims of events
    whose published fact-check is named (the others are left out, with a warning)."""
    from .formats.claimreview import unreviewed

    if not report.project.settings.publisher_name:
        raise fail("--format claimreview needs who publishes the fact-checks: set publisher: {name: …, url: …} "
                   "in factcheck.yaml")
    if not quiet:
        for warning in unreviewed(report):
            typer.echo(str(warning), err=True)


def step_summary(report: Report, listed: tuple[str, ...]) -> None:
    """Under GitHub Actions, the discrepancies as Markdown on the job's summary page, where the
    annotations GitHub does not show can be read."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8") as f:  # the runner's file: appended to, as GitHub asks
            f.write(formats.render("markdown", "check", report, style=formats.Style(listed=listed, command="check")))
    except OSError as e:
        typer.echo(inert(f"factcheck: warning: cannot write the step summary {path}: {e.strerror or e}"), err=True)


def emit(text: str | list[str | bytes | memoryview], output: str | None, fmt: str) -> None:
    """Write a format's text, given whole or as pieces (text, or UTF-8 already) to write one after another."""
    pieces = [p.encode() if isinstance(p, str) else p for p in ([text] if isinstance(text, str) else text)]
    if not output and fmt != "github" and os.environ.get("GITHUB_ACTIONS") == "true":
        pieces = guard_workflow_commands(pieces)  # only the github format speaks to the runner
    if output:
        try:
            write(output, pieces)
        except OSError as e:
            raise fail(f"cannot write {output}: {e.strerror or e}") from None
    else:
        sys.stdout.flush()
        sys.stdout.buffer.writelines(pieces)
        sys.stdout.buffer.flush()


def style(fmt: str, output: str | None, no_color: bool, listed: tuple[str, ...] = ("contradicted",),
          fail_on: str = "contradicted", command: str = "report", root: str | None = None) -> formats.Style:
    tty = output is None and sys.stdout.isatty()
    color = tty and not no_color and not os.environ.get("NO_COLOR")
    width = shutil.get_terminal_size((80, 24)).columns if output is None else 100
    base = work_tree(root or ".") if fmt == "sarif" else None  # where code scanning reads locations from
    return formats.Style(color=color, width=width, listed=listed, fail_on=fail_on, command=command, base=base)


# --output FILE with no --format: the format its extension names.
EXTENSIONS = {".json": "json", ".md": "markdown", ".markdown": "markdown", ".csv": "csv", ".html": "html", ".htm": "html",
              ".txt": "table", ".sarif": "sarif", ".jsonld": "claimreview"}


def format_name(fmt: Format | None, output: str | None = None, annotated: bool = True) -> str:
    """The format asked for, or the one the output's extension names, or the default: GitHub's
    annotations under GitHub Actions where the command has verdicts to annotate (`annotated`)."""
    if fmt:
        return fmt.value
    if output and (by_extension := EXTENSIONS.get(os.path.splitext(output)[1].lower())):
        return by_extension
    return "github" if annotated and os.environ.get("GITHUB_ACTIONS") == "true" else "table"


def render(fmt: str | formats.Format, command: str, *args, style: formats.Style) -> str:
    """A format's text of a command's result; a format that does not apply is a usage error."""
    try:
        return formats.render(fmt, command, *args, style=style)
    except formats.Unsupported as e:
        raise fail(str(e)) from None


def exit_code(counts: dict[str, int], fail_on: FailOn) -> int:
    level = FAIL_LEVELS[fail_on.value]
    if level >= 1 and counts["contradicted"]:
        return 1
    if level >= 2 and counts["unaddressed"]:
        return 1
    if level >= 3 and counts["findings"]:
        return 1
    return 0


@app.command()
def check(
    root: Root = None, claims: Claims = None, sources: Sources = None, format: FormatOpt = None,
    output: Output = None, event: Event = None,
    fail_on: Annotated[FailOn, typer.Option(help="Exit 1 on this or worse")] = FailOn.contradicted,
    exact_measures: Exact = False, no_cache: NoCache = False, quiet: Quiet = False, no_color: NoColor = False,
) -> None:
    """Load and validate everything, match, print a summary and the discrepancies."""
    summary = run("check", root, claims, sources, format, output, event, exact_measures, no_cache, quiet, no_color, fail_on)
    raise typer.Exit(exit_code(summary, fail_on))


@app.command()
def report(
    root: Root = None, claims: Claims = None, sources: Sources = None, format: FormatOpt = None,
    output: Output = None, event: Event = None,
    fail_on: Annotated[FailOn, typer.Option(help="Exit 1 on this or worse")] = FailOn.never,
    exact_measures: Exact = False, no_cache: NoCache = False, quiet: Quiet = False, no_color: NoColor = False,
) -> None:
    """The full discrepancy report, event by event."""
    summary = run("report", root, claims, sources, format, output, event, exact_measures, no_cache, quiet, no_color, fail_on)
    raise typer.Exit(exit_code(summary, fail_on))


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
    from .checking.diff import diff as diff_sources

    if source_a == source_b:
        raise fail(f"diff compares two sources: {source_a!r} was given twice")
    project, cache = load(root, claims, sources, no_cache, quiet, output)
    for sid in (source_a, source_b):
        if sid not in project.sources:
            raise fail(f"unknown source {sid!r}{did_you_mean(sid, project.sources)}")
    whole = diff_sources(checked(project, exact_measures, event), source_a, source_b)
    shown = replace(whole, rows=[r for r in whole.rows if not only or r.status in {s.value for s in only}])
    name = format_name(format, output)
    emit(render(name, "diff", shown, style=style(name, output, no_color)), output, name)
    cache.finish()
    raise typer.Exit(1 if any(r.status == "conflict" for r in whole.rows) else 0)


@app.command()
def why(
    claim: Annotated[str, typer.Argument(metavar="CLAIM", help="The id of the claim")],
    root: Root = None, claims: Claims = None, sources: Sources = None, format: FormatOpt = None,
    output: Output = None, exact_measures: Exact = False, no_cache: NoCache = False, quiet: Quiet = False,
    no_color: NoColor = False,
) -> None:
    """The whole reasoning behind one claim's verdict: its value as read, every other claim on
    the same thing and how it bears on it, the verdict and the rule that gave it."""
    from .checking.why import why as explain

    project, cache = load(root, claims, sources, no_cache, quiet, output)
    report = checked(project, exact_measures, None)
    ids = [v.claim.id for v in report.verdicts]
    if claim not in set(ids):
        raise fail(f"no claim has the id {claim!r}{did_you_mean(claim, ids)}")
    name = format_name(format, output, annotated=False)  # an explanation is for people, under GitHub Actions too
    emit(render(name, "why", explain(report, claim), style=style(name, output, no_color)), output, name)
    cache.finish()


@app.command("sources")
def list_sources(
    root: Root = None, claims: Claims = None, sources: Sources = None, format: FormatOpt = None,
    output: Output = None, no_cache: NoCache = False, quiet: Quiet = False, no_color: NoColor = False,
) -> None:
    """The sources with their kind, grade, relays and claim counts by verdict."""
    project, cache = load(root, claims, sources, no_cache, quiet, output)
    report = checked(project, False, None)
    name = format_name(format, output, annotated=False)  # annotations are for verdicts: sources is a table
    emit(render(name, "sources", report, style=style(name, output, no_color)), output, name)
    cache.finish()


class SchemaKind(str, Enum):
    claims = "claims"
    sources = "sources"
    settings = "settings"


class CI(str, Enum):
    github = "github"


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="claims, sources or settings")],
    output: Output = None,
) -> None:
    """The JSON Schema (draft 2020-12) of a kind of file, for editors and check-jsonschema."""
    from .loading import schemas

    emit(schemas.text(kind.value), output, "json")


@app.command()
def init(
    folder: Annotated[Optional[str], typer.Argument(metavar="DIR", help="Where [default: .]", show_default=False)] = None,
    ci: Annotated[Optional[CI], typer.Option("--ci", help="Also write a workflow that checks pull requests")] = None,
) -> None:
    """Start a project: folders, commented examples, factcheck.yaml, editor schemas. Never overwrites."""
    from .run.scaffold import Incomplete
    from .run.scaffold import init as scaffold

    try:
        for path, created in scaffold(folder or ".", ci.value if ci else None):
            typer.echo(inert(f"{'created' if created else 'kept   '}  {os.path.normpath(path)}"
                             + ("" if created else "  (it exists: left as it was)")))
    except Incomplete as e:
        raise fail(str(e)) from None
    except OSError as e:
        raise fail(f"cannot write {os.path.normpath(e.filename or folder or '.')}: {e.strerror or e}") from None


@app.command("import")
def import_sheet(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A sheet: .csv (as Excel or Google Sheets save it) or .xlsx")],
    root: Root = None, claims: Claims = None, sources: Sources = None,
    event: Annotated[Optional[str], typer.Option("--event", metavar="SLUG", help="The event of rows that name none")] = None,
) -> None:
    """Claims from a spreadsheet into new claims files, one per event; checked whole first, never overwriting."""
    from .run.importing import plan, read_sheet, write
    from .yamlwriter import CLAIM_START

    project, _ = load(root, claims, sources, True, False, None, claims_needed=False)
    claims_dir = claims or os.path.join(root or "", "claims")
    sheet, problems = read_sheet(file)
    files: dict[str, str] = {}
    if sheet is not None:
        files, more = plan(sheet, project, event, claims_dir)
        problems += more
    if problems:
        for problem in sorted(dict.fromkeys(problems), key=lambda p: (p.location.line, p.location.column)):
            typer.echo(str(problem), err=True)
        typer.echo(f"{counted(len(problems), 'error')} in {file}: nothing was written", err=True)
        raise typer.Exit(2)
    try:
        write(claims_dir, files)
    except OSError as e:
        raise fail(f"cannot write {e.filename or 'the claims files'}: {e.strerror or e}; nothing was written") from None
    if len(files) > LISTED_FILES:
        claims_written = sum(text.count(CLAIM_START) for text in files.values())
        typer.echo(inert(f"wrote {claims_written:,} claim(s) to {len(files):,} new files in {os.path.normpath(claims_dir)}"))
        return
    for path, text in files.items():
        typer.echo(inert(f"wrote {text.count(CLAIM_START)} claim(s) to {os.path.normpath(path)}"))


LISTED_FILES = 20  # import names each new file, up to this many


def main() -> int:
    """The command's exit code (docs/format.md, "Exit codes"); factcheck/__main__.py is the console entry point."""
    global _LEFT_FOR_EXIT
    _LEFT_FOR_EXIT = []
    try:
        return app(standalone_mode=False) or 0  # typer turns Ctrl-C into exit code 130
    except typer.Abort:
        return 130
    except typer.TyperException as e:  # usage errors: typer's message, exit 2
        e.show()
        return e.exit_code
