"""What changed between two versions of a journey, in the map's terms rather than in lines.

Stages and steps are matched by id, so a renamed stage is a rename, not a removal and an
addition; KPIs by their stage and name; transitions by where they lead from and to. Each change
is a `Change`: a kind (stable, for tools), the place it is about, the values before and after, and
a sentence for people.
"""

import html
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from cjm.model import Journey, Kpi, Stage, Step
from cjm.views.palette import signed


@dataclass(frozen=True, slots=True)
class Change:
    """One change to a journey."""

    kind: str
    """What changed, as a stable word: stage-added, emotion-changed, kpi-target-changed, ..."""
    where: str
    """The place, in the new version's words where it has one: stage 'Оплата', step 'pays'."""
    before: Any
    after: Any
    text: str


def journey_changes(old: Journey, new: Journey) -> list[Change]:
    """Every change from `old` to `new`, journey first, then stage by stage in the new order."""
    return [*_journey(old, new), *_stages(old, new), *_steps(old, new), *_kpis(old, new), *_transitions(old, new)]


def _change(kind: str, where: str, before: Any, after: Any, text: str) -> Change:
    return Change(kind, where, before, after, text)


def _journey(old: Journey, new: Journey) -> Iterator[Change]:
    for name in ("title", "owner", "status", "language"):
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            yield _change(f"{name}-changed", "the journey", before, after, f"{name}: {before!r} → {after!r}")
    for persona in sorted(set(new.personas) - set(old.personas)):
        yield _change("persona-added", f"persona '{persona}'", None, persona, f"persona '{persona}' added")
    for persona in sorted(set(old.personas) - set(new.personas)):
        yield _change("persona-removed", f"persona '{persona}'", persona, None, f"persona '{persona}' removed")


def _stage_where(stage: Stage) -> str:
    return f"stage '{stage.name}'"


def _stages(old: Journey, new: Journey) -> Iterator[Change]:
    before = {stage.id: (n, stage) for n, stage in enumerate(old.stages)}
    after = {stage.id: (n, stage) for n, stage in enumerate(new.stages)}
    kept_old = [key for key in before if key in after]
    kept_new = [key for key in after if key in before]
    for n, stage in enumerate(new.stages):
        if stage.id not in before:
            yield _change("stage-added", _stage_where(stage), None, stage.id, f"stage '{stage.name}' added at {n + 1}")
            continue
        _, previous = before[stage.id]
        where = _stage_where(stage)
        if previous.name != stage.name:
            text = f"stage '{previous.name}' renamed to '{stage.name}'"
            yield _change("stage-renamed", where, previous.name, stage.name, text)
        if kept_old.index(stage.id) != kept_new.index(stage.id):
            yield _change("stage-moved", where, before[stage.id][0] + 1, n + 1, f"{where} moved to {n + 1}")
        if previous.owner != stage.owner:
            text = f"{where}: owner {previous.owner!r} → {stage.owner!r}"
            yield _change("stage-owner-changed", where, previous.owner, stage.owner, text)
        gained = _channels(stage) - _channels(previous)
        lost = _channels(previous) - _channels(stage)
        for key in sorted(gained):
            yield _change("touchpoint-gained", where, None, key, f"{where} gained touchpoint '{key}'")
        for key in sorted(lost):
            yield _change("touchpoint-lost", where, key, None, f"{where} lost touchpoint '{key}'")
    for stage in old.stages:
        if stage.id not in after:
            yield _change("stage-removed", _stage_where(stage), stage.id, None, f"stage '{stage.name}' removed")


def _channels(stage: Stage) -> set[str]:
    return {key for step in stage.steps for key in step.touchpoints}


def _step_places(journey: Journey) -> dict[str, tuple[Stage, Step]]:
    return {step.id: (stage, step) for stage in journey.stages for step in stage.steps}


def _steps(old: Journey, new: Journey) -> Iterator[Change]:
    before, after = _step_places(old), _step_places(new)
    for key, (stage, step) in after.items():
        where = f"step '{step.action}'"
        if key not in before:
            yield _change("step-added", where, None, key, f"{where} added to {_stage_where(stage)}")
            continue
        old_stage, previous = before[key]
        if old_stage.id != stage.id:
            text = f"{where} moved from {_stage_where(old_stage)} to {_stage_where(stage)}"
            yield _change("step-moved", where, old_stage.id, stage.id, text)
        if previous.emotion != step.emotion:
            yield _change(
                "emotion-changed", where, previous.emotion, step.emotion, _emotion_text(where, previous, step)
            )
        if previous.key_moment != step.key_moment:
            kind = "key-moment-added" if step.key_moment else "key-moment-removed"
            yield _change(kind, where, previous.key_moment, step.key_moment, f"{where}: {kind.replace('-', ' ')}")
        for name, noun in (("pain_points", "pain point"), ("opportunities", "opportunity")):
            was, now = getattr(previous, name), getattr(step, name)
            for text in (item for item in now if item not in was):
                yield _change(f"{noun.replace(' ', '-')}-added", where, None, text, f"{where}: {noun} added: {text}")
            gone = "resolved" if name == "pain_points" else "removed"
            for text in (item for item in was if item not in now):
                yield _change(f"{noun.replace(' ', '-')}-{gone}", where, text, None, f"{where}: {noun} {gone}: {text}")
    for key, (stage, step) in before.items():
        if key not in after:
            text = f"step '{step.action}' removed from {_stage_where(stage)}"
            yield _change("step-removed", f"step '{step.action}'", key, None, text)


def _emotion_text(where: str, previous: Step, step: Step) -> str:
    def shown(emotion: int | None) -> str:
        return "none" if emotion is None else signed(emotion)

    direction = ""
    if previous.emotion is not None and step.emotion is not None:
        direction = " (better)" if step.emotion > previous.emotion else " (worse)"
    return f"{where}: emotion {shown(previous.emotion)} → {shown(step.emotion)}{direction}"


def _kpi_places(journey: Journey) -> dict[tuple[str, str], tuple[Stage, Kpi]]:
    return {(stage.id, kpi.name): (stage, kpi) for stage in journey.stages for kpi in stage.kpis}


def _kpis(old: Journey, new: Journey) -> Iterator[Change]:
    before, after = _kpi_places(old), _kpi_places(new)
    for key, (stage, kpi) in after.items():
        where = f"KPI '{kpi.name}' of {_stage_where(stage)}"
        if key not in before:
            yield _change("kpi-added", where, None, kpi.name, f"{where} added")
            continue
        _, previous = before[key]
        for name in ("value", "target"):
            was, now = getattr(previous, name), getattr(kpi, name)
            if was != now:
                yield _change(f"kpi-{name}-changed", where, was, now, f"{where}: {name} {was} → {now}")
        was_met, now_met = previous.meets_target(), kpi.meets_target()
        if was_met is not None and now_met is not None and was_met != now_met:
            state = "now meets its target" if now_met else "now misses its target"
            yield _change("kpi-status-changed", where, was_met, now_met, f"{where} {state}")
    for key, (stage, kpi) in before.items():
        if key not in after:
            where = f"KPI '{kpi.name}' of {_stage_where(stage)}"
            yield _change("kpi-removed", where, kpi.name, None, f"{where} removed")


def _transitions(old: Journey, new: Journey) -> Iterator[Change]:
    before = {(t.from_, t.to): t for t in old.transitions}
    after = {(t.from_, t.to): t for t in new.transitions}
    for key, move in after.items():
        where = f"transition {key[0]} → {key[1]}"
        if key not in before:
            yield _change("transition-added", where, None, move.condition, f"{where} added")
        elif before[key].condition != move.condition or before[key].trigger != move.trigger:
            was = (before[key].condition, before[key].trigger)
            yield _change("transition-changed", where, was, (move.condition, move.trigger), f"{where} changed")
    for key in before:
        if key not in after:
            where = f"transition {key[0]} → {key[1]}"
            yield _change("transition-removed", where, before[key].condition, None, f"{where} removed")


@dataclass(frozen=True, slots=True)
class JourneyDiff:
    """The changes to one journey, matched by id between the two sides; `state` says whether it is
    new (added), gone (removed) or on both sides (changed, or unchanged when `changes` is empty)."""

    id: str
    title: str
    state: str
    changes: list[Change] = field(default_factory=list)


def diff_journeys(old: list[Journey], new: list[Journey]) -> list[JourneyDiff]:
    """The journeys of both sides, matched by id, in id order."""
    before, after = {j.id: j for j in old}, {j.id: j for j in new}
    result = []
    for key in sorted(before.keys() | after.keys()):
        if key not in before:
            result.append(JourneyDiff(key, after[key].title, "added"))
        elif key not in after:
            result.append(JourneyDiff(key, before[key].title, "removed"))
        else:
            changes = journey_changes(before[key], after[key])
            result.append(JourneyDiff(key, after[key].title, "changed" if changes else "unchanged", changes))
    return result


def has_changes(diffs: list[JourneyDiff]) -> bool:
    """Whether anything differs: a journey added or removed, or a change in one."""
    return any(d.state != "unchanged" for d in diffs)


def _summary(diffs: list[JourneyDiff]) -> str:
    changed = [d for d in diffs if d.state != "unchanged"]
    if not changed:
        return "No changes to the journey maps."
    count = sum(len(d.changes) for d in changed)
    maps = "journey map" if len(diffs) == 1 else "journey maps"
    return (
        f"{len(changed)} of {len(diffs)} {maps} changed ({count} change{'' if count == 1 else 's'} in the map's terms)."
    )


def diff_text(diffs: list[JourneyDiff]) -> str:
    """Plain text: a line a change under each changed journey, then the summary."""
    lines = []
    for d in diffs:
        if d.state == "unchanged":
            continue
        lines.append(f"{d.id} ({d.title}): {d.state}")
        lines += [f"  {change.text}" for change in d.changes]
    return "\n".join([*lines, _summary(diffs)]) + "\n"


def _escape(text: str) -> str:
    """Text as HTML in Markdown: markup, not quotes, is what it must not start."""
    return html.escape(text, quote=False)


def diff_markdown(diffs: list[JourneyDiff]) -> str:
    """Markdown for a pull-request comment: the summary, then each changed journey in a section that
    opens, its changes as a list. Every text from the maps is escaped as HTML."""
    out = [f"**{_escape(_summary(diffs))}**", ""]
    for d in diffs:
        if d.state == "unchanged":
            continue
        head = f"<code>{_escape(d.id)}</code> {_escape(d.title)}: {d.state}"
        if d.changes:
            head += f", {len(d.changes)} change{'s' if len(d.changes) != 1 else ''}"
        out += ["<details>", f"<summary>{head}</summary>", "", "<ul>"]
        out += [f"<li>{_escape(change.text)}</li>" for change in d.changes]
        out += ["</ul>", "</details>", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def diff_json(diffs: list[JourneyDiff]) -> str:
    """JSON for tools: version 1, a summary and each journey with its changes."""
    document = {
        "version": 1,
        "summary": {
            "journeys": len(diffs),
            "changed": sum(1 for d in diffs if d.state != "unchanged"),
            "changes": sum(len(d.changes) for d in diffs),
        },
        "journeys": [asdict(d) for d in diffs],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n"
