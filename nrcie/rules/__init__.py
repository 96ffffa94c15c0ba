"""The rule layer: declarative recognizers that say why they matched."""
from .engine import Candidate, RuleEngine

__all__ = ["Candidate", "RuleEngine"]
