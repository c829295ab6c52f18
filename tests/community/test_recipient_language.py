"""What the site tells someone reads in their language: the names staff type in each language
(role titles, statuses, reasons) in notifications and e-mails, the role title frozen on staff
writing in both languages, and counts with their plural forms."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.utils import translation
from wagtail.models import Locale

from community import follows
from community.i18n import in_each_language, translated
from community.notifications import notify, registry
from community.questions import services as questions
from community.questions.models import Answer
from community.segments_admin import SegmentImportView
from reviews import services as reviews
from reviews.admin_views import OwnershipImportView
from tests.factories import MemberFactory, QuestionFactory, ReviewFactory, product_page

pytestmark = pytest.mark.django_db


def emails_to(member):
    return [message for message in mail.outbox if message.to == [member.email]]


def test_a_value_in_each_language_reads_in_the_active_one_and_falls_back_to_english():
    value = in_each_language(lambda: translation.gettext("Log in"))

    assert value == {"en": "Log in", "fr": "Se connecter"}
    with translation.override("fr"):
        assert translated(value) == "Se connecter"
    with translation.override("fr"):
        assert translated({"en": "Billing specialist", "fr": ""}) == "Billing specialist"
    assert translated("As it was written") == "As it was written"


def test_a_role_taken_on_an_english_page_reaches_a_french_asker_in_french(
    staff, django_capture_on_commit_callbacks
):
    asker = MemberFactory(preferred_language="fr")
    question = QuestionFactory(author=asker)
    follower = MemberFactory(display_name="Oliver Smith")
    follows.follow(follower, question)

    with django_capture_on_commit_callbacks(execute=True):
        questions.ownership_take(staff, question)

    told_asker = asker.notifications.get(kind="question_owner_taken")
    told_follower = follower.notifications.get(kind="question_owner_taken")
    with translation.override("fr"):
        assert "Amélie Durand (Conseillère support)" in told_asker.message
    assert "Amélie Durand (Support specialist)" in told_follower.message
    (email,) = emails_to(asker)
    assert "Conseillère support" in email.body
    assert "Support specialist" not in email.body
    assert "Support specialist" in emails_to(follower)[0].body


def test_an_in_site_notification_follows_its_reader_when_they_switch_language(staff):
    asker = MemberFactory(preferred_language="fr")
    question = QuestionFactory(author=asker)
    questions.ownership_take(staff, question)
    told = asker.notifications.get(kind="question_owner_taken")

    with translation.override("fr"):
        assert "Conseillère support" in told.message
    assert "Support specialist" in told.message


def test_a_staff_response_tells_a_french_reviewer_the_role_and_status_in_french(
    site_pages, staff, moderator
):
    review = ReviewFactory(
        product=product_page(site_pages.catalogue["en"], "Espresso One"),
        author=MemberFactory(preferred_language="fr"),
    )

    response = reviews.staff_response_save(staff, review, text="Thank you, we are on it.")

    assert (response.author_role_title_en, response.author_role_title_fr) == (
        "Support specialist",
        "Conseillère support",
    )
    told = review.author.notifications.get(kind="review_staff_response")
    with translation.override("fr"):
        assert "Amélie Durand (Conseillère support)" in told.message
    reviews.review_moderate(moderator, review, state="hidden", reason="A phone number.")
    hidden = review.author.notifications.get(kind="review_moderated")
    with translation.override("fr"):
        assert "masqué par un modérateur" in hidden.message
    assert "hidden by a moderator" in hidden.message


def test_an_e_mail_about_a_review_links_to_the_product_page_in_the_readers_language(
    site_pages, staff, django_capture_on_commit_callbacks
):
    product = product_page(site_pages.catalogue["en"], "Espresso One")
    french = product.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=True)
    french.title, french.slug = "Expresso Un", "expresso-un"
    french.save_revision().publish()
    french.refresh_from_db()
    french_reviewer = MemberFactory(preferred_language="fr")
    english_reviewer = MemberFactory(preferred_language="en")
    reviews_written = [
        ReviewFactory(product=product, author=author)
        for author in (french_reviewer, english_reviewer)
    ]

    # The member of staff reads the English page and responds to both.
    with django_capture_on_commit_callbacks(execute=True):
        for review in reviews_written:
            reviews.staff_response_save(staff, review, text="Thank you, we are on it.")

    (to_french,) = emails_to(french_reviewer)
    (to_english,) = emails_to(english_reviewer)
    assert f"{settings.SITE_URL}{french.url}" in to_french.body
    assert "/expresso-un/" in to_french.body
    assert "/espresso-one/" not in to_french.body
    assert f"{settings.SITE_URL}{product.url}" in to_english.body


def test_a_parameter_missing_from_a_message_shows_its_label_rather_than_failing(member):
    notification = notify(member, "question_owner_taken", params={"role": {"en": "x"}})

    assert notification.message == str(registry.get("question_owner_taken").label)


# --- The role title frozen on staff writing -------------------------------------------------


def test_the_role_title_on_staff_writing_reads_in_each_readers_language(staff):
    question = QuestionFactory()
    with translation.override("fr"):
        answer = questions.answer_create(staff, question, body="Every month.")
    staff.staff_card.role_title_en = "Head of support"
    staff.staff_card.role_title_fr = "Responsable du support"
    staff.staff_card.save()

    answer = Answer.objects.get(pk=answer.pk)
    assert answer.author_role_title == "Support specialist"
    with translation.override("fr"):
        assert answer.author_role_title == "Conseillère support"


def test_the_migration_gives_earlier_staff_writing_both_of_its_cards_titles(staff):
    question = QuestionFactory()
    same_role = questions.answer_create(staff, question, body="Every month.")
    earlier_role = questions.answer_create(staff, question, body="Or twice.")
    # As the rows were before the migration: one title, in the language of the page.
    Answer.objects.filter(pk=same_role.pk).update(
        author_role_title_en="Conseillère support", author_role_title_fr=""
    )
    Answer.objects.filter(pk=earlier_role.pk).update(
        author_role_title_en="Trainee", author_role_title_fr=""
    )
    migration = importlib.import_module("community.migrations.0017_role_title_in_both_languages")

    migration.both_languages(apps, None)

    assert Answer.objects.filter(pk=same_role.pk).values_list(
        "author_role_title_en", "author_role_title_fr"
    ).get() == ("Support specialist", "Conseillère support")
    assert Answer.objects.filter(pk=earlier_role.pk).values_list(
        "author_role_title_en", "author_role_title_fr"
    ).get() == ("Trainee", "")


# --- Counts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "english", "french"),
    [(1, "(CSV, 1 row)", "(CSV, 1 ligne)"), (2, "(CSV, 2 rows)", "(CSV, 2 lignes)")],
)
def test_the_export_notification_counts_its_rows_in_each_language(rows, english, french):
    params = {"what": "ideas", "format": "CSV", "rows": rows}

    assert english in registry.message("idea_export_ready", params)
    with translation.override("fr"):
        assert french in registry.message("idea_export_ready", params)


def test_import_reports_count_with_plural_forms_in_each_language():
    segments = SegmentImportView()
    segments.report = SimpleNamespace(updated=1, unchanged=2, unmatched=["a line"])
    ownership = OwnershipImportView()
    ownership.report = SimpleNamespace(created=2, already_known=1, unmatched=[])

    assert segments.report_message() == (
        "Import finished: 1 row changed, 2 rows already right, 1 row not matched."
    )
    assert ownership.report_message() == (
        "Import finished: 2 records created, 1 record already known, 0 rows not matched."
    )
    with translation.override("fr"):
        assert segments.report_message() == (
            "Import terminé\u00a0: 1 ligne modifiée, 2 lignes déjà correctes, "
            "1 ligne sans correspondance."
        )


def test_opening_a_notification_follows_its_link_in_the_language_being_read(
    client, site_pages, member
):
    notification = notify(member, "welcome", params={"name": "Camille"}, url="/products/#top")
    client.force_login(member)

    response = client.post(f"/fr/accounts/notifications/{notification.pk}/open/")

    assert response["Location"] == "/fr/products/#top"
