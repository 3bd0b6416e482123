"""The rule families; importing this package registers every rule."""

from cjm.linting.rules import (
    blueprint,
    content,
    coverage,
    emotions,
    flow,
    freshness,
    lifecycle,
    metrics,
    people,
    suppressions,
)

__all__ = [
    "blueprint",
    "content",
    "coverage",
    "emotions",
    "flow",
    "freshness",
    "lifecycle",
    "metrics",
    "people",
    "suppressions",
]
