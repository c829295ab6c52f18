"""Run again the account deletions that failed or stopped half way.

    manage.py resume_account_deletions

A deletion that raised (a database error, a worker stopped mid-way) is recorded as failed; one
still waiting or running an hour after it was asked for is taken as interrupted. The erasers
only see what is left, so running a deletion again finishes it. Run this now and then (every
hour from cron, say), like `retry_webhooks`.
"""

from django.core.management.base import BaseCommand

from community.account_deletion.services import deletions_resume


class Command(BaseCommand):
    help = "Run again the account deletions that failed or stopped half way."

    def handle(self, *args, **options):
        resumed = deletions_resume()
        self.stdout.write(f"{len(resumed)} account deletions run again.")
