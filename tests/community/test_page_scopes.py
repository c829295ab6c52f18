"""What a cached page shows, and the writes that make it stale (community.page_scopes).

Staff change most of what visitors see in the admin: every model the admin manages (snippets,
settings, pages, the viewsets of the apps, Django's admin) is edited here as its edit view
saves it, and the cached page that shows it is rendered again; the rows no page shows leave
it cached.
"""

from datetime import date, time

import pytest
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from taggit.models import Tag as TaggitTag
from wagtail import hooks
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, get_page_models
from wagtail.snippets.models import get_snippet_models

from community import page_scopes
from community.api.tokens import token_create
from community.models import (
    BusinessHours,
    CommunitySettings,
    Holiday,
    Webhook,
    WebhookDelivery,
)
from reviews import invitations
from reviews.models import ProductInvitationPolicy, ReviewInvitationSettings
from tests.factories import (
    IdeaTagFactory,
    MemberFactory,
    OrderSourceFactory,
    OwnershipFactory,
    ProductCategoryFactory,
    QuestionFactory,
    ResponsePromiseFactory,
    ReviewFactory,
    SegmentFactory,
    StaffCardFactory,
    TopicFactory,
    idea_status,
    order_of,
    proposed_idea,
    totp_authenticator,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commits_as_in_production")]


def admin_managed_models():
    """Every model a page of the admin edits."""
    models = set(get_snippet_models()) | set(settings_registry) | set(get_page_models())
    for hook in hooks.get_hooks("register_admin_viewset"):
        made = hook()
        for viewset in made if isinstance(made, list | tuple) else [made]:
            for item in [viewset, *getattr(viewset, "registerables", ())]:
                model = getattr(item, "model", None)
                if model is not None:
                    models.add(apps.get_model(model) if isinstance(model, str) else model)
    models |= {model for model in apps.get_models() if admin.site.is_registered(model)}
    return sorted(models, key=lambda model: model._meta.label)


def admin_data(site_pages, aurora):
    """A row of every admin-managed model that the site's fixtures do not make."""
    StaffCardFactory()
    ProductCategoryFactory()
    ResponsePromiseFactory()
    SegmentFactory()
    TopicFactory()
    IdeaTagFactory()
    idea_status("planned")
    CommunitySettings.load()
    image_model = apps.get_model("wagtailimages", "Image")
    image_model.objects.create(
        title="Aurora", file=get_test_image_file(), collection=Collection.get_first_root_node()
    )
    Group.objects.get_or_create(name="Editors")
    author = MemberFactory()
    totp_authenticator(author)
    QuestionFactory(author=author)
    proposed_idea(author, title="Grind size presets")
    OwnershipFactory(member=author, product=aurora)
    ReviewFactory(author=author, product=aurora)
    ReviewInvitationSettings.load()
    ProductInvitationPolicy.objects.create(product=aurora, invite_after_days=30)
    invitations.schedule(order_of([aurora], source=OrderSourceFactory(name="Shop")))
    token_create(StaffCardFactory(member__is_superuser=True).member, name="Tracker")
    hook = Webhook.objects.create(name="Tracker", url="https://tracker.example/hook", events=[])
    WebhookDelivery.objects.create(webhook=hook, event="idea.created", body="{}")
    BusinessHours.objects.create(weekday=0, opens=time(9), closes=time(17))
    Holiday.objects.create(date=date(2026, 12, 25), name_en="Christmas")
    apps.get_model("django_tasks_database", "DBTaskResult").objects.create(
        args_kwargs={},
        task_path="x.y",
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )
    app = SocialApp.objects.create(provider="google", name="Google", client_id="id")
    account = SocialAccount.objects.create(user=author, provider="google", uid="1")
    SocialToken.objects.create(app=app, account=account, token="t")
    TaggitTag.objects.create(name="espresso", slug="espresso")
    apps.get_model("wagtaildocs", "Document").objects.create(
        title="Manual", file=ContentFile(b"%PDF-1.4", name="manual.pdf")
    )


def visit(path):
    response = Client().get(path)
    assert response.status_code == 200
    return response["X-Page-Cache"]


def test_every_admin_managed_model_that_a_page_shows_makes_the_cached_page_stale(
    page_cache_on, site_pages, aurora
):
    admin_data(site_pages, aurora)
    unchecked, wrong = [], []
    for model in admin_managed_models():
        row = model._default_manager.order_by("pk").last()
        if row is None:
            unchecked.append(model._meta.label)
            continue
        visit("/")
        assert visit("/") == "hit"
        row.save()
        shown = page_scopes.scope_of(model) is not None
        if (visit("/") == "miss") != shown:
            wrong.append((model._meta.label, "kept" if shown else "forgotten"))

    assert unchecked == [], "add a row of these models to admin_data(): " + " ".join(unchecked)
    assert wrong == []
