"""Send the review invitations and reminders that are due, and delete the orders kept long
enough.

    manage.py send_review_invitations

The database task worker (`manage.py db_worker`) does this by itself every hour
(`reviews.tasks.sweep_review_invitations`). A task backend that cannot run tasks later (the
immediate one of the quick start) cannot: run this command from cron, hourly. Nobody is invited
twice nor reminded more than once, whatever runs it and however often.
"""

from django.core.management.base import BaseCommand

from reviews.tasks import sweep


class Command(BaseCommand):
    help = "Send the review invitations and reminders that are due; delete expired orders."

    def handle(self, *args, **options):
        counts = sweep()
        self.stdout.write(
            f"{counts['sent']} invitations sent, {counts['reminded']} reminders sent, "
            f"{counts['skipped']} not sent (reviewed or unsubscribed), "
            f"{counts['orders_deleted']} expired orders deleted."
        )
