"""`manage.py search_index`: what the search indexes hold, and rebuilding them.

    manage.py search_index                 # the engine in use and how many documents each holds
    manage.py search_index --rebuild       # rebuild every index from the database
    manage.py search_index --rebuild --engine elasticsearch

A rebuild never leaves searches without answers: the database's index is rewritten in place
and stale documents removed at the end; Elasticsearch gets a new index that the alias is moved
to in one step once it is complete.
"""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import services
from search.engines import SearchUnavailable, database_engine, elasticsearch_enabled


class Command(BaseCommand):
    help = "Show what the search indexes hold, or rebuild them from the database (--rebuild)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Rebuild the index from the database, without downtime.",
        )
        parser.add_argument(
            "--engine",
            choices=["all", "database", "elasticsearch"],
            default="all",
            help="Which index to rebuild (default: every index in use).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw a progress bar."
        )

    def handle(self, *args, rebuild=False, engine="all", no_progress=False, **options):
        if engine == "elasticsearch" and not elasticsearch_enabled():
            raise CommandError("ELASTICSEARCH_URL is not set: there is no Elasticsearch index.")
        if not rebuild:
            self._show_status()
            return
        engines = []
        if engine in ("all", "database"):
            engines.append(database_engine())
        if engine in ("all", "elasticsearch") and elasticsearch_enabled():
            # It imports the Elasticsearch client (0.4 s), needed only when it is configured.
            from search.engines.elastic import ElasticsearchEngine

            engines.append(ElasticsearchEngine())
        total = services.indexable_count()
        for target in engines:
            with tqdm(
                total=total,
                desc=f"Indexing ({target.name})",
                unit="doc",
                disable=no_progress,
                # The stream under Django's wrapper, which would end each redraw with a newline.
                file=getattr(self.stderr, "_out", sys.stderr),
            ) as bar:
                try:
                    count = services.rebuild(target, progress=bar.update)
                except SearchUnavailable as error:
                    raise CommandError(f"{target.name} did not answer: {error}") from error
            self.stdout.write(self.style.SUCCESS(f"{target.name}: {count} documents indexed."))

    def _show_status(self):
        report = services.status()
        self.stdout.write(f"Engine in use: {report['engine']}")
        for engine in report["engines"]:
            if not engine["reachable"]:
                self.stdout.write(f"  {engine['engine']}: unreachable ({engine.get('error', '')})")
                continue
            documents = engine.get("documents")
            shown = "no index yet" if documents is None else f"{documents} documents"
            self.stdout.write(f"  {engine['engine']}: {shown}")
        expected = sum(report["indexable"].values())
        self.stdout.write(f"Public content that should be indexed: {expected}")
