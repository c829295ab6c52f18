"""The community's ground floor, and the site around it.

The ground floor (every module here but the feature packages and the site modules) owns
members, staff cards and bylines, writing and Markdown, images, votes, moderation and
protections, notifications, personal data and erasure, products and product pages, the
content-kind registry (`content_kinds`), the search interface (`searching`), the API framework,
webhooks and the page cache; it imports no feature. The features built on it — `questions`,
`conversations`, `staffdesk`, `member_data` here, and the `reviews` and `ideas` apps — register
with it from their own `ready()`. `settings`, `urls`, `wsgi` and `asgi` are the site. See
docs/architecture.md.
"""
