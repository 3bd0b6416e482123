"""The rule families; importing this package registers every rule."""

from cjm.linting.rules import content, coverage, emotions, flow, lifecycle, metrics, people, suppressions

__all__ = ["content", "coverage", "emotions", "flow", "lifecycle", "metrics", "people", "suppressions"]
