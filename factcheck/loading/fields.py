"""The fields of every file, declared once: the loader checks keys against these, and the JSON
Schemas editors validate with (schemas.py) are made from them, so the two cannot drift.

Each field says its name, whether it is required, the kind of value it takes, and what it
means in the words of docs/format.md (editors show them on hover).
"""

from __future__ import annotations

from dataclasses import dataclass

RELATIONS = ("equals", "at_most", "at_least")  # what a rule's sum may be compared by
KINDS = ("activist", "ministry", "military", "government", "news", "ngo", "monitor", "other")
GRADES = "ABCDEF"


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: str  # slug, text, date, date-or-time, url, value, slugs, texts, kind, grade, boolean, tolerance,
    #            number, range, or a Shape's name (a mapping), "list of " + one, "map of " + one
    help: str
    required: bool = False


@dataclass(frozen=True, slots=True)
class Shape:
    """A mapping of fields: a claim, a source, a rule…"""

    what: str  # as messages name it: "a claim"
    fields: tuple[Field, ...]
    help: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)


SOURCE = Shape("a source", (
    Field("id", "slug", "Slug naming the source, unique across the project: a-z, 0-9, '.', '_', '-'.", True),
    Field("name", "text", "Display name.", True),
    Field("kind", "kind", "activist, ministry, military, government, news, ngo, monitor or other (the default)."),
    Field("url", "url", "Where the source publishes (http:// or https://)."),
    Field("reliability", "grade", "Admiralty grade of the source: A (completely reliable) to F (cannot be judged)."),
    Field("relays", "slugs", "Ids of the sources whose statements this one repeats: their agreement is not "
                             "independent confirmation."),
    Field("document", "text", "Path, relative to this file and inside the project, of the source's original text: "
                              "every quote of this source must appear in it."),
    Field("notes", "text", "Free text."),
), "One source: who said what.")

SOURCES_FILE = Shape("a sources file", (
    Field("sources", "list of source", "The sources this file describes.", True),
), "Several sources in one file.")

REVIEW = Shape("'review'", (
    Field("url", "url", "Where the fact-check is published.", True),
    Field("published", "date", "When it was published."),
    Field("author", "text", "Who wrote it."),
), "A published fact-check: of an event, or of one claim.")

CLAIM = Shape("a claim", (
    Field("id", "slug", "Slug, unique across the project; by default <file stem>:<position>."),
    Field("source", "slug", "The id of the source that said it.", True),
    Field("event", "slug", "Slug of what the claim is about (a raid, a campaign); required unless the file sets one."),
    Field("measure", "name", "What is stated, in plain words: 'air strikes', 'civilian deaths', 'time of raid'.", True),
    Field("value", "value", "7, '8,000', '20-30', 'more than 8,000', 'about 250', dozens, true, 2015-11-16, "
                            "'2015-11-16 19:30 America/New_York', {min: 20, max: 30} or {text: …}.", True),
    Field("as_of", "date", "The date a running tally stands at (YYYY-MM-DD)."),
    Field("quote", "text", "The source's own words."),
    Field("said_on", "date-or-time", "The date, or time with its zone, the source said it: a later statement "
                                     "supersedes an earlier one."),
    Field("via", "slugs", "Ids of the sources this one claim came through ('AP, citing relatives')."),
    Field("url", "url", "Citation."),
    Field("note", "text", "Free text."),
    Field("review", "review", "This claim's own published fact-check; it takes the place of its event's."),
), "Who said what, about which event.")

EVENT = Shape("an event", (
    Field("title", "text", "What reports show instead of the slug."),
    Field("date", "date", "When it happened."),
    Field("place", "text", "Where."),
    Field("review", "review", "The published fact-check of this event, if any."),
), "What claims are about.")

MEASURE = Shape("a measure", (
    Field("aliases", "names", "Other names of the same measure."),
    Field("comparable", "names", "Measures counting the same thing, whose differing values contradict."),
    Field("cumulative", "boolean", "A running tally, which can only grow with as_of."),
    Field("tolerance", "tolerance", "How far apart values may be and agree: a number (2), a percentage ('10%') "
                                    "or a duration ('15 minutes')."),
    Field("values", "map of wordings", "The answers a text measure can take, each with its other wordings: two "
                                       "claims with different declared values contradict each other."),
), "How a measure's values are compared.")

RULE = Shape("a rule", (
    Field("name", "text", "What the rule says, in words.", True),
    Field("event", "slug", "The event it applies to; by default the file's."),
    Field("sum", "names", "The measures added up.", True),
    Field("equals", "name", "The measure the sum equals."),
    Field("at_most", "name", "The measure the sum is at most."),
    Field("at_least", "name", "The measure the sum is at least."),
), "A consistency rule, checked on each source's own figures.")

CLAIMS_FILE = Shape("a claims file", (
    Field("event", "slug", "The default event of this file's claims and rules."),
    Field("events", "map of event", "Descriptions of events, by slug."),
    Field("claims", "list of claim", "The claims."),
    Field("measures", "map of measure", "Measure declarations, by name."),
    Field("rules", "list of rule", "Consistency rules."),
), "Claims, events, measures and rules.")

PUBLISHER = Shape("'publisher'", (
    Field("name", "text", "Who publishes the fact-checks.", True),
    Field("url", "url", "Their site."),
), "Who publishes the fact-checks (ClaimReview's author).")

RATING = Shape("a rating", (
    Field("name", "text", "The rating's name, e.g. Accurate.", True),
    Field("value", "number", "Its value; the highest is the best.", True),
), "What a verdict is published as.")

RATINGS = Shape("'ratings'", tuple(Field(v, "rating", f"What '{v}' is published as.")
                                   for v in ("confirmed", "unaddressed", "contradicted")),
                "Verdict → the rating published (ClaimReview's reviewRating).")

SETTINGS = Shape("factcheck.yaml", (
    Field("publisher", "publisher", "Who publishes the fact-checks."),
    Field("ratings", "ratings", "Verdict → the rating published."),
    Field("vague", "map of range", "The ranges of vague words, over the documented ones (dozens: 12-99)."),
), "factcheck's project settings.")

SHAPES = {shape.what.strip("'").removeprefix("a ").removeprefix("an "): shape for shape in
          (SOURCE, SOURCES_FILE, CLAIM, REVIEW, EVENT, MEASURE, RULE, CLAIMS_FILE, PUBLISHER, RATING, RATINGS, SETTINGS)}
