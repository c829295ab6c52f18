"""Questions in the Wagtail admin: staff see every question with its state, owner and waiting
time, filter the list, and open a question on the site to act on it there (where every step is
signed). Answer moderation belongs to the moderation workspace."""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, IndexView, InspectView
from wagtail.admin.widgets import BooleanRadioSelect, Button
from wagtail.admin.widgets.button import HeaderButton

from community import names
from community.products import catalogue_products
from community.questions.models import Question, QuestionStatus, Topic
from community.roles import Role


def staff_members():
    return (
        get_user_model()
        .objects.filter(Q(groups__name=Role.STAFF.value) | Q(is_superuser=True))
        .distinct()
        .order_by("display_name")
    )


class QuestionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=QuestionStatus.choices, widget=forms.RadioSelect
    )
    product = django_filters.ModelChoiceFilter(
        label=_("Product"), queryset=lambda request: catalogue_products()
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), queryset=lambda request: Topic.objects.all()
    )
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"), queryset=lambda request: staff_members()
    )
    unanswered = django_filters.BooleanFilter(
        label=_("Unanswered"), method="filter_unanswered", widget=BooleanRadioSelect
    )
    waiting_for_staff = django_filters.BooleanFilter(
        label=_("Asker waiting for staff"), method="filter_waiting", widget=BooleanRadioSelect
    )
    deleted = django_filters.BooleanFilter(
        label=_("Deleted"), method="filter_deleted", widget=BooleanRadioSelect
    )

    class Meta:
        model = Question
        fields = ["status", "product", "topic", "owner"]

    def filter_unanswered(self, queryset, name, value):
        if value is None:
            return queryset
        standing = queryset.filter(deleted_at__isnull=True)
        return standing.filter(answer_count=0) if value else standing.exclude(answer_count=0)

    def filter_waiting(self, queryset, name, value):
        if value is None:
            return queryset
        waiting = Q(status=QuestionStatus.OPEN, asked_for_staff_at__isnull=False)
        return queryset.filter(waiting) if value else queryset.exclude(waiting)

    def filter_deleted(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(deleted_at__isnull=not value)


def place(question):
    return question.product.title if question.product_id else question.topic.name


def owner_name(question):
    return names.name_of(question.owner, card=question.owner_card, nobody="—")


class WaitingColumn(Column):
    """How long an open question without an answer has waited."""

    def get_value(self, instance):
        if not instance.is_open or instance.answer_count or instance.is_deleted:
            return "—"
        return timesince(instance.created_at, depth=1)


class QuestionIndexView(IndexView):
    def get_base_queryset(self):
        return Question.objects.select_related("product", "topic", "author", "owner", "owner_card")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not instance.is_deleted:
            buttons.append(
                Button(
                    _("View on the site"),
                    url=instance.get_absolute_url(),
                    icon_name="link-external",
                    priority=5,
                )
            )
        return buttons


class QuestionInspectView(InspectView):
    @property
    def header_buttons(self):
        if self.object.is_deleted:
            return []
        return [
            HeaderButton(
                _("View on the site"),
                url=self.object.get_absolute_url(),
                icon_name="link-external",
            )
        ]

    def get_title_display_value(self):
        if self.object.is_deleted:
            return format_html("<s>{}</s> ({})", self.object.title, _("deleted"))
        return self.object.title


class TopicDeleteView(DeleteView):
    """A topic with questions stays: its questions would lose their place."""

    def form_valid(self, form):
        count = self.object.questions.count()
        if count:
            messages.error(
                self.request,
                ngettext(
                    "“%(name)s” has %(count)s question, so it cannot be deleted.",
                    "“%(name)s” has %(count)s questions, so it cannot be deleted.",
                    count,
                )
                % {"name": self.object.name, "count": count},
            )
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
