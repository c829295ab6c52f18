"""Import a shop's orders from a CSV file, with a progress bar.

    manage.py import_orders orders.csv --source web-shop
    manage.py import_orders orders.csv --source web-shop --no-progress

The same import as the admin's (`reviews.orders.orders_import_csv`), for files of any size: the
file is read a batch of rows at a time, never whole. The columns are those of docs/orders.md
(a header line, then one order a line). At the end it prints what was created, the references
known already, and each refused row with its line and why.
"""

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from reviews.models import OrderSource
from reviews.orders import orders_import_csv


def _data_rows(path: Path) -> int:
    """The lines after the header, for the progress bar (one quick pass over the file)."""
    with path.open("rb") as file:
        return max(sum(1 for _line in file) - 1, 0)


class Command(BaseCommand):
    help = "Import a shop's orders from a CSV file (see docs/orders.md for its columns)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file, UTF-8, with a header line.")
        parser.add_argument(
            "--source", required=True, help="The slug of the order source (the shop)."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        source = OrderSource.objects.filter(slug=options["source"]).first()
        if source is None:
            known = ", ".join(OrderSource.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"No order source has the slug {options['source']!r} ({known}).")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        bar = tqdm(
            total=_data_rows(path),
            unit=" rows",
            desc="orders",
            disable=options["no_progress"],
            file=sys.stderr,
        )
        try:
            with path.open(encoding="utf-8-sig", newline="") as file:
                report = orders_import_csv(None, source, file, on_progress=bar.update)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except UnicodeDecodeError as error:
            raise CommandError(
                f"{path} is not UTF-8 text (byte {error.start}). Save it as UTF-8 and import it "
                "again: the orders imported before the error are not imported twice."
            ) from error
        finally:
            bar.close()
        self.stdout.write(
            f"{report.created} orders created, {report.duplicates} references already known, "
            f"{report.refused} rows refused."
        )
        for line, row, why in report.unmatched:
            self.stdout.write(f"  line {line}: {','.join(row)}: {why}")
        if report.refused > len(report.unmatched):
            self.stdout.write(f"  (the first {len(report.unmatched)} refused rows are listed)")
