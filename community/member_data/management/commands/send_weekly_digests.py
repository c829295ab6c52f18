"""Send the weekly summaries that are due, and remove expired downloads of members' data.

    manage.py send_weekly_digests

A task backend that runs tasks later (the database worker, `manage.py db_worker`) sends the
summaries by itself every Monday morning. With the immediate backend of the quick start it
cannot: run this command from cron (hourly, say). Nobody gets more than one summary a week.
"""

from django.core.management.base import BaseCommand

from community.member_data import digest, exports


class Command(BaseCommand):
    help = "Send the weekly summaries that are due and remove expired data downloads."

    def handle(self, *args, **options):
        sent = digest.send_digests()
        removed = exports.exports_remove_expired()
        self.stdout.write(f"{sent} weekly summaries sent, {removed} expired downloads removed.")
