"""SARIF 2.1.0, for GitHub code scanning and other tools that read static-analysis results.

One rule per verdict and per kind of finding; a result for every claim at or above --fail-on
and for every finding, at error level when it fails the run and warning otherwise; locations
relative to the folder factcheck runs in (the repository's root, in CI); and a fingerprint per
result, so that code scanning keeps an alert across runs while its claim stays what it was.
"""

from __future__ import annotations

import hashlib
import os
import pathlib
import urllib.parse

from .. import DISTRIBUTION, kinds
from ..checking.report import Report
from ..inert import json_encoder
from ..model import Finding, Location, Verdict
from . import Fragment, Partwise

DOCS = "docs/format.md"  # factcheck's reference, where each rule's section is


def location(loc: Location, base: str | None = None) -> dict:
    """Relative to the work tree holding the project (%SRCROOT%, as code scanning reads it);
    a file outside it (--claims elsewhere) by its absolute file: URI, with no base (SARIF §3.4.4)."""
    path = os.path.realpath(loc.file)
    relative = os.path.relpath(path, base or os.getcwd())
    if relative.startswith(".."):
        artifact = {"uri": pathlib.Path(path).as_uri()}
    else:
        artifact = {"uri": urllib.parse.quote(relative.replace(os.sep, "/")), "uriBaseId": "%SRCROOT%"}
    return {"physicalLocation": {"artifactLocation": artifact,
                                 "region": {"startLine": loc.line, "startColumn": loc.column}}}


def fingerprint(*parts: str) -> str:
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


def claim_result(v: Verdict, level: str, base: str | None = None) -> dict:
    c = v.claim
    text = f"{c.source}: {c.measure} = {c.value.text.strip()} is {v.verdict}"
    if v.contradicted_by:
        text += f" (against {', '.join(v.contradicted_by)})"
    if v.notes:
        text += ". " + " ".join(v.notes)
    return {"ruleId": kinds.get(v.verdict).rule_id, "level": level, "message": {"text": text},
            "locations": [location(c.location, base)],
            "partialFingerprints": {"factcheckClaim/v1": fingerprint(v.verdict, c.id, c.value.text.strip())}}


def finding_result(f: Finding, level: str, base: str | None = None) -> dict:
    return {"ruleId": kinds.get(f.kind).rule_id, "level": level, "message": {"text": f.message},
            "locations": [location(f.location, base)],
            "partialFingerprints": {"factcheckFinding/v1": fingerprint(f.kind, *f.claims)}}


def levels(style) -> tuple[set[str], str]:
    """The verdicts whose claims fail the run, and the level of findings."""
    fails = set(style.listed) if style.fail_on != "never" else set()
    return fails, "error" if style.fail_on == "finding" else "warning"


def log(style, results: list) -> dict:
    from importlib.metadata import version  # imported only for this format

    rules = [{"id": k.rule_id, "name": k.rule_id, "shortDescription": {"text": k.description},
              "help": {"text": f"{k.description} See factcheck's {DOCS}{k.anchor}."},
              "defaultConfiguration": {"level": "error" if k.name == "contradicted" else "warning"}}
             for k in kinds.KINDS.values()]
    driver = {"name": "factcheck", "version": version(DISTRIBUTION), "rules": rules}
    return {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "results": results, "columnKind": "unicodeCodePoints"}]}


IDS = [k.rule_id for k in kinds.KINDS.values()]
ENCODE = json_encoder()
HOLE = "\0results\0"  # where the results go in the log's text


class SarifFormat(Partwise):
    """SARIF, rendered part by part as JSON is: each claims file's results, then the findings'."""

    name = "sarif"

    def style_key(self, style) -> tuple:
        return style.listed, style.fail_on, style.base

    def fragment(self, r: Report, style) -> Fragment:
        fails, finding_level = levels(style)
        by_file: dict[str, list[str]] = {}
        for v in r.verdicts:
            if v.verdict in style.listed:
                result = claim_result(v, "error" if v.verdict in fails else "warning", style.base)
                result["ruleIndex"] = IDS.index(result["ruleId"])
                by_file.setdefault(v.claim.location.file, []).append(ENCODE(result))
        findings = []
        for f in r.findings:
            result = finding_result(f, finding_level, style.base)
            result["ruleIndex"] = IDS.index(result["ruleId"])
            findings.append((f.location.file, f.location.line, f.location.column, ENCODE(result)))
        return {file: ",\n".join(results) for file, results in by_file.items()}, findings

    def whole(self, summary, pieces, findings, merges, style) -> list[bytes]:
        head, tail = json_encoder(indent=1)(log(style, [HOLE])).split(ENCODE(HOLE))
        results = b",\n".join([text for _, text in pieces if text] + findings)
        return [head.encode(), results, tail.encode(), b"\n"]
