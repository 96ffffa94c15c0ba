"""Facts about a whole document (body, level, region and code, years, genre, session)
and the division table they use."""
from .facts import DocumentFacts, document_facts
from .regions import Region, lookup, resolve

__all__ = ["DocumentFacts", "document_facts", "Region", "lookup", "resolve"]
