"""Send the warnings before a response promise runs out, and record the promises missed.

    manage.py check_promises

A task backend that runs tasks later (the database worker, `manage.py db_worker`) does this by
itself: each promise enqueues its warning and its miss with `run_after`. With the immediate
backend of the quick start it cannot: run this command every few minutes (from cron, say).
Each warning and each miss is sent once, however often it runs.
"""

from django.core.management.base import BaseCommand

from community import promises


class Command(BaseCommand):
    help = "Warn before response promises run out, and record the missed ones."

    def handle(self, *args, **options):
        counts = promises.check_due()
        self.stdout.write(f"{counts['warned']} warnings sent, {counts['missed']} promises missed.")
