"""Everything the site holds about a member, section by section: the registry behind the "my
data" page and the ZIP a member downloads.

Each kind of data a member creates, or that the site keeps about them, is one `DataSection`:
which rows are theirs, how one row reads (a JSON-safe dict, shown on the page and written to
the export), and which files come with it (photos, avatar). Each app registers the sections of
its own data (`register(DataSection(...))`) beside its models, from its `AppConfig.ready()`, so
that a new kind of data appears on the page and in the download without either knowing about
it: the ground floor's (account, staff card, notifications, moderation...) are in
`community.personal_data_sections`, the others in each app's `personal_data` module
(`reviews.personal_data`, `ideas.personal_data`, `community.questions.personal_data`...).
`when`, `file_name`, `written`, `markdown` and `public_url` below help them describe a row.

A section's `rows(member)` must return only that member's own data: the export is theirs, and
nothing about other members belongs in it (a vote on their idea shows as a count, never as
the names of who voted).
"""

import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.functional import Promise


def no_files(obj) -> Iterable:
    """The files of a row that has none."""
    return ()


def no_url(obj) -> str:
    """The public address of a row that has none (private data, votes, preferences)."""
    return ""


@dataclass(frozen=True)
class DataSection:
    """One kind of data held about a member.

    `rows(member)` returns the member's objects, newest first (a QuerySet is best: the page
    counts it and takes the latest few with one query each); `describe(obj)` returns a
    JSON-safe dict of what the row holds; `files(obj)` yields (name in the ZIP, FieldFile) for
    the files that come with it; `url(obj)` is where the row can be seen in the site when it is
    public ("" otherwise). `explanation` tells the member in one sentence what the section is
    and where it is used.
    """

    key: str
    label: Promise
    rows: Callable
    describe: Callable
    files: Callable = no_files
    order: int = 100
    explanation: Promise | str = ""
    url: Callable = no_url
    title: Callable | None = field(default=None)

    def item_title(self, obj) -> str:
        """A short line naming one row on the page."""
        if self.title is not None:
            return str(self.title(obj))
        return str(obj)


_sections: dict[str, DataSection] = {}


def register(section: DataSection) -> DataSection:
    """Add (or replace, by key) a section; returns it, so that it can be kept as a constant."""
    _sections[section.key] = section
    return section


def sections() -> list[DataSection]:
    """Every registered section, in page order (then by key, for a stable order)."""
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))


def section(key: str) -> DataSection:
    sections()
    return _sections[key]


# Describing a row ----------------------------------------------------------------------------


def when(value):
    """A date or time as ISO 8601 text (JSON has no dates), or None."""
    return value.isoformat() if value else None


def file_name(field_file) -> str:
    return posixpath.basename(field_file.name) if field_file else ""


def public_url(obj) -> str:
    """The row's address when the public may see it, else ""."""
    if getattr(obj, "is_public", False):
        return obj.get_absolute_url()
    return ""


def written(obj) -> dict:
    """What every piece of writing records: dates, language, capacity and moderation state."""
    return {
        "id": obj.pk,
        "language": obj.language,
        "written_as": obj.written_as,
        "role_when_written": obj.author_role_title,
        "created_at": when(obj.created_at),
        "edited_at": when(obj.edited_at),
    }


def markdown(obj) -> dict:
    """What a piece of writing in Markdown records, with its text and moderation."""
    return {
        **written(obj),
        "text": obj.body,
        "deleted_at": when(obj.deleted_at),
        "moderation_state": obj.moderation_state,
        "reason_given_by_moderation": obj.moderation_reason,
        "edits": obj.edit_count,
    }
