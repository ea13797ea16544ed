"""`factcheck import`: the claims a desk keeps in a spreadsheet, into claims files.

A sheet is read as Excel and Google Sheets save it: CSV in UTF-8 with or without a byte-order
mark, any line ends, `,` `;` or tab between cells; or an XLSX workbook's first sheet (openpyxl,
the `xlsx` extra). The first row names the columns, in words ("As of", "Said on") or as the
fields are named; a cell a spreadsheet guards against being a formula (a leading `'`) is read
without its guard; an empty cell is a field left out. The CSV `factcheck report --format csv`
writes imports back to the same claims: its columns of results are ignored.

Every row is read by the loader that reads claims files, from the YAML it would be written as,
and every problem is told at once as FILE:ROW:COLUMN, before anything is written. Nothing is
overwritten: each event's claims go to a new file in claims/, named after the event.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from dataclasses import dataclass, field
from operator import itemgetter

import yaml

from .. import DISTRIBUTION
from ..confined import MAX_YAML_BYTES, Refused, read_bytes
from ..loading.claims import load_claims_file
from ..loading.fields import CLAIM, REVIEW
from ..model import Location, Problem, Project
from ..output import create_whole
from ..store.workers import in_workers, map_in_workers
from ..suggest import Suggestions, did_you_mean
from ..yamlwriter import claims_file

# What `report --format csv` adds to a claim: not read back.
RESULTS = {"verdict", "confirmed_by", "contradicted_by", "consistent_with", "undecided_with", "superseded_by",
           "verdict_notes", "file", "line", "column", "compared_as", "normalized"}
KIND = "kind"  # of the value, as the report writes it: "text" keeps a value text
NOTE_WORDS = {"notes": "note", "comment": "note", "comments": "note"}  # what sheets call a claim's note
REVIEW_COLUMNS = tuple(f"review_{name}" for name in REVIEW.names)  # a claim's own review, a column a field
REVIEW_FIELDS = tuple(zip(REVIEW.names, REVIEW_COLUMNS, strict=True))
CLAIM_FIELDS = CLAIM.names  # in the order claims files hold them
COLUMNS = (*(n for n in CLAIM_FIELDS if n != "review"), *REVIEW_COLUMNS)
FORMULA_GUARD = re.compile(r"^'(?=[=+\-@\t\r])")
DEFAULT_ID = re.compile(r"^[^:]+:\d+$")  # FILE:N, the id factcheck gives a claim without one: no slug has ':'
TRUE, FALSE = {"true", "yes"}, {"false", "no"}
DELIMITERS = ",;\t"  # as Excel and Google Sheets write CSV, by locale
MAX_ROWS = 1_048_576  # a spreadsheet's own limit (Excel's)
MAX_CELLS = 4_000_000  # 100,000 claims of 40 columns
NO_CELLS: tuple[str, ...] = ()
# What an XLSX workbook may unpack to (its zip may be small and hold much): openpyxl parses a
# sheet that does not state its size whole before reading a row, at about six times its size in
# memory. 128 MiB holds 300,000 claims of ten columns.
MAX_UNPACKED = 128 * 2**20


@dataclass
class Sheet:
    path: str
    header: list[str]  # field names, by column ("" for a column read for nothing)
    rows: list[tuple[int, dict[str, tuple[str, int]]]] = field(default_factory=list)  # (row, field → (cell, column))


def read_sheet(path: str) -> tuple[Sheet | None, list[Problem]]:
    if path.lower().endswith((".xlsx", ".xlsm")):
        cells, problems = _xlsx_cells(path)
    else:
        cells, problems = _csv_cells(path)
    if cells is None:
        return None, problems
    if not cells or not any(c.strip() for c in cells[0]):
        return None, [Problem(Location(path, 1, 1), "the sheet is empty: its first row names the columns")]
    header, problems = _header(path, cells[0])
    sheet = Sheet(path, header)
    named = [(column + 1, name) for column, name in enumerate(header) if name]
    width = len(header)
    cells_of = itemgetter(*(column - 1 for column, _ in named)) if len(named) > 1 else None
    for number, row in enumerate(cells[1:], 2):
        if not row:
            continue
        found = {}
        # the named cells of a whole row at once (the usual case), else one by one (a short row)
        row_cells = cells_of(row) if cells_of and len(row) >= width else [row[c - 1] if c <= len(row) else ""
                                                                           for c, _ in named]
        for (column, name), cell in zip(named, row_cells, strict=True):
            if cell and (cell := cell.strip()):
                if cell[0] == "'":
                    cell = FORMULA_GUARD.sub("", cell)
                found[name] = (cell, column)
        if len(row) > width and any(c.strip() for c in row[width:]):  # never drop a cell without a word
            column, cell = next((i, c) for i, c in enumerate(row[width:], width + 1) if c.strip())
            problems.append(Problem(Location(path, number, column), f"a cell beyond the last named column "
                                    f"({width}): {_shown(cell)}; name its column in the first row, or remove it"))
        if found:
            sheet.rows.append((number, found))
    return sheet, problems


def _shown(cell: str) -> str:
    return repr(cell if len(cell) <= 40 else cell[:40] + "…")


def _csv_cells(path: str) -> tuple[list[list[str]] | None, list[Problem]]:
    """As Excel and Google Sheets write CSV: quotes doubled inside quoted cells, the separator
    the first row uses (`,`, `;` or tab). Only the separator is guessed, never how quotes are
    written: csv.Sniffer's guess of that changed cells."""
    try:
        data = read_bytes(path, MAX_YAML_BYTES)
    except Refused as e:
        return None, [Problem(Location(path, 1, 1), str(e))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        return None, [Problem(Location(path, line, 1), "not UTF-8: save the sheet as CSV UTF-8")]
    first = text[:text.find("\n")] if "\n" in text else text
    delimiter = max(DELIMITERS, key=lambda d: len(next(csv.reader([first], delimiter=d), [])))  # a tie: ','
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    try:
        return list(reader), []
    except csv.Error as e:  # a cell past the csv module's field size limit, and the like
        return None, [Problem(Location(path, reader.line_num or 1, 1), f"not read as CSV: {e}")]


def _xlsx_cells(path: str) -> tuple[list[list[str]] | None, list[Problem]]:
    try:
        import openpyxl
    except ImportError:
        return None, [Problem(Location(path, 1, 1), f"reading .xlsx needs openpyxl: pip install '{DISTRIBUTION}[xlsx]', "
                                                      "or save the sheet as CSV")]
    try:
        read_bytes(path, MAX_YAML_BYTES)  # a regular file, of a size worth reading
        _unpacked_size(path)
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Refused as e:
        return None, [Problem(Location(path, 1, 1), str(e))]
    except Exception as e:  # noqa: BLE001 - openpyxl raises many kinds for a file that is no workbook
        return None, [Problem(Location(path, 1, 1), f"not an XLSX workbook: {e}")]
    try:
        return _bounded_rows(path, book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()


def _unpacked_size(path: str) -> None:
    """Refused when the workbook unpacks to more than MAX_UNPACKED (zipfile reads no more of a
    member than its stated size)."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        size = sum(i.file_size for i in z.infolist())
    if size > MAX_UNPACKED:
        raise Refused(f"not read: the workbook unpacks to {size:,} bytes, more than the {MAX_UNPACKED:,} "
                      "factcheck reads; save the sheet as CSV")


def _bounded_rows(path: str, rows) -> tuple[list[list[str]] | None, list[Problem]]:
    """The rows' cells as text, or a problem once there are more rows or cells than a sheet of
    claims can have: a workbook's few bytes may unpack to millions of empty rows."""
    out, cells = [], 0
    for number, row in enumerate(rows, 1):
        cells += len(row)
        if number > MAX_ROWS or cells > MAX_CELLS:
            return None, [Problem(Location(path, number, 1), f"not read: more than {MAX_ROWS:,} rows or "
                                                               f"{MAX_CELLS:,} cells; split the sheet")]
        texts = [_cell_text(c) for c in row]
        out.append(texts if any(texts) else NO_CELLS)  # shared by every empty row: a bomb's million cost little
    return out, []


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _header(path: str, cells: list[str]) -> tuple[list[str], list[Problem]]:
    fields, problems = [], []
    known = set(COLUMNS)
    where: dict[str, tuple[int, str]] = {}
    for column, cell in enumerate(cells, 1):
        written = cell.strip()
        name = re.sub(r"[\s-]+", "_", written.casefold())
        name = NOTE_WORDS.get(name, name)
        if name in known or name == KIND:
            if name in where:
                first, first_written = where[name]
                problems.append(Problem(Location(path, 1, column), f"column {written!r} gives the claim's {name!r}, "
                                        f"as column {first} ({first_written!r}) does already: keep one"))
                name = ""
            else:
                where[name] = (column, written)
            fields.append(name)
        elif name in RESULTS or not name:
            fields.append("")
        else:
            fields.append("")
            problems.append(Problem(Location(path, 1, column), f"unknown column {written!r}"
                                    f"{did_you_mean(name, known | NOTE_WORDS.keys())}; the columns are the fields of "
                                    f"a claim: {', '.join(COLUMNS)} (a note may be headed Notes or Comment)"))
    for name in ("source", "measure", "value"):
        if name not in fields:
            problems.append(Problem(Location(path, 1, 1), f"the sheet has no {name!r} column"))
    return fields, problems


def claim_of(cells: dict[str, tuple[str, int]]) -> dict:
    """A row as a claim, its fields in the order claims files hold them, but its event, which
    its file says once."""
    claim: dict = {}
    for name in CLAIM_FIELDS:
        if name == "event":
            continue
        if name == "review":
            review = {key: cells[column][0] for key, column in REVIEW_FIELDS if column in cells}
            if review:
                claim[name] = review
        elif name in cells:
            text = cells[name][0]
            if name == "id" and DEFAULT_ID.match(text):
                continue  # the report's default id: the new file gives its own
            if name == "via":
                claim[name] = [s.strip() for s in re.split(r"[;,]", text) if s.strip()]
            elif name == "value":
                claim[name] = _value(text, cells.get(KIND, ("",))[0])
            else:
                claim[name] = text
    return claim


def _value(text: str, kind: str) -> str | bool | dict:
    """A value cell as a claims file would hold it: `{text: …}` and `{min: …, max: …}` read as
    in YAML; a cell the report marks as text kept as text."""
    if kind == "text":
        return {"text": text}
    if text.casefold() in TRUE | FALSE:
        return text.casefold() in TRUE
    if text.startswith("{") and text.endswith("}"):
        try:
            mapping = yaml.load(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            return text  # and the loader says what is wrong with it
        if isinstance(mapping, dict) and all(isinstance(k, str) and isinstance(v, (str, int, float))
                                             and not isinstance(v, bool) for k, v in mapping.items()):
            return mapping
    return text


def plan(sheet: Sheet, project: Project, default_event: str | None, claims_dir: str) -> tuple[dict[str, str], list[Problem]]:
    """The claims files to write (path → YAML text), one per event, or every problem, placed in
    the sheet. Each file is written and read back by the loader on every core when there is
    much to do, as a cold check reads."""
    by_event: dict[str, list[tuple[int, dict]]] = {}
    problems = []
    for number, cells in sheet.rows:
        event = cells["event"][0] if "event" in cells else default_event
        if not event:
            problems.append(Problem(Location(sheet.path, number, 1), "the row names no event: add an 'event' column, "
                                                                      "or give --event"))
            continue
        by_event.setdefault(event, []).append((number, cells))
    files: dict[str, tuple[str, list]] = {}
    for event, rows in by_event.items():
        files[_new_file(claims_dir, event, files)] = (event, rows)
    comment = f"Imported by factcheck from {os.path.basename(sheet.path)} on {dt.date.today().isoformat()}."
    taken = {i for f in project.files for i in f.index.ids}
    texts = {}
    for (path, (_, rows)), (text, found, ids) in zip(files.items(), _written(files, project, comment), strict=True):
        texts[path] = text
        problems += [Problem(Location(sheet.path, rows[i][0], _column(rows[i][1], name)), message)
                     for i, name, message in found]
        for i, cid in ids:
            if cid in taken:
                number, cells = rows[i]
                problems.append(Problem(Location(sheet.path, number, cells["id"][1]), f"claim id {cid!r} is taken already"))
            taken.add(cid)
    return texts, problems


def _written(files: dict[str, tuple[str, list]], project: Project, comment: str) -> list[tuple]:
    """_file_of() each file, in worker processes when there is much to do (forked: they see _WORK)."""
    global _WORK
    _WORK = (list(files.items()), project.sources, Suggestions(project.sources), comment)
    try:
        if sum(len(rows) for _, rows in files.values()) >= PARALLEL_ROWS and in_workers(len(files)):
            return map_in_workers(_file_of, range(len(files)))
        return [_file_of(i) for i in range(len(files))]
    finally:
        _WORK = None


_WORK: tuple | None = None
PARALLEL_ROWS = 10_000  # fewer are done sooner here than by starting workers


def _file_of(k: int) -> tuple[str, list[tuple[int, str, str]], list[tuple[int, str]]]:
    """One event's claims file: its text, what is wrong in it as (row's index, field, message),
    and the ids its rows give, as (row's index, id)."""
    files, sources, suggest, comment = _WORK
    path, (event, rows) = files[k]
    claims = [claim_of(cells) for _, cells in rows]
    written = claims_file([comment], event, claims)
    found = [(*(written.at(p.location.line) or (0, "")), p.message) for p in load_claims_file(path, written.text).problems]
    for i, claim in enumerate(claims):
        for field_name, sid in [("source", claim.get("source")), *(("via", s) for s in claim.get("via", ()))]:
            if sid is not None and sid not in sources:
                found.append((i, field_name, f"unknown source {sid!r}{suggest.did_you_mean(sid)}"))
    return written.text, found, [(i, claim["id"]) for i, claim in enumerate(claims) if "id" in claim]


def _column(cells: dict[str, tuple[str, int]], name: str) -> int:
    """The column of the cell a field came from (1 when it came from none, as --event)."""
    if name == "review":
        name = next((c for c in REVIEW_COLUMNS if c in cells), name)
    return cells[name][1] if name in cells else 1


def _new_file(claims_dir: str, event: str, planned: dict) -> str:
    """A file of its own for the event's claims: never one that exists, or is planned already."""
    base = os.path.join(claims_dir, event)
    path, n = base + ".yaml", 1
    while os.path.lexists(path) or path in planned:
        n += 1
        path = f"{base}-{n}.yaml"
    return path


def write_files(claims_dir: str, files: dict[str, str]) -> None:
    """All the files or none: each new, whole, never over a file that appeared meanwhile; the
    claims folder made if there is none yet. When one cannot be written, those already written
    are removed and OSError says why."""
    made = not os.path.lexists(claims_dir)
    if made:
        os.mkdir(claims_dir)
    written: list[str] = []
    try:
        for path, text in files.items():
            create_whole(path, text.encode())
            written.append(path)
    except BaseException:
        for path in written:
            os.unlink(path)
        if made:
            os.rmdir(claims_dir)
        raise
