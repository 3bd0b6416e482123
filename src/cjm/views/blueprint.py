"""The service blueprint's layers as the views show them: one place that says what an entry reads
as, and which layers a journey fills."""

from collections.abc import Callable
from dataclasses import dataclass

from cjm.model import Act, BlueprintEntry, Journey


@dataclass(frozen=True, slots=True)
class Layers:
    """Which blueprint layers a journey fills (a page shows only those)."""

    frontstage: bool
    support: bool
    physical_evidence: bool


def layers(journey: Journey) -> Layers:
    """The layers any step of the journey fills."""
    steps = [step for stage in journey.stages for step in stage.steps]
    return Layers(
        frontstage=any(step.frontstage for step in steps),
        support=any(step.support for step in steps),
        physical_evidence=any(step.physical_evidence for step in steps),
    )


def uses_blueprint(journey: Journey) -> bool:
    """Whether the journey has a service blueprint: a frontstage, a support layer or systems."""
    found = layers(journey)
    return found.frontstage or found.support or bool(journey.systems)


def entry_reader(journey: Journey) -> Callable[[BlueprintEntry], str]:
    """How an entry reads on a page: its text, or "who: what", who being the role and the system's
    name (its id when the journey does not name it)."""
    names = {system.id: system.name for system in journey.systems}

    def read(entry: BlueprintEntry) -> str:
        if not isinstance(entry, Act):
            return entry
        who = [part for part in (entry.role, names.get(entry.system or "", entry.system)) if part]
        return f"{', '.join(who)}: {entry.action}" if who else entry.action

    return read
