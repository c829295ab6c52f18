"""`manage.py search_index`: what the indexes hold, and `--rebuild` with its progress bar."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from search.models import SearchDocument
from tests.factories import QuestionFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("search_index", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_rebuild_indexes_every_public_thing_and_draws_progress(products):
    QuestionFactory(title="Descaling question")
    ReviewFactory(product=products["aurora"], title="Descaling review")

    out, err = run("--rebuild")

    assert "database: 4 documents indexed." in out
    assert SearchDocument.objects.count() == 4
    assert "Indexing (database): 100%" in err
    assert "4/4" in err


def test_rebuild_twice_keeps_one_document_per_thing(products):
    QuestionFactory(title="Descaling question")
    run("--rebuild", "--no-progress")
    run("--rebuild", "--no-progress")

    assert SearchDocument.objects.count() == 3


def test_without_options_it_reports_what_the_index_holds(products):
    QuestionFactory(title="Descaling question")
    run("--rebuild", "--no-progress")

    out, _err = run()

    assert "Engine in use: database" in out
    assert "database: 3 documents" in out
    assert "Public content that should be indexed: 3" in out


def test_elasticsearch_cannot_be_chosen_when_it_is_not_configured():
    with pytest.raises(CommandError, match="ELASTICSEARCH_URL is not set"):
        run("--rebuild", "--engine", "elasticsearch")


def test_rebuild_on_elasticsearch_too_when_configured(products, elastic):
    out, _err = run("--rebuild", "--no-progress")

    assert "database: 2 documents indexed." in out
    assert "elasticsearch: 2 documents indexed." in out
    assert elastic.named("indices.update_aliases")


def test_an_unreachable_cluster_fails_the_command_with_a_clear_message(products, elastic):
    elastic.down = True

    with pytest.raises(CommandError, match="elasticsearch did not answer"):
        run("--rebuild", "--engine", "elasticsearch", "--no-progress")
