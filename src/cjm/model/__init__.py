"""The cjm/v1 schema: the kinds of file cjm reads, as pydantic models."""

from typing import Final

from cjm.model.base import CjmModel
from cjm.model.journey import (
    Act,
    BlueprintEntry,
    Evidence,
    Journey,
    Kpi,
    Stage,
    Step,
    Suppression,
    System,
    TouchpointCatalog,
    Transition,
)
from cjm.model.persona import Demographics, Persona
from cjm.model.touchpoint import Touchpoint

API_VERSIONS: Final = ("cjm/v1",)
"""The schema versions this cjm reads."""

KINDS: Final[dict[str, type[CjmModel]]] = {
    "Journey": Journey,
    "Persona": Persona,
    "TouchpointCatalog": TouchpointCatalog,
}
"""Every kind of file, by the name written in its `kind:` key."""

__all__ = [
    "API_VERSIONS",
    "KINDS",
    "Act",
    "BlueprintEntry",
    "CjmModel",
    "Demographics",
    "Evidence",
    "Journey",
    "Kpi",
    "Persona",
    "Stage",
    "Step",
    "Suppression",
    "System",
    "Touchpoint",
    "TouchpointCatalog",
    "Transition",
]
