"""Send the webhook deliveries whose next attempt is due.

    manage.py retry_webhooks

A task backend that runs tasks later (the database worker, `manage.py db_worker`) tries failed
deliveries again by itself. With the immediate backend of the quick start it cannot: run this
command now and then (every minute from cron, say) to give failed deliveries their next try.
"""

from django.core.management.base import BaseCommand

from community import webhooks


class Command(BaseCommand):
    help = "Send the webhook deliveries whose next attempt is due."

    def handle(self, *args, **options):
        tried = webhooks.retry_due()
        self.stdout.write(f"{tried} deliveries tried again.")
