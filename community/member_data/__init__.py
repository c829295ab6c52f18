"""A member's own data: the "my data" page, the ZIP download, and their preferences and consents
with the history of every change (issue 10, points 1 to 3).

The registry of what is held lives in `community.personal_data`, and each app registers the
sections of its own data there; this package's (consents, preference history, downloads) are in
`personal_data`. The download is prepared by `exports`, the weekly summary by `digest`.
"""
