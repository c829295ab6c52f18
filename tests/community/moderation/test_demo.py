"""The demo's moderation: a queue that is not empty, decisions, an appeal, seeded only once."""

import io

import pytest
from django.core.management import call_command

from community.models import Appeal, AuditEntry, Decision, Notification, QueueItem, Report

pytestmark = pytest.mark.django_db

COUNTED = [QueueItem, Decision, Appeal, Report, AuditEntry]


def seed():
    call_command("seed_demo", stdout=io.StringIO())
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_the_demo_fills_the_queue_once_and_tells_nobody():
    first = seed()

    assert seed() == first
    open_items = QueueItem.objects.filter(closed_at__isnull=True)
    assert set(open_items.values_list("cause", flat=True)) == {"held", "reported"}
    assert Decision.objects.filter(action="hide", moderator__isnull=False).exists()
    assert Decision.objects.filter(action="publish", wait_seconds__gt=0).exists()
    assert Appeal.objects.filter(status="pending").count() == 1
    assert not Notification.objects.filter(kind__startswith="moderation_").exists()
