"""Commenting on ideas: writing, replying, internal notes, editing, deleting, history, reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community.views import revision_history
from ideas import permissions, services
from ideas.forms import CommentEditForm, CommentForm
from ideas.models import Comment
from ideas.views.actions import report_view
from ideas.views.common import add_errors, refuse_unverified, visible_idea
from ideas.views.ideas import render_idea


def _comment(request, pk):
    """The comment, or 404 when it does not exist or the viewer may not see it."""
    comment = Comment.objects.select_related("idea", "author", "author_card").filter(pk=pk).first()
    if comment is None or not permissions.can_see_comment(request.user, comment):
        raise Http404(_("No comment has this number."))
    return comment


@require_POST
def comment_create(request, pk):
    idea = visible_idea(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(f"{idea.get_absolute_url()}#comments")
    form = CommentForm(request.POST)
    internal = request.POST.get("internal") == "on"
    parent = None
    if form.is_valid():
        parent_id = form.cleaned_data["parent"]
        if parent_id:
            parent = Comment.objects.filter(pk=parent_id, idea=idea).first()
            if parent is None or not permissions.can_see_comment(request.user, parent):
                raise Http404(_("No comment has this number."))
        internal = form.cleaned_data["internal"]
        allowed = (
            permissions.can_write_internal_note(request.user, idea)
            if internal or (parent is not None and parent.is_internal)
            else permissions.can_comment(request.user, idea)
        )
        if not allowed:
            refuse_unverified(request.user, _("Please verify your e-mail address to comment."))
            if internal or (parent is not None and parent.is_internal):
                raise PermissionDenied(_("Only staff write internal notes."))
            raise PermissionDenied(_("Comments are closed on this idea."))
        try:
            comment = services.comment_create(
                request.user,
                idea,
                body=form.cleaned_data["body"],
                parent=parent,
                internal=internal,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Your internal note is saved. Only staff see it.")
                if comment.is_internal
                else _("Your comment is published."),
            )
            return HttpResponseRedirect(f"{idea.get_absolute_url()}#comment-{comment.pk}")
    return render_idea(request, idea, comment_form=form, reply_to=parent)


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request, pk):
    comment = _comment(request, pk)
    if not permissions.can_edit_comment(request.user, comment):
        refuse_unverified(request.user, _("Please verify your e-mail address before editing."))
        raise PermissionDenied(_("Only the author of a comment can edit it."))
    form = CommentEditForm(
        data=request.POST if request.method == "POST" else None,
        initial={"body": comment.body},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(request.user, comment, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your comment is saved."))
            return HttpResponseRedirect(comment.get_absolute_url())
    return render(
        request,
        "ideas/comment_form.html",
        {"form": form, "comment": comment, "idea": comment.idea},
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_delete(request, pk):
    comment = _comment(request, pk)
    if not permissions.can_delete_comment(request.user, comment):
        raise PermissionDenied(_("Only the author of a comment or a moderator can delete it."))
    if request.method == "POST":
        services.comment_delete(request.user, comment)
        messages.success(request, _("The comment is deleted."))
        return HttpResponseRedirect(comment.get_absolute_url())
    return render(
        request,
        "ideas/comment_confirm_delete.html",
        {
            "comment": comment,
            "idea": comment.idea,
            "is_own": permissions.is_author(request.user, comment),
        },
    )


@require_GET
def comment_history(request, pk):
    comment = _comment(request, pk)
    return revision_history(
        request,
        comment,
        heading=_("A comment on “%(title)s”") % {"title": comment.idea.title},
        back_url=comment.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_report(request, pk):
    comment = _comment(request, pk)
    return report_view(
        request,
        comment,
        idea=comment.idea,
        back_url=comment.get_absolute_url(),
        heading=_("Report this comment"),
    )
