"""Pure Wet verbetering poortwachter rules, split by concern.

Import the public API from :mod:`deadlines.poortwachter`; these modules are its parts:

- :mod:`deadlines.rules.workdays`: Algemene termijnenwet holidays and workdays;
- :mod:`cases.periods`: case facts, samentelling, WAZO bridging and day counting;
- :mod:`deadlines.rules.timeline`: the milestones of the poortwachter timeline.

Nothing here imports the Django ORM. The binding reference is
``docs/domain/poortwachter.md`` (cited below as "the reference", sections as §n).
"""
