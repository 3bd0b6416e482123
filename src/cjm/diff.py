"""What changed between two versions of a journey, in the map's terms rather than in lines.

Stages and steps are matched by id, so a renamed stage is a rename, not a removal and an
addition; KPIs by their stage and name; transitions by where they lead from and to; a pain point
or an opportunity whose words changed but stayed close is a rewording. Each change is a `Change`:
a kind (stable, for tools), the place it is about, the values before and after, and what changed
there in words.
"""

import html
import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from itertools import groupby
from typing import Any

from cjm.figures import format_figure
from cjm.model import Journey, Kpi, Stage, Step
from cjm.views.palette import signed

REWORDED = 0.6
"""How alike two texts must be (difflib's ratio) for a removed one and an added one to count as one
text reworded: 'which guests never are' → 'and on a phone the customer rarely is' is 0.75."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change to a journey."""

    kind: str
    """What changed, as a stable word: stage-added, emotion-changed, kpi-target-changed, ..."""
    where: str
    """The place, in the new version's words where it has one: stage 'Оплата', step 'pays'."""
    before: Any
    after: Any
    detail: str
    """What changed there: "emotion +1 → −1 (worse)", "added at 3"."""

    @property
    def text(self) -> str:
        """The change in one sentence: the place, then what changed there."""
        return f"{self.where}: {self.detail}"


def journey_changes(old: Journey, new: Journey) -> list[Change]:
    """Every change from `old` to `new`: the journey's own, then stages, steps, KPIs and transitions."""
    return [*_journey(old, new), *_stages(old, new), *_steps(old, new), *_kpis(old, new), *_transitions(old, new)]


def _journey(old: Journey, new: Journey) -> Iterator[Change]:
    where = "the journey"
    for name in ("title", "owner", "status", "language"):
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            yield Change(f"{name}-changed", where, before, after, f"{name} {_shown(before)} → {_shown(after)}")
    for persona in sorted(set(new.personas) - set(old.personas)):
        yield Change("persona-added", where, None, persona, f"follows persona '{persona}'")
    for persona in sorted(set(old.personas) - set(new.personas)):
        yield Change("persona-removed", where, persona, None, f"no longer follows persona '{persona}'")


def _shown(value: object) -> str:
    return "none" if value is None else repr(value)


def _stage_where(stage: Stage) -> str:
    return f"stage '{stage.name}'"


def _stages(old: Journey, new: Journey) -> Iterator[Change]:
    before = {stage.id: (n, stage) for n, stage in enumerate(old.stages)}
    after = {stage.id for stage in new.stages}
    kept_old = [key for key in before if key in after]
    kept_new = [stage.id for stage in new.stages if stage.id in before]
    for n, stage in enumerate(new.stages):
        where = _stage_where(stage)
        if stage.id not in before:
            yield Change("stage-added", where, None, stage.id, f"added at {n + 1}")
            continue
        old_n, previous = before[stage.id]
        if previous.name != stage.name:
            yield Change("stage-renamed", where, previous.name, stage.name, f"renamed from '{previous.name}'")
        if kept_old.index(stage.id) != kept_new.index(stage.id):
            yield Change("stage-moved", where, old_n + 1, n + 1, f"moved from {old_n + 1} to {n + 1}")
        if previous.owner != stage.owner:
            detail = f"owner {_shown(previous.owner)} → {_shown(stage.owner)}"
            yield Change("stage-owner-changed", where, previous.owner, stage.owner, detail)
        for key in sorted(_channels(stage) - _channels(previous)):
            yield Change("touchpoint-gained", where, None, key, f"gained touchpoint '{key}'")
        for key in sorted(_channels(previous) - _channels(stage)):
            yield Change("touchpoint-lost", where, key, None, f"lost touchpoint '{key}'")
    for stage in old.stages:
        if stage.id not in after:
            yield Change("stage-removed", _stage_where(stage), stage.id, None, "removed")


def _channels(stage: Stage) -> set[str]:
    return {key for step in stage.steps for key in step.touchpoints}


def _step_places(journey: Journey) -> dict[str, tuple[Stage, Step]]:
    return {step.id: (stage, step) for stage in journey.stages for step in stage.steps}


def _steps(old: Journey, new: Journey) -> Iterator[Change]:
    before, after = _step_places(old), _step_places(new)
    for key, (stage, step) in after.items():
        where = f"step '{step.action}'"
        if key not in before:
            yield Change("step-added", where, None, key, f"added to {_stage_where(stage)}")
            continue
        old_stage, previous = before[key]
        if previous.action != step.action:
            yield Change("step-reworded", where, previous.action, step.action, f"reworded from '{previous.action}'")
        if old_stage.id != stage.id:
            detail = f"moved from {_stage_where(old_stage)} to {_stage_where(stage)}"
            yield Change("step-moved", where, old_stage.id, stage.id, detail)
        if previous.emotion != step.emotion:
            yield Change("emotion-changed", where, previous.emotion, step.emotion, _emotion(previous, step))
        if previous.key_moment != step.key_moment:
            kind = "key-moment-added" if step.key_moment else "key-moment-removed"
            detail = "now a key moment" if step.key_moment else "no longer a key moment"
            yield Change(kind, where, previous.key_moment, step.key_moment, detail)
        yield from _texts(where, "pain point", "resolved", previous.pain_points, step.pain_points)
        yield from _texts(where, "opportunity", "removed", previous.opportunities, step.opportunities)
    for key, (stage, step) in before.items():
        if key not in after:
            yield Change("step-removed", f"step '{step.action}'", key, None, f"removed from {_stage_where(stage)}")


def _texts(where: str, noun: str, gone: str, was: Sequence[str], now: Sequence[str]) -> Iterator[Change]:
    """Texts added, gone and reworded: a gone text and an added one that are alike are one text reworded."""
    kind = noun.replace(" ", "-")
    added = [text for text in now if text not in was]
    removed = [text for text in was if text not in now]
    pairs = sorted(
        ((SequenceMatcher(None, a, b).ratio(), i, j) for i, a in enumerate(removed) for j, b in enumerate(added)),
        key=lambda pair: (-pair[0], pair[1], pair[2]),
    )
    reworded: dict[int, int] = {}
    for ratio, i, j in pairs:
        if ratio >= REWORDED and i not in reworded and j not in reworded.values():
            reworded[i] = j
    for j, text in enumerate(added):
        if j in reworded.values():
            i = next(i for i, k in reworded.items() if k == j)
            yield Change(f"{kind}-reworded", where, removed[i], text, f"{noun} reworded: '{removed[i]}' → '{text}'")
        else:
            yield Change(f"{kind}-added", where, None, text, f"{noun} added: '{text}'")
    for i, text in enumerate(removed):
        if i not in reworded:
            yield Change(f"{kind}-{gone}", where, text, None, f"{noun} {gone}: '{text}'")


def _emotion(previous: Step, step: Step) -> str:
    def shown(emotion: int | None) -> str:
        return "none" if emotion is None else signed(emotion)

    direction = ""
    if previous.emotion is not None and step.emotion is not None:
        direction = " (better)" if step.emotion > previous.emotion else " (worse)"
    return f"emotion {shown(previous.emotion)} → {shown(step.emotion)}{direction}"


def _figure(value: float | None, unit: str | None) -> str:
    return "none" if value is None else format_figure(value, unit)


def _kpi_places(journey: Journey) -> dict[tuple[str, str], tuple[Stage, Kpi]]:
    return {(stage.id, kpi.name): (stage, kpi) for stage in journey.stages for kpi in stage.kpis}


def _kpis(old: Journey, new: Journey) -> Iterator[Change]:
    before, after = _kpi_places(old), _kpi_places(new)
    for key, (stage, kpi) in after.items():
        where = f"KPI '{kpi.name}' of {_stage_where(stage)}"
        if key not in before:
            yield Change("kpi-added", where, None, kpi.name, "added")
            continue
        _, previous = before[key]
        for name in ("value", "target"):
            was, now = getattr(previous, name), getattr(kpi, name)
            if was != now:
                detail = f"{name} {_figure(was, previous.unit)} → {_figure(now, kpi.unit)}"
                yield Change(f"kpi-{name}-changed", where, was, now, detail)
        was_met, now_met = previous.meets_target(), kpi.meets_target()
        if was_met is not None and now_met is not None and was_met != now_met:
            detail = "now meets its target" if now_met else "now misses its target"
            yield Change("kpi-status-changed", where, was_met, now_met, detail)
    for key, (stage, kpi) in before.items():
        if key not in after:
            yield Change("kpi-removed", f"KPI '{kpi.name}' of {_stage_where(stage)}", kpi.name, None, "removed")


def _transitions(old: Journey, new: Journey) -> Iterator[Change]:
    before = {(t.from_, t.to): t for t in old.transitions}
    after = {(t.from_, t.to): t for t in new.transitions}
    for key, move in after.items():
        where = f"transition {key[0]} → {key[1]}"
        if key not in before:
            yield Change("transition-added", where, None, move.condition, "added")
            continue
        was = before[key]
        for name in ("condition", "trigger"):
            if getattr(was, name) != getattr(move, name):
                detail = f"{name} {_shown(getattr(was, name))} → {_shown(getattr(move, name))}"
                yield Change(f"transition-{name}-changed", where, getattr(was, name), getattr(move, name), detail)
    for key in before:
        if key not in after:
            yield Change(
                "transition-removed", f"transition {key[0]} → {key[1]}", before[key].condition, None, "removed"
            )


@dataclass(frozen=True, slots=True)
class JourneyDiff:
    """The changes to one journey, matched by id between the two sides; `state` says whether it is
    new (added), gone (removed) or on both sides (changed, or unchanged when `changes` is empty)."""

    id: str
    title: str
    state: str
    changes: list[Change] = field(default_factory=list)


def diff_journeys(old: Sequence[Journey], new: Sequence[Journey]) -> list[JourneyDiff]:
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


def has_changes(diffs: Sequence[JourneyDiff]) -> bool:
    """Whether anything differs: a journey added or removed, or a change in one."""
    return any(d.state != "unchanged" for d in diffs)


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _summary(diffs: Sequence[JourneyDiff]) -> str:
    changed = [d for d in diffs if d.state != "unchanged"]
    if not changed:
        return f"No changes to the journey maps ({_count(len(diffs), 'journey', 'journeys')} compared)."
    states = [f"{sum(d.state == state for d in changed)} {state}" for state in ("changed", "added", "removed")]
    shown = ", ".join(state for state in states if not state.startswith("0 "))
    count = sum(len(d.changes) for d in changed)
    changes = f"; {_count(count, 'change', 'changes')} in the map's terms" if count else ""
    return f"{_count(len(diffs), 'journey map', 'journey maps')}: {shown}{changes}."


def _state(d: JourneyDiff) -> str:
    return f"{d.state}, {_count(len(d.changes), 'change', 'changes')}" if d.changes else d.state


def _places(changes: Sequence[Change]) -> Iterator[tuple[str, list[Change]]]:
    """The changes grouped by the place they are about, each place once, in the order they come."""
    for where, group in groupby(changes, key=lambda change: change.where):
        yield where, list(group)


def diff_text(diffs: Sequence[JourneyDiff]) -> str:
    """Plain text: each changed journey, its changes under the place they are about; then the summary."""
    lines = []
    for d in diffs:
        if d.state == "unchanged":
            continue
        lines.append(f"{d.id} ({d.title}): {_state(d)}")
        for where, group in _places(d.changes):
            if len(group) == 1:
                lines.append(f"  {group[0].text}")
            else:
                lines += [f"  {where}:", *(f"    {change.detail}" for change in group)]
    return "\n".join([*lines, _summary(diffs)]) + "\n"


def _escape(text: str) -> str:
    """Text as HTML in Markdown: markup, not quotes, is what it must not start."""
    return html.escape(text, quote=False)


COMMENT_LIMIT = 60_000
"""Characters a Markdown diff stays within: GitHub refuses a pull-request comment over 65,536."""


def diff_markdown(diffs: Sequence[JourneyDiff], limit: int = COMMENT_LIMIT) -> str:
    """Markdown for a pull-request comment: the summary, then each changed journey in a collapsible
    section, its changes listed under the place they are about. Every text from the maps is escaped.

    Past `limit` characters the rest of the changes are counted, not listed, so the comment can
    still be posted."""
    head = [f"**{_escape(_summary(diffs))}**", ""]
    blocks = []
    for d in diffs:
        if d.state == "unchanged":
            continue
        summary = f"<summary><code>{_escape(d.id)}</code> {_escape(d.title)}: {_state(d)}</summary>"
        items = [
            [f"<li>{_escape(group[0].text)}</li>"]
            if len(group) == 1
            else [f"<li>{_escape(where)}:<ul>", *(f"<li>{_escape(c.detail)}</li>" for c in group), "</ul></li>"]
            for where, group in _places(d.changes)
        ]
        blocks.append((["<details>", summary, ""], items, [len(group) for _, group in _places(d.changes)]))
    out, size, left_out = list(head), sum(len(line) + 1 for line in head), 0
    for opening, items, counts in blocks:
        if size + sum(len(line) + 1 for line in opening) > limit:
            left_out += max(sum(counts), 1)
            continue
        out += opening
        size += sum(len(line) + 1 for line in opening)
        listed = []
        for lines, count in zip(items, counts, strict=True):
            length = sum(len(line) + 1 for line in lines)
            if size + length > limit:
                left_out += count
                continue
            listed += lines
            size += length
        if listed:
            out += ["<ul>", *listed, "</ul>"]
        out += ["</details>", ""]
    if left_out:
        out.append(f"_{_count(left_out, 'more change', 'more changes')} not shown here: run `cjm diff` to see all._")
    return "\n".join(out).rstrip("\n") + "\n"


def diff_json(diffs: Sequence[JourneyDiff]) -> str:
    """JSON for tools: version 1, a summary and each journey with its changes (each with its text)."""
    document = {
        "version": 1,
        "summary": {
            "journeys": len(diffs),
            "changed": sum(1 for d in diffs if d.state != "unchanged"),
            "changes": sum(len(d.changes) for d in diffs),
        },
        "journeys": [
            {**asdict(d), "changes": [{**asdict(change), "text": change.text} for change in d.changes]} for d in diffs
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n"
