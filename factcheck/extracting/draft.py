"""The proposals as a claims file for a person to review: every claim in it loads as it is
(the text is read back by the claims loader before it is given out), and what would not load
is a comment at the end with the article's words and why.
"""

from __future__ import annotations

import datetime as dt
import re

from ..loading.claims import load_claims_file
from ..model import Source
from ..yamlwriter import Quoted, claims_file, scalar
from .article import Article, Quote
from .propose import Proposal, propose

SLUGGED = re.compile(r"[^a-z0-9]+")


def draft(article: Article, sources: list[Source], default: str, event: str, today: dt.date | None,
          places: dict[str, str], taken: set[str]) -> tuple[str, int, int]:
    """The claims file's text, how many claims it proposes and how many it leaves as comments."""
    claims, comments, quotes = propose(article, sources, default, today, places)
    while True:
        text, failed = _written(article, event, _with_ids(claims, taken), comments, quotes)
        if not failed:
            return text, len(claims), len(comments)
        for i, message in sorted(failed.items(), reverse=True):  # cannot happen, but never give out a file that does not load
            claims[i].problem = message
            comments.append(claims.pop(i))


def _with_ids(claims: list[Proposal], taken: set[str]) -> list[dict]:
    used = set(taken)
    out = []
    for p in claims:
        base = SLUGGED.sub("-", f"{p.fields['source']}-{p.fields['measure']}".lower()).strip("-")[:60].strip("-")
        cid, n = base, 1
        while cid in used:
            n += 1
            cid = f"{base}-{n}"
        used.add(cid)
        out.append({"id": cid, **p.fields})
    return out


def _written(article: Article, event: str, claims: list[dict], comments: list[Proposal],
             quotes: list[Quote]) -> tuple[str, dict[int, str]]:
    head = [f"Claims proposed by `factcheck extract` from {article.path}, for a person to review:",
            "keep what the article says, correct what it does not, delete the rest. Each note says",
            "where its sentence is and who said it."]
    tail = [*_left_out(comments), *_unused_quotes(article, quotes)]
    written = claims_file(head, event, claims, tail)
    failed: dict[int, str] = {}
    for problem in load_claims_file(article.path + ".yaml", written.text).problems:
        where = written.at(problem.location.line)
        if where is not None and where[1] != "event":
            failed.setdefault(where[0], problem.message)
    return written.text, failed


def _left_out(comments: list[Proposal]) -> list[str]:
    if not comments:
        return []
    lines = ["", "Not proposed, as they would not load as claims (fill in what is missing to keep one):"]
    for p in comments:
        f = p.fields
        lines.append(f"- {scalar(p.problem)}")
        lines.append(f"  source: {f['source']}, measure: {scalar(f['measure'])}, value: {scalar(str(f['value']))}")
        lines.append(f"  note: {scalar(f['note'])}")
    return lines


def _unused_quotes(article: Article, quotes: list[Quote]) -> list[str]:
    if not quotes:
        return []
    lines = ["", "Quotes of five words or more with no figure in them (a quote belongs to a claim):"]
    for q in quotes:
        at = article.at(q.start)
        lines.append(f"- {at.file}:{at.line}:{at.column}: quote: {scalar(Quoted(q.text))}")
    return lines
