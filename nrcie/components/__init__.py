"""spaCy components of nrcie; importing this module registers them."""
from . import extensions  # noqa: F401
from .. import tokenizer  # noqa: F401  (registers nrcie.CharTokenizer.v1, nrcie.CharWordTokenizer.v1)
from .boundary import BoundarySnap, make_boundary_snap
from .linker import CountLinker, make_count_linker
from .precision import Float32Weights, make_float32_weights
from .relation import RelationComponent, make_relation
from .rules import RulesComponent, make_rules

__all__ = ["BoundarySnap", "CountLinker", "Float32Weights", "RelationComponent", "RulesComponent", "make_boundary_snap", "make_count_linker", "make_float32_weights", "make_relation", "make_rules"]
