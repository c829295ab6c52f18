"""A member's language in a real browser, the way a newcomer meets it: a French member logs in
from the English page and lands on the French site with French messages, reads a member of
staff's role and an idea's status in French in their notifications, logs out and in again; a
newcomer signs up in French and confirms their address from the e-mail, landing in French; the
account pages use one word for one thing in each language. axe checks each page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from community.questions import services as questions
from ideas import services as ideas
from ideas.models import Importance
from tests.browser.axe import assert_no_serious_violations
from tests.factories import (
    DEFAULT_PASSWORD,
    MemberFactory,
    QuestionFactory,
    idea_status,
    proposed_idea,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def heading(page):
    return page.get_by_role("heading", level=1)


def message(page):
    return page.locator(".messages .message")


def test_a_french_member_stays_in_french_from_log_in_to_sign_up(page, site_pages, staff):
    zoe = MemberFactory(display_name="Zoé Bernard", preferred_language="fr")
    question = QuestionFactory(author=zoe, title="Comment détartrer la machine ?")
    questions.ownership_take(staff, question)
    idea = proposed_idea(title="Démarrage programmé")
    ideas.idea_vote(zoe, idea, importance=Importance.ESSENTIAL)
    ideas.idea_status_change(staff, idea, to_status=idea_status("planned"), note="Au printemps.")

    # On the English home page, in an English browser, the French member logs in.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator(".site-header").get_by_role("link", name="Log in").click()
    expect(heading(page)).to_have_text("Log in")
    form = page.locator("main form")
    expect(form.get_by_label("Stay logged in on this device")).to_be_visible()
    assert_no_serious_violations(page)
    form.get_by_label("E-mail address").fill(zoe.email)
    form.get_by_label(re.compile(r"^Password\W*$")).fill(DEFAULT_PASSWORD)
    form.get_by_role("button", name="Log in").click()

    # She lands on the French home page, greeted in French.
    expect(page).to_have_url(re.compile(r"/fr/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(message(page)).to_have_text("Bonjour Zoé Bernard, vous voici connecté à votre compte.")
    assert_no_serious_violations(page)

    # Her notifications name the member of staff with the French role and the French status.
    page.locator(".site-header a.notification-link").click()
    expect(heading(page)).to_have_text("Notifications")
    notifications = page.locator(".notification-list")
    expect(notifications).to_contain_text("Amélie Durand (Conseillère support)")
    expect(notifications).to_contain_text("Prévue")
    expect(notifications).not_to_contain_text("Support specialist")
    expect(notifications).not_to_contain_text("Planned")
    assert_no_serious_violations(page)

    # She logs out, and stays on the French site.
    menu = page.locator("details.account-menu")
    menu.locator("summary").click()
    menu.get_by_role("button", name="Se déconnecter").click()
    expect(page).to_have_url(re.compile(r"/fr/$"))
    expect(message(page)).to_have_text("Vous voici déconnecté. À bientôt\u202f!")

    # She logs in again from the French page: "Se connecter", the same words everywhere.
    page.locator(".site-header").get_by_role("link", name="Se connecter").click()
    expect(heading(page)).to_have_text("Se connecter")
    form = page.locator("main form")
    form.get_by_label("Adresse e-mail").fill(zoe.email)
    form.get_by_label(re.compile(r"^Mot de passe\W*$")).fill(DEFAULT_PASSWORD)
    form.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/fr/$"))

    # Her account pages speak the same words in each language.
    for path, title in (
        ("/fr/accounts/password/change/", "Changer votre mot de passe"),
        ("/accounts/password/change/", "Change your password"),
        ("/fr/accounts/2fa/", "Authentification à deux facteurs"),
        ("/accounts/2fa/", "Two-factor authentication"),
    ):
        page.goto(path)
        expect(heading(page)).to_have_text(title)
    assert_no_serious_violations(page)
    page.goto("/fr/")
    menu.locator("summary").click()
    menu.get_by_role("button", name="Se déconnecter").click()

    # A newcomer signs up from the French page.
    page.locator(".site-header").get_by_role("link", name="S’inscrire").click()
    expect(heading(page)).to_have_text("S’inscrire")
    form = page.locator("main form")
    form.get_by_label("Sous quel nom souhaitez-vous apparaître").fill("Hugo Petit")
    form.get_by_label("Adresse e-mail").fill("hugo@example.com")
    form.get_by_label(re.compile(r"^Mot de passe\W*$")).fill(DEFAULT_PASSWORD)
    form.get_by_label("Mot de passe (confirmation)").fill(DEFAULT_PASSWORD)
    form.get_by_label("J'ai lu et j'accepte les règles de la communauté").check()
    assert_no_serious_violations(page)
    form.get_by_role("button", name="S’inscrire").click()
    expect(page).to_have_url(re.compile(r"/fr/$"))

    # The e-mail is in French, names the community and links to its French confirmation page.
    sent = mail.outbox[-1]
    assert sent.to == ["hugo@example.com"]
    assert sent.subject == "Bienvenue sur Community\u00a0: vérifiez votre adresse e-mail"
    link = re.search(r"https?://\S+/fr/accounts/confirm-email/\S+/", sent.body).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    expect(heading(page)).to_have_text("Vérifiez votre adresse e-mail")
    assert_no_serious_violations(page)
    page.get_by_role("button", name="Oui, vérifier cette adresse").click()
    expect(page).to_have_url(re.compile(r"/fr/$"))
    expect(message(page).last).to_have_text("Votre adresse e-mail hugo@example.com est vérifiée.")
