"""The moderation pages of the Wagtail admin: the queue, one item with its context, appeals,
and the audit log. They stay thin: every write goes through `community.moderation.services`,
which checks permissions again."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from community import audit as audit_log
from community.content_kinds import MEMBER
from community.models import Appeal, AuditEntry, AuditReference
from community.moderation import kinds, permissions, selectors, services
from community.moderation.forms import (
    AppealDecisionForm,
    AuditFilterForm,
    DecisionForm,
    QueueFilterForm,
)
from community.views import add_errors

QUEUE_PAGE_SIZE = 50
AUDIT_PAGE_SIZE = 100


class ModeratorsOnly:
    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class QueueView(ModeratorsOnly, WagtailAdminTemplateMixin, TemplateView):
    """Held and reported content and reported members, who waited longest first."""

    template_name = "community/moderation/admin/queue.html"
    page_title = gettext_lazy("Moderation queue")
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = QueueFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        items = selectors.queue(
            cause=filters.get("cause", ""),
            kind_key=filters.get("kind", ""),
            mine_only=filters.get("mine", False),
            viewer=self.request.user,
        )
        page = Paginator(items, QUEUE_PAGE_SIZE).get_page(self.request.GET.get("p"))
        now = timezone.now()
        rows = selectors.attach_targets(page.object_list)
        for item in rows:
            item.claim_active = selectors.claim_is_active(item, now)
            item.claimer_name = (
                services.moderator_name(item.claimed_by) if item.claim_active else ""
            )
            item.title = kinds.title_of(item.target_object) if item.target_object else ""
            item.label = (
                kinds.kind_label(item.target_object) if item.target_object else item.kind.label
            )
        context.update(
            filter_form=form, page_obj=page, items=rows, usual_wait=services.usual_wait()
        )
        return context


class QueueItemView(ModeratorsOnly, WagtailAdminTemplateMixin, TemplateView):
    """One item with its context; claim it, release it, or decide."""

    template_name = "community/moderation/admin/item.html"
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_moderate(request.user):
            raise PermissionDenied
        self.item = selectors.item_for_page(kwargs["pk"])
        if self.item is None or self.item.target_object is None:
            raise Http404(_("This item is no longer in the queue."))
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Moderation: %(kind)s") % {"kind": kinds.kind_label(self.item.target_object)}

    def get_page_subtitle(self):
        return Truncator(kinds.title_of(self.item.target_object)).chars(60)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("moderation_queue"), "label": _("Moderation queue")},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def post(self, request, *args, **kwargs):
        step = request.POST.get("step")
        target = self.item.target_object
        try:
            if step == "claim":
                services.claim(request.user, self.item)
                messages.success(request, _("You are working on this item now."))
                return redirect("moderation_item", pk=self.item.pk)
            if step == "release":
                services.release(request.user, self.item)
                messages.success(request, _("The item is back in the queue."))
                return redirect("moderation_queue")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("moderation_item", pk=self.item.pk)
        form = DecisionForm(request.POST, target=target)
        if form.is_valid():
            try:
                services.decide(
                    request.user,
                    target,
                    action=form.cleaned_data["action"],
                    reason=form.cleaned_data["reason"],
                    reason_code=form.cleaned_data["reason_code"],
                    edits=form.edits(),
                    item=self.item,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request, _("Decided. The author and the reporters have been told.")
                )
                return redirect("moderation_queue")
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item, target = self.item, self.item.target_object
        item.claim_active = selectors.claim_is_active(item)
        kind = kinds.kind_of(target)
        context.update(
            item=item,
            target=target,
            kind=kind,
            kind_label=kinds.kind_label(target),
            title=kinds.title_of(target),
            is_member=kind is MEMBER,
            state=kinds.state_of(target),
            claimed_by_me=item.claim_active and item.claimed_by_id == self.request.user.pk,
            claimer_name=services.moderator_name(item.claimed_by) if item.claim_active else "",
            can_decide=permissions.can_decide(self.request.user, target),
            thread=kinds.thread_of(target) if kind is not MEMBER else {},
            history=selectors.author_history(kinds.author_of(target)),
            reports=list(selectors.reports_on(item.content_type_id, item.object_id)),
            decisions=list(selectors.decisions_on(item.content_type_id, item.object_id)),
            form=kwargs.get("form") or DecisionForm(target=target),
        )
        return context


class AppealListView(ModeratorsOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "community/moderation/admin/appeals.html"
    page_title = gettext_lazy("Appeals")
    header_icon = "comment"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", Appeal.Status.PENDING)
        page = Paginator(selectors.appeals(status), QUEUE_PAGE_SIZE).get_page(
            self.request.GET.get("p")
        )
        rows = selectors.attach_targets(page.object_list)
        for appeal in rows:
            appeal.title = _describe(appeal.target_object)
            appeal.can_decide = permissions.can_decide_appeal(self.request.user, appeal)
        context.update(page_obj=page, appeals=rows, status=status, statuses=Appeal.Status.choices)
        return context


class AppealDecideView(ModeratorsOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "community/moderation/admin/appeal.html"
    page_title = gettext_lazy("Appeal")
    header_icon = "comment"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_moderate(request.user):
            raise PermissionDenied
        found = selectors.attach_targets(selectors.appeals().filter(pk=kwargs["pk"]))
        if not found:
            raise Http404(_("No appeal has this number."))
        self.appeal = found[0]
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("moderation_appeals"), "label": _("Appeals")},
            {"url": "", "label": _describe(self.appeal.target_object)},
        ]

    def post(self, request, *args, **kwargs):
        form = AppealDecisionForm(request.POST)
        if form.is_valid():
            try:
                services.appeal_decide(
                    request.user,
                    self.appeal,
                    uphold=form.cleaned_data["outcome"] == "uphold",
                    statement=form.cleaned_data["statement"],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request, _("Decided. The member has been told, with your reasons.")
                )
                return redirect("moderation_appeals")
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        appeal = self.appeal
        target = appeal.target_object
        decisions = []
        if target is not None and kinds.is_moderated(target):
            decisions = list(selectors.decisions_on(appeal.content_type_id, appeal.object_id))
        context.update(
            appeal=appeal,
            target=target,
            title=_describe(target),
            is_content=target is not None and kinds.is_moderated(target),
            decisions=decisions,
            original_moderator=services.moderator_name(appeal.original_moderator)
            if appeal.original_moderator_id
            else "",
            can_decide=permissions.can_decide_appeal(self.request.user, appeal)
            and appeal.status == Appeal.Status.PENDING,
            form=kwargs.get("form") or AppealDecisionForm(),
        )
        return context


def _describe(target) -> str:
    if target is None:
        return _("(no longer exists)")
    if kinds.is_moderated(target):
        return f"{capfirst(kinds.kind_label(target))} · {kinds.title_of(target)}"
    return _("Suspension of %(name)s") % {"name": target.member.display_name}


class AuditLogView(WagtailAdminTemplateMixin, TemplateView):
    """Every moderation and staff action: searchable and filterable, never editable."""

    template_name = "community/moderation/admin/audit_log.html"
    page_title = gettext_lazy("Audit log")
    header_icon = "list-ul"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_read_audit_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        known = AuditEntry.objects.order_by().values_list("action", flat=True).distinct()
        actions = sorted(
            {(key, str(audit_log.action_label(key))) for key in known}, key=lambda pair: pair[1]
        )
        form = AuditFilterForm(self.request.GET or None, actions=actions)
        entries = AuditEntry.objects.select_related("target_type").order_by("-created_at", "-pk")
        if form.is_valid():
            entries = _filter_entries(entries, form.cleaned_data)
        page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(self.request.GET.get("p"))
        rows = list(page.object_list)
        refs = {ref for row in rows for ref in (row.actor_ref, row.subject_ref) if ref}
        people = {
            reference.reference: reference.member
            for reference in AuditReference.objects.filter(reference__in=refs).select_related(
                "member", "member__staff_card"
            )
        }
        for row in rows:
            row.actor = people.get(row.actor_ref)
            row.subject = people.get(row.subject_ref)
            row.action_label = audit_log.action_label(row.action)
        context.update(form=form, page_obj=page, entries=rows)
        return context


def _filter_entries(entries, data):
    query = (data.get("q") or "").strip()
    if query:
        members = get_user_model().objects.filter(
            Q(display_name__icontains=query) | Q(handle__iexact=query) | Q(email__iexact=query)
        )
        refs = AuditReference.objects.filter(member__in=members).values("reference")
        entries = entries.filter(
            Q(reason__icontains=query)
            | Q(action__icontains=query)
            | Q(target_label__icontains=query)
            | Q(actor_ref=query)
            | Q(subject_ref=query)
            | Q(actor_ref__in=refs)
            | Q(subject_ref__in=refs)
        )
    if data.get("action"):
        entries = entries.filter(action=data["action"])
    if data.get("since"):
        entries = entries.filter(created_at__date__gte=data["since"])
    if data.get("until"):
        entries = entries.filter(created_at__date__lte=data["until"])
    return entries
