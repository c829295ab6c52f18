"""English dates as the site writes them: "7 December 2026", "7 December 2026, 20:27".

Django's own English formats ("Dec. 7, 2026, 8:27 p.m.") end in a full stop that doubles any
sentence's own, and use a 12-hour clock where the rest of the site (promises, opening hours)
uses 24 hours. Anything not set here (the input formats) is Django's.
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
