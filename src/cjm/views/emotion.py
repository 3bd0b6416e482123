"""The emotion curve: one smooth line through every step's emotion, across all stage columns.

Every stage column draws its own slice of one global curve (a Catmull-Rom spline turned
into cubic Bézier segments), so the line runs on unbroken from column to column while each
column's SVG holds only the segments that cross it. A step without an emotion breaks the line
and shows as a hollow mark; every mark carries the step's number from the action list.
"""

from dataclasses import dataclass, field, replace
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
    """One step on the curve, numbered as the action list numbers it; a step without an emotion is a
    hollow mark on the zero line (`emotion` None), and the line breaks around it."""

    number: int
    x: float
    y: float
    emotion: int | None
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
    """One slice of the curve per stage, in stage order; its labels in `words`' language. Steps are
    numbered across the journey (1, 2, ... as the page's action lists are), and the line runs through
    each run of steps that have an emotion, broken where one has none."""
    points: list[tuple[int, Point]] = []
    number = 0
    for s, stage in enumerate(journey.stages):
        for t, step in enumerate(stage.steps):
            number += 1
            x = s * COLUMN + (t + 0.5) * COLUMN / len(stage.steps)
            style = emotion_style(step.emotion)
            if step.emotion is None:
                label = words("emotion not recorded")
                y = _y(0)
            else:
                label = signed(step.emotion) + " " + words(style.word)
                y = _y(step.emotion)
            points.append(
                (s, Point(number, x, y, step.emotion, step.action, step.key_moment, False, style.marker, label))
            )
    felt = [p.emotion for _, p in points if p.emotion is not None]
    lowest = min(felt, default=0)
    if lowest < 0:
        points = [(s, replace(p, lowest=p.emotion == lowest)) for s, p in points]
    segments = [segment for run in _runs([p for _, p in points]) for segment in _segments(run)]
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
        summary = "; ".join(f"{p.number}. {p.action}: {p.label}" for p in own) or words("no emotions recorded")
        slices.append(Slice(f"{left} 0 {COLUMN} {HEIGHT}", _y(0), left, right, path, own, f"{stage.name}: {summary}"))
    return slices


def _runs(points: list[Point]) -> list[list[Point]]:
    """The runs of consecutive steps that have an emotion: the line is drawn through each, not across a gap."""
    runs: list[list[Point]] = [[]]
    for point in points:
        if point.emotion is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


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
