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
import tempfile
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, SequenceNode

from . import DISTRIBUTION
from .confined import MAX_YAML_BYTES, Refused, read_bytes
from .loading.claims import load_claims_file
from .loading.fields import CLAIM
from .loading.yamlfile import compose
from .model import Location, Problem, Project
from .output import create_whole
from .suggest import did_you_mean

RESULTS = {"verdict", "confirmed_by", "contradicted_by", "consistent_with", "superseded_by", "notes", "file", "line",
           "column", "compared_as", "normalized"}  # what `report --format csv` adds to a claim: not read back
KIND = "kind"  # of the value, as the report writes it: "text" keeps a value text
FORMULA_GUARD = re.compile(r"^'(?=[=+\-@\t\r])")
TRUE, FALSE = {"true", "yes"}, {"false", "no"}
CLAIM_START = "\n  - "  # how each claim begins in the files written


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
    for number, row in enumerate(cells[1:], 2):
        found = {}
        for column, (name, cell) in enumerate(zip(header, row), 1):
            cell = FORMULA_GUARD.sub("", cell.strip())
            if name and cell:
                found[name] = (cell, column)
        if found:
            sheet.rows.append((number, found))
    return sheet, problems


def _csv_cells(path: str) -> tuple[list[list[str]] | None, list[Problem]]:
    try:
        data = read_bytes(path, MAX_YAML_BYTES)
    except Refused as e:
        return None, [Problem(Location(path, 1, 1), str(e))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        return None, [Problem(Location(path, line, 1), "not UTF-8: save the sheet as CSV UTF-8")]
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text, newline=""), dialect)), []


def _xlsx_cells(path: str) -> tuple[list[list[str]] | None, list[Problem]]:
    try:
        import openpyxl
    except ImportError:
        return None, [Problem(Location(path, 1, 1), f"reading .xlsx needs openpyxl: pip install '{DISTRIBUTION}[xlsx]', "
                                                      "or save the sheet as CSV")]
    try:
        read_bytes(path, MAX_YAML_BYTES)  # a regular file, of a size worth reading
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Refused as e:
        return None, [Problem(Location(path, 1, 1), str(e))]
    except Exception as e:  # noqa: BLE001 - openpyxl raises many kinds for a file that is no workbook
        return None, [Problem(Location(path, 1, 1), f"not an XLSX workbook: {e}")]
    rows = [[_cell_text(c) for c in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    return rows, []


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
    known = set(CLAIM.names)
    for column, cell in enumerate(cells, 1):
        name = re.sub(r"[\s-]+", "_", cell.strip().casefold())
        if name in known or name == KIND:
            fields.append(name)
        elif name in RESULTS or not name:
            fields.append("")
        else:
            fields.append("")
            problems.append(Problem(Location(path, 1, column), f"unknown column {cell.strip()!r}"
                                    f"{did_you_mean(name, known)}; the columns are the fields of a claim: "
                                    f"{', '.join(CLAIM.names)}"))
    for name in ("source", "measure", "value"):
        if name not in fields:
            problems.append(Problem(Location(path, 1, 1), f"the sheet has no {name!r} column"))
    return fields, problems


def claim_of(cells: dict[str, tuple[str, int]], default_event: str | None) -> dict:
    """A row as a claim, its fields in the order claims files hold them."""
    claim: dict = {}
    for name in CLAIM.names:
        if name in cells:
            text = cells[name][0]
            if name == "via":
                claim[name] = [s.strip() for s in re.split(r"[;,]", text) if s.strip()]
            elif name == "value" and cells.get(KIND, ("",))[0] == "text":
                claim[name] = {"text": text}
            elif name == "value" and text.casefold() in TRUE | FALSE:
                claim[name] = text.casefold() in TRUE
            else:
                claim[name] = text
        elif name == "event" and default_event:
            claim[name] = default_event
    return claim


def plan(sheet: Sheet, project: Project, default_event: str | None, claims_dir: str) -> tuple[dict[str, str], list[Problem]]:
    """The claims files to write (path → YAML text), or every problem, placed in the sheet."""
    by_event: dict[str, list[tuple[int, dict, dict]]] = {}
    problems = []
    for number, cells in sheet.rows:
        claim = claim_of(cells, default_event)
        if "event" not in claim:
            problems.append(Problem(Location(sheet.path, number, 1), "the row names no event: add an 'event' column, "
                                                                      "or give --event"))
            continue
        by_event.setdefault(claim["event"], []).append((number, cells, claim))
    files = {}
    taken = {i for f in project.files for i in f.index.ids}
    for event, rows in by_event.items():
        text = _yaml(event, [claim for _, _, claim in rows])
        problems += _checked(sheet, project, text, rows, taken)
        files[_new_file(claims_dir, event, files)] = text
    return files, problems


def _yaml(event: str, claims: list[dict]) -> str:
    for claim in claims:
        claim.pop("event", None)  # the file says it once
    head = f"# Imported by factcheck from a spreadsheet on {dt.date.today().isoformat()}.\n"
    return head + yaml.dump({"event": event, "claims": claims}, Dumper=_Indented, allow_unicode=True, sort_keys=False,
                            width=10**6, default_flow_style=False)


class _Indented(yaml.SafeDumper):
    """Lists indented under their key, as the project's claims files are written."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _checked(sheet: Sheet, project: Project, text: str, rows: list, taken: set[str]) -> list[Problem]:
    """The problems the loader finds in the file, and unknown sources and ids already taken,
    each at the sheet's cell it comes from."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "sheet.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        loaded = load_claims_file(path)
    cells_at = _cells_by_line(text, rows)
    problems = [Problem(_place(sheet, cells_at, p.location.line, rows), p.message) for p in loaded.problems]
    for number, cells, claim in rows:
        named = [("source", claim["source"])] if "source" in claim else []
        named += [("via", sid) for sid in claim.get("via", [])]
        for column_name, sid in named:
            if sid not in project.sources:
                problems.append(Problem(Location(sheet.path, number, cells[column_name][1]),
                                        f"unknown source {sid!r}{did_you_mean(sid, project.sources)}"))
        cid = claim.get("id")  # ids left to factcheck are the new file's own
        if cid in taken:
            problems.append(Problem(Location(sheet.path, number, cells["id"][1]), f"claim id {cid!r} is taken already"))
        elif cid:
            taken.add(cid)
    return problems


def _cells_by_line(text: str, rows: list) -> dict[int, tuple[int, str]]:
    """Each line of the YAML → (the claim's index, the field on it)."""
    root, _ = compose("sheet.yaml", text)
    at: dict[int, tuple[int, str]] = {}
    if isinstance(root, MappingNode):
        for key, value in root.value:
            if key.value == "claims" and isinstance(value, SequenceNode):
                for i, node in enumerate(value.value):
                    at[node.start_mark.line + 1] = (i, "")
                    if isinstance(node, MappingNode):
                        for k, v in node.value:
                            for line in range(k.start_mark.line + 1, v.end_mark.line + 2):
                                at.setdefault(line, (i, k.value))
    return at


def _place(sheet: Sheet, cells_at: dict, line: int, rows: list) -> Location:
    i, name = cells_at.get(line, (None, ""))
    if i is None:
        return Location(sheet.path, rows[0][0] if rows else 1, 1)
    number, cells, _ = rows[i]
    return Location(sheet.path, number, cells[name][1] if name in cells else 1)


def _new_file(claims_dir: str, event: str, planned: dict) -> str:
    """A file of its own for the event's claims: never one that exists, or is planned already."""
    base = os.path.join(claims_dir, event)
    path, n = base + ".yaml", 1
    while os.path.lexists(path) or path in planned:
        n += 1
        path = f"{base}-{n}.yaml"
    return path


def write(files: dict[str, str]) -> None:
    """All the files or none: each new, whole, never over a file that appeared meanwhile; when
    one cannot be written, those already written are removed and OSError says why."""
    written: list[str] = []
    try:
        for path, text in files.items():
            create_whole(path, text.encode())
            written.append(path)
    except BaseException:
        for path in written:
            os.unlink(path)
        raise
