"""The Poortwachtertoets as pure rules over the facts of one case.

The contract is ``docs/domain/poortwachtertoets.md``:

- :mod:`.facts`: the facts (plain frozen dataclasses, validated on construction);
- :mod:`.rules`: facts -> findings (code, severity, date) and the risk; no ORM, no templates;
- :mod:`.explanations`: per finding code the Dutch explanation, the repair step and the source
  (or "eigen vuistregel" for the app's own thresholds);
- :mod:`.json_facts`: the JSON adapter of ``manage.py poortwachtertoets``;
- :mod:`.stored_facts`: the database adapter (a stored case -> the same facts).
"""
