"""The admin shows people with the site's own pictures of them (the staff card's photo, else the
member's avatar), never an outside avatar service's, and asks the internet for nothing."""

import re

import pytest
from django.template import Context, Template

from community.roles import Role
from tests.factories import MemberFactory, StaffCardFactory, image_upload, site_admin

pytestmark = pytest.mark.django_db


def admin_avatar(user):
    return Template("{% load wagtailadmin_tags %}{% avatar_url user 50 %}").render(
        Context({"user": user})
    )


def test_staff_are_shown_with_their_staff_cards_photo():
    card = StaffCardFactory(photo=image_upload("amelie.jpg"))
    card.member.avatar = image_upload("holiday.jpg")
    card.member.save()

    assert admin_avatar(card.member) == card.photo.url


def test_a_member_without_a_card_photo_is_shown_with_their_avatar():
    card = StaffCardFactory()
    card.member.avatar = image_upload("me.jpg")
    card.member.save()
    member = MemberFactory(avatar=image_upload("other.jpg"))

    assert admin_avatar(card.member) == card.member.avatar.url
    assert admin_avatar(member) == member.avatar.url


def test_without_any_picture_the_default_is_the_sites_own_file_not_gravatar():
    url = admin_avatar(MemberFactory(email="no.picture@example.com"))

    assert url.startswith("/static/wagtailadmin/images/default-user-avatar")
    assert "gravatar" not in url


def test_admin_pages_name_no_outside_avatar_or_release_service(client):
    admin = site_admin(display_name="Sam Admin", email="sam@example.com")
    colleague = MemberFactory(display_name="Colleague", roles=[Role.STAFF])
    client.force_login(admin)

    pages = [
        client.get("/admin/").content.decode(),
        client.get("/admin/users/").content.decode(),
        client.get(f"/admin/users/edit/{colleague.pk}/").content.decode(),
    ]

    assert all("avatarUrl" in html for html in pages)  # the account menu in the sidebar
    for html in pages:
        assert "gravatar" not in html.lower()
        assert "w-upgrade" not in html  # the panel that asks wagtail.org for new releases
        external = re.findall(r'(?:src|srcset)="(https?://[^"]+)"', html)
        assert external == []
