"""schema.org ClaimReview, as JSON-LD: how a published fact-check reaches search engines.

One ClaimReview per claim of an event whose published fact-check is named (`events: … review:
url`), following Google's fact-check structured-data guidance: the claim reviewed, the rating
the verdict is published as (factcheck.yaml `ratings`), the review's URL with an anchor per
claim, the publisher, and the claim itself with who made it, when, and where it appeared.
"""

from __future__ import annotations


from ..inert import json_encoder
from ..model import Problem, Rating, Report, Verdict
from . import Format

# What each verdict is published as, unless factcheck.yaml says otherwise.
DEFAULT_RATINGS = {"confirmed": Rating("Confirmed", 3), "unaddressed": Rating("Unverified", 2),
                   "contradicted": Rating("Disputed", 1)}
SHORT = 200  # characters: a quote longer than this is summarised as "measure: value"


def reviews(r: Report, only: str | None = None) -> list[dict]:
    """The ClaimReview of every claim of a reviewed event (or only of the event `only`), in the report's order."""
    settings = r.project.settings
    ratings = DEFAULT_RATINGS | dict(settings.ratings)
    best, worst = max(x.value for x in ratings.values()), min(x.value for x in ratings.values())
    publisher = {"@type": "Organization", "name": settings.publisher_name}
    if settings.publisher_url:
        publisher["url"] = settings.publisher_url
    out = []
    for v in r.verdicts:
        url, published = review_of(v, r)
        if url is None or (only is not None and v.claim.event != only):
            continue
        rating = ratings[v.verdict]
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": url,
            "claimReviewed": claim_reviewed(v),
            "author": publisher,
            "reviewRating": {"@type": "Rating", "ratingValue": rating.value, "bestRating": best, "worstRating": worst,
                             "alternateName": rating.name},
            "itemReviewed": item_reviewed(v, r),
        }
        if published:
            review["datePublished"] = published
        out.append(review)
    return out


def review_of(v: Verdict, r: Report) -> tuple[str | None, str | None]:
    """Where the claim's review is published, and when: its own review's page, else its event's
    (with an anchor per claim); (None, None) when neither is published."""
    c = v.claim
    if c.review_url:
        return c.review_url, c.review_published
    event = r.project.events.get(c.event)
    if event is None or not event.review_url:
        return None, None
    return f"{event.review_url.split('#')[0]}#{c.id}", event.review_published


def unreviewed(r: Report) -> list[Problem]:
    """A warning at the first claim of each event with no published review: its claims are left out."""
    first: dict[str, Verdict] = {}
    counts: dict[str, int] = {}
    for v in r.verdicts:
        if review_of(v, r)[0] is None:
            first.setdefault(v.claim.event, v)
            counts[v.claim.event] = counts.get(v.claim.event, 0) + 1
    return [Problem(v.claim.location, f"event {slug!r} names no published review (events: {slug}: review: url): "
                                      f"its {counts[slug]} claim(s) are left out of the ClaimReview", "warning")
            for slug, v in first.items()]


def claim_reviewed(v: Verdict) -> str:
    quote = " ".join((v.claim.quote or "").split())
    return quote if quote and len(quote) <= SHORT else f"{v.claim.measure}: {v.claim.value.text.strip()}"


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
