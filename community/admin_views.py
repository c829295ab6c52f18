"""Admin views and viewsets that several apps build on: a model viewset that shows records
without some of the generic views (records made on the site or by events), a listing whose
search puts exact title matches first, and the CSV import (upload, check, import, then a
report of what was done and what was refused)."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from community.admin_forms import CsvImportForm


class ReadOnlyModelViewSet(ModelViewSet):
    """Records the admin shows but does not add, edit or delete: they are written on the site
    (where each step is signed) or by events. Each record's page is its inspect view.

    `left_out` names the generic views there are no links or URLs for: a viewset whose
    records are added and deleted here but never edited leaves out only "edit".
    """

    left_out = ("add", "edit", "delete")
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{f"{name}_url_name": None for name in self.left_out}, **kwargs
        )

    def get_urlpatterns(self):
        return [
            pattern for pattern in super().get_urlpatterns() if pattern.name not in self.left_out
        ]

    @property
    def url_finder_class(self):
        finder = super().url_finder_class
        if "edit" in self.left_out:
            finder.edit_url_name = self.get_url_name("inspect")
        return finder


class ExactMatchesFirst:
    """Search results with the records found by an exact match first (`exact`, a short list),
    then the search engine's results (`others`, which leave those out). The paginator counts
    and slices it as it would a queryset."""

    def __init__(self, exact, others):
        self.exact = list(exact)
        self.others = others

    def count(self):
        return len(self.exact) + self.others.count()

    def __len__(self):
        return self.count()

    def __iter__(self):
        yield from self.exact
        yield from self.others

    def __getitem__(self, index):
        if not isinstance(index, slice):
            found = self[index : index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        if index.step is not None or (index.start or 0) < 0 or (index.stop or 0) < 0:
            raise ValueError("Only slices with positive bounds are supported.")
        start, stop = index.start or 0, index.stop
        head = self.exact[start:stop]
        rest_start = max(start - len(self.exact), 0)
        rest_stop = None if stop is None else max(stop - len(self.exact), 0)
        if rest_stop is not None and rest_stop <= rest_start:
            return head
        return head + list(self.others[rest_start:rest_stop])


class ExactTitleFirstMixin:
    """For a listing's search (a generic `IndexView`): the records whose `exact_match_field`
    is exactly what was typed (ignoring case and repeated spaces) come first, then the others
    in the search engine's order. An engine ranks words, so a title made of common words can
    sink below longer ones that repeat them; whoever pastes a whole title expects it on top.
    A column the person sorts by wins over this."""

    exact_match_field = "title"
    # A title typed in full matches a few records at most; more would be a list, not a match.
    exact_match_limit = 20

    def search_queryset(self, queryset):
        if not self.is_searching or self.is_explicitly_ordered:
            return super().search_queryset(queryset)
        typed = " ".join(self.search_query.split())
        exact = list(
            queryset.filter(**{f"{self.exact_match_field}__iexact": typed})[
                : self.exact_match_limit
            ]
        )
        others = super().search_queryset(queryset.exclude(pk__in=[row.pk for row in exact]))
        return ExactMatchesFirst(exact, others)


class CsvImportView(WagtailAdminTemplateMixin, FormView):
    """Upload a CSV file, import it, then read what was done and what did not match.

    A subclass says who may import (`can_import`), what the import does with the file's text
    (`run_import`, returning a report with an `unmatched` list of (line, row, why)), how the
    report is counted (`report_counts`) and summed up (`report_message`), and where it
    belongs (`action_url_name`, `index_url_name`, `index_label`, `back_label`).
    """

    form_class = CsvImportForm
    report_template_name = "community/admin/import_report.html"
    header_icon = "upload"
    action_url_name = ""
    index_url_name = ""
    report = None

    @staticmethod
    def can_import(user) -> bool:
        raise NotImplementedError

    def run_import(self, text: str):
        raise NotImplementedError

    def report_counts(self) -> list:
        """(label, CSS modifier, count) for each count the report shows."""
        raise NotImplementedError

    def report_message(self) -> str:
        raise NotImplementedError

    def index_label(self) -> str:
        raise NotImplementedError

    def back_label(self) -> str:
        raise NotImplementedError

    def get_extra_context(self) -> dict:
        return {}

    def dispatch(self, request, *args, **kwargs):
        if not self.can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_template_names(self):
        return [self.report_template_name if self.report else self.template_name]

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": capfirst(self.index_label())},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse(self.action_url_name),
            index_url=reverse(self.index_url_name),
            submit_button_label=_("Import"),
            report=self.report,
            back_label=self.back_label(),
            **self.get_extra_context(),
        )
        if self.report:
            context["report_counts"] = self.report_counts()
        return context

    def form_valid(self, form):
        self.report = self.run_import(form.text)
        if self.report.unmatched:
            messages.warning(self.request, self.report_message())
        else:
            messages.success(self.request, self.report_message())
        return self.render_to_response(self.get_context_data(form=form))

    def form_invalid(self, form):
        messages.error(self.request, _("The file could not be imported; see below."))
        return super().form_invalid(form)


class CsvImportViewSet(ViewSet):
    """A CSV import (`view_class`, a `CsvImportView`) with its own menu item, shown to those
    who may import."""

    icon = "upload"
    view_class = CsvImportView

    def get_urlpatterns(self):
        return [path("", self.view_class.as_view(), name="upload")]

    @cached_property
    def menu_url(self):
        return reverse(self.get_url_name("upload"))

    @cached_property
    def menu_item_class(self):
        can_import = self.view_class.can_import

        class ImportMenuItem(MenuItem):
            def is_shown(self, request):
                return can_import(request.user)

        return ImportMenuItem
