"""The service figures: a dashboard for staff with charts drawn on the server, and the same
figures as CSV."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from community.charts import Series, grouped_bars, horizontal_bars
from community.staffdesk import figures as service_figures
from community.staffdesk.forms import PeriodForm
from community.staffdesk.permissions import can_see_figures


def _period_form(request):
    if not can_see_figures(request.user):
        raise PermissionDenied(_("The service figures are for staff."))
    return PeriodForm(data=request.GET)


@login_required
@require_GET
def figures(request):
    form = _period_form(request)
    context = {"form": form}
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        result = service_figures.compute(start, end)
        context.update(
            figures=result,
            period_start=start,
            period_end=end,
            query=f"from={start.isoformat()}&to={end.isoformat()}",
            charts=_charts(result),
        )
    return render(
        request,
        "community/staffdesk/figures.html",
        context,
        status=200 if form.is_valid() else 400,
    )


def _charts(result) -> dict:
    weeks = [formats.date_format(row.week, "j M") for row in result.weeks]
    teams = [row.label or _("No team") for row in result.teams]
    return {
        "first_answer": grouped_bars(
            "chart-first-answer",
            title=_("Time to the first staff answer, per week"),
            description=_(
                "Median and 90th percentile, in clock hours, for the questions asked each week "
                "(weeks start on Monday). The table below gives the same values."
            ),
            categories=weeks,
            series=[
                Series(_("Median"), [row.median_hours for row in result.weeks], "1"),
                Series(_("90th percentile"), [row.p90_hours for row in result.weeks], "2"),
            ],
            unit=" h",
        ),
        "promises": horizontal_bars(
            "chart-promises",
            title=_("Response promises kept and missed, per team"),
            description=_("Promises kept and missed for the questions of each team."),
            rows=[_("All teams"), *teams],
            series=[
                Series(_("Kept"), [result.total.kept, *[r.kept for r in result.teams]], "1"),
                Series(_("Missed"), [result.total.missed, *[r.missed for r in result.teams]], "2"),
            ],
        ),
        "solved": horizontal_bars(
            "chart-solved",
            title=_("Questions solved by the community and by staff, per team"),
            description=_(
                "Solved questions whose solution a member wrote, and whose solution staff wrote."
            ),
            rows=[_("All teams"), *teams],
            series=[
                Series(
                    _("By the community"),
                    [result.total.solved_by_community]
                    + [r.solved_by_community for r in result.teams],
                    "1",
                ),
                Series(
                    _("By staff"),
                    [result.total.solved_by_staff] + [r.solved_by_staff for r in result.teams],
                    "2",
                ),
            ],
        ),
    }


CSV_HEADER = [
    "section",
    "group",
    "questions_asked",
    "answered_by_staff",
    "median_hours_to_first_staff_answer",
    "p90_hours_to_first_staff_answer",
    "promises_kept",
    "promises_missed",
    "promises_kept_percent",
    "solved_by_community",
    "solved_by_staff",
]


@login_required
@require_GET
def figures_csv(request):
    form = _period_form(request)
    if not form.is_valid():
        messages = [str(error) for errors in form.errors.values() for error in errors]
        return HttpResponse(
            " ".join(messages), status=400, content_type="text/plain; charset=utf-8"
        )
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    result = service_figures.compute(start, end)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="service-figures-{start.isoformat()}-{end.isoformat()}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    writer.writerow(_csv_row("total", f"{start.isoformat()}..{end.isoformat()}", result.total))
    for row in result.weeks:
        writer.writerow(_csv_row("week", row.label, row))
    for row in result.teams:
        writer.writerow(_csv_row("team", row.label or _("No team"), row))
    for row in result.staff:
        writer.writerow(_csv_row("staff", row.label, row))
    return response


def _csv_row(section, group, row):
    def blank(value):
        return "" if value is None else value

    return [
        section,
        _safe_cell(str(group)),
        row.asked,
        row.staff_answered,
        blank(row.median_hours),
        blank(row.p90_hours),
        row.kept,
        row.missed,
        blank(row.kept_percent),
        row.solved_by_community,
        row.solved_by_staff,
    ]


def _safe_cell(text: str) -> str:
    """A name a spreadsheet must not read as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
