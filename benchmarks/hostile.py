"""Time factcheck on the inputs a hostile contributor would send to make it run without bound.

    python benchmarks/hostile.py            # every case
    python benchmarks/hostile.py quotes     # the cases whose name holds "quotes"

Each case is a project written to a temporary folder and checked end to end as a fresh
process (`factcheck check --no-cache --quiet`, or the command a case names), so start-up is counted. The bound it
must stay under is printed beside the time; the script exits 1 if one is broken.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time

from installed import FACTCHECK, NEUTRAL, installed

WORDS = ("the ministry said strikes hit targets near the city overnight while residents reported "
         "civilian casualties and damage to homes schools and a market in the northern district").split()


def prose(n_bytes: int, seed: int) -> str:
    rng = random.Random(seed)
    out, size = [], 0
    while size < n_bytes:
        word = rng.choice(WORDS) + (str(rng.randrange(1000)) if rng.random() < 0.2 else "")
        out.append(word)
        size += len(word) + 1
    return " ".join(out)


def project(root: str, claims: str, sources: str = "sources:\n  - {id: a, name: A}\n  - {id: b, name: B}\n",
            files: dict[str, str] | None = None) -> None:
    os.makedirs(os.path.join(root, "claims"))
    os.makedirs(os.path.join(root, "sources"))
    with open(os.path.join(root, "sources", "s.yaml"), "w") as f:
        f.write(sources)
    with open(os.path.join(root, "claims", "c.yaml"), "w") as f:
        f.write(claims)
    for name, text in (files or {}).items():
        with open(os.path.join(root, name), "w") as f:
            f.write(text)


def quote_case(doc_bytes: int, quote_bytes: int, quotes: int):
    def make(root: str) -> None:
        doc = prose(doc_bytes, 1)
        sources = "sources:\n  - {id: a, name: A, document: doc.txt}\n"
        claims = "event: e\nclaims:\n" + "".join(
            f"  - {{source: a, measure: m{i}, value: {i}, quote: {prose(quote_bytes, 100 + i)!r}}}\n" for i in range(quotes))
        project(root, claims, sources, {"sources/doc.txt": doc})
    return make


def one_group(n: int):
    def make(root: str) -> None:
        sources = "sources:\n" + "".join(f"  - {{id: s{i}, name: S{i}}}\n" for i in range(n))
        claims = "event: e\nclaims:\n" + "".join(f"  - {{source: s{i}, measure: deaths, value: {i % 7}}}\n" for i in range(n))
        project(root, claims, sources)
    return make


def few_sources(n: int, sources: int):
    def make(root: str) -> None:
        listed = "sources:\n" + "".join(f"  - {{id: s{i}, name: S{i}}}\n" for i in range(sources))
        claims = "event: e\nclaims:\n" + "".join(
            f"  - {{source: s{i % sources}, measure: deaths, value: {i % 7}, said_on: 2021-01-{1 + i % 28:02d}}}\n"
            for i in range(n))
        project(root, claims, listed)
    return make


def relay_chain(n: int):
    def make(root: str) -> None:
        sources = "sources:\n" + "".join(
            f"  - {{id: s{i}, name: S{i}{', relays: [s%d]' % (i + 1) if i + 1 < n else ''}}}\n" for i in range(n))
        claims = "event: e\nclaims:\n" + "".join(f"  - {{source: s{i}, measure: deaths, value: 3}}\n" for i in range(0, n, 10))
        project(root, claims, sources)
    return make


def many_measures(n: int):
    def make(root: str) -> None:
        rng = random.Random(2)
        claims = "event: e\nclaims:\n" + "".join(
            f"  - {{source: {'ab'[i % 2]}, measure: '{rng.choice(WORDS)} {rng.choice(WORDS)}s {i}', value: 1}}\n"
            for i in range(n))
        project(root, claims)
    return make


def one_word_apart(n: int):
    """Names alike but for one long word: every name shares its other words with every other."""
    def make(root: str) -> None:
        rng = random.Random(3)
        letters = "abcdefghijklmnopqrstuvwxyz"
        claims = "event: e\nclaims:\n" + "".join(
            f"  - {{source: {'ab'[i % 2]}, measure: 'deaths in {''.join(rng.choice(letters) for _ in range(8))}', value: 1}}\n"
            for i in range(n))
        project(root, claims)
    return make


def long_text(n_bytes: int, words: str):
    """A value of n_bytes of text (refused as number-like, or kept): once tried every leading run of its words."""
    def make(root: str) -> None:
        text = (words + " ") * (n_bytes // (len(words) + 1))
        project(root, f"event: e\nclaims:\n  - {{source: a, measure: m, value: '{text.strip()}'}}\n")
    return make


def long_name(n_bytes: int):
    """Two measure names of n_bytes that differ by a typo in one word: their similar-name keys once grew with the square."""
    def make(root: str) -> None:
        words = " ".join(f"word{i}" if i % 3 else "casualties" for i in range(n_bytes // 8))
        project(root, f"event: e\nclaims:\n  - {{source: a, measure: '{words}', value: 1}}\n"
                      f"  - {{source: b, measure: '{words.replace('casualties', 'casualtees', 1)}', value: 1}}\n")
    return make


def unknown_sources(n: int):
    """n claims naming n unknown sources, beside n known ones: a did-you-mean for each."""
    def make(root: str) -> None:
        sources = "sources:\n" + "".join(f"  - {{id: source-{i}, name: S{i}}}\n" for i in range(n))
        claims = "event: e\nclaims:\n" + "".join(f"  - {{source: sourse-{i}x, measure: m, value: 1}}\n" for i in range(n))
        project(root, claims, sources)
    return make


def calendar_edge(root: str) -> None:
    project(root, "event: e\nclaims:\n  - {source: a, measure: t, value: '9999-12-31T23:59:59Z'}\n"
                  "  - {source: b, measure: t, value: '0001-01-01T00:00+14:00'}\n")


def xlsx_bomb(rows: int):
    """A workbook whose first sheet holds `rows` empty rows: a megabyte zipped, hundreds unpacked."""
    def make(root: str) -> list[str]:
        import zipfile

        os.makedirs(os.path.join(root, "sources"))
        with open(os.path.join(root, "sources", "s.yaml"), "w") as f:
            f.write("sources:\n  - {id: a, name: A}\n")
        head = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>source</t></is></c>'
                '<c r="B1" t="inlineStr"><is><t>measure</t></is></c><c r="C1" t="inlineStr"><is><t>value</t></is></c></row>')
        path = os.path.join(root, "bomb.xlsx")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", CONTENT_TYPES)
            z.writestr("_rels/.rels", RELS)
            z.writestr("xl/workbook.xml", WORKBOOK)
            z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
            with z.open("xl/worksheets/sheet1.xml", "w") as f:
                f.write(head.encode())
                chunk = "".join(f'<row r="{i}"/>' for i in range(2, 10_002)).encode()
                for start in range(2, rows, 10_000):
                    f.write(chunk if start == 2 else "".join(f'<row r="{i}"/>' for i in range(start, start + 10_000)).encode())
                f.write(b"</sheetData></worksheet>")
        return ["import", path, root]
    return make


def article(n_bytes: int, unit: str, sources: int = 0):
    """An article of `unit` repeated to n_bytes, given to extract (on one line: no paragraph
    ends), in a project of two sources and `sources` more, each a name of its own."""
    def make(root: str) -> list[str]:
        os.makedirs(os.path.join(root, "sources"))
        with open(os.path.join(root, "sources", "s.yaml"), "w") as f:
            f.write("sources:\n  - {id: a, name: Agency A, kind: news}\n  - {id: m, name: Ministry M, kind: ministry}\n"
                    + "".join(f"  - {{id: s{i}, name: Office {prose(12, i)}}}\n" for i in range(sources)))
        path = os.path.join(root, "article.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(unit * (n_bytes // len(unit)) + "end.")
        return ["extract", path, root, "--source", "a", "--event", "e", "--date", "2020-01-01", "-o",
                os.path.join(root, "proposed.yaml")]
    return make


# What extract reads word by word: a sentence that never ends, packed with figures, times, dates,
# quote marks, qualifiers and "as of" without a date.
FIGURES = "more than 8,000 air strikes, no civilian casualties, between 20 and 30 people were killed and "
CLOCKS = "the raids took place at 12:30 a.m. on Tuesday, November 17, in Raqqa, Syria, and at 7:30 p.m. Eastern Time and "
MARKS = "“ the ministry said “ 12 people were killed, as of as of released on "
NUMBER_RUN = "one hundred and twenty-seven thousand nine hundred "
QUOTED = '"Twelve strikes hit targets in Syria today," the ministry said, and '
SAID = "Twelve strikes hit the town, the office of the regional governor said. "


CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
                 '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
                 'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
                 'officedocument.spreadsheetml.worksheet+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
            '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
            'name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                 'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                 'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')

# name → (make, bound in seconds). `make` writes the project, and gives the command's arguments
# when it is not `check ROOT`. Size cases come in pairs, n and 2n: twice the input must take
# about twice the time (linear), and no case may take more than 1 GiB.
CASES = {
    "a 100 KB quote not in a 1 MB document": (quote_case(1_000_000, 100_000, 1), 2.0),
    "a 100 KB quote not in a 50 MB document": (quote_case(50_000_000, 100_000, 1), 2.0),
    "10,000 quotes not in a 5 MB document": (quote_case(5_000_000, 80, 10_000), 2.0),
    "10,000 claims on one event and measure": (one_group(10_000), 2.0),
    "10,000 claims of one source on one thing": (few_sources(10_000, 1), 2.0),
    "10,000 claims of two sources on one thing": (few_sources(10_000, 2), 2.0),
    "a relay chain of 2,000 sources": (relay_chain(2_000), 1.0),
    "10,000 distinct measure names": (many_measures(10_000), 3.0),
    "10,000 measure names one word apart": (one_word_apart(10_000), 3.0),
    "times at the calendar's edges (refused)": (calendar_edge, 1.0),
    "a 70 KB text value (refused)": (long_text(70_000, "seven hundred people said"), 1.0),
    "a 140 KB text value (refused)": (long_text(140_000, "seven hundred people said"), 1.0),
    "13 KB of number words (refused)": (long_text(13_000, "one hundred and twenty"), 1.0),
    "26 KB of number words (refused)": (long_text(26_000, "one hundred and twenty"), 1.0),
    "two 1,000-character measure names a typo apart": (long_name(1_000), 1.0),
    "two 280 KB measure names (refused)": (long_name(280_000), 1.0),
    "two 10 MB measure names (refused)": (long_name(10_000_000), 3.0),
    "5,000 unknown sources among 5,000": (unknown_sources(5_000), 2.0),
    "10,000 unknown sources among 10,000": (unknown_sources(10_000), 3.0),
    "an XLSX of 8M empty rows, 20 MB (refused)": (xlsx_bomb(8_000_000), 1.0),
    "an XLSX of 7M empty rows, 18 MB (refused)": (xlsx_bomb(7_000_000), 15.0),
    "extract: a 1 MB sentence of figures": (article(1_000_000, FIGURES), 5.0),
    "extract: a 2 MB sentence of figures": (article(2_000_000, FIGURES), 10.0),
    "extract: a 1 MB sentence of times and dates": (article(1_000_000, CLOCKS), 5.0),
    "extract: a 2 MB sentence of times and dates": (article(2_000_000, CLOCKS), 10.0),
    "extract: 1 MB of open quotes and attributions": (article(1_000_000, MARKS), 5.0),
    "extract: 2 MB of open quotes and attributions": (article(2_000_000, MARKS), 10.0),
    "extract: 1 MB of number words": (article(1_000_000, NUMBER_RUN), 5.0),
    "extract: 2 MB of number words": (article(2_000_000, NUMBER_RUN), 10.0),
    "extract: 1 MB of quoted figures with places": (article(1_000_000, QUOTED), 5.0),
    "extract: 2 MB of quoted figures with places": (article(2_000_000, QUOTED), 10.0),
    "extract: 100 KB of attributions, 10,000 sources": (article(100_000, SAID, 10_000), 5.0),
    "extract: 100 KB of attributions, 20,000 sources": (article(100_000, SAID, 20_000), 5.0),
}
MAX_MIB = 1024


def made(make, root: str) -> list[str] | None:
    """make(root), in a forked process: a process started from this one would inherit the peak
    memory that writing a large case cost here, and report it as its own."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        with os.fdopen(write, "w") as out:
            out.write(json.dumps(make(root)))
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as answer:
        args = json.loads(answer.read())
    os.waitpid(pid, 0)
    return args


def main() -> None:
    print(f"timing factcheck from {installed()}", file=sys.stderr)
    wanted = sys.argv[1:]
    broken = False
    for name, (make, bound) in CASES.items():
        if wanted and not any(w in name for w in wanted):
            continue
        with tempfile.TemporaryDirectory() as root:
            args = made(make, root) or ["check", root, "--no-cache", "--fail-on", "never", "--quiet"]
            start = time.perf_counter()
            proc = subprocess.Popen([*FACTCHECK, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=NEUTRAL)
            stderr = proc.stderr.read().decode(errors="replace")
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed, mib = time.perf_counter() - start, usage.ru_maxrss / 1024
        code = os.waitstatus_to_exitcode(status)
        answered = code in (0, 1) or (code == 2 and "Traceback" not in stderr and "error:" in stderr)
        ok = elapsed <= bound and mib <= MAX_MIB and answered
        broken |= not ok
        verdict = "ok" if ok else "OVER" if answered else f"exit {code}: {stderr[-200:]}"
        print(f"  {name:45} {elapsed:6.2f} s {mib:6.0f} MiB  (bound {bound:.0f} s, {MAX_MIB} MiB)  {verdict}")
    sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
