from django.core.management.base import BaseCommand, CommandError

from community import page_scopes
from community.demo import ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_EMAIL, DEMO_PASSWORD, seed_demo
from community.demo.scale import EMAIL_DOMAIN, SCALES, ScaleSeeder
from community.models import Member


class Command(BaseCommand):
    help = (
        "Fill the site with demo content in English and French: products, teams, staff, "
        "members and pages. Safe to run again: what exists is kept. With --scale, also a large "
        "community for benchmarks, by bulk inserts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=sorted(SCALES),
            help=(
                "Add a scaled community on top of the demo: 'large' is 500 products, 200,000 "
                "members and reviews, 100,000 questions with 400,000 answers, 100,000 ideas "
                "with 1,000,000 votes and 200,000 comments; 'small' is a hundredth of it."
            ),
        )

    def handle(self, *args, **options):
        if options["scale"]:
            return self.seed_scale(options["scale"])
        result = seed_demo()
        if result.created:
            made = ", ".join(f"{kind}: {number}" for kind, number in result.created.items())
            self.stdout.write(self.style.SUCCESS(f"Demo content created ({made})."))
        else:
            self.stdout.write("The demo content was already there; nothing new was created.")
        for note in result.notes:
            self.stdout.write(self.style.WARNING(note))
        self.stdout.write(
            "\n"
            "Site:        http://127.0.0.1:8000/\n"
            "Admin:       http://127.0.0.1:8000/admin/\n"
            f"Site admin:  {ADMIN_EMAIL} / {ADMIN_PASSWORD}\n"
            f"Demo member: {DEMO_EMAIL} / {DEMO_PASSWORD}\n"
            f"Staff and other members (such as camille.martin@example.com) also use "
            f"{DEMO_PASSWORD}.\n"
        )

    def seed_scale(self, name):
        if Member.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists():
            raise CommandError(
                "This database already holds a scaled community; start from an empty database "
                "(migrate a new one) to seed another."
            )
        self.stdout.write(f"Seeding the {name} community…")
        made = ScaleSeeder(SCALES[name], log=self.stdout.write).run()
        # Bulk inserts send no model signal: every cached page is stale now.
        page_scopes.forget_everything()
        summary = ", ".join(f"{kind}: {number:,}" for kind, number in made.items())
        self.stdout.write(self.style.SUCCESS(f"Scaled community created ({summary})."))
