"""How the site writes a date: relative in the last week, the date after, the full date on hover,
the same wording as the browser's script in English and French."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from community import dates
from tests.factories import NotificationFactory

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 12, 7, 19, 27, tzinfo=ZoneInfo("UTC"))  # 20:27 in Paris


def when(template_code, **context):
    return Template("{% load community_tags %}" + template_code).render(Context(context))


@pytest.mark.parametrize(
    ("age", "english", "french"),
    [
        (timedelta(seconds=20), "just now", "à l’instant"),
        (timedelta(minutes=1), "1 minute ago", "il y a 1 minute"),
        (timedelta(minutes=59, seconds=59), "59 minutes ago", "il y a 59 minutes"),
        (timedelta(hours=1), "1 hour ago", "il y a 1 heure"),
        (timedelta(hours=23, minutes=59), "23 hours ago", "il y a 23 heures"),
        (timedelta(days=1), "1 day ago", "il y a 1 jour"),
        (timedelta(days=6, hours=23), "6 days ago", "il y a 6 jours"),
    ],
)
def test_a_moment_of_the_last_week_reads_as_a_relative_time_in_each_language(age, english, french):
    with translation.override("en"):
        assert dates.text(NOW - age, now=NOW) == english
    with translation.override("fr"):
        assert dates.text(NOW - age, now=NOW) == french


def test_a_week_or_more_ago_and_moments_to_come_read_as_their_date():
    with translation.override("en"):
        assert dates.text(NOW - timedelta(days=7), now=NOW) == "30 November 2026"
        assert dates.text(NOW + timedelta(hours=2), now=NOW) == "7 December 2026"
    with translation.override("fr"):
        assert dates.text(NOW - timedelta(days=7), now=NOW) == "30 novembre 2026"


def test_the_full_date_has_the_weekday_and_the_time_in_the_sites_time_zone():
    with translation.override("en"):
        assert dates.full(NOW) == "Monday 7 December 2026, 20:27"
        assert dates.full(date(2026, 12, 7)) == "Monday 7 December 2026"
    with translation.override("fr"):
        assert dates.full(NOW) == "lundi 7 décembre 2026, 20:27"


def test_english_dates_have_no_abbreviation_full_stop_or_twelve_hour_clock():
    with translation.override("en"):
        rendered = when('{% when value "datetime" %}', value=NOW)

    assert ">7 December 2026, 20:27</time>" in rendered
    assert "Dec." not in rendered
    assert "p.m." not in rendered


def test_the_tag_writes_a_time_element_with_the_moment_and_the_full_date_on_hover():
    moment = timezone.now() - timedelta(hours=3)
    local = timezone.localtime(moment)

    with translation.override("fr"):
        rendered = when('{% when value css="byline__date" %}', value=moment)
        full = dates.full(moment)

    assert rendered.startswith('<time class="byline__date" ')
    assert f'datetime="{local.isoformat(timespec="seconds")}"' in rendered
    assert f'title="{full}"' in rendered
    assert "data-relative" in rendered
    assert f'data-date="{local.day} ' in rendered
    assert rendered.endswith(">il y a 3 heures</time>")


def test_only_a_relative_time_is_marked_for_the_script_to_keep_up_to_date():
    old = timezone.now() - timedelta(days=30)
    recent = timezone.now() - timedelta(minutes=5)

    assert "data-relative" not in when("{% when value %}", value=old)
    assert "data-relative" not in when('{% when value "date" %}', value=recent)
    assert "data-relative" in when("{% when value %}", value=recent)


def test_the_styles_write_the_date_the_date_and_time_or_the_month():
    with translation.override("en"):
        assert ">7 December 2026</time>" in when('{% when value "date" %}', value=NOW)
        assert ">December 2026</time>" in when('{% when value "month" %}', value=NOW)
        assert ">7 December 2026</time>" in when(
            '{% when value "datetime" %}', value=date(2026, 12, 7)
        )


def test_no_date_writes_nothing_and_an_unknown_style_is_refused():
    assert when("{% when value %}", value=None) == ""
    with pytest.raises(ValueError, match="Unknown date style"):
        when('{% when value "soon" %}', value=NOW)


def test_a_date_inside_a_sentence_keeps_its_time_element_unescaped():
    with translation.override("en"):
        rendered = when(
            '{% when value "date" as on %}{% load i18n %}'
            "{% blocktranslate with date=on %}Proposed on {{ date }}{% endblocktranslate %}",
            value=NOW,
        )

    assert rendered.startswith("Proposed on <time datetime=")
    assert rendered.endswith(">7 December 2026</time>")


@pytest.mark.django_db
def test_the_notification_list_shows_how_long_ago_with_the_full_date_on_hover(client, member):
    NotificationFactory(recipient=member)
    client.force_login(member)

    html = client.get("/fr/accounts/notifications/").content.decode()

    assert 'class="notification__date"' in html
    assert "à l’instant</time>" in html
    assert 'title="' in html.split('class="notification__date"')[1].split(">")[0]
