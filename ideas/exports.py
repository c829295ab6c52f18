"""The ideas backlog and its votes as rows, and those rows as CSV, JSON or XLSX.

One row builder per export (`IdeaExport`, `VoteExport`) feeds every format and every way out:
the site's download (streamed, or prepared in the background when large), the `export_ideas`
command and the benchmark. Rows are read in chunks by primary key, with a fixed number of
queries per chunk, so memory stays flat whatever the size of the backlog: CSV and JSON are
written as they are read, XLSX through openpyxl's write-only workbook.

The ideas are filtered like the ideas list (`forms.IdeaFilterForm`, `selectors.filter_ideas`),
from what the public may see (`Idea.objects.public()`); merged ideas are included, each naming
the idea it was merged into, so that the backlog is complete without counting a vote twice.
Text that a spreadsheet would read as a formula is neutralised in CSV and XLSX.
"""

import csv
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from community.i18n import current_language
from community.markdown import plain_text, plain_text_of_html
from community.models import ProductPage, Segment, WrittenAs
from community.products import products_in_language
from ideas import selectors
from ideas.models import Idea, IdeaVote, Importance, Status, Tag

CHUNK_SIZE = 1000
VOTE_IDEA_CHUNK_SIZE = 500
FORMATS = ("csv", "json", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

TEXT, NUMBER, DATETIME, LIST = "text", "number", "datetime", "list"

# What spreadsheets take for the start of a formula (with the full-width forms some of them also
# read), and the characters that let a cell start a new line or field before one (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralise(text: str) -> str:
    """Text as a spreadsheet must show it: a leading apostrophe stops `=HYPERLINK(…)` and the
    like from running; the apostrophe is the spreadsheets' own sign for "this is text"."""
    if text and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


@dataclass(frozen=True)
class Column:
    key: str
    label: object
    kind: str = TEXT
    segment: str | None = None


def _byline_of(values, prefix="") -> str:
    """The name shown on something written, from its values: the staff card's name for staff
    writing, the member's display name otherwise."""
    card = values[f"{prefix}author_card__real_name"]
    if values[f"{prefix}written_as"] == WrittenAs.STAFF and card:
        return card
    return values[f"{prefix}author__display_name"] or str(_("Former member"))


def _plain_of(rendered: str, markdown: str) -> str:
    """The words of a Markdown field, from its stored HTML (no second parse of every row)."""
    return plain_text_of_html(rendered) if rendered else plain_text(markdown or "")


def idea_url_maker():
    """A function (pk, slug) -> an idea's absolute address in the active language, which does
    the work of `reverse` once rather than for every row."""
    marker_pk, marker_slug = 999_999_999, "idea-slug-marker"
    path = reverse("ideas:detail", kwargs={"pk": marker_pk, "slug": marker_slug})
    before, after = path.split(f"{marker_pk}/{marker_slug}", 1)
    prefix = settings.SITE_URL + before
    return lambda pk, slug: f"{prefix}{pk}/{slug}{after}"


class Export:
    """Rows of one export, in the requester's language; see `IdeaExport` and `VoteExport`."""

    kind = ""
    label = ""

    def __init__(self, filters: dict, *, query=None, language=None, with_emails=False):
        self.filters = filters
        self.query = query or {}
        self.language = language or current_language()
        self.with_emails = with_emails
        self.on_rows = None  # called with the number of rows after each chunk (progress bars)

    def ideas(self):
        """The filtered ideas, as the ideas list filters them, merged ones included."""
        return selectors.filter_ideas(Idea.objects.public(), **self.filters)

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError

    def chunks(self):
        """Lists of rows; the rows of each chunk are made in the export's language."""
        raise NotImplementedError

    def rows(self):
        for chunk in self.chunks():
            yield from chunk
            if self.on_rows is not None:
                self.on_rows(len(chunk))

    def header(self) -> dict:
        return {
            "kind": self.kind,
            "exported_at": timezone.localtime().isoformat(timespec="seconds"),
            "language": self.language,
            "filters": self.query,
        }

    def file_name(self, fmt: str) -> str:
        return f"{self.kind}-{timezone.localdate():%Y-%m-%d}.{fmt}"


def _id_chunks(queryset, size):
    """The queryset in chunks ordered by primary key, each read by a fresh keyset query (rows
    as values with a "pk" key)."""
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last).order_by("pk")[:size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1]["pk"]


class IdeaExport(Export):
    """One row per idea: what it says, where it stands, who decided, and its votes counted by
    importance and by the voters' segment."""

    kind = "ideas"
    label = _("Ideas")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.segments = list(Segment.objects.order_by("sort_order", "name_en"))

    def columns(self):
        with translation.override(self.language):
            segment_columns = [
                Column(
                    f"votes_segment_{segment.slug}",
                    _("Votes: %(segment)s") % {"segment": segment.name},
                    NUMBER,
                    segment=segment.slug,
                )
                for segment in self.segments
            ]
        if segment_columns:
            segment_columns.append(
                Column("votes_no_segment", _("Votes: no segment"), NUMBER, segment="")
            )
        return [
            Column("id", _("Number"), NUMBER),
            Column("url", _("Link")),
            Column("title", _("Title")),
            Column("description", _("Description")),
            Column("product", _("Product")),
            Column("tags", _("Tags"), LIST),
            Column("status", _("Status")),
            Column("status_changed_at", _("Status changed"), DATETIME),
            Column("status_changed_by", _("Status changed by")),
            Column("status_note", _("Last public note")),
            Column("votes", _("Votes"), NUMBER),
            Column("votes_essential", _("Votes: essential"), NUMBER),
            Column("votes_important", _("Votes: important"), NUMBER),
            Column("votes_nice_to_have", _("Votes: nice to have"), NUMBER),
            Column("voters", _("Voters"), NUMBER),
            *segment_columns,
            Column("comments", _("Comments"), NUMBER),
            Column("author", _("Author")),
            Column("created_at", _("Proposed"), DATETIME),
            Column("last_activity_at", _("Last activity"), DATETIME),
            Column("merged_into_id", _("Merged into (number)"), NUMBER),
            Column("merged_into_title", _("Merged into (title)")),
        ]

    def count(self):
        return self.ideas().count()

    # The fields a row needs, read as values: no model is built per row, which would cost more
    # than everything else together on a large backlog.
    FIELDS = (
        "pk",
        "title",
        "slug",
        "body",
        "body_html",
        "product_id",
        "status_id",
        "status_changed_at",
        "vote_count",
        "comment_count",
        "created_at",
        "last_activity_at",
        "merged_into_id",
        "merged_into__title",
        "written_as",
        "author__display_name",
        "author_card__real_name",
        "last_status_change__written_as",
        "last_status_change__author__display_name",
        "last_status_change__author_card__real_name",
        "last_status_change__note",
        "last_status_change__note_html",
    )

    def chunks(self):
        with translation.override(self.language):
            statuses = {status.pk: str(status.name) for status in Status.objects.all()}
            tag_names = {tag.pk: str(tag.name) for tag in Tag.objects.order_by("name_en")}
            url_of = idea_url_maker()
        tag_order = {tag_id: order for order, tag_id in enumerate(tag_names)}
        product_titles = {}
        for ideas in _id_chunks(self.ideas().values(*self.FIELDS), CHUNK_SIZE):
            ids = [idea["pk"] for idea in ideas]
            tags = defaultdict(list)
            through = Idea.tags.through.objects.filter(idea_id__in=ids)
            for idea_id, tag_id in through.values_list("idea_id", "tag_id"):
                tags[idea_id].append(tag_id)
            importance = defaultdict(lambda: defaultdict(int))
            segments = defaultdict(lambda: defaultdict(int))
            counted = (
                IdeaVote.objects.filter(idea_id__in=ids)
                .order_by()
                .values_list("idea_id", "importance", "member__segment__slug")
                .annotate(count=Count("pk"))
            )
            for idea_id, level, segment, count in counted:
                importance[idea_id][level] += count
                segments[idea_id][segment or ""] += count
            unseen = {idea["product_id"] for idea in ideas} - set(product_titles) - {None}
            if unseen:
                product_titles.update(self._product_titles(unseen))
            rows = []
            for idea in ideas:
                row = self._row(idea, importance[idea["pk"]], segments[idea["pk"]])
                row["url"] = url_of(idea["pk"], idea["slug"])
                row["product"] = product_titles.get(idea["product_id"], "")
                row["status"] = statuses[idea["status_id"]]
                row["tags"] = [
                    tag_names[tag_id] for tag_id in sorted(tags[idea["pk"]], key=tag_order.get)
                ]
                rows.append(row)
            yield rows

    def _product_titles(self, product_ids) -> dict:
        """{product id: its title in the export's language}."""
        products = ProductPage.objects.filter(pk__in=product_ids)
        with translation.override(self.language):
            pages = products_in_language(products, self.language)
        return {product_id: page.title for product_id, page in pages.items()}

    def _row(self, idea, importance, segments):
        changed = idea["last_status_change__written_as"] is not None
        row = {
            "id": idea["pk"],
            "url": "",
            "title": idea["title"],
            "description": _plain_of(idea["body_html"], idea["body"]),
            "product": "",
            "tags": [],
            "status": "",
            "status_changed_at": idea["status_changed_at"],
            "status_changed_by": _byline_of(idea, "last_status_change__") if changed else "",
            "status_note": _plain_of(
                idea["last_status_change__note_html"], idea["last_status_change__note"]
            )
            if changed
            else "",
            "votes": idea["vote_count"],
            "votes_essential": importance.get(Importance.ESSENTIAL, 0),
            "votes_important": importance.get(Importance.IMPORTANT, 0),
            "votes_nice_to_have": importance.get(Importance.NICE, 0),
            "voters": sum(importance.values()),
            "votes_by_segment": [
                {"segment": segment.slug, "votes": segments.get(segment.slug, 0)}
                for segment in self.segments
            ],
            "comments": idea["comment_count"],
            "author": _byline_of(idea),
            "created_at": idea["created_at"],
            "last_activity_at": idea["last_activity_at"],
            "merged_into_id": idea["merged_into_id"],
            "merged_into_title": idea["merged_into__title"] or "",
        }
        if self.segments:
            row["votes_by_segment"].append({"segment": None, "votes": segments.get("", 0)})
        return row


class VoteExport(Export):
    """One row per vote of the filtered ideas: the idea, the voter, how much it matters to
    them, when, and who recorded it. Voters' e-mail addresses only with `with_emails`, which
    the views grant to the product team alone."""

    kind = "votes"
    label = _("Votes")

    def columns(self):
        columns = [
            Column("idea_id", _("Idea number"), NUMBER),
            Column("idea_title", _("Idea")),
            Column("idea_url", _("Link")),
            Column("voter", _("Voter")),
        ]
        if self.with_emails:
            columns.append(Column("voter_email", _("E-mail address")))
        return columns + [
            Column("segment", _("Segment")),
            Column("importance", _("Importance")),
            Column("voted_at", _("Voted"), DATETIME),
            Column("recorded_by", _("Recorded by")),
        ]

    def count(self):
        return IdeaVote.objects.filter(idea__in=self.ideas().values("pk")).count()

    FIELDS = (
        "idea_id",
        "importance",
        "created_at",
        "member__display_name",
        "member__email",
        "member__segment_id",
        "recorded_by__display_name",
        "recorded_by__staff_card__real_name",
    )

    def chunks(self):
        ideas = self.ideas().values("pk", "title", "slug")
        with translation.override(self.language):
            segments = {segment.pk: str(segment.name) for segment in Segment.objects.all()}
            importance = {level.value: str(level.label) for level in Importance}
            url_of = idea_url_maker()
        for chunk in _id_chunks(ideas, VOTE_IDEA_CHUNK_SIZE):
            by_id = {idea["pk"]: idea for idea in chunk}
            urls = {idea["pk"]: url_of(idea["pk"], idea["slug"]) for idea in chunk}
            votes = (
                IdeaVote.objects.filter(idea_id__in=by_id)
                .order_by("idea_id", "pk")
                .values_list(*self.FIELDS)
            )
            rows = []
            for vote in votes.iterator(chunk_size=CHUNK_SIZE):
                rows.append(self._row(vote, by_id, urls, segments, importance))
                if len(rows) >= CHUNK_SIZE:
                    yield rows
                    rows = []
            if rows:
                yield rows

    def _row(self, vote, ideas, urls, segments, importance):
        idea_id, level, voted_at, voter, email, segment_id, recorder, recorder_card = vote
        row = {
            "idea_id": idea_id,
            "idea_title": ideas[idea_id]["title"],
            "idea_url": urls[idea_id],
            "voter": voter,
            "segment": segments.get(segment_id, ""),
            "importance": importance.get(level, ""),
            "voted_at": voted_at,
            "recorded_by": recorder_card or recorder or "",
        }
        if self.with_emails:
            row["voter_email"] = email
        return row


EXPORTS = {"ideas": IdeaExport, "votes": VoteExport}


# Cells


def _segment_votes(column, row):
    for entry in row["votes_by_segment"]:
        if (entry["segment"] or "") == column.segment:
            return entry["votes"]
    return 0


def _value(column, row):
    if column.segment is not None:
        return _segment_votes(column, row)
    return row.get(column.key)


def text_cell(column, row) -> str:
    """A cell as text, for CSV: dates in ISO 8601 with their offset, lists joined, formulas
    neutralised."""
    value = _value(column, row)
    if value is None:
        return ""
    if column.kind == DATETIME:
        return timezone.localtime(value).isoformat(timespec="seconds")
    if column.kind == LIST:
        value = ", ".join(value)
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def sheet_cell(column, row):
    """A cell for XLSX: numbers as numbers, dates as the site's local time (spreadsheets have no
    time zones), text neutralised and without the control characters XLSX cannot hold."""
    value = _value(column, row)
    if value is None:
        return None
    if column.kind == DATETIME:
        return timezone.localtime(value).replace(tzinfo=None, microsecond=0)
    if column.kind == LIST:
        value = ", ".join(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", neutralise(value))
    return value


def json_row(row) -> dict:
    """A row for JSON: as built, with dates in ISO 8601 (JSON is read by programs, so text is
    kept exactly as written)."""
    return {
        key: timezone.localtime(value).isoformat(timespec="seconds")
        if isinstance(value, datetime)
        else value
        for key, value in row.items()
    }


# Formats


class _Line:
    """A file-like object that hands back what csv.writer writes, so rows can be streamed."""

    def write(self, text):
        return text


def csv_chunks(export, *, rows_per_chunk=500):
    """The export as CSV text, a piece at a time: a UTF-8 byte order mark (so spreadsheets
    read accents correctly), a header line of readable column names, then the rows."""
    writer = csv.writer(_Line())
    columns = export.columns()
    with translation.override(export.language):
        yield "\ufeff" + writer.writerow([str(column.label) for column in columns])
    lines = []
    for row in export.rows():
        lines.append(writer.writerow([text_cell(column, row) for column in columns]))
        if len(lines) >= rows_per_chunk:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def json_chunks(export, *, rows_per_chunk=500):
    """The export as one JSON object, a piece at a time: `export` (what, when, which filters)
    and the rows under the export's kind (`ideas` or `votes`)."""
    header = json.dumps(export.header(), cls=DjangoJSONEncoder, ensure_ascii=False)
    yield f'{{"export": {header}, "{export.kind}": ['
    pieces, first = [], True
    for row in export.rows():
        pieces.append(
            ("\n" if first else ",\n")
            + json.dumps(json_row(row), cls=DjangoJSONEncoder, ensure_ascii=False)
        )
        first = False
        if len(pieces) >= rows_per_chunk:
            yield "".join(pieces)
            pieces = []
    yield "".join(pieces) + "\n]}\n"


COLUMN_WIDTHS = {TEXT: 30, NUMBER: 10, DATETIME: 18, LIST: 24}
WIDE_COLUMNS = {"title": 50, "description": 80, "status_note": 60, "url": 45, "idea_title": 50}


def write_xlsx(export, target) -> None:
    """The export as an XLSX workbook written to `target` (a path or a binary file), with
    openpyxl's write-only workbook: rows go to disk as they come."""
    workbook = Workbook(write_only=True)
    columns = export.columns()
    with translation.override(export.language):
        sheet = workbook.create_sheet(title=str(export.label)[:31])
        labels = [str(column.label) for column in columns]
    for number, column in enumerate(columns, start=1):
        width = WIDE_COLUMNS.get(column.key, COLUMN_WIDTHS[column.kind])
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for label in labels:
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    date_cells = [column.kind == DATETIME for column in columns]
    for row in export.rows():
        values = [sheet_cell(column, row) for column in columns]
        if any(date_cells):
            values = [
                _date_cell(sheet, value) if is_date and value is not None else value
                for value, is_date in zip(values, date_cells, strict=True)
            ]
        sheet.append(values)
    workbook.save(target)


def _date_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = "yyyy-mm-dd hh:mm"
    return cell


def write(export, fmt: str, file) -> None:
    """The export in `fmt` written to a binary file: for the command and background exports."""
    if fmt == "xlsx":
        write_xlsx(export, file)
        return
    chunks = csv_chunks(export) if fmt == "csv" else json_chunks(export)
    for chunk in chunks:
        file.write(chunk.encode())
