"""Pages cost a fixed number of queries, whatever the amount of data behind them."""

import pytest

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
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


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
    few = queries_for(client.get, "/accounts/notifications/")

    add_notifications(member, 12)
    many = queries_for(client.get, "/accounts/notifications/")

    assert many == few


def test_the_team_page_costs_the_same_with_more_staff(client, site_pages):
    add_staff(1)
    few = queries_for(client.get, "/team/")

    add_staff(3)
    many = queries_for(client.get, "/team/")

    assert many == few


def test_the_catalogue_costs_the_same_with_more_products(client, site_pages):
    add_products(site_pages.catalogue["en"], 1)
    few = queries_for(client.get, "/products/")

    add_products(site_pages.catalogue["en"], 5, start=1)
    many = queries_for(client.get, "/products/")

    assert many == few


def test_the_home_page_costs_the_same_with_more_products_and_staff(client, site_pages):
    add_products(site_pages.catalogue["en"], 1)
    add_staff(1)
    few = queries_for(client.get, "/")

    add_products(site_pages.catalogue["en"], 5, start=1)
    add_staff(2)
    many = queries_for(client.get, "/")

    assert many == few


def test_a_member_page_costs_the_same_with_more_data_around_it(client, site_pages, member):
    staff = StaffCardFactory(real_name="Amélie Durand").member
    client.force_login(member)
    add_notifications(member, 1)
    few = queries_for(client.get, staff.get_absolute_url())

    add_notifications(member, 10)
    MemberFactory.create_batch(5)
    staff.groups.add(*MemberFactory(roles=[Role.MODERATOR, Role.PRODUCT_TEAM]).groups.all())
    many = queries_for(client.get, staff.get_absolute_url())

    assert many == few


def test_a_product_page_costs_the_same_with_more_images(client, site_pages):
    catalogue = site_pages.catalogue["en"]
    product_page(catalogue, "Few Images", images=[wagtail_image("One")])
    product_page(catalogue, "Many Images", images=[wagtail_image(f"Image {n}") for n in range(6)])

    assert queries_for(client.get, "/products/many-images/") == queries_for(
        client.get, "/products/few-images/"
    )
