"""Moderation that explains itself: states of content, reports, the queue in the admin, receipts,
appeals, the audit log and the transparency page.

- `services`: every write (`start_moderation` and `held_at_creation` for new posts,
  `report_received`, `claim`, `decide`, `appeal_create`, `appeal_decide`).
- `selectors`: the queue, an item's context, receipts and the transparency figures.
- `kinds`: what moderation knows about each kind of content.
- `permissions`: who may report, claim, decide, appeal and read the audit log.
"""
