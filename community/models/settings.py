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

    class Meta:
        verbose_name = _("community settings")
