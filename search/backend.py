"""The search app as the ground floor's search backend (`COMMUNITY_SEARCH_BACKEND`).

`community.searching` hands its calls to `SearchBackend`, which answers them with the search
app's services: the database engine always, and Elasticsearch too when `ELASTICSEARCH_URL` is
set (`search.engines`).
"""

from search import services
from search.engines import indexing_engines


class SearchBackend:
    """Indexing through the background tasks, suggestions and rebuilds on the engines in use."""

    def index_later(self, kind_key: str, object_id: int) -> None:
        services.index_later(kind_key, object_id)

    def index_now(self, kind_key: str, object_id: int) -> bool:
        return services.index_object(kind_key, object_id)

    def indexing_once(self):
        return services.indexing_once()

    def similar_to(self, queryset, text: str, *, limit: int) -> list:
        return services.similar_to(queryset, text, limit=limit)

    def rebuild(self) -> int:
        """Every index in use built again; returns how many documents each holds."""
        count = 0
        for engine in indexing_engines():
            count = services.rebuild(engine)
        return count
