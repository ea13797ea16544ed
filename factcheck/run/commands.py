"""What each command does, given its options: the library that cli.py wraps.

A command writes its result (to standard output or --output), says warnings on standard error,
and returns its exit code; a usage or input error is raised as `Stop`, whose lines the caller
prints. Nothing here knows of typer.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, replace

from .. import formats
from ..checking.report import Report
from ..inert import guard_workflow_commands, inert
from ..loading.project import SETTINGS, load_project
from ..model import InputError, Project
from ..output import Unwritable, check_target, write
from ..show import counted
from ..store.cache import Cache
from ..suggest import did_you_mean
from ..worktree import work_tree
from .parts import render_in_parts
from .pipeline import check as check_project
from .pipeline import only_event


@dataclass(frozen=True)
class Options:
    """What the commands that read a project are told, as the command line gives it."""

    root: str | None = None  # the folder holding claims/ and sources/; None: the current one
    claims: str | None = None
    sources: str | None = None
    format: str | None = None  # None: by --output's extension, else the default
    output: str | None = None
    event: str | None = None
    exact_measures: bool = False
    no_cache: bool = False
    quiet: bool = False
    no_color: bool = False
    fail_on: str = "contradicted"


class Stop(Exception):
    """The command ends here with this exit code, after these lines on standard error."""

    def __init__(self, code: int, *lines: str) -> None:
        super().__init__(*lines)
        self.code, self.lines = code, lines


def failure(message: str) -> Stop:
    return Stop(2, inert(f"factcheck: error: {message}"))


def warn(line: str) -> None:
    print(line, file=sys.stderr)


# What --fail-on counts: each level includes the ones before it.
FAIL_LEVELS = {"contradicted": 1, "unaddressed": 2, "finding": 3, "never": 0}
FAIL_ON = tuple(FAIL_LEVELS)
# The verdicts `check` lists: every claim at or above --fail-on, and the contradicted ones always.
LISTED = {"contradicted": ("contradicted",), "unaddressed": ("contradicted", "unaddressed"),
          "finding": ("contradicted", "unaddressed"), "never": ("contradicted",)}

# Set by the console entry point (__main__.py), whose process ends with os._exit: a run's large
# objects are left here for the exit to drop at once, since freeing a project object by object
# (and unmapping the cache entries its report was written from) costs more than a re-check's
# own work. Commands run through the library in a longer-lived process free theirs as usual.
LEFT_FOR_EXIT: list | None = None


def check_or_report(command: str, opts: Options) -> int:
    """`check` and `report`: the project checked and its report written; the exit code --fail-on asks for."""
    project, cache = load(opts)
    name = format_name(opts.format, opts.output)
    # --quiet hides check's list of discrepancies, never a report asked for (--format, --output, report).
    summary_only = opts.quiet and command == "check" and opts.format is None and opts.output is None
    chosen = formats.get("summary" if summary_only else name)
    listed = LISTED[opts.fail_on]
    look = style(name, opts, listed, command)
    if isinstance(chosen, formats.Partwise) and opts.event is None:
        text, summary = render_in_parts(project, opts.exact_measures, cache, chosen, look)
    else:
        report = checked(project, opts)
        if name == "claimreview":
            claimreview_ready(report, opts.quiet)
        text = render(chosen, command, report, style=look)
        summary = report.summary()
        if name == "github" and not summary_only:
            step_summary(report, listed)
    emit(text, opts.output, name)
    cache.finish()
    if LEFT_FOR_EXIT is not None:
        LEFT_FOR_EXIT.append((project, cache, text))
    return exit_code(summary, opts.fail_on)


def diff(source_a: str, source_b: str, only: set[str], opts: Options) -> int:
    """What two sources say side by side (only rows of these statuses, when any are named); 1 when they conflict anywhere."""
    from ..checking.diff import diff as diff_sources

    if source_a == source_b:
        raise failure(f"diff compares two sources: {source_a!r} was given twice")
    project, cache = load(opts)
    for sid in (source_a, source_b):
        if sid not in project.sources:
            raise failure(f"unknown source {sid!r}{did_you_mean(sid, project.sources)}")
    whole = diff_sources(checked(project, opts), source_a, source_b)
    shown = replace(whole, rows=[r for r in whole.rows if not only or r.status in only])
    name = format_name(opts.format, opts.output)
    emit(render(name, "diff", shown, style=style(name, opts)), opts.output, name)
    cache.finish()
    return 1 if any(r.status == "conflict" for r in whole.rows) else 0


def why(claim: str, opts: Options) -> int:
    """The whole reasoning behind one claim's verdict."""
    from ..checking.why import why as explain

    project, cache = load(opts)
    report = checked(project, replace(opts, event=None))
    ids = [v.claim.id for v in report.verdicts]
    if claim not in set(ids):
        raise failure(f"no claim has the id {claim!r}{did_you_mean(claim, ids)}")
    name = format_name(opts.format, opts.output, annotated=False)  # an explanation is for people, under GitHub Actions too
    emit(render(name, "why", explain(report, claim), style=style(name, opts)), opts.output, name)
    cache.finish()
    return 0


def sources(opts: Options) -> int:
    """The sources with their kind, grade, relays and claim counts by verdict."""
    project, cache = load(opts)
    report = checked(project, replace(opts, exact_measures=False, event=None))
    name = format_name(opts.format, opts.output, annotated=False)  # annotations are for verdicts: sources is a table
    emit(render(name, "sources", report, style=style(name, opts)), opts.output, name)
    cache.finish()
    return 0


def schema(kind: str, output: str | None) -> int:
    """The JSON Schema of a kind of file."""
    from ..loading import schemas

    emit(schemas.text(kind), output, "json")
    return 0


def init(folder: str, ci: str | None) -> int:
    """A project started in folder; what was created and what was kept, said file by file."""
    from .scaffold import Incomplete
    from .scaffold import init as scaffold

    try:
        for path, created in scaffold(folder, ci):
            print(inert(f"{'created' if created else 'kept   '}  {os.path.normpath(path)}"
                        + ("" if created else "  (it exists: left as it was)")))
    except Incomplete as e:
        raise failure(str(e)) from None
    except OSError as e:
        raise failure(f"cannot write {os.path.normpath(e.filename or folder)}: {e.strerror or e}") from None
    return 0


LISTED_FILES = 20  # import names each new file, up to this many


def import_sheet(file: str, event: str | None, opts: Options) -> int:
    """Claims from a sheet into new claims files, one per event: every problem, or every file written."""
    from ..yamlwriter import CLAIM_START
    from .importing import plan, read_sheet, write_files

    project, _ = load(replace(opts, no_cache=True, quiet=False, output=None), claims_needed=False)
    claims_dir = opts.claims or os.path.join(opts.root or "", "claims")
    sheet, problems = read_sheet(file)
    files: dict[str, str] = {}
    if sheet is not None:
        files, more = plan(sheet, project, event, claims_dir)
        problems += more
    if problems:
        shown = sorted(dict.fromkeys(problems), key=lambda p: (p.location.line, p.location.column))
        raise Stop(2, *map(str, shown), f"{counted(len(problems), 'error')} in {file}: nothing was written")
    try:
        write_files(claims_dir, files)
    except OSError as e:
        raise failure(f"cannot write {e.filename or 'the claims files'}: {e.strerror or e}; nothing was written") from None
    if len(files) > LISTED_FILES:
        claims_written = sum(text.count(CLAIM_START) for text in files.values())
        print(inert(f"wrote {claims_written:,} claim(s) to {len(files):,} new files in {os.path.normpath(claims_dir)}"))
        return 0
    for path, text in files.items():
        print(inert(f"wrote {text.count(CLAIM_START)} claim(s) to {os.path.normpath(path)}"))
    return 0


def extract(file: str, source: str, event: str, date: str | None, opts: Options) -> int:
    """Claims proposed from an article's text, to standard output or a new --output file."""
    from ..extracting.article import read_article
    from ..extracting.clock import place_zone
    from ..extracting.draft import draft
    from ..loading.nodes import SLUG
    from ..output import create_whole

    project, _ = load(replace(opts, no_cache=True, output=None), claims_needed=False)
    if source not in project.sources:
        raise failure(f"unknown source {source!r}{did_you_mean(source, project.sources)}: --source names the "
                      "source of what the article says on its own account")
    if not SLUG.fullmatch(event):
        raise failure(f"--event {event!r} is no slug: lower-case letters, digits, '.', '_' and '-'")
    known = set(project.events) | set(project.event_counts())
    if event not in known and (close := did_you_mean(event, known)) and not opts.quiet:
        warn(inert(f"factcheck: warning: event {event!r} is new to the project{close}"))
    described = project.events.get(event)
    today = _article_date(date, described.date if described else None)
    places = {"local": zone} if described and described.place and (zone := place_zone(described.place)) else {}
    article, problems = read_article(file)
    if article is None:
        raise Stop(2, *map(str, problems), f"1 error in {file}: nothing was written")
    taken = {i for f in project.files for i in f.index.ids}
    text, proposed, left = draft(article, list(project.sources.values()), source, event, today, places, taken)
    if opts.output:
        try:
            create_whole(opts.output, text.encode())
        except FileExistsError:
            raise failure(f"{opts.output} exists: extract writes a new file only, never over one") from None
        except OSError as e:
            raise failure(f"cannot write {opts.output}: {e.strerror or e}") from None
    else:
        emit(text, None, "yaml")
    if not opts.quiet:
        warn(inert(f"proposed {counted(proposed, 'claim')} from {file}" + (f"; {left} left as comments" if left else "")
                   + (f", written to {opts.output}" if opts.output else "")))
    return 0


def _article_date(date: str | None, event_date: str | None):
    """The day the article's weekdays count back from: --date, else the event's date."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(date or event_date) if (date or event_date) else None
    except ValueError:
        raise failure(f"--date {date!r} is no date: write it as YYYY-MM-DD") from None


def load(opts: Options, claims_needed: bool = True) -> tuple[Project, Cache]:
    """The project, loaded and validated, or every problem with it and exit 2; and the output
    refused before any work is done if it may not be written."""
    base = opts.root or ""
    cache = Cache(None) if opts.no_cache else Cache.for_project(base or ".")
    claims, sources = opts.claims or os.path.join(base, "claims"), opts.sources or os.path.join(base, "sources")
    try:
        project = load_project(claims, sources, cache, root=base or ".", settings=os.path.join(base, SETTINGS),
                               claims_needed=claims_needed)
    except InputError as e:
        files = len({p.location.file for p in e.problems})
        raise Stop(2, *map(str, e.problems), f"{counted(len(e.problems), 'error')} in {counted(files, 'file')}") from None
    if not opts.quiet:
        for warning in project.warnings:
            warn(str(warning))
        if cache.problem:
            warn(inert(f"factcheck: warning: {cache.problem}"))
    if opts.output:
        try:
            check_target(opts.output, project.inputs, (claims, sources))
        except Unwritable as e:
            raise failure(f"{opts.output} {e}") from None
    return project, cache


def checked(project: Project, opts: Options) -> Report:
    report = check_project(project, exact_measures=opts.exact_measures)
    if opts.event is not None:
        events = {c.event for c in project.claims}
        if opts.event not in events:
            raise failure(f"no claim is about event {opts.event!r}{did_you_mean(opts.event, events)}")
        report = only_event(report, opts.event)
    return report


def claimreview_ready(report: Report, quiet: bool) -> None:
    """ClaimReview names its publisher (an error without one), and reviews only claims of events
    whose published fact-check is named (the others are left out, with a warning)."""
    from ..formats.claimreview import unreviewed

    if not report.project.settings.publisher_name:
        raise failure("--format claimreview needs who publishes the fact-checks: set publisher: {name: …, url: …} "
                      "in factcheck.yaml")
    if not quiet:
        for warning in unreviewed(report):
            warn(str(warning))


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
        warn(inert(f"factcheck: warning: cannot write the step summary {path}: {e.strerror or e}"))


def emit(text: str | list[str | bytes | memoryview], output: str | None, fmt: str) -> None:
    """Write a format's text, given whole or as pieces (text, or UTF-8 already) to write one after another."""
    pieces = [p.encode() if isinstance(p, str) else p for p in ([text] if isinstance(text, str) else text)]
    if not output and fmt != "github" and os.environ.get("GITHUB_ACTIONS") == "true":
        pieces = guard_workflow_commands(pieces)  # only the github format speaks to the runner
    if output:
        try:
            write(output, pieces)
        except OSError as e:
            raise failure(f"cannot write {output}: {e.strerror or e}") from None
    else:
        sys.stdout.flush()
        sys.stdout.buffer.writelines(pieces)
        sys.stdout.buffer.flush()


def style(fmt: str, opts: Options, listed: tuple[str, ...] = ("contradicted",), command: str = "report") -> formats.Style:
    tty = opts.output is None and sys.stdout.isatty()
    color = tty and not opts.no_color and not os.environ.get("NO_COLOR")
    width = shutil.get_terminal_size((80, 24)).columns if opts.output is None else 100
    base = work_tree(opts.root or ".") if fmt == "sarif" else None  # where code scanning reads locations from
    return formats.Style(color=color, width=width, listed=listed, fail_on=opts.fail_on, command=command, base=base)


# --output FILE with no --format: the format its extension names.
EXTENSIONS = {".json": "json", ".md": "markdown", ".markdown": "markdown", ".csv": "csv", ".html": "html", ".htm": "html",
              ".txt": "table", ".sarif": "sarif", ".jsonld": "claimreview"}


def format_name(fmt: str | None, output: str | None = None, annotated: bool = True) -> str:
    """The format asked for, or the one the output's extension names, or the default: GitHub's
    annotations under GitHub Actions where the command has verdicts to annotate (`annotated`)."""
    if fmt:
        return fmt
    if output and (by_extension := EXTENSIONS.get(os.path.splitext(output)[1].lower())):
        return by_extension
    return "github" if annotated and os.environ.get("GITHUB_ACTIONS") == "true" else "table"


def render(fmt: str | formats.Format, command: str, *args, style: formats.Style) -> str:
    """A format's text of a command's result; a format that does not apply is a usage error."""
    try:
        return formats.render(fmt, command, *args, style=style)
    except formats.Unsupported as e:
        raise failure(str(e)) from None


def exit_code(counts: dict[str, int], fail_on: str) -> int:
    level = FAIL_LEVELS[fail_on]
    if level >= 1 and counts["contradicted"]:
        return 1
    if level >= 2 and counts["unaddressed"]:
        return 1
    if level >= 3 and counts["findings"]:
        return 1
    return 0
