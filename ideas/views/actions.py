"""What people do on an idea's page: vote, follow, decide, merge, estimate, answer, report.

Each view checks, calls one service and goes back to the idea; when a form has an error, the
idea's page is shown again with the form, its errors and what was typed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from community.views import report_page
from ideas import permissions, selectors, services
from ideas.forms import (
    EstimateForm,
    MergeForm,
    RecordVoteForm,
    ShipFeedbackForm,
    StatusChangeForm,
    VoteForm,
)
from ideas.status_styles import status_stylesheet
from ideas.views.common import add_errors, refuse_unverified, visible_idea
from ideas.views.ideas import render_idea


def _at(idea, fragment):
    return HttpResponseRedirect(f"{idea.get_absolute_url()}#{fragment}")


def _closed(request, idea, error):
    messages.error(request, " ".join(error.messages))
    return _at(idea, "vote")


@require_POST
def idea_vote(request, pk):
    """Vote with an importance, change it, or take the vote back (action=remove)."""
    idea = visible_idea(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(f"{idea.get_absolute_url()}#vote")
    refuse_unverified(request.user, _("Please verify your e-mail address before voting."))
    if request.POST.get("action") == "remove":
        try:
            removed = services.idea_unvote(request.user, idea)
        except ValidationError as error:
            return _closed(request, idea, error)
        if removed:
            messages.success(request, _("Your vote is taken back."))
        return _at(idea, "vote")
    form = VoteForm(request.POST)
    if not form.is_valid():
        return render_idea(request, idea, vote_form=form)
    try:
        counted = services.idea_vote(request.user, idea, importance=form.cleaned_data["importance"])
    except ValidationError as error:
        return _closed(request, idea, error)
    messages.success(
        request, _("Thank you, your vote counts.") if counted else _("Your vote is updated.")
    )
    return _at(idea, "vote")


@login_required
@require_POST
def idea_record_vote(request, pk):
    """Staff record a customer's vote."""
    idea = visible_idea(pk)
    if not permissions.is_idea_staff(request.user):
        raise PermissionDenied(_("Only staff record votes for customers."))
    form = RecordVoteForm(request.POST)
    if form.is_valid():
        customer = form.cleaned_data["member"]
        try:
            counted = services.vote_record_for(
                request.user, customer, idea, importance=form.cleaned_data["importance"]
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "closed":
                return _closed(request, idea, error)
            add_errors(form, error)
        else:
            messages.success(
                request,
                (
                    _("The vote of %(name)s is recorded. They are told that you recorded it.")
                    if counted
                    else _("The vote of %(name)s is updated. They are told that you changed it.")
                )
                % {"name": customer.display_name},
            )
            return _at(idea, "voters")
    return render_idea(request, idea, record_vote_form=form)


@login_required
@require_POST
def idea_follow(request, pk):
    idea = visible_idea(pk)
    following = request.POST.get("follow") == "1"
    services.idea_follow_set(request.user, idea, on=following)
    messages.success(
        request,
        _("You follow this idea: you are told of decisions and comments.")
        if following
        else _("You no longer follow this idea."),
    )
    return _at(idea, "follow")


@login_required
@require_POST
def idea_change_status(request, pk):
    idea = visible_idea(pk)
    if not permissions.can_change_status(request.user):
        raise PermissionDenied(
            _("Only staff with an active staff card can change a status: decisions are signed.")
        )
    form = StatusChangeForm(request.POST, idea=idea)
    if form.is_valid():
        data = form.cleaned_data
        try:
            change = services.idea_status_change(
                request.user,
                idea,
                to_status=data["to_status"],
                note=data["note"],
                decline_reason=data["decline_reason"],
                workaround=data["workaround"],
                revisit_on=data["revisit_on"],
                revisit_at_votes=data["revisit_at_votes"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The idea is now “%(status)s”. Its voters, author and followers are told.")
                % {"status": change.to_status.name},
            )
            return _at(idea, f"decision-{change.pk}")
    return render_idea(request, idea, status_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def idea_merge(request, pk):
    """Merging this idea (the duplicate) into another one: GET ?into=<idea> shows both ideas
    and what the merge does, for staff to confirm (from "Possible duplicates" or a number
    typed in the staff panel); POST merges. What the merge refuses is said next to the staff
    panel's field, or on the confirmation when it was sent from there."""
    idea = visible_idea(pk)
    if not permissions.can_merge(request.user):
        raise PermissionDenied(_("Only staff merge ideas."))
    if request.method == "GET" and "into" not in request.GET:
        return _at(idea, "staff")
    confirming = request.method == "GET" or request.POST.get("confirm") == "1"
    form = MergeForm(request.POST if request.method == "POST" else request.GET)
    if form.is_valid():
        into = form.cleaned_data["into"]
        try:
            if request.method == "GET":
                services.merge_check(idea, into)
                return _merge_confirmation(request, idea, into, form)
            merge = services.idea_merge(request.user, idea, into, note=form.cleaned_data["note"])
        except ValidationError as error:
            if idea.is_merged:
                # The staff panel offers no merge on a merged idea: say why here.
                messages.error(request, " ".join(error.messages))
                return _at(idea, "staff")
            add_errors(form, error)
            if confirming and request.method == "POST":
                return _merge_confirmation(request, idea, into, form)
        else:
            messages.success(
                request,
                _("“%(title)s” is merged into this idea. Its voters are told.")
                % {"title": idea.title},
            )
            return _at(merge.into, f"merge-{merge.pk}")
    return render_idea(request, idea, merge_form=form)


def _merge_confirmation(request, idea, into, form):
    """Both ideas side by side, with what merging them does, and the button that does it."""
    into = selectors.idea_for_page(into.pk)
    return render(
        request,
        "ideas/merge_confirm.html",
        {
            "idea": idea,
            "into": into,
            "form": form if form.errors else MergeForm(initial={"note": form.data.get("note")}),
            "effects": selectors.merge_preview(idea, into),
            "status_stylesheet": status_stylesheet(),
        },
    )


@login_required
@require_POST
def idea_unmerge(request, pk):
    idea = visible_idea(pk)
    if not permissions.can_unmerge(request.user):
        raise PermissionDenied(_("Only staff undo merges."))
    try:
        services.idea_unmerge(request.user, idea)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The merge is undone: both ideas have their votes back."))
    return _at(idea, "timeline")


@login_required
@require_POST
def idea_estimate(request, pk):
    idea = visible_idea(pk)
    if not permissions.can_estimate(request.user):
        raise PermissionDenied(_("Only the product team sets impact and effort."))
    form = EstimateForm(request.POST)
    if form.is_valid():
        try:
            services.idea_estimate(
                request.user,
                idea,
                impact=form.cleaned_data["impact"],
                effort=form.cleaned_data["effort"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The estimates are saved."))
            return _at(idea, "estimates")
    return render_idea(request, idea, estimate_form=form)


@login_required
@require_POST
def idea_ship_feedback(request, pk):
    idea = visible_idea(pk)
    form = ShipFeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.ship_feedback_save(
                request.user, idea, solves=form.cleaned_data["solves"], why=form.cleaned_data["why"]
            )
        except PermissionDenied as error:
            refuse_unverified(request.user, _("Please verify your e-mail address first."))
            raise PermissionDenied(
                _("Only members who voted for this idea answer, once it has shipped.")
            ) from error
        messages.success(request, _("Thank you for telling us."))
        return _at(idea, "ship-feedback")
    return render_idea(request, idea, feedback_form=form)


def report_view(request, target, *, idea, back_url, heading):
    """Reporting an idea or a comment, with the one report mechanism of the community."""
    if not permissions.can_report(request.user, target):
        refuse_unverified(request.user, _("Please verify your e-mail address before reporting."))
        raise PermissionDenied(_("You cannot report what you wrote."))
    return report_page(
        request,
        target,
        back_url=back_url,
        template="ideas/report_form.html",
        context={"idea": idea, "target": target, "heading": heading},
    )


@login_required
@require_http_methods(["GET", "POST"])
def idea_report(request, pk):
    idea = visible_idea(pk)
    if idea.is_deleted:
        return redirect("ideas:list")
    return report_view(
        request, idea, idea=idea, back_url=idea.get_absolute_url(), heading=_("Report this idea")
    )
