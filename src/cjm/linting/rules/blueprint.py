"""Service blueprint rules (CJM601–CJM603): what the customer meets has someone behind it, the
moments that matter have a process under them, and every system named is one the journey knows.

The first two look only at journeys that have a blueprint (a frontstage, a support layer or
`systems:`): a journey map without one is not asked for it.
"""

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.linting.context import Finding, JourneyContext
from cjm.linting.registry import journey_rule
from cjm.model import Act
from cjm.suggestions import Vocabulary
from cjm.views.blueprint import uses_blueprint


@journey_rule(
    "CJM601",
    "frontstage-without-backstage",
    Severity.WARNING,
    "What the customer meets at a step has no one behind it in the backstage.",
)
def frontstage_without_backstage(j: JourneyContext) -> Iterator[Finding]:
    """Checks that a step with a `frontstage` (who or what the customer meets) also says who acts
    behind the scenes in its `backstage`: a sentence, or an entry with a `role`. An entry that
    names only a system does not say who owns the work.

    Why it matters: Every promise made at the counter, in the app or on the phone is kept by
    someone the customer never sees. A frontstage action without a backstage owner is where
    hand-offs fail: the cashier promises delivery tomorrow, and nobody in the warehouse knows.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: furniture-order
        title: Ordering a sofa in the showroom
        stages:
          - id: order
            name: Ordering
            type: purchase
            steps:
              - id: orders-sofa
                action: Orders the sofa at the counter
                frontstage:
                  - role: Sales assistant
                    action: Promises delivery within two weeks

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: furniture-order
        title: Ordering a sofa in the showroom
        stages:
          - id: order
            name: Ordering
            type: purchase
            steps:
              - id: orders-sofa
                action: Orders the sofa at the counter
                frontstage:
                  - role: Sales assistant
                    action: Promises delivery within two weeks
                backstage:
                  - role: Logistics planner
                    action: Books a delivery slot with the carrier
    """
    for path, _, step in j.steps():
        if not step.frontstage:
            continue
        if any(not isinstance(entry, Act) or entry.role for entry in step.backstage):
            continue
        yield j.finding(
            (*path, "frontstage"),
            f"step '{step.action}' has a frontstage but no one behind it: no backstage entry says who acts",
            hint="add 'backstage:' with the role that does the work the customer does not see",
            at_key=True,
        )


@journey_rule(
    "CJM602",
    "moment-without-support",
    Severity.WARNING,
    "A key moment or a pain point has no support process behind it.",
)
def moment_without_support(j: JourneyContext) -> Iterator[Finding]:
    """Checks, in a journey with a service blueprint, that every key moment and every step with a
    pain point has a `support` entry: the process or system the step relies on.

    Why it matters: The moments that decide whether a customer stays, and the places where they
    struggle, are where the service must not depend on luck. Naming the support process under them
    shows what to fix when the pain point is to go, and who to ask when the key moment fails.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: parcel-return
        title: Returning a parcel
        systems:
          - id: returns
            name: Returns portal
        stages:
          - id: return
            name: Returning
            type: support
            steps:
              - id: prints-label
                action: Prints the return label
                key_moment: true
                frontstage:
                  - system: returns
                    action: Shows the label to print
                backstage:
                  - Customer care checks the order number

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: parcel-return
        title: Returning a parcel
        systems:
          - id: returns
            name: Returns portal
        stages:
          - id: return
            name: Returning
            type: support
            steps:
              - id: prints-label
                action: Prints the return label
                key_moment: true
                frontstage:
                  - system: returns
                    action: Shows the label to print
                backstage:
                  - Customer care checks the order number
                support:
                  - system: returns
                    action: Books the pick-up with the carrier
    """
    if not uses_blueprint(j.journey):
        return
    for path, _, step in j.steps():
        if step.support or not (step.key_moment or step.pain_points):
            continue
        why = "a key moment" if step.key_moment else "a step with a pain point"
        yield j.finding(
            (*path, "action"),
            f"step '{step.action}' is {why} with no support process behind it",
            hint="add 'support:' with the process or system this step relies on",
        )


@journey_rule(
    "CJM603", "unknown-system", Severity.WARNING, "A blueprint entry names a system the journey does not list."
)
def unknown_system(j: JourneyContext) -> Iterator[Finding]:
    """Checks that every `system:` named in a frontstage, backstage or support entry is the id of
    one of the journey's `systems:`.

    Why it matters: The systems list is where a team sees at a glance which systems a journey
    depends on, and who owns each; a system named only inside an entry is missing from that
    picture, and a mistyped id quietly names a system that does not exist.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: pharmacy-order
        title: Collecting a prescription
        systems:
          - id: pharmacy-system
            name: Pharmacy system
        stages:
          - id: collect
            name: Collecting
            type: purchase
            steps:
              - id: shows-code
                action: Shows the prescription code at the counter
                backstage:
                  - role: Pharmacist
                    system: pharmacy-sytem
                    action: Looks up the prescription

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: pharmacy-order
        title: Collecting a prescription
        systems:
          - id: pharmacy-system
            name: Pharmacy system
        stages:
          - id: collect
            name: Collecting
            type: purchase
            steps:
              - id: shows-code
                action: Shows the prescription code at the counter
                backstage:
                  - role: Pharmacist
                    system: pharmacy-system
                    action: Looks up the prescription
    """
    known = [system.id for system in j.journey.systems]
    vocabulary = Vocabulary.of(known)
    for path, _, step in j.steps():
        for layer in ("frontstage", "backstage", "support"):
            for n, entry in enumerate(getattr(step, layer)):
                if not isinstance(entry, Act) or entry.system is None or entry.system in known:
                    continue
                close = vocabulary.closest(entry.system)
                hint = (
                    f"did you mean '{close}'?"
                    if close
                    else f"add it to the journey's 'systems:' ({{id: {entry.system}, name: ...}})"
                )
                yield j.finding(
                    (*path, layer, n, "system"),
                    f"system '{entry.system}' is not among the journey's systems",
                    hint=hint,
                )
