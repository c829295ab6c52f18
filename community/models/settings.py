from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="cog")
class CommunitySettings(BaseGenericSetting):
    """Site-wide rules the site admin can change without a deployment."""

    hold_first_contribution = models.BooleanField(
        _("hold a member's first contribution for moderation"),
        default=False,
        help_text=_(
            "When on, the first review a member writes waits for a moderator before it is shown."
        ),
    )
    reports_to_hold = models.PositiveIntegerField(
        _("reports by trusted members that hold content"),
        default=3,
        help_text=_(
            "Content reported by this many trusted members is held until a moderator decides; "
            "0 never holds content on reports alone."
        ),
    )
    links_to_hold = models.PositiveIntegerField(
        _("links that hold a post for moderation"),
        default=5,
        help_text=_(
            "A post with this many links or more waits for a moderator, whoever wrote it "
            "(staff and moderators excepted); 0 never holds a post for its links."
        ),
    )

    trusted_after_contributions = models.PositiveIntegerField(
        _("published contributions before a member is trusted"),
        default=3,
        help_text=_(
            "Until then a member is new: their posts may be held, and they are limited in links "
            "and posts per day."
        ),
    )
    trust_lost_per_upheld_report = models.PositiveIntegerField(
        _("contributions an upheld report cancels"),
        default=3,
        help_text=_("Each upheld report against a member or what they wrote counts against trust."),
    )
    hold_new_members_posts = models.BooleanField(
        _("hold new members' posts for moderation"),
        default=False,
        help_text=_(
            "When on, whatever a member writes before they are trusted waits for a moderator."
        ),
    )
    new_member_max_links = models.PositiveIntegerField(
        _("links a new member may put in one post"), default=2
    )
    new_member_max_posts_per_day = models.PositiveIntegerField(
        _("posts a new member may write per day"), default=10
    )
    min_seconds_between_posts = models.PositiveIntegerField(
        _("seconds a member waits between two posts"),
        default=20,
        help_text=_("For members not yet trusted; 0 turns the pause off."),
    )
    duplicate_window_minutes = models.PositiveIntegerField(
        _("minutes during which the same text is refused twice"), default=60
    )
    writes_per_hour_per_member = models.PositiveIntegerField(
        _("posts and edits per member per hour"), default=60
    )
    writes_per_hour_per_ip = models.PositiveIntegerField(
        _("posts and edits per network address per hour"), default=120
    )
    votes_per_hour_per_member = models.PositiveIntegerField(
        _("votes per member per hour"), default=200
    )
    votes_per_hour_per_ip = models.PositiveIntegerField(
        _("votes per network address per hour"), default=400
    )
    reports_per_day_per_member = models.PositiveIntegerField(
        _("reports per member per day"), default=20
    )
    reports_per_day_per_ip = models.PositiveIntegerField(
        _("reports per network address per day"), default=40
    )
    logins_per_hour_per_ip = models.PositiveIntegerField(
        _("failed log-in attempts per network address per hour"), default=30
    )

    class Meta:
        verbose_name = _("community settings")
