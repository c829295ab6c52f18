"""Write the permission matrix, every address that changes something against every role, to
docs/permissions.md, from the rules the apps declare (`community.permission_matrix`).

    manage.py permission_matrix            # writes docs/permissions.md
    manage.py permission_matrix --check    # fails when the document is out of date

`tests/community/test_permission_matrix.py` checks that the document is current, that every
such address has a rule, and that each address answers each role as its rule says.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from community import permission_matrix


class Command(BaseCommand):
    help = "Write the permission matrix to docs/permissions.md."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(Path(settings.BASE_DIR) / permission_matrix.DOCUMENT),
            help="Where to write it (docs/permissions.md).",
        )
        parser.add_argument(
            "--check", action="store_true", help="Fail when the document is out of date."
        )

    def handle(self, *args, output, check, **options):
        undeclared = sorted(
            set(permission_matrix.state_changing_views()) - set(permission_matrix.rules())
        )
        if undeclared:
            raise CommandError(
                "These addresses change something but declare no rule (in their app's "
                "permission_rules.py): " + ", ".join(undeclared)
            )
        text = permission_matrix.markdown()
        path = Path(output)
        if check:
            if not path.exists() or path.read_text() != text:
                raise CommandError(f"{path} is out of date: run manage.py permission_matrix")
            self.stdout.write(f"{path} is up to date.")
            return
        path.write_text(text)
        self.stdout.write(f"Wrote {path}.")
