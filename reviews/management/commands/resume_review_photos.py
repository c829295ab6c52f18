"""Send again to the worker the review photos whose preparation stopped half way.

    manage.py resume_review_photos

A worker killed while it made a photo's copies leaves its task "running" in the task database
for ever, and the photo waiting. The database worker runs this sweep by itself ten minutes after
photos are sent to it (`reviews.tasks.resume_review_photos`); with a task backend that cannot
run tasks later, or to do it now, run this command (every ten minutes from cron, say). A photo
prepared twice gets one set of copies.
"""

from django.core.management.base import BaseCommand

from reviews.photos import review_photos_resume


class Command(BaseCommand):
    help = "Send again to the worker the review photos whose preparation stopped half way."

    def handle(self, *args, **options):
        resumed = review_photos_resume()
        self.stdout.write(f"{len(resumed)} review photos sent to the worker again.")
