"""schema.org ClaimReview, as JSON-LD: how a published fact-check reaches search engines.

One ClaimReview per reviewed claim (docs/format.md, "Publishing"), following Google's
fact-check structured-data guidance: at the URL of its review (the claim's own `review`, else
its event's), the claim reviewed in at most 75 characters (its quote where the quote check found
it, or its source has no document to check it against; else "measure: value"), the rating the
verdict is published as (factcheck.yaml `ratings`), who wrote and published it, and the claim
itself with who made it, when, and where it appeared. Google shows a fact-check rich result
only for a page with one ClaimReview: a page that would carry several is a warning.
"""

from __future__ import annotations

from collections import defaultdict

from ..checking.report import Report
from ..inert import json_encoder
from ..model import Problem, Rating, Verdict
from ..show import named
from . import Format, records

# What each verdict is published as, unless factcheck.yaml says otherwise.
DEFAULT_RATINGS = {"confirmed": Rating("Confirmed", 3), "unaddressed": Rating("Unverified", 2),
                   "contradicted": Rating("Disputed", 1)}
SHORT = 75  # characters of claimReviewed, as Google recommends; cut at a word beyond


def reviews(r: Report, only: str | None = None) -> list[dict]:
    """The ClaimReview of every reviewed claim (or only those of the event `only`), in the report's order."""
    settings = r.project.settings
    ratings = DEFAULT_RATINGS | dict(settings.ratings)
    best, worst = max(x.value for x in ratings.values()), min(x.value for x in ratings.values())
    publisher = {"@type": "Organization", "name": settings.publisher_name}
    if settings.publisher_url:
        publisher["url"] = settings.publisher_url
    unfound = records.unfound_quotes(r)
    out = []
    for v in r.verdicts:
        url, published, author = review_of(v, r)
        if url is None or (only is not None and v.claim.event != only):
            continue
        rating = ratings[v.verdict]
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": url,
            "claimReviewed": claim_reviewed(v, unfound),
            "author": {"@type": "Person", "name": author, "worksFor": publisher} if author else publisher,
            "reviewRating": {"@type": "Rating", "ratingValue": rating.value, "bestRating": best, "worstRating": worst,
                             "name": rating.name, "alternateName": rating.name},
            "itemReviewed": item_reviewed(v, r),
        }
        if published:
            review["datePublished"] = published
        out.append(review)
    return out


def review_of(v: Verdict, r: Report) -> tuple[str | None, str | None, str | None]:
    """The claim's published review: its own, else its event's; (url, published, author), all
    None when neither is published."""
    c = v.claim
    if c.review_url:
        return c.review_url, c.review_published, c.review_author
    event = r.project.events.get(c.event)
    if event is None or not event.review_url:
        return None, None, None
    return event.review_url, event.review_published, event.review_author


def unreviewed(r: Report) -> list[Problem]:
    """What a publisher should know before publishing: each event with claims but no published
    review (its claims are left out); each page that would carry several ClaimReviews; each
    review dated before the claim it reviews was said."""
    first: dict[str, Verdict] = {}
    counts: dict[str, int] = {}
    pages: dict[str, list[Verdict]] = defaultdict(list)
    early = []
    for v in r.verdicts:
        url, published, _ = review_of(v, r)
        if url is None:
            first.setdefault(v.claim.event, v)
            counts[v.claim.event] = counts.get(v.claim.event, 0) + 1
            continue
        pages[url].append(v)
        if published and v.claim.said_on and published < v.claim.said_on[:10]:
            early.append(Problem(v.claim.location, f"the review of {v.claim.id} is dated {published}, before the claim "
                                                   f"was said ({v.claim.said_on[:10]}): check either date", "warning"))
    problems = [Problem(v.claim.location, f"event {slug!r} names no published review (events: {slug}: review: url): "
                                          f"its {counts[slug]} claim(s) are left out of the ClaimReview", "warning")
                for slug, v in first.items()]
    for url, on_page in pages.items():
        if len(on_page) > 1:
            ids = named(v.claim.id for v in on_page)
            problems.append(Problem(on_page[0].claim.location, f"page {url} would carry {len(on_page)} ClaimReviews "
                                    f"({ids}): Google shows a fact-check result only for a page with one; give each "
                                    "claim its own review: url", "warning"))
    return problems + early


def claim_reviewed(v: Verdict, unfound: set[str]) -> str:
    """The quote, where it was found (or its source has no document to check it against);
    otherwise "measure: value"; at most SHORT characters, cut at a word."""
    c = v.claim
    quote = " ".join((c.quote or "").split())
    text = quote if quote and c.id not in unfound else f"{c.measure}: {c.value.text.strip()}"
    if len(text) <= SHORT:
        return text
    cut = text[: SHORT - 1].rsplit(" ", 1)[0] if " " in text[: SHORT - 1] else text[: SHORT - 1]
    return cut.rstrip(" ,;:") + "…"


def item_reviewed(v: Verdict, r: Report) -> dict:
    c = v.claim
    source = r.project.sources.get(c.source)
    author = {"@type": "Organization", "name": source.name if source else c.source}
    if source and source.url:
        author["url"] = source.url
    item = {"@type": "Claim", "author": author}
    if c.said_on:
        item["datePublished"] = c.said_on[:10]
    if c.url:
        item["appearance"] = [{"@type": "CreativeWork", "url": c.url}]
    return item


def script(r: Report, only: str | None = None) -> str:
    """The reviews as a JSON-LD script for an HTML page: "<" escaped, so no text ends the script."""
    return json_encoder(indent=1)(reviews(r, only)).replace("<", "\\u003c")


class ClaimReviewFormat(Format):
    name = "claimreview"

    def report(self, r: Report, style) -> str:
        return json_encoder(indent=2)(reviews(r)) + "\n"
