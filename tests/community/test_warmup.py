"""The app server warms the site before it forks its workers (community/warmup.py)."""

import runpy
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import pytest
from django.template import Template, engines
from django.urls import clear_url_caches, get_resolver
from django.utils import translation

from community import warmup

GUNICORN_CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def test_warming_up_opens_no_connection():
    """No database mark: any query raises. A connection opened before the fork would be shared
    by every worker."""
    warmup.warm_up()


def test_after_warming_up_no_template_of_the_site_is_compiled_again():
    engine = engines["django"].engine
    for loader in engine.template_loaders:
        loader.reset()  # the cached loader forgets what earlier tests compiled
    warmup.warm_up()
    names = list(warmup.site_template_names())
    assert "base.html" in names and "ideas/idea_detail.html" in names

    with mock.patch.object(Template, "compile_nodelist", autospec=True) as compile_nodelist:
        for name in names:
            engine.get_template(name)

    assert compile_nodelist.call_count == 0


@pytest.mark.parametrize("language", ["en", "fr"])
def test_after_warming_up_each_language_finds_its_urls_without_importing(language):
    clear_url_caches()  # a new resolver, which has built nothing yet
    warmup.warm_up()
    resolver = get_resolver()
    with mock.patch.object(type(resolver), "_populate") as populate, translation.override(language):
        assert resolver.reverse_dict
    populate.assert_not_called()


@pytest.mark.parametrize("preload", [True, False])
def test_gunicorn_warms_up_the_master_only_when_it_preloads_the_site(preload):
    settings = runpy.run_path(str(GUNICORN_CONF))
    assert settings["preload_app"] is True
    server = SimpleNamespace(cfg=SimpleNamespace(preload_app=preload))

    with mock.patch.object(warmup, "warm_up") as warm_up:
        settings["when_ready"](server)

    assert warm_up.called is preload
