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

from .fields import GRADES, KINDS, RELATIONS, RULE, SHAPES, Shape


def ci(word: str) -> str:
    """A word matched whatever its case (ECMAScript patterns take no flags)."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)


def either(*words: str) -> str:
    return "(?:" + "|".join(ci(w) for w in words) + ")"


# The forms of docs/format.md, "Values", as far as a pattern can say them.
BIGGEST = 1.7976931348623157e308  # a finite number is at most this: .inf and .nan are refused
FINITE = {"type": "number", "minimum": -BIGGEST, "maximum": BIGGEST}
NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d{1,3})?"
DAY = r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
CLOCK = r"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?"
ZONE = r"(?:[zZ]|[+-]\d{1,2}(?::?\d{2})?|(?:UTC|GMT)\s*[+-]\d{1,2}(?::?\d{2})?|[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*)"
TIME = rf"{DAY}[T ]{CLOCK}\s*{ZONE}"  # a time has its zone
SCALES = either("thousand", "million", "billion")
NUMBER_FORMS = (  # what may start with a digit
    rf"{NUMBER}(?:\s+{SCALES})?",
    rf"{NUMBER}\s*(?:-|–|—|{ci('to')})\s*{NUMBER}",
    rf"{NUMBER}\s+{ci('or')}\s+{NUMBER}",
    rf"{NUMBER}\s*(?:\+|-?\s*{ci('plus')}|{either('or more', 'or over', 'or fewer', 'or less', 'or so')})",
)
# Text: anything that neither starts with a number nor holds a clock time (`{text: …}` keeps those).
PLAIN_TEXT = r"(?![+-]?\d)(?![\s\S]*\b\d{1,2}:\d{2}\b)(?![\s\S]*\b\d{1,2}(?::\d{2})?\s*[aApP]\.?\s?[mM]\b)[\s\S]*\S[\s\S]*"
VALUE_TEXT = "^(?:" + "|".join((*NUMBER_FORMS, DAY, TIME, PLAIN_TEXT)) + ")$"
DURATION = rf"\d+(?:\.\d+)?\s*{either('seconds', 'second', 'secs', 'sec', 's', 'minutes', 'minute', 'mins', 'min', 'm', 'hours', 'hour', 'hrs', 'hr', 'h', 'days', 'day', 'd')}"
MAX_NAME = 1000  # characters of a measure's name (loading/claims.py)

# A slug; YAML reads `id: 2015` as a number, which factcheck takes as the slug "2015".
SLUG = {"anyOf": [{"type": "string", "pattern": "^[a-z0-9][a-z0-9._-]*$"}, {"type": "integer", "minimum": 0}]}
# Text: one value, not empty; a number or true/false is taken as its text.
TEXT = {"type": ["string", "number", "boolean"], "pattern": "\\S", "minimum": -BIGGEST, "maximum": BIGGEST}
NAME = TEXT | {"maxLength": MAX_NAME}
DATE = {"type": "string", "pattern": f"^{DAY}$"}
PRIMITIVES = {
    "slug": SLUG,
    "text": TEXT,
    "name": NAME,
    "date": DATE,
    "date-or-time": {"type": "string", "pattern": f"^(?:{DAY}|{TIME})$"},
    "url": {"type": "string", "pattern": "^https?://\\S+$"},
    "slugs": {"anyOf": [SLUG, {"type": "array", "items": SLUG}]},
    "texts": {"anyOf": [TEXT, {"type": "array", "items": TEXT}]},
    "names": {"anyOf": [NAME, {"type": "array", "items": NAME}]},
    "kind": {"enum": list(KINDS)},
    "grade": {"type": "string", "pattern": f"^[{GRADES}{GRADES.lower()}]$"},
    "boolean": {"type": "boolean"},
    "tolerance": {"anyOf": [FINITE | {"minimum": 0},
                            {"type": "string", "pattern": rf"^(?:\d+(?:\.\d+)?\s*%|{DURATION}|\d+(?:\.\d+)?)$"}]},
    "wordings": {"anyOf": [{"type": "null"}, {"type": "array", "items": NAME}]},
    "number": {"anyOf": [FINITE, {"type": "string", "pattern": f"^{NUMBER}$"}]},
    "range": {"anyOf": [FINITE, {"type": "string", "pattern": "^(?:" + "|".join(NUMBER_FORMS[1:] + NUMBER_FORMS[3:]) + ")$"}]},
    "value": {"anyOf": [
        {"type": "boolean"},
        FINITE,
        {"type": "string", "pattern": VALUE_TEXT},
        {"type": "object", "properties": {"min": {"anyOf": [FINITE, {"type": "string", "pattern": f"^{NUMBER}$"}]},
                                          "max": {"anyOf": [FINITE, {"type": "string", "pattern": f"^{NUMBER}$"}]}},
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
    if s is RULE:  # a rule takes exactly one comparison
        out["oneOf"] = [{"required": [relation]} for relation in RELATIONS]
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
    return str(Path(__file__).parent.parent / "data" / f"{kind}.schema.json")
