"""The community search: the database engine (the default) and Elasticsearch, indexing and the
search page. It implements the ground floor's search interface (`community.searching`, chosen
by the COMMUNITY_SEARCH_BACKEND setting) and knows the kinds only through the registry."""
