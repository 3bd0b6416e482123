"""Touchpoints: the places where customer and company meet, on every channel."""

from typing import Final, Literal, get_args

from pydantic import Field

from cjm.model.base import CjmModel
from cjm.model.fields import Slug, Text

Channel = Literal[
    "website",
    "search",
    "social",
    "ads",
    "email",
    "sms",
    "messenger",
    "phone",
    "chat",
    "in-person",
    "store",
    "app",
    "support",
    "reviews",
    "partner",
    "print",
    "event",
    "mail",
    "other",
]

CHANNELS: Final[dict[str, str]] = {
    "website": "the company's website or online shop",
    "search": "search engines and maps",
    "social": "social networks and communities",
    "ads": "paid advertising: banners, video, outdoor",
    "email": "e-mail",
    "sms": "text messages",
    "messenger": "messengers: WhatsApp, Telegram, Messenger",
    "phone": "phone calls, call centre",
    "chat": "live chat or chatbot",
    "in-person": "a meeting with a salesperson or consultant",
    "store": "a physical shop, branch or office",
    "app": "the company's mobile or desktop app",
    "support": "the help desk, tickets, the help centre",
    "reviews": "review sites, ratings, word of mouth",
    "partner": "resellers, marketplaces, partners",
    "print": "print: leaflets, catalogues, packaging",
    "event": "fairs, conferences, webinars",
    "mail": "letters and parcels by post or courier",
    "other": "a channel not listed here",
}

if tuple(CHANNELS) != get_args(Channel):  # pragma: no cover - import-time guard
    raise RuntimeError("CHANNELS and Channel disagree")


class Touchpoint(CjmModel):
    """A point of contact between the customer and the company."""

    id: Slug = Field(description="The id steps use to refer to this touchpoint, e.g. `order-email`.")
    name: Text = Field(description="The touchpoint's name as people in the company call it.")
    channel: Channel = Field(
        description="The channel it belongs to: " + "; ".join(f"{k}: {v}" for k, v in CHANNELS.items()) + "."
    )
    description: Text | None = Field(default=None, description="What happens at this touchpoint.")
    owner: Text | None = Field(default=None, description="The team responsible for it.")
