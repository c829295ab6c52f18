"""Members' segments: set by staff one at a time in the admin, or imported from a CSV of the
brand's customer records. Product teams then see votes per segment (export, idea page)."""

import csv
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from community import permissions
from community.models import Segment

HEADER_WORDS = ("email", "e-mail", "courriel", "adresse")
LOOKUP_BATCH = 500


def member_segment_set(actor, member, segment) -> bool:
    """Put `member` in `segment` (None: in none); returns True when that changed something."""
    if not permissions.can_set_segments(actor):
        raise PermissionDenied("Only staff set members' segments.")
    if member.segment_id == (segment.pk if segment else None):
        return False
    member.segment = segment
    member.save(update_fields=["segment"])
    return True


@dataclass
class SegmentImportReport:
    updated: int = 0
    unchanged: int = 0
    unmatched: list = field(default_factory=list)


def _segment_named(segments, name):
    wanted = name.strip().lower()
    return next(
        (
            segment
            for segment in segments
            if wanted in (segment.slug.lower(), segment.name_en.lower(), segment.name_fr.lower())
        ),
        None,
    )


@transaction.atomic
def segments_import_csv(actor, text: str) -> SegmentImportReport:
    """Set members' segments from CSV rows "e-mail, segment" (a header line is optional).

    The segment is its slug or its name in either language; an empty segment takes the member
    out of theirs. Rows whose member or segment is unknown are reported with their line number
    and why; importing the same file again changes nothing.
    """
    if not permissions.can_set_segments(actor):
        raise PermissionDenied("Only staff import members' segments.")
    report = SegmentImportReport()
    segments = list(Segment.objects.all())
    rows = []
    for line_number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if line_number == 1 and cells[0].lower() in HEADER_WORDS:
            continue
        rows.append((line_number, row, cells))
    emails = sorted({cells[0].lower() for _line, _row, cells in rows if "@" in cells[0]})
    members = {}
    for start in range(0, len(emails), LOOKUP_BATCH):
        found = (
            get_user_model()
            .objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=emails[start : start + LOOKUP_BATCH])
        )
        members.update({member.email_lower: member for member in found})
    for line_number, row, cells in rows:
        if len(cells) < 2:
            report.unmatched.append((line_number, row, _("expected: e-mail, segment")))
            continue
        member = members.get(cells[0].lower())
        if member is None:
            report.unmatched.append((line_number, row, _("no member has this e-mail address")))
            continue
        segment = None
        if cells[1]:
            segment = _segment_named(segments, cells[1])
            if segment is None:
                report.unmatched.append((line_number, row, _("no segment has this name")))
                continue
        if member_segment_set(actor, member, segment):
            report.updated += 1
        else:
            report.unchanged += 1
    return report
