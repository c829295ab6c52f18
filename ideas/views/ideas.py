"""The ideas list, an idea's page, proposing, editing and deleting, and the similar-ideas
suggestions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from community import follows, page_cache, seo
from community import permissions as community_permissions
from community.forms import guidelines_url
from community.i18n import current_language
from community.models import PRODUCT_COUNTS, ProductPage
from community.moderation import permissions as moderation_permissions
from community.pagination import KeysetPaginator
from community.products import canonical_product, products_in_language
from community.views import revision_history
from ideas import permissions, selectors, services
from ideas.forms import (
    CommentForm,
    EstimateForm,
    IdeaForm,
    MergeForm,
    RecordVoteForm,
    ShipFeedbackForm,
    StatusChangeForm,
    VoteForm,
    image_help_text,
)
from ideas.models import Idea, Importance
from ideas.seo import idea_preview, idea_structured_data
from ideas.status_styles import status_stylesheet
from ideas.views.common import (
    add_errors,
    attach_product_pages,
    product_filter,
    read_filters,
    refuse_unverified,
    visible_idea,
)

IDEAS_PER_PAGE = 20
SORT_CHOICES = [
    ("top", gettext_lazy("Top votes")),
    ("trending", gettext_lazy("Trending this month")),
    ("newest", gettext_lazy("Newest")),
    ("updated", gettext_lazy("Recently updated")),
]
STAFF_SORT_CHOICES = [("score", gettext_lazy("Score (impact ÷ effort)"))]


def _sort_choices(viewer):
    if permissions.can_sort_by_score(viewer):
        return SORT_CHOICES + STAFF_SORT_CHOICES
    return SORT_CHOICES


@require_GET
def idea_list(request):
    viewer = request.user
    filters = read_filters(request.GET, viewer)
    ideas = selectors.idea_list(
        viewer=viewer,
        status=filters["status"],
        product=filters["product"],
        tag=filters["tag"],
        since=filters["since"],
        until=filters["until"],
        mine=filters["mine"],
        voted=filters["voted"],
        sort=filters["sort"],
    )
    keyset = selectors.KEYSET_SORTS.get(filters["sort"])
    if keyset is not None:
        page_obj = KeysetPaginator(ideas, keyset, per_page=IDEAS_PER_PAGE).page(request)
        is_deep = not page_obj.is_first
    else:
        page_obj = Paginator(ideas, IDEAS_PER_PAGE).get_page(request.GET.get("page"))
        is_deep = page_obj.number > 1
    listed = attach_product_pages(page_obj.object_list, request)
    page_cache.shows(request, "idea", "comment", "member", "product", PRODUCT_COUNTS)
    if not (filters["mine"] or filters["voted"]):
        # The cards' "You voted" marks are filled in for each member (`personal_mark`).
        page_cache.share_with_members(request)
    is_filtered = any(
        filters[name] for name in ("status", "product", "tag", "since", "until", "mine", "voted")
    )
    return render(
        request,
        "ideas/idea_list.html",
        {
            "page_obj": page_obj,
            "is_keyset": keyset is not None,
            "is_deep": is_deep,
            "ideas": listed,
            "filters": filters,
            "is_filtered": is_filtered,
            "sort_choices": _sort_choices(viewer),
            "product_filter": product_filter(filters),
            "tags": list(selectors.tags()),
            "can_propose": permissions.can_propose(viewer),
            "is_member": community_permissions.is_member(viewer),
            "show_recent_votes": filters["sort"] == "trending",
            "is_idea_staff": permissions.can_see_estimates(viewer),
            "can_export": permissions.can_export(viewer),
            "preview": seo.Preview(
                title=_("Ideas"),
                description=_(
                    "Ideas from customers: vote for what matters to you, and see what the team "
                    "decided and why."
                ),
            ),
        },
    )


@login_required
@require_GET
def my_ideas(request):
    member = request.user
    ideas = attach_product_pages(selectors.member_ideas(member, viewer=member), request)
    votes = list(selectors.member_votes(member))
    return render(
        request,
        "ideas/my_ideas.html",
        {"ideas": ideas, "votes": votes, "can_propose": permissions.can_propose(member)},
    )


def idea_redirect(request, pk):
    """/ideas/<id>/ without the words: to the idea's full address."""
    idea = Idea.objects.filter(pk=pk).only("pk", "slug").first()
    if idea is None:
        return idea_detail(request, pk, "")
    return redirect(idea.get_absolute_url(), permanent=True)


@require_GET
def idea_detail(request, pk, slug):
    idea = visible_idea(pk)
    if slug != idea.slug:
        url = idea.get_absolute_url()
        if request.GET:
            url = f"{url}?{request.GET.urlencode()}"
        return redirect(url, permanent=True)
    page_cache.shows(request, "idea", "comment", "member", "product")
    page_cache.share_with_members(request, ideas=[idea.pk])
    return render_idea(request, idea)


def render_idea(request, idea, *, status=200, **forms):
    """An idea's page; the action views show it again with their form's errors."""
    if idea.is_deleted:
        return render(request, "ideas/idea_deleted.html", {"idea": idea}, status=410)
    if not moderation_permissions.can_see(request.user, idea):
        raise Http404
    viewer = request.user
    is_staff = permissions.is_idea_staff(viewer)
    vote = selectors.viewer_vote(idea, viewer)
    closed_reason = permissions.voting_closed_reason(idea)
    threads, comments_page = selectors.comment_threads(
        idea,
        include_internal=permissions.can_see_internal_notes(viewer),
        viewer=viewer,
        cursor=request,
    )
    comment_ids = [c.pk for thread in threads for c in (thread, *thread.thread_replies)]
    has_reported, reported_comments = selectors.reported_on_page(viewer, idea, comment_ids)
    timeline, merged_here = selectors.timeline_and_merged_here(idea)
    for thread in threads:
        for comment in (thread, *thread.thread_replies):
            comment.viewer_can_edit = permissions.can_edit_comment(viewer, comment)
            comment.viewer_can_delete = permissions.can_delete_comment(viewer, comment)
            comment.viewer_can_report = permissions.can_report(viewer, comment)
            comment.viewer_has_reported = comment.pk in reported_comments
    reply_to = forms.get("reply_to")
    reply_id = request.GET.get("reply", "")
    if reply_to is None and reply_id.isdigit():
        reply_to = next((thread for thread in threads if thread.pk == int(reply_id)), None)
        if reply_to is None:
            reply_to = selectors.comment_to_reply_to(
                idea,
                int(reply_id),
                viewer=viewer,
                include_internal=permissions.can_see_internal_notes(viewer),
            )
    product_page = None
    if idea.product_id:
        product_page = products_in_language([idea.product], current_language())[idea.product_id]
    shipped = idea.status.is_shipped
    can_feedback = permissions.can_give_ship_feedback(viewer, idea, has_voted=vote is not None)
    feedback = selectors.viewer_feedback(idea, viewer) if can_feedback else None
    context = {
        "idea": idea,
        "product_page": product_page,
        "product_url": product_page.get_url(request=request) if product_page else "",
        "history_url": reverse("ideas:history", args=[idea.pk]) if idea.edit_count else "",
        "viewer_vote": vote,
        "closed_reason": closed_reason,
        "can_vote": permissions.can_vote(viewer, idea),
        "is_member": community_permissions.is_member(viewer),
        "can_write": community_permissions.can_write(viewer),
        "vote_form": forms.get("vote_form")
        or VoteForm(initial={"importance": vote.importance if vote else Importance.IMPORTANT}),
        "importance_counts": selectors.importance_counts(idea),
        "public_voters": selectors.public_voters(idea),
        "history": selectors.vote_history(idea),
        "timeline": timeline,
        "merged_here": merged_here,
        "threads": threads,
        "comments_page": comments_page,
        "comment_form": forms.get("comment_form") or CommentForm(),
        "reply_to": reply_to,
        "can_comment": permissions.can_comment(viewer, idea),
        "can_write_internal": permissions.can_write_internal_note(viewer, idea),
        "is_following": follows.is_following(viewer, idea),
        "can_edit": permissions.can_edit_idea(viewer, idea),
        "can_delete": permissions.can_delete_idea(viewer, idea),
        "can_report": permissions.can_report(viewer, idea),
        "has_reported": has_reported,
        "ship_summary": selectors.ship_feedback_summary(idea) if shipped else None,
        "can_give_feedback": can_feedback,
        "viewer_feedback": feedback,
        "feedback_form": forms.get("feedback_form")
        or ShipFeedbackForm(
            initial={"solves": ("yes" if feedback.solves else "no"), "why": feedback.why}
            if feedback
            else None
        ),
        "is_idea_staff": is_staff,
        "status_stylesheet": status_stylesheet(),
        "next_url": request.get_full_path(),
        "preview": idea_preview(idea),
        # A merged idea's discussion continues on the idea it joined: that is its address.
        "canonical": idea.merged_into.get_absolute_url() if idea.is_merged else "",
        "structured_data": ""
        if idea.is_merged
        else idea_structured_data(idea, threads, product_page),
    }
    if is_staff:
        context.update(
            voters=list(selectors.voters(idea)) if permissions.can_see_voters(viewer) else [],
            votes_by_segment=selectors.votes_by_segment(idea),
            feedback_reasons=list(selectors.ship_feedback_reasons(idea))
            if shipped and permissions.can_see_feedback_reasons(viewer)
            else [],
            possible_duplicates=selectors.similar_ideas(idea.title, exclude=idea),
            can_record_vote=permissions.can_record_vote_for(viewer, idea),
            record_vote_form=forms.get("record_vote_form") or RecordVoteForm(),
            can_change_status=permissions.can_change_status(viewer) and not idea.is_merged,
            status_form=forms.get("status_form") or StatusChangeForm(idea=idea),
            staff_card=community_permissions.active_staff_card(viewer),
            can_merge=permissions.can_merge(viewer) and not idea.is_merged,
            can_unmerge=permissions.can_unmerge(viewer) and idea.is_merged,
            merge_form=forms.get("merge_form") or MergeForm(),
            can_estimate=permissions.can_estimate(viewer),
            estimate_form=forms.get("estimate_form")
            or EstimateForm(initial={"impact": idea.impact, "effort": idea.effort}),
        )
    open_panel = next((name for name in forms if name.endswith("_form")), "")
    context["open_panel"] = open_panel
    return render(request, "ideas/idea_detail.html", context, status=status)


def _idea_form_context(request, form, *, idea=None, product=None):
    title = form["title"].value() if form.is_bound else ""
    suggestions = selectors.similar_ideas(title, exclude=idea) if title else []
    return {
        "form": form,
        "idea": idea,
        "product": product,
        "suggestions": suggestions,
        "checked_similar": "check" in request.POST,
        "image_help": image_help_text(),
        "guidelines_url": guidelines_url(),
        "status_stylesheet": status_stylesheet(),
        "back_url": idea.get_absolute_url() if idea else reverse("ideas:list"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def idea_new(request):
    if not permissions.can_propose(request.user):
        raise PermissionDenied(_("Please verify your e-mail address before proposing an idea."))
    product = None
    product_id = request.GET.get("product", "")
    initial = {}
    if product_id.isdigit():
        product = selectors.catalogue_products().filter(pk=product_id).first()
        if product is None:
            page = ProductPage.objects.live().filter(pk=product_id).first()
            if page is not None:
                product = canonical_product(page)
        if product is not None:
            initial["product"] = product.pk
    form = IdeaForm(
        data=request.POST if request.method == "POST" else None,
        files=request.FILES if request.method == "POST" else None,
        initial=initial,
    )
    if request.method == "POST" and "check" not in request.POST and form.is_valid():
        try:
            idea = services.idea_propose(
                request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                product=form.cleaned_data["product"],
                tags=form.cleaned_data["tags"],
                images=form.cleaned_data["images"],
                importance=form.cleaned_data["importance"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you! Your idea is published and your vote is counted. Share it!"),
            )
            return redirect(idea.get_absolute_url())
    return render(
        request, "ideas/idea_form.html", _idea_form_context(request, form, product=product)
    )


@login_required
@require_http_methods(["GET", "POST"])
def idea_edit(request, pk):
    idea = visible_idea(pk)
    if not permissions.can_edit_idea(request.user, idea):
        refuse_unverified(request.user, _("Please verify your e-mail address before editing."))
        raise PermissionDenied(_("Only the author of an idea, staff and moderators can edit it."))
    form = IdeaForm(
        data=request.POST if request.method == "POST" else None,
        files=request.FILES if request.method == "POST" else None,
        idea=idea,
    )
    if request.method == "POST" and "check" not in request.POST and form.is_valid():
        try:
            services.idea_edit(
                request.user,
                idea,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                product=form.cleaned_data["product"],
                tags=form.cleaned_data["tags"],
                images=form.cleaned_data["images"],
                remove_image_ids=form.cleaned_data.get("remove_images") or [],
                alt_texts=form.alt_texts(),
                reason=form.cleaned_data.get("reason", ""),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The idea is saved."))
            idea.refresh_from_db(fields=["slug"])
            return redirect(idea.get_absolute_url())
    return render(request, "ideas/idea_form.html", _idea_form_context(request, form, idea=idea))


@login_required
@require_http_methods(["GET", "POST"])
def idea_delete(request, pk):
    idea = visible_idea(pk)
    if not permissions.can_delete_idea(request.user, idea):
        if permissions.is_author(request.user, idea) and not idea.is_deleted:
            raise PermissionDenied(
                _(
                    "Other members have voted for your idea, so it stays. "
                    "You can edit it, or ask a moderator."
                )
            )
        raise PermissionDenied(_("Only the author of an idea or a moderator can delete it."))
    if request.method == "POST":
        services.idea_delete(request.user, idea)
        messages.success(request, _("The idea is deleted."))
        return redirect("ideas:list")
    return render(
        request,
        "ideas/idea_confirm_delete.html",
        {"idea": idea, "is_own": permissions.is_author(request.user, idea)},
    )


@require_GET
def idea_history(request, pk):
    idea = visible_idea(pk)
    if not moderation_permissions.can_see(request.user, idea):
        raise Http404
    return revision_history(request, idea, heading=idea.title, back_url=idea.get_absolute_url())


@require_GET
def idea_similar(request):
    """Similar ideas for the title being typed, as JSON for static/js/ideas.js."""
    text = request.GET.get("q", "")[:300]
    exclude = None
    exclude_id = request.GET.get("exclude", "")
    if exclude_id.isdigit():
        exclude = Idea.objects.filter(pk=exclude_id).first()
    results = []
    for idea in selectors.similar_ideas(text, exclude=exclude):
        results.append(
            {
                "id": idea.pk,
                "title": idea.title,
                "url": idea.get_absolute_url(),
                "votes": idea.vote_count,
                "votes_label": ngettext("%(count)s vote", "%(count)s votes", idea.vote_count)
                % {"count": idea.vote_count},
                "status": str(idea.status.name),
                "status_class": idea.status.css_class,
            }
        )
    return JsonResponse({"results": results})


@require_GET
@cache_control(public=True, max_age=365 * 24 * 3600, immutable=True)
def status_styles(request):
    """The statuses' colours as CSS custom properties (inline styles are not allowed here)."""
    return HttpResponse(status_stylesheet().css(), content_type="text/css; charset=utf-8")
