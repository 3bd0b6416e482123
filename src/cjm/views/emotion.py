"""The emotion curve: one smooth line through every step's emotion, across all stage columns.

Every stage column draws its own slice of one global curve (a Catmull-Rom spline turned
into cubic Bézier segments), so the line runs on unbroken from column to column while each
column's SVG holds only the segments that cross it.
"""

from dataclasses import dataclass, field
from typing import Final

from cjm.model import Journey
from cjm.views.palette import emotion_style, signed
from cjm.views.words import Words

COLUMN: Final = 280
"""Width of a stage column in pixels; the page's grid uses the same width."""
HEIGHT: Final = 150
TOP: Final = 28
BOTTOM: Final = 30


@dataclass(frozen=True, slots=True)
class Point:
    """One step on the curve."""

    x: float
    y: float
    emotion: int
    action: str
    key_moment: bool
    lowest: bool
    color: str
    label: str


@dataclass(slots=True)
class Slice:
    """The part of the curve inside one stage column."""

    view_box: str
    zero_y: float
    left: float
    right: float
    path: str
    points: list[Point] = field(default_factory=list)
    summary: str = ""


def _y(emotion: float) -> float:
    return TOP + (2 - emotion) * (HEIGHT - TOP - BOTTOM) / 4


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def emotion_slices(journey: Journey, words: Words) -> list[Slice]:
    """One slice of the curve per stage, in stage order; its labels in `words`' language."""
    points: list[tuple[int, Point]] = []
    for s, stage in enumerate(journey.stages):
        steps = stage.steps
        for t, step in enumerate(steps):
            if step.emotion is None:
                continue
            x = s * COLUMN + (t + 0.5) * COLUMN / len(steps)
            style = emotion_style(step.emotion)
            points.append(
                (
                    s,
                    Point(
                        x,
                        _y(step.emotion),
                        step.emotion,
                        step.action,
                        step.key_moment,
                        False,
                        style.marker,
                        signed(step.emotion) + " " + words(style.word),
                    ),
                )
            )
    if points:
        lowest = min(p.emotion for _, p in points)
        if lowest < 0:
            points = [
                (s, Point(p.x, p.y, p.emotion, p.action, p.key_moment, p.emotion == lowest, p.color, p.label))
                for s, p in points
            ]
    segments = _segments([p for _, p in points])
    slices = []
    for s, stage in enumerate(journey.stages):
        left, right = s * COLUMN, (s + 1) * COLUMN
        own = [p for stage_number, p in points if stage_number == s]
        crossing = [seg for seg in segments if seg[0][0] < right and seg[3][0] > left]
        path = ""
        previous_end: tuple[float, float] | None = None
        for start, control1, control2, end in crossing:
            if previous_end != start:
                path += f"M{_fmt(start[0])} {_fmt(start[1])}"
            path += (
                f"C{_fmt(control1[0])} {_fmt(control1[1])} {_fmt(control2[0])} {_fmt(control2[1])} "
                f"{_fmt(end[0])} {_fmt(end[1])}"
            )
            previous_end = end
        summary = "; ".join(f"{p.action}: {p.label}" for p in own) or words("no emotions recorded")
        slices.append(Slice(f"{left} 0 {COLUMN} {HEIGHT}", _y(0), left, right, path, own, f"{stage.name}: {summary}"))
    return slices


Coordinate = tuple[float, float]


def _segments(points: list[Point]) -> list[tuple[Coordinate, Coordinate, Coordinate, Coordinate]]:
    """Catmull-Rom through the points as cubic Bézier segments (x only ever increases)."""
    coordinates = [(p.x, p.y) for p in points]
    result = []
    for n in range(len(coordinates) - 1):
        p0 = coordinates[n - 1] if n > 0 else coordinates[n]
        p1, p2 = coordinates[n], coordinates[n + 1]
        p3 = coordinates[n + 2] if n + 2 < len(coordinates) else p2
        control1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        control2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        control1 = (min(max(control1[0], p1[0]), p2[0]), control1[1])
        control2 = (min(max(control2[0], p1[0]), p2[0]), control2[1])
        result.append((p1, control1, control2, p2))
    return result
