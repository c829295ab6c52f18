"""Export the ideas backlog (or its votes) from the command line, with a progress bar.

    manage.py export_ideas --format xlsx -o backlog.xlsx
    manage.py export_ideas --format csv --status planned --tag mobile --since 2025-01-01 -o -
    manage.py export_ideas --votes --format csv --with-emails -o votes.csv

The same rows as the site's export, filtered the same way (`IdeaFilterForm`); `-o -` writes CSV
or JSON to the standard output. Voters' e-mail addresses are left out unless asked for.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from tqdm import tqdm

from ideas import exports
from ideas.forms import IdeaFilterForm


class Command(BaseCommand):
    help = "Export the ideas backlog (or its votes) as CSV, JSON or XLSX, filtered like the list."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=exports.FORMATS, default="csv")
        parser.add_argument(
            "--votes", action="store_true", help="One row per vote instead of one per idea."
        )
        parser.add_argument("--status", help="A status's slug, for example planned.")
        parser.add_argument("--product", help="A product's number (its page id).")
        parser.add_argument("--tag", help="A tag's slug.")
        parser.add_argument("--since", help="Ideas proposed on or after this day (YYYY-MM-DD).")
        parser.add_argument("--until", help="Ideas proposed on or before this day (YYYY-MM-DD).")
        parser.add_argument(
            "--language", default="en", help="The language of labels and links (en or fr)."
        )
        parser.add_argument(
            "--with-emails",
            action="store_true",
            help="Add voters' e-mail addresses to the votes export.",
        )
        parser.add_argument(
            "-o",
            "--output",
            help="The file to write (default: ideas-<date>.<format>); - for standard output.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        fmt = options["format"]
        query = {
            name: options[name]
            for name in IdeaFilterForm.FILTERS
            if options.get(name) not in (None, "")
        }
        language = options["language"]
        if language not in ("en", "fr"):
            raise CommandError("--language must be en or fr.")
        with translation.override(language):
            form = IdeaFilterForm(query)
            if not form.is_valid():
                problems = [
                    f"--{name}: {error}" if name != "__all__" else str(error)
                    for name, errors in form.errors.items()
                    for error in errors
                ]
                raise CommandError("\n".join(problems))
            kind = "votes" if options["votes"] else "ideas"
            export = exports.EXPORTS[kind](
                form.chosen(),
                query=form.query(),
                language=language,
                with_emails=options["with_emails"],
            )
            total = export.count()
        output = options["output"] or export.file_name(fmt)
        if output == "-" and fmt == "xlsx":
            raise CommandError("XLSX cannot go to the standard output: give a file with -o.")
        bar = tqdm(
            total=total,
            unit=" rows",
            desc=f"{kind} ({fmt})",
            disable=options["no_progress"],
            file=sys.stderr,
        )
        export.on_rows = bar.update
        try:
            if output == "-":
                exports.write(export, fmt, sys.stdout.buffer)
                sys.stdout.flush()
            else:
                with Path(output).open("wb") as file:
                    exports.write(export, fmt, file)
        finally:
            bar.close()
        if output != "-":
            self.stderr.write(f"{total} {kind} written to {output}")
