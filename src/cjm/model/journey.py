"""Journeys: the stages, steps, touchpoints, emotions and KPIs of one customer journey."""

from typing import Annotated, Literal

from pydantic import Discriminator, Field, StringConstraints, Tag

from cjm.model.base import CjmModel
from cjm.model.fields import Count, Date, Emotion, LanguageTag, Link, Number, Revision, Slug, Text
from cjm.model.lifecycle import StageType, describe_stage_types
from cjm.model.touchpoint import Touchpoint

EvidenceType = Literal[
    "survey",
    "interview",
    "crm",
    "analytics",
    "support-tickets",
    "usability-test",
    "reviews",
    "social-listening",
    "sales-data",
    "observation",
    "other",
]


RuleKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$")]
"""A lint rule key, in any case: a code (CJM201), a name (step-without-touchpoint), a code prefix
(CJM2) or ALL. Which rules it names is the lint registry's to say, as for every other rule key."""


class Suppression(CjmModel):
    """Turn off one lint rule for a journey, a stage or a step, saying why."""

    rule: RuleKey = Field(
        description="The rule's code or name, or a code prefix for several: CJM201, step-without-touchpoint, CJM2."
    )
    reason: Text = Field(description="Why the rule does not apply here; reviewers read it.")


def _suppress_field(scope: str) -> list[Suppression]:
    return Field(
        default_factory=list,
        description=f"Lint rules turned off for this {scope} and everything in it, each with a reason.",
    )


class Evidence(CjmModel):
    """Where a piece of knowledge about the customer comes from."""

    type: EvidenceType = Field(
        description="The kind of source: survey, interview, crm, analytics, support-tickets, "
        "usability-test, reviews, social-listening, sales-data, observation or other."
    )
    summary: Text = Field(description="What the source shows, in a sentence.")
    link: Link | None = Field(default=None, description="Where to read more: an https://, http:// or mailto: link.")
    date: Date | None = Field(default=None, description="When the data was collected: 2026-10-31 or 2026-10.")
    sample_size: Count | None = Field(default=None, description="How many people or records it covers.")


class Kpi(CjmModel):
    """A measure of how well a stage performs: CSAT, NPS, churn rate, conversion, bounce rate, sales."""

    name: Text = Field(description="The KPI's name: CSAT, NPS, Conversion to order, Churn rate.")
    description: Text | None = Field(default=None, description="How it is calculated or what it means.")
    value: Number | None = Field(default=None, description="The current value.")
    target: Number | None = Field(default=None, description="The value the team aims for.")
    unit: Text | None = Field(default=None, description="The unit: %, points, days, PLN, RUB.")
    direction: Literal["higher-is-better", "lower-is-better"] = Field(
        default="higher-is-better",
        description="Whether a higher value is better (CSAT, NPS, conversion) or a lower one (churn, bounce rate).",
    )
    source: Text | None = Field(default=None, description="Where the figure comes from: CRM, web analytics, survey.")
    period: Text | None = Field(default=None, description="The period the value covers: 2026-Q3, last 90 days.")

    def meets_target(self) -> bool | None:
        """Whether the value reaches the target in the better direction; None if either is missing."""
        if self.value is None or self.target is None:
            return None
        if self.direction == "higher-is-better":
            return self.value >= self.target
        return self.value <= self.target


class System(CjmModel):
    """A system the service runs on, named in the service blueprint: a CRM, a payment gateway, the
    warehouse software."""

    id: Slug = Field(description="The id blueprint entries use to name this system, e.g. `crm`.")
    name: Text = Field(description="The system's name as people in the company call it.")
    description: Text | None = Field(default=None, description="What the system does for this journey.")
    owner: Text | None = Field(default=None, description="The team responsible for it.")


class Act(CjmModel):
    """One entry of a service blueprint layer: who or what acts, and what they do."""

    action: Text = Field(description="What is done: 'Checks the card', 'Sends the confirmation e-mail'.")
    role: Text | None = Field(default=None, description="The role of the person who does it: Cashier, Claims handler.")
    system: Slug | None = Field(
        default=None, description="The id of the system that does it, from the journey's `systems`."
    )


def _entry_kind(value: object) -> str:
    return "act" if isinstance(value, dict | Act) else "text"


BlueprintEntry = Annotated[Annotated[Text, Tag("text")] | Annotated[Act, Tag("act")], Discriminator(_entry_kind)]
"""A blueprint entry: a sentence, or (a mapping) who or what acts and what they do. A mapping is
checked as an entry only, so its own mistakes are reported, not that it is not text."""


class Step(CjmModel):
    """One thing the customer does inside a stage, with what they think and feel."""

    id: Slug = Field(description="The step's id, unique within the journey.")
    action: Text = Field(description="What the customer does, in their words: 'Compares delivery prices'.")
    description: Text | None = Field(default=None, description="More detail on the step.")
    touchpoints: list[Slug] = Field(
        default_factory=list, description="Ids of the touchpoints used in this step (the journey's own or shared)."
    )
    thoughts: list[Text] = Field(default_factory=list, description="What the customer thinks, as quotes or notes.")
    emotion: Emotion | None = Field(
        default=None,
        description="How the customer feels: -2 very negative, -1 negative, 0 neutral, 1 positive, 2 very positive.",
    )
    feelings: list[Text] = Field(default_factory=list, description="The feelings in words: curious, anxious, relieved.")
    pain_points: list[Text] = Field(default_factory=list, description="Friction, barriers and frustrations here.")
    opportunities: list[Text] = Field(default_factory=list, description="Ideas to improve this step.")
    key_moment: bool = Field(
        default=False,
        description="true if this is a moment of truth: the customer decides, changes their mind or meets a barrier.",
    )
    frontstage: list[BlueprintEntry] = Field(
        default_factory=list,
        description="Service blueprint, above the line of visibility: who or what the customer meets at this step "
        "(a person's role or a system) and what they do.",
    )
    backstage: list[BlueprintEntry] = Field(
        default_factory=list,
        description="What the company does behind the scenes, below the line of visibility: the roles and their "
        "actions the customer does not see.",
    )
    support: list[BlueprintEntry] = Field(
        default_factory=list,
        description="Service blueprint, below the line of internal interaction: the support processes and systems "
        "the step relies on.",
    )
    physical_evidence: list[Text] = Field(
        default_factory=list,
        description="What the customer sees, keeps or holds at this step: a receipt, an e-mail, a parcel, a sign.",
    )
    evidence: list[Evidence] = Field(default_factory=list, description="Where this knowledge comes from.")
    suppress: list[Suppression] = _suppress_field("step")


class Stage(CjmModel):
    """A phase of the journey, from noticing a need to buying, using, coming back and recommending."""

    id: Slug = Field(description="The stage's id, unique within the journey; transitions refer to it.")
    name: Text = Field(description="The stage's name in the map's language.")
    type: StageType = Field(
        description="Where the stage sits in the customer lifecycle: " + describe_stage_types() + "."
    )
    description: Text | None = Field(default=None, description="What happens in this stage.")
    goal: Text | None = Field(default=None, description="What the customer wants to achieve in this stage.")
    owner: Text | None = Field(
        default=None, description="The team responsible for the stage: Marketing, Sales, Support."
    )
    steps: list[Step] = Field(default_factory=list, description="The customer's steps, in order.")
    kpis: list[Kpi] = Field(default_factory=list, description="How the stage's performance is measured.")
    suppress: list[Suppression] = _suppress_field("stage")


class Transition(CjmModel):
    """A way from one stage to another that is not simply the next stage: loops, returns, shortcuts."""

    from_: Slug = Field(alias="from", description="The id of the stage the customer leaves.")
    to: Slug = Field(description="The id of the stage the customer goes to.")
    condition: Text | None = Field(
        default=None, description="When this happens: 'the product disappointed', 'satisfied customer'."
    )
    trigger: Text | None = Field(
        default=None, description="What sets it off: an SMS reminder, a follow-up call, a loyalty e-mail."
    )
    touchpoints: list[Slug] = Field(default_factory=list, description="Ids of the touchpoints the trigger uses.")


class Journey(CjmModel):
    """A customer journey map: who the customer is, the stages they go through, and how each stage performs."""

    api_version: Literal["cjm/v1"] = Field(alias="apiVersion", description="The schema version: cjm/v1.")
    kind: Literal["Journey"] = Field(description="What this file describes: Journey.")
    id: Slug = Field(description="The journey's id, unique across all maps.")
    title: Text = Field(description="The map's title.")
    description: Text | None = Field(default=None, description="What the map covers and why it exists.")
    owner: Text | None = Field(default=None, description="The person or team who keeps the map up to date.")
    language: LanguageTag | None = Field(default=None, description="The language of the map's text: en, ru, pl.")
    status: Literal["current-state", "future-state"] = Field(
        default="current-state",
        description="current-state: the journey as customers live it today; future-state: the journey as designed.",
    )
    revision: Revision | None = Field(default=None, description='The map\'s own revision: 3, "2.1".')
    last_reviewed: Date | None = Field(default=None, description="When the map was last checked against reality.")
    tags: list[Text] = Field(default_factory=list, description="Labels for finding the map: product, market, team.")
    personas: list[Slug] = Field(default_factory=list, description="Ids of the personas this journey follows.")
    scenario: Text | None = Field(default=None, description="The situation the journey describes, in one sentence.")
    expectations: list[Text] = Field(default_factory=list, description="What the customer expects from the company.")
    touchpoints: list[Touchpoint] = Field(
        default_factory=list, description="Touchpoints defined for this journey only; shared ones live in catalogues."
    )
    systems: list[System] = Field(
        default_factory=list, description="The systems the service blueprint names, by id: CRM, payment, warehouse."
    )
    stages: list[Stage] = Field(min_length=1, description="The stages, in the order the customer meets them.")
    transitions: list[Transition] = Field(
        default_factory=list,
        description="Ways between stages other than the next one: loops back, returns, reminders. "
        "A stage goes on to the next stage unless it has transitions of its own; then those are its ways on.",
    )
    suppress: list[Suppression] = _suppress_field("journey")


class TouchpointCatalog(CjmModel):
    """Touchpoints shared by several journeys, kept in one file."""

    api_version: Literal["cjm/v1"] = Field(alias="apiVersion", description="The schema version: cjm/v1.")
    kind: Literal["TouchpointCatalog"] = Field(description="What this file describes: TouchpointCatalog.")
    id: Slug = Field(description="The catalogue's id.")
    title: Text | None = Field(default=None, description="The catalogue's title.")
    description: Text | None = Field(default=None, description="What the catalogue covers.")
    owner: Text | None = Field(default=None, description="The team that keeps it.")
    touchpoints: list[Touchpoint] = Field(min_length=1, description="The shared touchpoints.")
