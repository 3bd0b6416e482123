"""A synthetic, repeatable corpus of journey maps for the benchmark.

`write_corpus(folder, n)` writes n journeys of about 350-400 lines each (Russian, Polish
and English text), shared personas and touchpoint catalogues; `write_large_map` writes one
map with 200 stages and 2,200 steps. The same seed always gives the same files.
"""

import json
import random
from collections.abc import Callable
from pathlib import Path

SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/cjm-v1.schema.json\n"
STAGES = [
    ("awareness", "Первичное осознание потребности", "Uświadomienie potrzeby", "Noticing the need"),
    ("consideration", "Сравнение с конкурентами", "Porównanie ofert", "Comparing offers"),
    ("purchase", "Совершение сделки", "Zakup", "Buying"),
    ("experience", "Пользовательский опыт", "Korzystanie z usługi", "Using the product"),
    ("loyalty", "Петля лояльности", "Pętla lojalności", "Coming back"),
    ("reactivation", "Напоминание о покупке", "Przypomnienie o zakupie", "Reminder to buy again"),
]
CHANNELS = ["website", "search", "social", "email", "sms", "phone", "store", "app", "support", "reviews"]
WORDS = {
    "ru": "клиент ищет сравнивает заказывает получает доставка оплата отзыв магазин звонок скидка качество "
    "цена сервис поддержка ожидание очередь приложение консультант гарантия возврат".split(),
    "pl": "klient szuka porównuje zamawia otrzymuje dostawa płatność opinia sklep telefon rabat jakość cena "
    "obsługa wsparcie oczekiwanie kolejka aplikacja doradca gwarancja zwrot".split(),
    "en": "customer searches compares orders receives delivery payment review shop call discount quality "
    "price service support waiting queue app advisor warranty return".split(),
}


def _text(rng: random.Random, language: str, words: int) -> str:
    chosen = rng.choices(WORDS[language], k=words)
    return json.dumps(" ".join(chosen).capitalize(), ensure_ascii=False)


def _journey(rng: random.Random, number: int, personas: int, catalogs: int) -> str:
    language = ("ru", "pl", "en")[number % 3]
    name_column = {"ru": 1, "pl": 2, "en": 3}[language]
    out = [
        SCHEMA_LINE,
        "apiVersion: cjm/v1\n",
        "kind: Journey\n",
        f"id: journey-{number:05d}\n",
        f"title: {_text(rng, language, 5)}\n",
        f"description: {_text(rng, language, 14)}\n",
        "owner: CX team\n",
        f"language: {language}\n",
        "status: current-state\n",
        f"revision: {rng.randint(1, 9)}\n",
        "last_reviewed: 2026-10-01\n",
        f"tags: [{_text(rng, language, 1)}, {_text(rng, language, 1)}]\n",
        f"personas: [persona-{number % personas:03d}]\n",
        f"scenario: {_text(rng, language, 10)}\n",
        "expectations:\n",
        *(f"  - {_text(rng, language, 6)}\n" for _ in range(3)),
        "touchpoints:\n",
        f"  - id: own-{number}\n",
        f"    name: {_text(rng, language, 2)}\n",
        "    channel: chat\n",
        "stages:\n",
    ]
    catalog = number % catalogs
    step_number = 0
    for s, stage in enumerate(STAGES):
        out += [
            f"  - id: {stage[0]}\n",
            f"    name: {json.dumps(stage[name_column], ensure_ascii=False)}\n",
            f"    type: {stage[0]}\n",
            f"    description: {_text(rng, language, 10)}\n",
            f"    goal: {_text(rng, language, 6)}\n",
            "    owner: Marketing\n",
            "    steps:\n",
        ]
        for _ in range(3):
            step_number += 1
            channels = rng.sample(CHANNELS, 2)
            touchpoints = ", ".join(f"c{catalog}-{c}" for c in channels)
            if step_number == 1:
                touchpoints += f", own-{number}"
            out += [
                f"      - id: step-{step_number}\n",
                f"        action: {_text(rng, language, 5)}\n",
                f"        description: {_text(rng, language, 12)}\n",
                f"        touchpoints: [{touchpoints}]\n",
                "        thoughts:\n",
                f"          - {_text(rng, language, 8)}\n",
                f"        emotion: {rng.randint(-1, 2)}\n",
                "        pain_points:\n",
                f"          - {_text(rng, language, 7)}\n",
                "        opportunities:\n",
                f"          - {_text(rng, language, 7)}\n",
                f"        key_moment: {'true' if step_number % 5 == 0 else 'false'}\n",
                "        evidence:\n",
                f"          - type: {rng.choice(['survey', 'crm', 'analytics', 'interview'])}\n",
                f"            summary: {_text(rng, language, 9)}\n",
                "            link: https://research.example.org/reports/2026\n",
                "            date: 2026-09\n",
            ]
        out += [
            "    kpis:\n",
            f"      - name: {_text(rng, language, 2)}\n",
            f"        value: {rng.randint(50, 90)}\n",
            "        target: 40\n",
            '        unit: "%"\n',
            "        source: CRM\n",
        ]
        if s == 3:
            out += ["        period: 2026-Q3\n"]
    out += [
        "transitions:\n",
        "  - from: experience\n",
        "    to: awareness\n",
        f"    condition: {_text(rng, language, 4)}\n",
        "  - from: experience\n",
        "    to: loyalty\n",
        f"    condition: {_text(rng, language, 4)}\n",
        "  - from: reactivation\n",
        "    to: loyalty\n",
        f"    trigger: {_text(rng, language, 3)}\n",
        f"    touchpoints: [c{catalog}-sms]\n",
    ]
    return "".join(out)


def _persona(rng: random.Random, number: int) -> str:
    return (
        f"{SCHEMA_LINE}apiVersion: cjm/v1\nkind: Persona\nid: persona-{number:03d}\n"
        f"name: {_text(rng, 'ru', 2)}\ndescription: {_text(rng, 'pl', 12)}\n"
        f"goals:\n  - {_text(rng, 'en', 5)}\nneeds:\n  - {_text(rng, 'ru', 5)}\n"
        f"frustrations:\n  - {_text(rng, 'pl', 5)}\nquote: {_text(rng, 'ru', 8)}\n"
    )


def _catalog(number: int) -> str:
    lines = [SCHEMA_LINE, f"apiVersion: cjm/v1\nkind: TouchpointCatalog\nid: catalog-{number}\ntouchpoints:\n"]
    for channel in CHANNELS:
        lines.append(f"  - id: c{number}-{channel}\n    name: {channel.title()}\n    channel: {channel}\n")
    return "".join(lines)


def write_corpus(folder: Path, count: int, seed: int = 2026) -> list[Path]:
    """Write `count` journeys plus shared personas and catalogues; return the journey files."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    personas, catalogs = max(1, count // 10), max(1, count // 50)
    for number in range(personas):
        (folder / f"persona-{number:03d}.yaml").write_text(_persona(rng, number), encoding="utf-8")
    for number in range(catalogs):
        (folder / f"catalog-{number}.yaml").write_text(_catalog(number), encoding="utf-8")
    journeys = []
    for number in range(count):
        path = folder / f"journey-{number:05d}.yaml"
        path.write_text(_journey(rng, number, personas, catalogs), encoding="utf-8")
        journeys.append(path)
    return journeys


def write_large_map(path: Path, stages: int = 200, steps: int = 11, seed: int = 7) -> Path:
    """One journey with `stages` stages of `steps` steps each, cycling through the lifecycle."""
    rng = random.Random(seed)
    out = [
        SCHEMA_LINE,
        "apiVersion: cjm/v1\nkind: Journey\nid: large-map\ntitle: Большая карта / Duża mapa\n",
        "touchpoints:\n",
        *(f"  - id: {c}\n    name: {c.title()}\n    channel: {c}\n" for c in CHANNELS),
        "stages:\n",
    ]
    for s in range(stages):
        kind = STAGES[s * len(STAGES) // stages][0]
        out += [f"  - id: stage-{s}\n    name: {_text(rng, 'ru', 3)}\n    type: {kind}\n    owner: Sales\n    steps:\n"]
        for t in range(steps):
            out += [
                f"      - id: s{s}-{t}\n        action: {_text(rng, 'pl', 6)}\n",
                f"        touchpoints: [{rng.choice(CHANNELS)}]\n        emotion: {rng.randint(-2, 2)}\n",
                f"        pain_points:\n          - {_text(rng, 'en', 5)}\n",
                f"        opportunities:\n          - {_text(rng, 'ru', 5)}\n",
            ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(out), encoding="utf-8")
    return path


GIANTS: dict[str, Callable[[], bytes]] = {
    "fifty-megabytes.yaml": lambda: b"apiVersion: cjm/v1\nkind: Journey\ndescription: " + b"x" * 50_000_000 + b"\n",
    "many-values-without-anchors.yaml": lambda: b"apiVersion: cjm/v1\nkind: Journey\ntags:\n" + b"- [a]\n" * 110_000,
    "million-items.yaml": lambda: b"apiVersion: cjm/v1\nkind: Journey\ntags:\n" + b"- a\n" * 1_000_000,
    "million-items-cr.yaml": lambda: b"apiVersion: cjm/v1\rkind: Journey\rtags:\r" + b"- a\r" * 1_000_000,
    "million-items-flow.yaml": lambda: b"apiVersion: cjm/v1\nkind: Journey\ntags: [" + b"a," * 1_000_000 + b"a]\n",
    "megabyte-key.yaml": lambda: b"apiVersion: cjm/v1\nkind: Journey\n" + b"k" * 1_000_000 + b": 1\n",
    "megabyte-line.yaml": lambda: b"apiVersion: cjm/v1\nkind: Persona\nid: p\nname: " + b"n" * 1_000_000 + b"\n",
}
"""Hostile inputs too large to commit, by file name: each writes its bytes when called."""
