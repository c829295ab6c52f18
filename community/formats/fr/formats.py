"""French dates as the site writes them: "7 décembre 2026", "7 décembre 2026, 20:27", as in
English. Anything not set here is Django's."""

DATETIME_FORMAT = "j F Y, H:i"
