"""The rule families; importing this package registers every rule."""

from cjm.linting.rules import content, coverage, emotions, flow, freshness, lifecycle, metrics, people, suppressions

__all__ = ["content", "coverage", "emotions", "flow", "freshness", "lifecycle", "metrics", "people", "suppressions"]
