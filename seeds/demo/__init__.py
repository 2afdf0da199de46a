"""A synthetic Pilkada Serentak 2024 season, so a new installation shows a living risk map.

Everything is drawn from `random.Random` streams derived from one seed and never from the
clock, so the same seed always yields the same rows (ids, texts, hashes).

    tables.py   the season's dates, curves and mixes     texts.py     the prose catalogue
    places.py   the registry as the generator sees it    words.py     the words a report uses
    plan.py     each day's weighted streams              generate.py  the reports, one by one
    events.py   the planned events                       load.py      writing it all through intake
"""

from seeds.demo.load import DEMO_ACCOUNT, DemoSummary, delete_demo, demo_span, seed_demo

__all__ = ["DEMO_ACCOUNT", "DemoSummary", "delete_demo", "demo_span", "seed_demo"]
