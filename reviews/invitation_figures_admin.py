"""The invitation figures in the Wagtail admin, under the Reviews menu: per month and product,
with a chart drawn on the server (readable without JavaScript, with its table beside it) and a
CSV of the same table. For staff, the product team and site admins
(`permissions.can_see_invitation_figures`); the numbers come from `reviews.invitation_figures`.
"""

import csv

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from community.charts import Series, grouped_bars
from community.models import ProductPage
from reviews import permissions
from reviews.admin_forms import catalogue_products
from reviews.invitation_figures import invitation_figures, last_months

# The months a page covers, counting the current one; the first is the default.
PERIODS = {6: gettext_lazy("The last 6 months"), 12: gettext_lazy("The last 12 months")}


class InvitationFiguresForm(forms.Form):
    """Which months and which product the figures are about; every product when none."""

    period = forms.TypedChoiceField(
        label=gettext_lazy("Period"),
        choices=list(PERIODS.items()),
        coerce=int,
        required=False,
        empty_value=next(iter(PERIODS)),
        error_messages={"invalid_choice": gettext_lazy("Choose the last 6 or 12 months.")},
    )
    product = forms.ModelChoiceField(
        label=gettext_lazy("Product"),
        queryset=ProductPage.objects.none(),
        required=False,
        empty_label=gettext_lazy("All products"),
        error_messages={
            "invalid_choice": gettext_lazy("This product is not in the catalogue: choose one.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = catalogue_products()

    def figures(self):
        months = last_months(self.cleaned_data["period"])
        return invitation_figures(months, self.cleaned_data["product"])


class InvitationFiguresMixin:
    """Both the page and its CSV: for those who may read the figures, from the same form."""

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_see_invitation_figures(request.user):
            raise PermissionDenied
        self.form = InvitationFiguresForm(data=request.GET)
        return super().dispatch(request, *args, **kwargs)


def month_label(month, first: bool) -> str:
    """A month under its bars: short enough for twelve, with the year where it starts."""
    return formats.date_format(month, "N Y" if first or month.month == 1 else "N")


def figures_chart(figures):
    months = [month_label(row.month, index == 0) for index, row in enumerate(figures.months)]
    return grouped_bars(
        "chart-invitations",
        title=_("Invitations sent and reviews written, per month"),
        description=_(
            "For each month, the invitations sent and the reviews written through an "
            "invitation. The table below gives the same values with the other figures."
        ),
        categories=months,
        series=[
            Series(_("Invitations sent"), [row.invitations_sent for row in figures.months], "1"),
            Series(_("Reviews written"), [row.reviews_written for row in figures.months], "2"),
        ],
    )


class InvitationFiguresView(InvitationFiguresMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "reviews/admin/invitation_figures.html"
    page_title = gettext_lazy("Invitation figures")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        if self.form.is_valid():
            figures = self.form.figures()
            query = {"period": self.form.cleaned_data["period"]}
            if self.form.cleaned_data["product"] is not None:
                query["product"] = self.form.cleaned_data["product"].pk
            context.update(
                figures=figures,
                chart=figures_chart(figures),
                csv_url=f"{reverse('invitation_figures:csv')}?{urlencode(query)}",
            )
        return context

    def render_to_response(self, context, **response_kwargs):
        response_kwargs.setdefault("status", 200 if self.form.is_valid() else 400)
        return super().render_to_response(context, **response_kwargs)


CSV_HEADER = [
    "month",
    "orders_received",
    "invitations_sent",
    "reminders_sent",
    "links_followed",
    "reviews_written",
    "response_rate_percent",
    "invited_reviews",
    "invited_average_stars",
    "unprompted_reviews",
    "unprompted_average_stars",
]


def _blank(value):
    return "" if value is None else value


class InvitationFiguresCsvView(InvitationFiguresMixin, View):
    def get(self, request):
        if not self.form.is_valid():
            errors = [str(error) for errors in self.form.errors.values() for error in errors]
            return HttpResponse(
                " ".join(errors), status=400, content_type="text/plain; charset=utf-8"
            )
        figures = self.form.figures()
        product = self.form.cleaned_data["product"]
        first, last = figures.months[0], figures.months[-1]
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="invitation-figures-{product.slug if product else "all"}-'
            f'{first.month:%Y-%m}-{last.month:%Y-%m}.csv"'
        )
        writer = csv.writer(response)
        writer.writerow(CSV_HEADER)
        for row in figures.months:
            writer.writerow(
                [
                    f"{row.month:%Y-%m}",
                    row.orders_received,
                    row.invitations_sent,
                    row.reminders_sent,
                    row.links_opened,
                    row.reviews_written,
                    _blank(row.response_rate),
                    row.invited_reviews,
                    _blank(row.invited_average),
                    row.unprompted_reviews,
                    _blank(row.unprompted_average),
                ]
            )
        return response


class InvitationFiguresViewSet(ViewSet):
    """The figures page with its own item in the Reviews menu, shown to those who may read it."""

    name = "invitation_figures"
    url_prefix = "invitation-figures"
    icon = "table"
    menu_label = gettext_lazy("Invitation figures")

    def get_urlpatterns(self):
        return [
            path("", InvitationFiguresView.as_view(), name="index"),
            path("figures.csv", InvitationFiguresCsvView.as_view(), name="csv"),
        ]

    @cached_property
    def menu_url(self):
        return reverse(self.get_url_name("index"))

    @cached_property
    def menu_item_class(self):
        class FiguresMenuItem(MenuItem):
            def is_shown(self, request):
                return permissions.can_see_invitation_figures(request.user)

        return FiguresMenuItem
