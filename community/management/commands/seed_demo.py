from django.core.management.base import BaseCommand

from community.demo import ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_EMAIL, DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = (
        "Fill the site with demo content in English and French: products, teams, staff, "
        "members and pages. Safe to run again: what exists is kept."
    )

    def handle(self, *args, **options):
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
