"""`manage.py backup -o FILE`: the database and the media in one archive (see community.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone

from community import backup


class Command(BaseCommand):
    help = (
        "Write a backup archive (.tar.gz): a consistent copy of the database, the uploaded "
        "media, and a manifest with row counts and file hashes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            help="Where to write the archive (default: community-backup-<date>.tar.gz here).",
        )
        parser.add_argument(
            "--no-media",
            action="store_false",
            dest="include_media",
            help="Leave the media out (for S3 buckets backed up on their own).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, output=None, include_media=True, database=DEFAULT_DB_ALIAS, **options):
        output = Path(output or f"community-backup-{timezone.now():%Y%m%d-%H%M%S}.tar.gz").resolve()
        try:
            manifest = backup.backup_create(output, using=database, include_media=include_media)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        tables = manifest["database"]["tables"]
        files = manifest["media"]["files"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {output} ({output.stat().st_size} bytes): "
                f"{manifest['database']['engine']} database, {len(tables)} tables, "
                f"{sum(tables.values())} rows, {len(files)} media files."
            )
        )
