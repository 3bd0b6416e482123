"""A journey set that passes every lint rule, and one small change per rule that breaks it."""

import textwrap

CLEAN_JOURNEY = textwrap.dedent(
    """\
    apiVersion: cjm/v1
    kind: Journey
    id: bike-rental
    title: Renting a city bike
    personas: [kasia]
    touchpoints:
      - id: app
        name: Rental app
        channel: app
      - id: station
        name: Docking station
        channel: in-person
      - id: review-prompt
        name: Rating prompt after the ride
        channel: reviews
    stages:
      - id: notice
        name: Noticing the bikes
        type: awareness
        goal: Find a quick way across town
        owner: Marketing
        steps:
          - id: sees-station
            action: Sees a station next to the tram stop
            touchpoints: [station]
            emotion: 1
            key_moment: true
            evidence:
              - type: survey
                summary: 40% first noticed a station on their way
      - id: compare
        name: Comparing with the tram
        type: consideration
        goal: Choose the fastest option
        owner: Marketing
        steps:
          - id: checks-price
            action: Compares the price with a tram ticket
            touchpoints: [app]
            emotion: 0
      - id: rent
        name: Renting
        type: purchase
        goal: Unlock a bike in a minute
        owner: Product
        steps:
          - id: unlocks
            action: Scans the QR code to unlock
            touchpoints: [app, station]
            emotion: -1
            pain_points: [The scanner fails in bright sunlight]
            opportunities: [Offer a code to type in]
        kpis:
          - name: Unlock success rate
            value: 97
            target: 95
            unit: "%"
            source: App analytics
      - id: ride
        name: Riding
        type: experience
        goal: Arrive without trouble
        owner: Operations
        steps:
          - id: rides
            action: Rides to work
            touchpoints: [app]
            emotion: 2
      - id: return
        name: Coming back
        type: loyalty
        goal: Rent again tomorrow
        owner: Product
        steps:
          - id: rates
            action: Rates the ride
            touchpoints: [review-prompt]
            emotion: 1
    transitions:
      - from: ride
        to: notice
        condition: The bike broke down
      - from: ride
        to: return
        condition: The ride went well
    """
)

PERSONA = textwrap.dedent(
    """\
    apiVersion: cjm/v1
    kind: Persona
    id: kasia
    name: Kasia, commuter
    goals: [Get to work in 15 minutes]
    """
)

CATALOG = textwrap.dedent(
    """\
    apiVersion: cjm/v1
    kind: TouchpointCatalog
    id: shared
    touchpoints:
      - id: hotline
        name: Hotline
        channel: phone
    """
)
