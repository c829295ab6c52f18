"""A member's own data: the "my data" page, the ZIP download, the preferences page with the
history of every change, and the weekly summary.

The registry of what is held lives in `community.personal_data`, and each app registers the
sections of its own data there; this package's (consents, preference history, downloads) are in
`personal_data`. The privacy choices themselves are ground floor (`community.models.privacy`),
since every feature that shows a member's name reads them. The download is prepared by
`exports`, the weekly summary by `digest`.
"""
