"""`manage.py restore FILE`: bring a backup back, then check it (see community.backup)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from community import backup, page_scopes


class Command(BaseCommand):
    help = (
        "Restore a backup archive written by `manage.py backup` into this site's database and "
        "media, then compare every table's row count and every file's hash with the manifest. "
        "Stop the app servers and the worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by manage.py backup.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the database of a site that already has members.",
        )
        parser.add_argument(
            "--no-media",
            action="store_false",
            dest="include_media",
            help="Restore the database only.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, archive, force, include_media, database, **options):
        try:
            report = backup.restore(
                archive, using=database, force=force, include_media=include_media
            )
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        # The database was replaced behind Django's back: no cached page may outlive it.
        page_scopes.forget_everything()
        manifest = report.manifest
        self.stdout.write(
            f"Backup of {manifest['created_at']} (version {manifest['version']}, "
            f"{manifest['database']['engine']})."
        )
        width = max((len(table) for table, _expected, _found in report.tables), default=5)
        self.stdout.write(f"{'table'.ljust(width)}  {'backup':>9}  {'restored':>9}")
        for table, expected, found in report.tables:
            line = f"{table.ljust(width)}  {expected:>9}  {'-' if found is None else found:>9}"
            self.stdout.write(line if expected == found else self.style.ERROR(line))
        self.stdout.write(
            f"{report.files_checked} media files checked, {len(report.files_mismatched)} differing."
        )
        for name in report.files_mismatched:
            self.stdout.write(self.style.ERROR(f"  {name}"))
        if not report.ok:
            raise CommandError("The restored site differs from the backup; see above.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {len(report.tables)} tables "
                f"({sum(expected for _t, expected, _f in report.tables)} rows) and "
                f"{report.files_checked} media files; every count and hash matches."
            )
        )
        if report.pending_migrations is None:
            self.stdout.write(
                self.style.WARNING("Run manage.py migrate to bring the database up to date.")
            )
        elif report.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"The backup predates {report.pending_migrations} migrations of this "
                    "version: run manage.py migrate."
                )
            )
