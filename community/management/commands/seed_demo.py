from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.core.management.commands.runserver import naiveip_re

from community import page_scopes
from community.demo import ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_EMAIL, DEMO_PASSWORD, seed_demo
from community.demo.scale import EMAIL_DOMAIN, SCALES, ScaleSeeder
from community.models import Member

# Where `runserver` listens when given no address, or only a port.
RUNSERVER_ADDRESS, RUNSERVER_PORT = "127.0.0.1", "8000"
EVERY_INTERFACE = {"0": "127.0.0.1", "0.0.0.0": "127.0.0.1", "[::]": "[::1]"}


def served_url(address: str = "") -> tuple[str, bool]:
    """The address to open for `runserver <address>` (`make run HOST=…`), and whether it also
    listens on every network interface ("0.0.0.0:8000"), where this machine is reached at its
    own address. "8001" is 127.0.0.1:8001, as for runserver."""
    match = naiveip_re.match(address or f"{RUNSERVER_ADDRESS}:{RUNSERVER_PORT}")
    if match is None:
        raise CommandError(
            f"{address!r} is not an address runserver takes: a port, or host:port "
            "(127.0.0.1:8000, 0.0.0.0:8000, [::1]:8000, localhost:8000)."
        )
    host = match["addr"] or RUNSERVER_ADDRESS
    return f"http://{EVERY_INTERFACE.get(host, host)}:{match['port']}/", host in EVERY_INTERFACE


def how_to_sign_in(address: str = "") -> str:
    """What the quick start prints under the demo content: where the site is, the log-ins, and
    whether staff are asked for a second factor here."""
    url, every_interface = served_url(address)
    lines = [f"Site:        {url}", f"Admin:       {url}admin/"]
    if every_interface:
        lines.append(
            "             (listening on every network interface: from another machine, use this "
            "machine's address, and add it to ALLOWED_HOSTS)"
        )
    lines += [
        f"Site admin:  {ADMIN_EMAIL} / {ADMIN_PASSWORD}",
        f"Demo member: {DEMO_EMAIL} / {DEMO_PASSWORD}",
        f"Staff and other members (such as camille.martin@example.com) also use {DEMO_PASSWORD}.",
    ]
    if settings.REQUIRE_MFA_FOR_STAFF:
        lines.append(
            "Staff, moderators and site admins set up two-factor authentication at their first "
            "log-in."
        )
    else:
        lines.append(
            "Staff, moderators and site admins are not asked for a second factor here, so that "
            "the demo can be tried without an authenticator app; production requires it "
            "(REQUIRE_MFA_FOR_STAFF=1 make run to try it)."
        )
    return "\n" + "\n".join(lines) + "\n"


class Command(BaseCommand):
    help = (
        "Fill the site with demo content in English and French: products, teams, staff, "
        "members and pages. Safe to run again: what exists is kept. With --scale, also a large "
        "community for benchmarks, by bulk inserts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--address",
            default="",
            help=(
                "The address runserver is given (make run's HOST), to print the address to open: "
                "127.0.0.1:8000 by default."
            ),
        )
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
        served_url(options["address"])  # a mistyped address is said before the seeding, not after
        result = seed_demo()
        if result.created:
            made = ", ".join(f"{kind}: {number}" for kind, number in result.created.items())
            self.stdout.write(self.style.SUCCESS(f"Demo content created ({made})."))
        else:
            self.stdout.write("The demo content was already there; nothing new was created.")
        for note in result.notes:
            self.stdout.write(self.style.WARNING(note))
        self.stdout.write(how_to_sign_in(options["address"]))

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
