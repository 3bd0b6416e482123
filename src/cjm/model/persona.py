"""Personas: the customers a journey follows, usually one file each."""

from typing import Literal

from pydantic import Field

from cjm.model.base import CjmModel
from cjm.model.fields import Revision, Slug, Text
from cjm.model.touchpoint import Channel


class Demographics(CjmModel):
    """Who the persona is, in the terms of market research."""

    age: Revision | None = Field(default=None, description='Age or age band: 34, "25-34".')
    gender: Text | None = Field(default=None, description="Gender, where it matters for the journey.")
    location: Text | None = Field(default=None, description="Where the persona lives or works.")
    occupation: Text | None = Field(default=None, description="Job or role.")
    income: Text | None = Field(default=None, description="Income band, in words or figures.")
    education: Text | None = Field(default=None, description="Education.")
    family: Text | None = Field(default=None, description="Household and family situation.")


class Persona(CjmModel):
    """A typical customer, built from research: who they are, what they want, how they feel."""

    api_version: Literal["cjm/v1"] = Field(alias="apiVersion", description="The schema version: cjm/v1.")
    kind: Literal["Persona"] = Field(description="What this file describes: Persona.")
    id: Slug = Field(description="The id journeys use to follow this persona, e.g. `anna-busy-parent`.")
    name: Text = Field(description="The persona's name: a first name and a short label.")
    description: Text | None = Field(default=None, description="A short portrait of the persona.")
    demographics: Demographics | None = Field(default=None, description="Age, location, occupation and more.")
    goals: list[Text] = Field(default_factory=list, description="What the persona wants to achieve.")
    needs: list[Text] = Field(default_factory=list, description="What the persona needs from the company.")
    behaviours: list[Text] = Field(default_factory=list, description="How the persona behaves and decides.")
    interests: list[Text] = Field(default_factory=list, description="Interests and hobbies that shape choices.")
    frustrations: list[Text] = Field(default_factory=list, description="What annoys or worries the persona.")
    emotions: list[Text] = Field(default_factory=list, description="Typical emotional reactions along the way.")
    preferred_channels: list[Channel] = Field(
        default_factory=list, description="Channels the persona prefers, from the touchpoint channel list."
    )
    quote: Text | None = Field(default=None, description="A sentence in the persona's own words.")
