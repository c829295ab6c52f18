"""Reviews of products: ratings, photos, helpful votes, verified owners and the one public staff
response per review. The review kind is declared in `kinds`; its search facet, API endpoint,
webhook event, personal data and demo content live beside it and are registered in `apps`."""
