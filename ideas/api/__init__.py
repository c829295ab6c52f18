"""The ideas' part of the read API: ideas, votes, statuses and tags (`views.ROUTES`,
registered in `IdeasConfig.ready()`), and what the webhooks about ideas say of them."""
