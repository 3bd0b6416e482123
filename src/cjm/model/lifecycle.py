"""The lifecycle vocabulary: what kind of stage a stage is, whatever its name.

Stage names are free text in any language ("Первичное осознание потребности",
"Rozważanie zakupu"); the stage `type` is what tools and lint rules understand.
The order here is the customer lifecycle of the seed articles: a need becomes
awareness, then comparison, the deal, the experience of using the product, and
the loyalty loop that brings the customer back.
"""

from typing import Final, Literal, get_args

StageType = Literal[
    "awareness",
    "consideration",
    "purchase",
    "onboarding",
    "experience",
    "support",
    "retention",
    "loyalty",
    "reactivation",
    "advocacy",
    "other",
]

STAGE_TYPES: Final[dict[str, str]] = {
    "awareness": "the customer notices a need or first hears of the company",
    "consideration": "the customer compares options and competitors",
    "purchase": "the deal: ordering, paying, signing",
    "onboarding": "first steps after buying: delivery, set-up, first use",
    "experience": "using the product or service day to day",
    "support": "asking for help, complaints, returns",
    "retention": "staying a customer: renewals, repeat use",
    "loyalty": "the loyalty loop: coming back to buy again",
    "reactivation": "reminders and offers that bring a lapsed customer back",
    "advocacy": "recommending the company, reviews, referrals",
    "other": "a stage outside the lifecycle above",
}

# Rank in the customer lifecycle; stages of equal rank may come in either order.
LIFECYCLE_RANK: Final[dict[str, int]] = {
    "awareness": 1,
    "consideration": 2,
    "purchase": 3,
    "onboarding": 4,
    "experience": 5,
    "support": 5,
    "retention": 6,
    "loyalty": 6,
    "reactivation": 7,
    "advocacy": 7,
}

DEFAULT_REQUIRED_STAGES: Final[tuple[StageType, ...]] = (
    "awareness",
    "consideration",
    "purchase",
    "experience",
    "loyalty",
)
"""The stage types a journey must cover unless the configuration says otherwise."""

DEFAULT_STAGE_ALIASES: Final[dict[StageType, tuple[StageType, ...]]] = {
    "experience": ("onboarding", "support"),
    "loyalty": ("retention", "reactivation"),
}
"""Other stage types that count as a required one, unless the configuration says otherwise."""

if tuple(STAGE_TYPES) != get_args(StageType):  # pragma: no cover - import-time guard
    raise RuntimeError("STAGE_TYPES and StageType disagree")


def describe_stage_types() -> str:
    """Return the vocabulary as one line per type, for field descriptions and help."""
    return "; ".join(f"{name}: {meaning}" for name, meaning in STAGE_TYPES.items())
