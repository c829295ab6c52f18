"""Protections of the community against spam, floods and abuse, and of members against each other.

- `rules`: `guard_write` and `guard_action`, called at the top of every write service; they
  raise `Refused`, whose message tells the person what to do.
- `ratelimits`: counters per member and per network address, in the cache (Redis when
  `REDIS_URL` is set), shared by every app server.
- `suspensions`: moderators suspend a member for a period with a reason; a suspended member
  can read but not write or vote.
- `blocks`: a member blocks another, whose mentions and notifications then stop reaching them.
- `forms`: the honeypot field of public forms.

This package imports nothing at its top so that `community.permissions` and
`community.notifications` can use its modules without import cycles.
"""
