"""The extraction schema (v1): labels, relation and activity types.

One place for the names every other module uses; the prose definition lives in
``annotations/GUIDELINES.md`` (which follows ``shared/design/schema.md``).
"""
from __future__ import annotations

SCHEMA_VERSION = "1"

#: Entity labels, in the order the schema lists them.
LABELS: tuple[str, ...] = (
    "REGULATION",
    "DOCUMENT",
    "BODY",
    "MEETING",
    "INITIATIVE",
    "ACTIVITY",
    "COUNT",
    "MONEY",
    "PERCENT",
    "DATE",
    "PERSON",
    "PLACE",
)

#: The only labels a single character may be (川, 沪: province abbreviations); every other
#: entity is two characters or more (GUIDELINES "Span length"; the tagger decodes so).
SINGLE_CHAR_LABELS: frozenset[str] = frozenset({"PLACE"})

#: The labels the issue tracker calls "core".
CORE_LABELS: tuple[str, ...] = ("REGULATION", "DOCUMENT", "BODY", "INITIATIVE", "ACTIVITY", "COUNT")

#: The one relation: COUNT (head) -> ACTIVITY (tail).
COUNT_OF = "COUNT_OF"
RELATIONS: dict[str, tuple[str, str]] = {COUNT_OF: ("COUNT", "ACTIVITY")}

#: Activity types an ACTIVITY normalises to (schema amended 2026-12-04: twenty types), decided
#: by the span and its clause (:mod:`nrcie.normalize.activity`, rules in resources/activities.yaml).
ACTIVITY_TYPES: tuple[str, ...] = (
    "meeting",
    "report_review",
    "enforcement_inspection",
    "research",
    "inquiry",
    "resolution",
    "appointment",
    "legislation",
    "filing_review",
    "suggestion",
    "training",
    "inspection_visit",
    "publicity",
    "outreach",
    "facility",
    "budget_review",
    "evaluation",
    "petition",
    "foreign_affairs",
    "other",
)
