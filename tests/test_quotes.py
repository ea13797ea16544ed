SOURCES = """
sources:
  - {id: a, name: A, document: a.txt}
  - {id: b, name: B}
"""
DOCUMENT = """France said that the raids took place at 12:30 a.m. Greenwich Mean Time —
which would be 2:30 a.m. on Tuesday, November 17, in Raqqa, Syria.
“Both targets were hit and destroyed simultaneously,” the France statement said.
"""


def findings(report, quote, source="a"):
    r, _ = report(
        f"event: e\nclaims:\n  - {{id: q, source: {source}, measure: m, value: 1, quote: {quote!r}}}\n",
        sources=SOURCES, extra={"sources/a.txt": DOCUMENT},
    )
    return [f for f in r.findings if f.kind == "quote"]


def test_quote_matches_across_line_breaks_case_and_typography(report):
    assert findings(report, "GREENWICH MEAN TIME - which would be 2:30 a.m.") == []
    assert findings(report, '"Both targets were hit and destroyed simultaneously," the France') == []
    assert findings(report, "France said that the raids … at 12:30 a.m.") == []


def test_quote_not_in_the_document_is_a_finding_with_the_closest_passage(report):
    [f] = findings(report, "Both targets were hit and destroyed at once")
    assert f.claims == ("q",)
    assert "not found in" in f.message and "% similar" in f.message
    assert "both targets were hit and destroyed" in f.message


def test_ellipsis_pieces_must_come_in_order(report):
    assert findings(report, "in Raqqa, Syria … 12:30 a.m.")


def test_sources_without_a_document_are_not_checked(report):
    assert findings(report, "words nobody wrote", source="b") == []
