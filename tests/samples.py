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
    goals:
      - Fresh coffee at home
    """
)


PAYLOADS = (
    "<script>window.pwned = 1</script>",
    '"><img src=x onerror="window.pwned=1">',
    "</style><style>body{display:none}</style>",
    "javascript:alert(1)",
    '"] ; node [label="injected',
    "<<b>x</b>>",
    'back\\slash \\n \\"quoted\\"',
    "line one\nline two",
    "a: b; c # d `e` | f %% g",
    "\u202eright-to-left\u200bzero\u200dwidth",
    "emoji 😀👍🏽 and e\u0301 combining",
)
"""Strings that try to break or hijack every output: HTML, SVG, DOT, Mermaid, Markdown."""


def hostile_journey(payload: str) -> str:
    """A valid journey and persona set in one journey file whose every text field holds the payload."""
    import json

    text = json.dumps(payload, ensure_ascii=False)
    return textwrap.dedent(
        f"""\
        apiVersion: cjm/v1
        kind: Journey
        id: hostile
        title: {text}
        description: {text}
        owner: {text}
        revision: {text}
        tags: [{text}]
        scenario: {text}
        expectations: [{text}]
        touchpoints:
          - id: site
            name: {text}
            channel: website
            description: {text}
            owner: {text}
        stages:
          - id: one
            name: {text}
            type: awareness
            description: {text}
            goal: {text}
            owner: {text}
            steps:
              - id: s1
                action: {text}
                description: {text}
                touchpoints: [site]
                thoughts: [{text}]
                emotion: -2
                feelings: [{text}]
                pain_points: [{text}]
                opportunities: [{text}]
                key_moment: true
                backstage: [{text}]
                evidence:
                  - type: survey
                    summary: {text}
                    link: https://example.org/?q=%3Cscript%3E
            kpis:
              - name: {text}
                description: {text}
                value: 1
                target: 2
                unit: {text}
                source: {text}
                period: {text}
          - id: two
            name: {text}
            type: purchase
            steps:
              - id: s2
                action: {text}
                emotion: 1
        transitions:
          - from: two
            to: one
            condition: {text}
            trigger: {text}
        """
    )
