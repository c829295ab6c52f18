"""The roles every part of the community relies on, held as Django groups.

A member is anyone with an account. The other roles are groups, created by a migration with
their permissions; the site admin can add members to them in the Wagtail admin.
"""

from enum import StrEnum

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page


class Role(StrEnum):
    STAFF = "Staff"
    MODERATOR = "Moderators"
    PRODUCT_TEAM = "Product team"
    SITE_ADMIN = "Site admins"

    @property
    def label(self):
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.STAFF: _("Staff"),
    Role.MODERATOR: _("Moderator"),
    Role.PRODUCT_TEAM: _("Product team"),
    Role.SITE_ADMIN: _("Site admin"),
}

# Roles whose members must sign in with a second factor.
ROLES_REQUIRING_MFA = (Role.STAFF, Role.MODERATOR, Role.PRODUCT_TEAM, Role.SITE_ADMIN)

# Model permissions (app_label.codename) each role holds, besides access to the admin.
ROLE_PERMISSIONS = {
    Role.STAFF: [
        "wagtailadmin.access_admin",
        "reviews.add_ownership",
        "reviews.delete_ownership",
        "reviews.add_order",
        "reviews.view_order",
        "reviews.view_invitation",
        "reviews.add_productinvitationpolicy",
        "reviews.change_productinvitationpolicy",
        "reviews.delete_productinvitationpolicy",
        "reviews.view_productinvitationpolicy",
        "reviews.view_invitationtally",
        "ideas.view_idea",
        "community.view_question",
        "community.assign_segment",
    ],
    Role.MODERATOR: [
        "wagtailadmin.access_admin",
        "reviews.change_review",
        "community.view_question",
    ],
    Role.PRODUCT_TEAM: [
        "wagtailadmin.access_admin",
        "ideas.view_idea",
        "ideas.estimate_idea",
        "ideas.add_status",
        "ideas.change_status",
        "ideas.delete_status",
        "ideas.add_declinereason",
        "ideas.change_declinereason",
        "ideas.delete_declinereason",
        "ideas.add_tag",
        "ideas.change_tag",
        "ideas.delete_tag",
        "ideas.export_ideas",
        "community.assign_segment",
        "community.add_segment",
        "community.change_segment",
        "community.delete_segment",
        "reviews.view_invitationtally",
    ],
    Role.SITE_ADMIN: [
        "wagtailadmin.access_admin",
        "community.add_staffcard",
        "community.change_staffcard",
        "community.delete_staffcard",
        "community.add_team",
        "community.change_team",
        "community.delete_team",
        "community.add_productcategory",
        "community.change_productcategory",
        "community.delete_productcategory",
        "community.add_member",
        "community.change_member",
        "community.view_question",
        "community.add_topic",
        "community.change_topic",
        "community.delete_topic",
        "auth.change_group",
        "wagtailcore.add_locale",
        "wagtailcore.change_locale",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        "ideas.view_idea",
        "ideas.add_status",
        "ideas.change_status",
        "ideas.delete_status",
        "ideas.add_declinereason",
        "ideas.change_declinereason",
        "ideas.delete_declinereason",
        "ideas.add_tag",
        "ideas.change_tag",
        "ideas.delete_tag",
        "community.assign_segment",
        "community.add_segment",
        "community.change_segment",
        "community.delete_segment",
        "community.add_apitoken",
        "community.change_apitoken",
        "community.view_apitoken",
        "community.add_webhook",
        "community.change_webhook",
        "community.delete_webhook",
        "community.view_webhookdelivery",
        "community.add_responsepromise",
        "community.change_responsepromise",
        "community.delete_responsepromise",
        "community.add_businesshours",
        "community.change_businesshours",
        "community.delete_businesshours",
        "community.add_holiday",
        "community.change_holiday",
        "community.delete_holiday",
        "reviews.add_ordersource",
        "reviews.change_ordersource",
        "reviews.delete_ordersource",
        "reviews.view_ordersource",
        "reviews.add_order",
        "reviews.view_order",
        "reviews.view_invitation",
        "reviews.add_productinvitationpolicy",
        "reviews.change_productinvitationpolicy",
        "reviews.delete_productinvitationpolicy",
        "reviews.view_productinvitationpolicy",
        "reviews.view_invitationtally",
        "reviews.change_reviewinvitationsettings",
    ],
}
# Page permissions the site admin holds on the whole page tree.
SITE_ADMIN_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
]
# Image and document permissions the site admin holds on the root collection.
SITE_ADMIN_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]


def ensure_roles(**kwargs):
    """Create the role groups and give them their permissions; safe to run again.

    Runs after every `migrate`, once every app's permissions exist.
    """
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)

    def permission(dotted):
        app_label, codename = dotted.split(".")
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    for role, dotted_names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        group.permissions.add(*[permission(name) for name in dotted_names])

    site_admins = Group.objects.get(name=Role.SITE_ADMIN.value)
    root_page = Page.get_first_root_node()
    if root_page is not None:
        for codename in SITE_ADMIN_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=site_admins,
                page=root_page,
                permission=permission(f"wagtailcore.{codename}"),
            )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for dotted in SITE_ADMIN_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=site_admins, collection=root_collection, permission=permission(dotted)
            )
