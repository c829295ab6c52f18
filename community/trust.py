"""How much the community trusts a member: earned with published contributions, lost with
upheld reports.

A member is new until they have `CommunitySettings.trusted_after_contributions` published
contributions (reviews, questions, answers, replies, ideas and comments that the public can see).
New members may have their posts held, may put only a few links in a post and write only so
many posts a day (`community.protections`). Each upheld report against the member or against
something they wrote cancels `trust_lost_per_upheld_report` contributions, so a member whose
writing is repeatedly found to break the guidelines becomes new again.

Staff, moderators and site admins are trusted from the start: they write under their own name
and role, and the moderation queue is theirs.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Func, IntegerField, Q, Subquery, Value
from django.db.models.functions import Coalesce

from community import permissions
from community.content_kinds import registry
from community.roles import Role

_CACHE_ATTRIBUTE = "_community_trust"


def contribution_models():
    """The models of the kinds that count as contributions (`counts_towards_trust`). Each has
    an `author` and a `public()` queryset method, the one definition of what the public may
    see."""
    return [kind.model for kind in registry.writing() if kind.counts_towards_trust]


def _count(queryset):
    """`queryset`'s row count as a scalar subquery, so that several counts share one query."""
    counted = queryset.order_by().annotate(count=Func(F("pk"), function="COUNT")).values("count")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _upheld_reports(member_pk):
    """Upheld reports about the member themself or anything they wrote, public or not."""
    report_model = apps.get_model("community", "Report")
    member_model = apps.get_model("community", "Member")
    about = Q(content_type=ContentType.objects.get_for_model(member_model), object_id=member_pk)
    for model in contribution_models():
        about |= Q(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=model.objects.filter(author_id=member_pk).values("pk"),
        )
    return report_model.objects.filter(about, status=report_model.Status.UPHELD)


def _standing(member) -> dict:
    """The member's published contributions and upheld reports, read in one query and kept on
    the member object for the rest of the request."""
    cached = getattr(member, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    member_model = apps.get_model("community", "Member")
    models = contribution_models()
    annotations = {
        f"contributions_{index}": _count(model.objects.public().filter(author_id=member.pk))
        for index, model in enumerate(models)
    }
    annotations["upheld_reports"] = _count(_upheld_reports(member.pk))
    row = member_model.objects.filter(pk=member.pk).values(**annotations).first() or {}
    standing = {
        "contributions": sum(row.get(f"contributions_{index}", 0) for index in range(len(models))),
        "upheld_reports": row.get("upheld_reports", 0),
    }
    setattr(member, _CACHE_ATTRIBUTE, standing)
    return standing


def forget(member) -> None:
    """Drop what was read about `member`'s standing, after they contributed or were reported."""
    if member is not None and hasattr(member, _CACHE_ATTRIBUTE):
        delattr(member, _CACHE_ATTRIBUTE)


def published_contribution_count(member) -> int:
    """Reviews, questions, answers, replies, ideas and comments of `member` the public can see."""
    if not permissions.is_member(member):
        return 0
    return _standing(member)["contributions"]


def upheld_report_count(member) -> int:
    """Upheld reports against `member` or against anything they wrote."""
    if not permissions.is_member(member):
        return 0
    return _standing(member)["upheld_reports"]


def _settings():
    return apps.get_model("community", "CommunitySettings").load()


def trust_score(member) -> int:
    """Published contributions, less what upheld reports cancel; never below zero."""
    if not permissions.is_member(member):
        return 0
    standing = _standing(member)
    lost = standing["upheld_reports"] * _settings().trust_lost_per_upheld_report
    return max(0, standing["contributions"] - lost)


def contributions_needed(member) -> int:
    """How many more published contributions `member` needs to be trusted (0 once trusted)."""
    if is_trusted(member):
        return 0
    return max(1, _settings().trusted_after_contributions - trust_score(member))


def has_trusted_role(member) -> bool:
    """Staff, moderators and site admins are trusted whatever they have written."""
    return permissions.is_member(member) and (
        member.is_superuser
        or member.has_role(Role.STAFF)
        or member.has_role(Role.MODERATOR)
        or member.has_role(Role.SITE_ADMIN)
    )


def is_trusted(member) -> bool:
    """A member who has earned the community's trust: enough published contributions, after
    upheld reports are taken away, or a staff, moderator or site admin role."""
    if not permissions.is_member(member):
        return False
    if has_trusted_role(member):
        return True
    return trust_score(member) >= _settings().trusted_after_contributions
