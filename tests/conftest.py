"""Fixtures shared by every test: the site's page tree, members in each role, and media."""

import pytest
from django.db import connection

from community.roles import Role
from community.site_setup import ensure_site_structure
from tests.factories import MemberFactory, StaffCardFactory


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site_pages(db):
    """Home, catalogue, team and guidelines pages, in English and French."""
    return ensure_site_structure()


@pytest.fixture
def member(db):
    return MemberFactory(display_name="Camille Martin")


@pytest.fixture
def unverified_member(db):
    return MemberFactory(display_name="Noah Petit", verified=False)


@pytest.fixture
def staff(db):
    """A member of staff with an active card, who has set up two-factor sign-in."""
    card = StaffCardFactory(real_name="Amélie Durand", member__display_name="Amélie")
    _with_totp(card.member)
    return card.member


@pytest.fixture
def moderator(db):
    member = MemberFactory(display_name="Moderator Max", roles=[Role.MODERATOR])
    _with_totp(member)
    return member


@pytest.fixture
def product_team_member(db):
    member = MemberFactory(display_name="Priya Product", roles=[Role.PRODUCT_TEAM])
    _with_totp(member)
    return member


def _with_totp(member):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(
        user=member, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"
)
