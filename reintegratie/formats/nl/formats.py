"""Dates as the app shows them in Dutch: always dd-mm-jjjj (12-01-2026), with a time uu:mm.

Only the display formats are set; the input formats stay Django's Dutch ones (a typed
12-01-2026 or 12-1-2026 is read), and date pickers send ISO dates (`cases.forms.DateInput`).
"""

DATE_FORMAT = "d-m-Y"
SHORT_DATE_FORMAT = "d-m-Y"
DATETIME_FORMAT = "d-m-Y H:i"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
