"""The permission matrix in docs/permissions.md is the code's: every address that changes
something is in it, the document is what `manage.py permission_matrix` writes, and each address,
sent as each role, answers what the document says.

The world (a member in each role, and one of each thing an address is about) is built once;
each request runs in a savepoint that is rolled back, so that what one role did (deleting the
question) never changes what the next one meets.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from community import permission_matrix
from community.account_deletion.views import deletion_tokens
from community.conversations import services as conversations
from community.member_data import digest
from community.models import Suspension, Webhook, WebhookDelivery
from community.moderation import services as moderation
from community.notifications import WELCOME, unsubscribe_token
from community.permission_matrix import Outcome
from community.questions import services as questions
from community.reports import report_create
from community.roles import Role
from ideas.models import DeclineReason, Status
from ideas.services.comments import comment_create
from ideas.services.decisions import idea_status_change
from reviews import invitations
from reviews.models import ProductInvitationPolicy
from tests.factories import (
    MemberFactory,
    NotificationFactory,
    OrderSourceFactory,
    OwnershipFactory,
    ReviewFactory,
    StaffCardFactory,
    TopicFactory,
    api_token,
    idea_status,
    order_of,
    product_page,
    proposed_idea,
    site_admin,
    totp_authenticator,
)

pytestmark = pytest.mark.django_db

LOG_IN_PATHS = ("/accounts/login/", "/admin/login/")
# What a few forms send so that the view reaches its permission check: these read their input
# first and answer a form without it with a 400, whoever sends it.
FORMS = {
    "conversations:consent": {"decision": "decline"},
    "ideas:comment": {"body": "Me too."},
    "ideas:ship_feedback": {"solves": "yes"},
    "questions:answer_accept": {"solution": "1"},
    "questions:answer_vote": {"vote": "1"},
    "questions:vote": {"vote": "1"},
    "reviews:helpful": {"helpful": "1"},
}


def _people():
    """A member in each role of the matrix (None for the visitor)."""
    staff = StaffCardFactory(real_name="Amélie Durand", member__display_name="Amélie").member
    moderator = MemberFactory(display_name="Moderator Max", roles=[Role.MODERATOR])
    product = MemberFactory(display_name="Priya Product", roles=[Role.PRODUCT_TEAM])
    for member in (staff, moderator, product):
        totp_authenticator(member)
    suspended = MemberFactory(display_name="Sam Suspended")
    Suspension.objects.create(
        member=suspended,
        until="2999-01-01T00:00:00Z",
        reason="Insults in several answers.",
        suspended_by=moderator,
    )
    return {
        "visitor": None,
        "unverified": MemberFactory(display_name="Noah Petit", verified=False),
        "member": MemberFactory(display_name="Camille Martin"),
        "author": MemberFactory(display_name="Avery Author"),
        "suspended": suspended,
        "moderator": moderator,
        "staff": staff,
        "product": product,
        "admin": site_admin(display_name="Sita Admin"),
    }


def _things(people, site_pages):
    """One of each thing an address is about, by the `target` name the rules use: each is
    the address's keyword arguments, or a function of the role for what is each role's own."""
    author, staff, moderator = people["author"], people["staff"], people["moderator"]
    answerer = MemberFactory(display_name="Oliver Smith")
    product = product_page(site_pages.catalogue["en"], "Aurora espresso machine")

    def ask(title, asker=author):
        return questions.question_ask(asker, title=title, body="What should I do?", product=product)

    question = ask("How often should I descale the Aurora?")
    questions.answer_create(answerer, question, body="Every month with hard water.")
    theirs = ask("Which grinder goes with the Aurora?", asker=answerer)
    answer = questions.answer_create(author, theirs, body="The Nova grinder.")
    hidden = questions.answer_create(author, theirs, body="Buy a better machine.")
    moderation.decide(
        moderator,
        hidden,
        action="hide",
        reason="Not an answer to the question.",
        reason_code="off_topic",
    )
    unanswered = ask("Does the Aurora froth oat milk?")
    closed = ask("Can the Aurora make two cups at once?")
    questions.answer_create(answerer, closed, body="Yes, with the double spout.")
    questions.question_close(author, closed)
    owned = ask("Where is the Aurora's serial number?")
    questions.ownership_take(staff, owned)

    review = ReviewFactory(product=product, author=author, title="Good coffee")
    other_review = ReviewFactory(
        product=product_page(site_pages.catalogue["en"], "Nova grinder"), author=author
    )
    conversation = conversations.conversation_open(
        author, question=question, subject="My order", body="Order A-1."
    )
    conversations.conversation_take(staff, conversation)
    ended = conversations.conversation_open(
        author, question=unanswered, subject="My address", body="Street 1."
    )
    conversations.conversation_take(staff, ended)
    conversations.conversation_close(staff, ended)
    summarised = conversations.conversation_open(
        author, question=closed, subject="My refund", body="Refund B-2."
    )
    conversations.conversation_take(staff, summarised)
    conversations.conversation_close(staff, summarised)
    summary = conversations.summary_propose(staff, summarised, text="The refund was sent.")
    unowned = conversations.conversation_open(
        author, review=other_review, subject="My grinder", body="It squeaks."
    )
    note = conversations.note_add(staff, author, text="Prefers e-mail.")

    idea = proposed_idea(author)
    comment = comment_create(author, idea, body="It would save me ten minutes a day.")
    shipped = proposed_idea(author, title="Descale by itself")
    idea_status_change(staff, shipped, to_status=idea_status("shipped"), note="It is out.")

    report_create(people["member"], question, reason="spam")
    queue_item = moderation.QueueItem.objects.get(
        content_type=ContentType.objects.get_for_model(question),
        object_id=question.pk,
        closed_at__isnull=True,
    )
    appeal = moderation.appeal_create(author, hidden, text="It answers the question.")
    webhook = Webhook.objects.create(
        name="Product channel", url="http://127.0.0.1:9/hook", events=["idea.created"]
    )
    delivery = WebhookDelivery.objects.create(
        webhook=webhook, event="idea.created", body="{}", status=WebhookDelivery.Status.FAILED
    )
    token, _clear = api_token(creator=people["admin"])
    # An invitation the author (the buyer) got for a product they have not reviewed yet.
    jug = product_page(site_pages.catalogue["en"], "Aurora milk jug")
    invitation_order = order_of([jug], email=author.email, member=author)
    invitations.schedule(invitation_order)
    invitation = invitation_order.invitations.get()
    invitations.send_due(invitation.due_at)
    invitation.refresh_from_db()
    notifications = {
        role: NotificationFactory(recipient=member or answerer, url="/")
        for role, member in people.items()
    }
    return {
        "none": {},
        "author_handle": {"handle": author.handle},
        "author_pk": {"pk": author.pk},
        "author_member_pk": {"member_pk": author.pk},
        "own_notification": lambda role: {"pk": notifications[role].pk},
        "unsubscribe_token": {"token": unsubscribe_token(author, WELCOME.key)},
        "digest_token": {"token": digest.unsubscribe_token(author)},
        "deletion_token": lambda role: {
            "token": deletion_tokens.make_token(people[role] or author)
        },
        "csp_policy": {"policy": "site"},
        "hidden_answer": {"kind": "answer", "pk": hidden.pk},
        "question": {"pk": question.pk},
        "unanswered_question": {"pk": unanswered.pk},
        "closed_question": {"pk": closed.pk},
        "owned_question": {"pk": owned.pk},
        "answer": {"pk": answer.pk},
        "product": {"product_id": product.pk},
        "review": {"pk": review.pk},
        "conversation": {"pk": conversation.pk},
        "closed_conversation": {"pk": ended.pk},
        "unowned_conversation": {"pk": unowned.pk},
        "summary_request": {"pk": summary.pk},
        "note": {"pk": note.pk},
        "idea": {"pk": idea.pk},
        "comment": {"pk": comment.pk},
        "shipped_idea": {"pk": shipped.pk},
        "queue_item": {"pk": queue_item.pk},
        "appeal": {"pk": appeal.pk},
        "suspension": {"pk": people["suspended"].suspensions.get().pk},
        "api_token": {"pk": token.pk},
        "webhook": {"pk": webhook.pk},
        "webhook_delivery": {"pk": delivery.pk},
        "topic": {"pk": TopicFactory().pk},
        "ownership": {"pk": OwnershipFactory(member=author, product=product).pk},
        "idea_status": {"pk": Status.objects.create(slug="someday", name_en="Someday").pk},
        "decline_reason": {"pk": DeclineReason.objects.create(label_en="Out of scope").pk},
        "order_source": {"pk": OrderSourceFactory(name="Matrix shop").pk},
        "order_source_slug": {"slug": OrderSourceFactory(name="Matrix shop").slug},
        "invitation_policy": {"pk": ProductInvitationPolicy.objects.create(product=product).pk},
        "invitation_token": {"token": invitations.make_token(invitation)},
        "invitation_unsubscribe_token": {"token": invitations.unsubscribe_token(invitation)},
    }


def observed(response, role) -> Outcome:
    """What the role got: sent to log in, refused, not found, or let through."""
    location = response.get("Location", "") if response.status_code in (301, 302) else ""
    if location.startswith(LOG_IN_PATHS):
        # The Wagtail admin sends a member without access to its log-in page: a refusal.
        return Outcome.LOG_IN if role == "visitor" else Outcome.REFUSED
    if location == "/admin/":
        return Outcome.REFUSED  # the admin's "you do not have permission", on its dashboard
    if response.status_code == 403:
        return Outcome.REFUSED
    if response.status_code == 404:
        return Outcome.NOT_FOUND
    return Outcome.ALLOWED


@pytest.fixture
def world(site_pages):
    people = _people()
    clients = {}
    for role, member in people.items():
        clients[role] = Client()
        if member is not None:
            clients[role].force_login(member)
    return people, clients, _things(people, site_pages)


def test_every_state_changing_address_has_a_declared_rule():
    views = permission_matrix.state_changing_views()
    declared = permission_matrix.rules()

    assert sorted(set(views) - set(declared)) == [], "addresses without a rule"
    assert sorted(set(declared) - set(views)) == [], "rules of addresses that do not exist"


def test_the_document_is_the_one_the_command_writes(tmp_path):
    written = tmp_path / "permissions.md"

    call_command("permission_matrix", output=str(written))

    document = Path(settings.BASE_DIR) / permission_matrix.DOCUMENT
    assert document.read_text() == written.read_text(), (
        "docs/permissions.md is out of date: run `manage.py permission_matrix`"
    )


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the views' permission checks do not depend on the database: sent once, in the "
    "SQLite pass, to keep the PostgreSQL pass (with the browser tests) short",
)
def test_each_address_answers_each_role_as_the_document_says(world, record_property):
    people, clients, things = world
    differences = []
    requests = 0
    for name, rule in sorted(permission_matrix.rules().items()):
        target = things[rule.target]
        for role in permission_matrix.ROLES:
            kwargs = target(role) if callable(target) else target
            cache.clear()
            with transaction.atomic():
                response = clients[role].post(reverse(name, kwargs=kwargs), FORMS.get(name, {}))
                transaction.set_rollback(True)
            requests += 1
            got = observed(response, role)
            if got != rule.outcome(role):
                differences.append(
                    f"{name} as {role}: the document says {rule.outcome(role)}, "
                    f"the site answered {response.status_code} ({got})"
                )
    record_property("measured", f"permission matrix: {requests} requests")
    assert differences == [], "\n".join(differences)
