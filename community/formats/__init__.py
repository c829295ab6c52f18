"""The site's own date formats in each language (FORMAT_MODULE_PATH), over Django's: one way of
writing a date across the site, in the words of `community/dates.py`."""
