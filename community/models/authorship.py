from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.i18n import TranslatedField


class WrittenAs(models.TextChoices):
    """The capacity in which someone wrote, recorded at the moment they wrote."""

    MEMBER = "member", _("Member")
    STAFF = "staff", _("Staff")


class AuthoredContent(models.Model):
    """What every piece of member or staff writing records about who wrote it, and as whom.

    The byline must show the role its writer had when they wrote: someone who leaves the team
    keeps "staff" on what they wrote as staff, while their new writing shows them as a member.
    So the staff card and role title are captured at writing time (see
    `community.services.authorship_for`) instead of being looked up when the byline is shown;
    the role title in both languages, so that each reader sees it in theirs.
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    written_as = models.CharField(
        _("written as"), max_length=16, choices=WrittenAs.choices, default=WrittenAs.MEMBER
    )
    author_card = models.ForeignKey(
        "community.StaffCard",
        verbose_name=_("staff card"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The role title in each site language, as the staff card gave them at writing time.
    author_role_title_en = models.CharField(
        _("role when written (English)"), max_length=80, blank=True
    )
    author_role_title_fr = models.CharField(
        _("role when written (French)"), max_length=80, blank=True
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language it was written in."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        abstract = True

    author_role_title = TranslatedField("author_role_title")

    @property
    def is_staff_writing(self):
        return self.written_as == WrittenAs.STAFF
