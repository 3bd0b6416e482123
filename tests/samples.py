"""Small valid cjm files that tests change one thing in."""

import textwrap

MINIMAL_JOURNEY = textwrap.dedent(
    """\
    apiVersion: cjm/v1
    kind: Journey
    id: coffee-subscription
    title: Coffee subscription
    personas: [olga]
    touchpoints:
      - id: website
        name: Shop website
        channel: website
      - id: sms
        name: Reminder SMS
        channel: sms
    stages:
      - id: awareness
        name: Осознание потребности
        type: awareness
        steps:
          - id: sees-ad
            action: Видит рекламу в соцсетях
            touchpoints: [website]
            emotion: 1
      - id: purchase
        name: Zakup
        type: purchase
        steps:
          - id: pays
            action: Pays by card
            touchpoints: [website]
            emotion: -1
    transitions:
      - from: purchase
        to: awareness
        condition: the coffee disappointed
        touchpoints: [sms]
    """
)

MINIMAL_PERSONA = textwrap.dedent(
    """\
    apiVersion: cjm/v1
    kind: Persona
    id: olga
    name: Ольга, менеджер
    goals: [Fresh coffee at home]
    """
)
