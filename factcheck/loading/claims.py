"""Claims files → ClaimsFile: claims, measures and rules, with every problem where it is
(docs/format.md, "Claims", "Measures", "Consistency rules").

A claim is read by one of two paths side by side: `fast_claim` for the common well-formed
claim of plain text fields, and `careful_claim`, which reads anything and says exactly what
is wrong. The two must give the same claims (tests/test_guards.py holds them to it).
"""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..checking.measures import normalise
from ..model import Event, Measure, Rule, Tolerance
from ..store.packed import ClaimsFile
from ..text import normalise_text
from . import values
from .fields import CLAIM, CLAIMS_FILE, EVENT, MEASURE, RELATIONS, REVIEW, RULE
from .nodes import SLUG, URL_SCHEMES, NodeReader
from .yamlfile import STD, TRUE_WORDS

# A measure is named in a few words ("civilian deaths"): a longer name is refused, as names are
# compared across the whole project (normalised, indexed for typos, shown in every report).
MAX_NAME = 1_000


def load_claims_file(path: str, text: str | None = None) -> ClaimsFile:
    """The file at path; or, given its text, the file that text would be."""
    r, root = NodeReader.open(path) if text is None else NodeReader.of_text(path, text)
    out = ClaimsFile(path, problems=r.problems)
    if root is None:
        return out
    f = r.fields(root, CLAIMS_FILE.names, CLAIMS_FILE.required, CLAIMS_FILE.what)
    if f is None:
        return out
    if not root.value:  # (a file of only unknown keys has had each of them reported)
        r.error(root, "a claims file needs 'claims', 'events', 'measures' or 'rules'")
    event = r.slug(f.get("event"), "'event'")
    if event is None and "event" in f:
        event = ""  # set, but wrongly, and said so: the claims need not say it again
    if "claims" in f and r.expect(f["claims"], SequenceNode, "'claims'"):
        stem = Path(path).stem
        for i, node in enumerate(f["claims"].value, 1):
            read_claim(r, node, f"{stem}:{i}", event, out)
    if "events" in f and r.expect(f["events"], MappingNode, "'events'"):
        for key, node in f["events"].value:
            if (e := read_event(r, key, node)) is not None:
                out.events.append(e)
    if "measures" in f and r.expect(f["measures"], MappingNode, "'measures'"):
        for key, node in f["measures"].value:
            if (m := read_measure(r, key, node)) is not None:
                out.measures.append(m)
    if "rules" in f and r.expect(f["rules"], SequenceNode, "'rules'"):
        for node in f["rules"].value:
            read_rule(r, node, event, out)
    return out


CLAIM_KEYS = frozenset(CLAIM.names)
STR = STD + "str"


def read_claim(r: NodeReader, node: Node, default_id: str, default_event: str | None, out: ClaimsFile) -> None:
    if not fast_claim(r, node, default_id, default_event, out):
        careful_claim(r, node, default_id, default_event, out)


def careful_claim(r: NodeReader, node: Node, default_id: str, default_event: str | None, out: ClaimsFile) -> None:
    """Any claim, well-formed or not: every problem with it is reported where it is."""
    f = r.fields(node, CLAIM.names, CLAIM.required, CLAIM.what)
    if f is None:
        return
    cid = r.slug(f["id"], "claim id") if "id" in f else default_id
    source = r.slug(f.get("source"), "'source'")
    if "event" in f:
        event = r.slug(f["event"], "'event'")
    elif default_event is not None:
        event = default_event or None
    else:
        event = None
        r.error(node, "a claim has no 'event', and its file sets none: add 'event:' to the claim or at the top of the file")
    measure = r.text(f["measure"], "'measure'", MAX_NAME) if "measure" in f else None
    value = read_value(r, f["value"]) if "value" in f else None
    as_of = r.date(f.get("as_of"), "'as_of'")
    said_on = r.date_or_time(f.get("said_on"), "'said_on'")
    via = tuple(s for s, n in r.texts(f["via"], "'via'") if r.is_slug(s, n, "source id in 'via'")) if "via" in f else ()
    quote = r.text(f["quote"], "'quote'") if "quote" in f else None
    url = r.url(f.get("url"))
    note = r.text(f["note"], "'note'") if "note" in f else None
    review = read_review(r, f["review"]) if "review" in f else None
    if None in (cid, source, event, measure, value):
        if source is not None:  # so that an unknown source is reported with the claim's other problems
            where = r.loc(f["source"])
            out.other_sources.append((source, where.line, where.column))
        return
    for sid, n in (r.texts(f["via"], "'via'") if via else ()):  # placed here, and checked once sources are known
        where = r.loc(n)
        out.other_sources.append((sid, where.line, where.column))
    out.add(id=cid, source=source, event=event, measure=measure, value=value, at=r.loc(node), as_of=as_of,
            quote=quote, said_on=said_on, url=url, note=note, quote_at=r.loc(f["quote"]) if quote else None,
            source_at=r.loc(f["source"]), via=via, review=review)


def fast_claim(r: NodeReader, node: Node, default_id: str, default_event: str | None, out: ClaimsFile) -> bool:
    """The common case, a well-formed claim of plain text fields, read without the careful
    path's many checks (a tenth of the time). Anything unusual returns False, and
    careful_claim reads the claim again to say exactly what is wrong."""
    if type(node) is not MappingNode:
        return False
    f: dict[str, str] = {}
    marks = {}
    for key, value in node.value:
        if type(key) is not ScalarNode or type(value) is not ScalarNode or value.tag != STR:
            return False
        name = key.value
        if name in f or name not in CLAIM_KEYS:
            return False
        f[name] = value.value.strip()
        marks[name] = value.start_mark
    try:
        cid, source, measure = f.get("id") or default_id, f["source"], f["measure"]
        event = f.get("event", default_event)
        if not (event and measure and len(measure) <= MAX_NAME and SLUG.fullmatch(source) and SLUG.fullmatch(event)
                and ("id" not in f or SLUG.fullmatch(cid))):
            return False
        value = values.parse_value_cached(f["value"], "str")
        as_of = values.parse_date(f["as_of"]).isoformat() if "as_of" in f else None
        said_on = values.date_or_time(f["said_on"]) if "said_on" in f else None
    except (KeyError, ValueError):
        return False
    url = f.get("url")
    if url is not None and not url.startswith(URL_SCHEMES):
        return False
    quote = f.get("quote") or None
    if ("quote" in f and not quote) or ("note" in f and not f["note"]):
        return False
    out.add(id=cid, source=source, event=event, measure=measure, value=value, at=r.at(node.start_mark), as_of=as_of,
            quote=quote, said_on=said_on, url=url, note=f.get("note"), quote_at=r.at(marks["quote"]) if quote else None,
            source_at=r.at(marks["source"]), via=())
    return True


def read_value(r: NodeReader, node: Node) -> values.Value | None:
    if isinstance(node, MappingNode) and r.tag_ok(node):
        if any(isinstance(k, ScalarNode) and k.value == "text" for k, _ in node.value):
            f = r.fields(node, ("text",), ("text",), "a text value")
            text = r.text(f["text"], "'text'") if f and "text" in f else None
            return None if text is None else values.text_value(text)
        f = r.fields(node, ("min", "max"), ("min", "max"), "a range value ({min: 20, max: 30}, or {text: …})")
        if not f or len(f) < 2:
            return None
        lo, hi = (r.count(f[k], f"'{k}'") for k in ("min", "max"))
        if lo is None or hi is None:
            return None
        try:
            return values.number_range(lo, hi, f"{values.fmt(lo)} to {values.fmt(hi)}")
        except ValueError as e:
            r.error(node, str(e))
            return None
    if not r.expect(node, ScalarNode, "'value'"):
        return None
    try:
        return values.parse_value(node.value.strip(), "bool" if node.tag == STD + "bool" else "str")
    except ValueError as e:
        r.error(node, str(e))
        return None


def read_measure(r: NodeReader, key: Node, node: Node) -> Measure | None:
    label = r.text(key, "a measure name", MAX_NAME)
    if isinstance(node, ScalarNode) and node.tag == STD + "null":
        f = {}  # a measure declared with nothing more
    else:
        f = r.fields(node, MEASURE.names, MEASURE.required, f"measure {label!r}")
    if f is None or label is None:
        return None
    written = tuple(a for a, _ in r.texts(f["aliases"], "'aliases'", MAX_NAME)) if "aliases" in f else ()
    aliases = tuple(normalise(a) for a in written)
    comparable = tuple(normalise(a) for a, _ in r.texts(f["comparable"], "'comparable'", MAX_NAME)) \
        if "comparable" in f else ()
    cumulative = False
    if "cumulative" in f:
        node_c = f["cumulative"]
        if isinstance(node_c, ScalarNode) and node_c.tag == STD + "bool":
            cumulative = node_c.value in TRUE_WORDS
        else:
            r.error(node_c, "'cumulative' must be true or false")
    tolerance = Tolerance()
    if "tolerance" in f and (text := r.text(f["tolerance"], "'tolerance'")) is not None:
        try:
            tolerance = values.parse_tolerance(text)
        except ValueError as e:
            r.error(f["tolerance"], str(e))
    declared = read_values(r, f["values"]) if "values" in f else ()
    return Measure(normalise(label), label, aliases, comparable, cumulative, tolerance, r.loc(key), written, declared)


def read_values(r: NodeReader, node: Node) -> tuple[tuple[str, str], ...]:
    """A text measure's declared answers (`values: {answer: [other wordings]}`), as (normalised
    wording, answer) pairs: each answer is a wording of itself. A wording may belong to one answer only."""
    if not r.expect(node, MappingNode, "'values'"):
        return ()
    owner: dict[str, str] = {}
    for key, wordings in node.value:
        answer = r.text(key, "a declared value", MAX_NAME)
        if answer is None:
            continue
        listed = [] if isinstance(wordings, ScalarNode) and wordings.tag == STD + "null" else \
            r.texts(wordings, f"the wordings of {answer!r}", MAX_NAME)
        for text, where in [(answer, key), *listed]:
            norm = normalise_text(text)
            if not norm:
                r.error(where, f"{text!r} has no letter or digit: it cannot be told from any other text")
            elif owner.setdefault(norm, answer) != answer:
                r.error(where, f"{text!r} is a wording of both {owner[norm]!r} and {answer!r}: a wording belongs "
                               "to one value only")
    return tuple(owner.items())


def read_rule(r: NodeReader, node: Node, default_event: str | None, out: ClaimsFile) -> None:
    f = r.fields(node, RULE.names, RULE.required, RULE.what)
    if f is None:
        return
    name = r.text(f["name"], "'name'") if "name" in f else None
    event = r.slug(f["event"], "'event'") if "event" in f else default_event or None
    if default_event is None and "event" not in f:
        r.error(node, "a rule has no 'event', and its file sets none")
    terms = r.texts(f["sum"], "'sum'", MAX_NAME) if "sum" in f else []
    if "sum" in f and not terms:
        r.error(f["sum"], "'sum' needs at least one measure")
    given = sorted((k for k in RELATIONS if k in f), key=lambda k: (f[k].start_mark.line, f[k].start_mark.column))
    if not given:
        r.error(node, "a rule needs one comparison: 'equals', 'at_most' or 'at_least'")
    elif len(given) > 1:
        r.error(f[given[1]], f"a rule takes one comparison, not both {given[0]!r} and {given[1]!r}")
    target = r.text(f[given[0]], repr(given[0]), MAX_NAME) if given else None
    if name is None or event is None or not terms or len(given) != 1 or target is None:
        return
    out.rules.append(Rule(name, event, tuple(t for t, _ in terms), given[0], target, r.loc(node),
                          r.loc(f["event"]) if "event" in f else None))
    out.rule_refs.append([(t, r.loc(n)) for t, n in terms] + [(target, r.loc(f[given[0]]))])


def read_event(r: NodeReader, key: Node, node: Node) -> Event | None:
    slug = r.slug(key, "event")
    f = r.fields(node, EVENT.names, EVENT.required, f"event {slug!r}")
    if f is None or slug is None:
        return None
    title = r.text(f["title"], "'title'") if "title" in f else None
    place = r.text(f["place"], "'place'") if "place" in f else None
    day = r.date(f.get("date"), "'date'")
    url, published, author = read_review(r, f["review"]) if "review" in f else (None, None, None)
    return Event(slug, title, day, place, url, published, author, r.loc(key))


def read_review(r: NodeReader, node: Node) -> tuple[str | None, str | None, str | None]:
    """An event's or a claim's published fact-check: its url, date published and author."""
    review = r.fields(node, REVIEW.names, REVIEW.required, REVIEW.what)
    if review is None:
        return None, None, None
    author = r.text(review["author"], "'author'") if "author" in review else None
    return r.url(review.get("url")), r.date(review.get("published"), "'published'"), author
