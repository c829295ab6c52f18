"""Pages cost a fixed number of queries, whatever the amount of data behind them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.roles import Role
from tests.factories import (
    MemberFactory,
    NotificationFactory,
    ProductCategoryFactory,
    StaffCardFactory,
    TeamFactory,
    product_page,
    wagtail_image,
)

pytestmark = pytest.mark.django_db


def queries_for(client, path):
    """Queries of a page once warm: the first view may create image renditions once."""
    assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def add_notifications(member, count):
    for number in range(count):
        actor = MemberFactory(display_name=f"Actor {number}")
        NotificationFactory(recipient=member, actor=actor, params={"name": actor.display_name})


def add_staff(count):
    for number in range(count):
        team = TeamFactory(slug=f"team-{number}", name_en=f"Team {number}")
        lead = StaffCardFactory(team=team, real_name=f"Lead {number}")
        team.lead = lead.member
        team.save()
        StaffCardFactory.create_batch(2, team=team)


def add_products(catalogue, count, start=0):
    for number in range(start, start + count):
        category = ProductCategoryFactory()
        product_page(
            catalogue,
            f"Product {number}",
            category=category,
            tagline="A tagline",
            images=[
                wagtail_image(f"Product {number} front"),
                wagtail_image(f"Product {number} back"),
            ],
        )


def test_the_notification_list_costs_the_same_with_more_notifications(client, site_pages, member):
    client.force_login(member)
    add_notifications(member, 2)
    few = queries_for(client, "/accounts/notifications/")

    add_notifications(member, 12)
    many = queries_for(client, "/accounts/notifications/")

    assert many == few


def test_the_team_page_costs_the_same_with_more_staff(client, site_pages):
    add_staff(1)
    few = queries_for(client, "/team/")

    add_staff(3)
    many = queries_for(client, "/team/")

    assert many == few


def test_the_catalogue_costs_the_same_with_more_products(client, site_pages):
    add_products(site_pages.catalogue["en"], 1)
    few = queries_for(client, "/products/")

    add_products(site_pages.catalogue["en"], 5, start=1)
    many = queries_for(client, "/products/")

    assert many == few


def test_the_home_page_costs_the_same_with_more_products_and_staff(client, site_pages):
    add_products(site_pages.catalogue["en"], 1)
    add_staff(1)
    few = queries_for(client, "/")

    add_products(site_pages.catalogue["en"], 5, start=1)
    add_staff(2)
    many = queries_for(client, "/")

    assert many == few


def test_a_member_page_costs_the_same_with_more_data_around_it(client, site_pages, member):
    staff = StaffCardFactory(real_name="Amélie Durand").member
    client.force_login(member)
    add_notifications(member, 1)
    few = queries_for(client, staff.get_absolute_url())

    add_notifications(member, 10)
    MemberFactory.create_batch(5)
    staff.groups.add(*MemberFactory(roles=[Role.MODERATOR, Role.PRODUCT_TEAM]).groups.all())
    many = queries_for(client, staff.get_absolute_url())

    assert many == few


def test_a_product_page_costs_the_same_with_more_images(client, site_pages):
    catalogue = site_pages.catalogue["en"]
    product_page(catalogue, "Few Images", images=[wagtail_image("One")])
    product_page(catalogue, "Many Images", images=[wagtail_image(f"Image {n}") for n in range(6)])

    assert queries_for(client, "/products/many-images/") == queries_for(
        client, "/products/few-images/"
    )
