"""What the "my data" and preferences pages read, each section with a fixed number of queries."""

from django.db.models import QuerySet

from community import personal_data
from community.member_data.exports import latest_export
from community.member_data.preferences import choices_for, history_for, setting_label, value_label

LATEST_ITEMS = 5
DATE_FIELDS = ("created_at", "changed_at", "updated_at", "date_joined", "last_used_at")


def _date_of(obj):
    for name in DATE_FIELDS:
        value = getattr(obj, name, None)
        if value is not None:
            return value
    return None


def data_overview(member, *, latest=LATEST_ITEMS) -> list[dict]:
    """Every section with its count and its latest items: two queries a section (plus the joins
    the section prefetches), whatever the member wrote."""
    overview = []
    for section in personal_data.sections():
        rows = section.rows(member)
        if isinstance(rows, QuerySet):
            count = rows.count()
            objects = list(rows[:latest]) if count else []
        else:
            rows = list(rows)
            count, objects = len(rows), rows[:latest]
        overview.append(
            {
                "section": section,
                "count": count,
                "items": [
                    {
                        "title": section.item_title(obj),
                        "url": section.url(obj),
                        "date": _date_of(obj),
                    }
                    for obj in objects
                ],
                "more": max(count - len(objects), 0),
            }
        )
    return overview


def preference_history(member, *, limit=50) -> list[dict]:
    return [
        {
            "setting": setting_label(change.setting),
            "before": value_label(change.setting, change.old_value),
            "after": value_label(change.setting, change.new_value),
            "changed_at": change.changed_at,
        }
        for change in history_for(member, limit=limit)
    ]


__all__ = [
    "choices_for",
    "data_overview",
    "latest_export",
    "preference_history",
]
