"""JSON Schemas (draft 2020-12) of claims files, sources files and factcheck.yaml, made from the
same field declarations the loader checks keys with (loading/fields.py), with each field's
meaning from docs/format.md, so that editors validate and explain as factcheck does.

They are shipped as package data too (factcheck/data/*.schema.json, written by
`factcheck schema KIND`; a test holds them to what this module makes). A schema cannot say
everything the loader checks (a value's forms, a slug being known): it
catches what an editor can show while typing; `factcheck check` has the last word.
"""

from __future__ import annotations

import json
from pathlib import Path

from .loading.fields import GRADES, KINDS, SHAPES, Shape

SLUG = {"type": "string", "pattern": "^[a-z0-9][a-z0-9._-]*$"}
TEXT = {"type": "string", "minLength": 1}
DATE = {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}
SCALAR = {"type": ["string", "number", "boolean"]}
PRIMITIVES = {
    "slug": SLUG,
    "text": TEXT,
    "date": DATE,
    "date-or-time": {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}([T ].+)?$"},
    "url": {"type": "string", "pattern": "^https?://"},
    "slugs": {"anyOf": [SLUG, {"type": "array", "items": SLUG}]},
    "texts": {"anyOf": [TEXT, {"type": "array", "items": TEXT}]},
    "kind": {"enum": list(KINDS)},
    "grade": {"type": "string", "pattern": f"^[{GRADES}{GRADES.lower()}]$"},
    "boolean": {"type": "boolean"},
    "tolerance": {"type": ["string", "number"]},
    "wordings": {"anyOf": [{"type": "null"}, {"type": "array", "items": TEXT}]},
    "number": {"type": ["number", "string"]},
    "range": {"type": ["string", "number"]},
    "value": {"anyOf": [
        SCALAR,
        {"type": "object", "properties": {"min": {"type": ["number", "string"]}, "max": {"type": ["number", "string"]}},
         "required": ["min", "max"], "additionalProperties": False, "description": "A closed range."},
        {"type": "object", "properties": {"text": TEXT}, "required": ["text"], "additionalProperties": False,
         "description": "Text kept as text, even if it starts with a number."},
    ]},
}
KINDS_OF_FILE = {
    "claims": ("claims file", "factcheck claims file"),
    "sources": (None, "factcheck sources file"),
    "settings": ("factcheck.yaml", "factcheck settings (factcheck.yaml)"),
}


def field_type(name: str) -> dict:
    if name.startswith("list of "):
        return {"type": "array", "items": field_type(name.removeprefix("list of "))}
    if name.startswith("map of "):
        inner = field_type(name.removeprefix("map of "))
        if name == "map of measure":  # a measure may be declared with nothing more
            inner = {"anyOf": [{"type": "null"}, inner]}
        return {"type": "object", "additionalProperties": inner}
    if name in PRIMITIVES:
        return dict(PRIMITIVES[name])
    return shape(SHAPES[name])


def shape(s: Shape) -> dict:
    out = {"type": "object", "description": s.help,
           "properties": {f.name: field_type(f.type) | {"description": f.help} for f in s.fields},
           "additionalProperties": False}
    if s.required:
        out["required"] = list(s.required)
    return out


def schema(kind: str) -> dict:
    """The schema of one kind of file: claims, sources or settings."""
    top, title = KINDS_OF_FILE[kind]
    body = (shape(SHAPES[top]) if top else
            {"anyOf": [shape(SHAPES["source"]), shape(SHAPES["sources file"])]})
    if kind == "settings":  # every setting is optional: a file of comments only is fine
        body["type"] = ["object", "null"]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"factcheck-{kind}.schema.json",
            "title": title} | body


def text(kind: str) -> str:
    return json.dumps(schema(kind), ensure_ascii=False, indent=2) + "\n"


def shipped(kind: str) -> str:
    """Where the package keeps the schema, for a `# yaml-language-server: $schema=` line."""
    return str(Path(__file__).parent / "data" / f"{kind}.schema.json")
