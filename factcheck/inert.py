"""Text from the user's files made inert before it reaches a terminal, a message or a CI log.

A claims file may come from a stranger. Its text is printed as text: no control character
(C0, DEL, C1: terminal escapes, OSC links, title changes) and no direction override reaches the
screen as itself; each is shown by its code instead, so a reader sees that it is there. Where a
line break would let the text start a line of its own (a message, an annotation), it is shown
as `\\n` too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
CONTROL = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{BIDI}\u2028\u2029]")
CONTROL_KEEPING_BREAKS = re.compile(f"[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f{BIDI}\u2028\u2029]")


def _shown(m: re.Match) -> str:
    c = m[0]
    if c in BIDI or c in "\u2028\u2029":
        return f"<U+{ord(c):04X}>"
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c, f"\\x{ord(c):02x}")


def inert(text: str, breaks: bool = False) -> str:
    """`text` with every control and direction character shown by its code; line breaks
    kept only when `breaks` (a table cell of several lines) and then only as "\\n"."""
    if text.isprintable():  # the usual case, at C speed
        return text
    if breaks:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return CONTROL_KEEPING_BREAKS.sub(_shown, text)
    return CONTROL.sub(_shown, text)


# What JSON (with ensure_ascii off) leaves raw: DEL, C1, direction marks and Unicode line breaks.
JSON_RAW = re.compile(f"[\\x7f-\\x9f{BIDI}\u2028\u2029]")


def inert_json(text: str) -> str:
    """JSON text whose every control and direction character is written as an escape (json
    escapes C0 itself): the same data once parsed, and inert on a screen or in a CI log."""
    if text.isascii() and "\x7f" not in text:  # the usual case, at C speed
        return text
    return JSON_RAW.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def json_encoder(**options) -> Callable[[object], str]:
    """json's C encoder (non-ASCII text as itself), its output made inert."""
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False, **options).encode
    return lambda value: inert_json(encode(value))


# The runner reads a line as a command when its first characters other than spaces are "::";
# it breaks lines at \n and at a lone \r.
LINE_START_COMMAND = re.compile(rb"(^|[\r\n])([ \t]*)::")


def guard_workflow_commands(pieces: list[bytes | memoryview]) -> list[bytes]:
    """Under GitHub Actions, a line of output whose first characters other than spaces are "::"
    is a command to the runner: no line of a report may start one it did not mean (a quote of
    several lines in a table, a CSV cell). Such a line's "::" is written "\\::" instead; pieces
    are guarded across their joins."""
    out = []
    at_line_start = True
    for piece in pieces:
        piece = bytes(piece)  # a view of a cache entry has no bytes methods, and `in` would look for ints
        if b"::" in piece:
            if at_line_start and piece.lstrip(b" \t").startswith(b"::"):
                indent = len(piece) - len(piece.lstrip(b" \t"))
                piece = piece[:indent] + b"\\" + piece[indent:]
            piece = LINE_START_COMMAND.sub(lambda m: m[1] + m[2] + b"\\::" if m[1] else m[0], piece)
        if piece:
            at_line_start = piece.endswith((b"\n", b"\r"))
        out.append(piece)
    return out
