from functools import cached_property

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from community.page_scopes import ForgetsPagesQuerySet
from community.roles import Role

HANDLE_MAX_LENGTH = 40

# Generated avatars use one of this many background colours (avatar--c0 … in site.css), each
# passing WCAG AA contrast with white text.
AVATAR_COLOUR_COUNT = 10


class MemberManager(UserManager.from_queryset(ForgetsPagesQuerySet)):
    """Members sign in by e-mail; there is no username. Writes that send no model signal
    (`update()`) forget the cached pages that show members, as saves do."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("A member needs an e-mail address.")
        member = self.model(email=self.normalize_email(email), **extra_fields)
        member.set_password(password)
        member.save(using=self._db)
        return member

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


# Handles nobody gets, as they would read as the site speaking ("/members/admin/").
RESERVED_HANDLES = frozenset({"me", "admin", "staff", "team", "new", "edit", "settings", "api"})


def unique_handle(display_name, exclude_pk=None):
    """A readable, unique handle for a member's public address: "camille-martin", then "-2"."""
    base = slugify(display_name)[: HANDLE_MAX_LENGTH - 4].strip("-") or "member"
    taken = set(
        Member.objects.filter(handle__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("handle", flat=True)
    )
    handle, number = base, 1
    while handle in taken or handle in RESERVED_HANDLES:
        number += 1
        handle = f"{base}-{number}"
    return handle


class Member(AbstractUser):
    """Everyone with an account: customers, and staff, who are members with a staff card.

    A member is known publicly by the display name they chose and a readable handle in their
    address; the e-mail address is private and is how they sign in.
    """

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=60,
        help_text=_("How the community calls you. Shown on everything you write."),
    )
    handle = models.SlugField(
        _("handle"),
        max_length=HANDLE_MAX_LENGTH,
        unique=True,
        help_text=_("The readable part of your public address, for example camille-martin."),
    )
    avatar = models.ImageField(_("avatar"), upload_to="avatars/%Y/%m/", blank=True)
    bio = models.TextField(_("short bio"), max_length=500, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    guidelines_version = models.CharField(
        _("accepted guidelines version"), max_length=32, blank=True
    )
    guidelines_accepted_at = models.DateTimeField(
        _("guidelines accepted at"), null=True, blank=True
    )
    segment = models.ForeignKey(
        "community.Segment",
        verbose_name=_("segment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        help_text=_("The kind of customer (set by staff, never shown publicly)."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = MemberManager()

    # Signing in writes these; no cached page shows them (community.page_scopes).
    fields_no_page_shows = frozenset({"last_login", "password"})

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name or self.email

    def save(self, *args, **kwargs):
        if not self.display_name:
            # Never from the e-mail address, which is private.
            self.display_name = (self.first_name + " " + self.last_name).strip() or "Member"
        if not self.handle:
            self.handle = unique_handle(self.display_name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("member_detail", kwargs={"handle": self.handle})

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name

    @property
    def initials(self):
        words = [word for word in self.display_name.split() if word[:1].isalnum()]
        letters = "".join(word[0] for word in words[:2]) or self.display_name[:1] or "?"
        return letters.upper()

    @property
    def avatar_colour(self):
        """The CSS class of the generated avatar's colour, stable for a handle."""
        return f"c{sum(self.handle.encode()) % AVATAR_COLOUR_COUNT}"

    @cached_property
    def role_names(self):
        """The names of the roles (groups) this member holds, read once per request."""
        return frozenset(group.name for group in self.groups.all())

    def has_role(self, role: Role) -> bool:
        return role.value in self.role_names

    @cached_property
    def has_verified_email(self) -> bool:
        return EmailAddress.objects.filter(
            user=self, email__iexact=self.email, verified=True
        ).exists()
