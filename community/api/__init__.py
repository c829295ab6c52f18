"""The read API, mounted at /api/v1/: read-only JSON of what the public may see (ideas, votes,
statuses, tags, products, reviews and questions), for the tools of product teams. The
framework is here; each app adds the endpoints of its own content (`routes`).

Tokens (`community.models.ApiToken`) are created and revoked by site admins in the Wagtail
admin; each is limited to its own number of requests a minute. Lists use cursor pagination, so
pages stay stable while ideas are added; errors are JSON with a message that says what to do.
"""
