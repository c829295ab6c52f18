"""The questions list, asking, a question's page, editing, deleting, following and "same
question" votes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community import page_cache, seo
from community import permissions as community_permissions
from community.forms import guidelines_url
from community.i18n import current_language
from community.markdown import words_of
from community.models import PRODUCT_COUNTS, ProductPage
from community.moderation import permissions as moderation_permissions
from community.pagination import KeysetPaginator
from community.products import canonical_product, catalogue_products, product_filter_options
from community.questions import fragments, permissions, selectors, services
from community.questions.forms import (
    AnswerForm,
    QuestionEditForm,
    QuestionForm,
)
from community.questions.views.common import (
    add_errors,
    annotate_rows,
    localised,
    member_action,
    place_of,
    refuse_unverified,
    sign_in_first,
    standing_question,
    visible_question,
)
from community.views import revision_history

QUESTIONS_PER_PAGE = 20
SORT_CHOICES = [
    ("active", gettext_lazy("Recently active")),
    ("newest", gettext_lazy("Newest")),
    ("votes", gettext_lazy("Most votes")),
]


def _with_viewer_rights(answers, rights, reported):
    """What the viewer may do with each answer and reply, from data already loaded: `rights`
    holds their standing, worked out once for the page."""
    for answer in answers:
        for item in [answer, *answer.reply_list]:
            item.viewer_is_author = rights.is_author(item)
            item.viewer_can_edit = rights.can_edit(item)
            item.viewer_can_delete = rights.can_delete_answer(item)
            item.viewer_can_report = rights.can_report(item)
            item.viewer_has_reported = item.pk in reported
        answer.viewer_can_vote = rights.can_vote(answer)
        answer.viewer_can_accept = rights.can_accept(answer)
        answer.viewer_can_reply = rights.can_reply(answer)
    return answers


def structured_data(request, question, answers, page_number=1) -> str:
    """schema.org QAPage with the accepted answer and the suggested ones of this page of
    answers, as JSON safe inside a <script> element. Nothing for a deleted, held or hidden
    question."""
    if not question.is_public:
        return ""
    page_url = question.get_absolute_url()
    if page_number > 1:
        page_url = f"{page_url}?page={page_number}"
    page_url = seo.absolute_url(page_url)

    def answer_data(answer):
        return {
            "@type": "Answer",
            "text": words_of(answer),
            "dateCreated": answer.created_at.isoformat(),
            "upvoteCount": answer.upvote_count,
            "url": f"{page_url}#answer-{answer.pk}",
            "author": seo.person(answer),
        }

    standing = [answer for answer in answers if answer.is_public]
    accepted = [answer for answer in standing if answer.pk == question.solution_id]
    suggested = [answer for answer in standing if answer.pk != question.solution_id]
    data = {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "mainEntity": {
            "@type": "Question",
            "name": question.title,
            "text": words_of(question),
            "answerCount": question.answer_count,
            "upvoteCount": question.vote_count,
            "dateCreated": question.created_at.isoformat(),
            "inLanguage": question.language,
            "author": seo.person(question),
        },
    }
    if accepted:
        data["mainEntity"]["acceptedAnswer"] = answer_data(accepted[0])
    if suggested:
        data["mainEntity"]["suggestedAnswer"] = [answer_data(answer) for answer in suggested]
    return seo.json_ld(data)


# --- The list -------------------------------------------------------------------------------


def read_list_filters(request, topics=None) -> dict:
    """The filters and sort the reader asked for, with anything unknown dropped. `topics`, when
    the caller has them, saves looking the topic up."""
    query = request.GET
    status = query.get("status", "")
    sort = query.get("sort", "")
    product = None
    product_id = query.get("product", "")
    if product_id.isdigit():
        page = ProductPage.objects.live().filter(pk=product_id).first()
        product = canonical_product(page) if page is not None else None
    slug = query.get("topic", "")
    if topics is None:
        topic = selectors.topic_by_slug(slug)
    else:
        topic = next((topic for topic in topics if slug and topic.slug == slug), None)
    mine = query.get("mine") == "1" and community_permissions.is_member(request.user)
    return {
        "status": status if status in selectors.STATUS_FILTERS else "",
        "sort": sort if sort in selectors.SORTS else selectors.DEFAULT_SORT,
        "product": product,
        "topic": topic,
        "mine": mine,
        "all_products": query.get("all_products") == "1",
    }


@require_GET
def question_list(request):
    topics = list(selectors.topics())
    filters = read_list_filters(request, topics)
    questions = selectors.question_list(
        status=filters["status"],
        product=filters["product"],
        topic=filters["topic"],
        asked_by=request.user if filters["mine"] else None,
        sort=filters["sort"],
    )
    page = KeysetPaginator(
        questions, ordering=selectors.SORTS[filters["sort"]], per_page=QUESTIONS_PER_PAGE
    ).page(request)
    rows = annotate_rows(page.object_list)
    page_cache.shows(request, "question", "answer", "member", "product", PRODUCT_COUNTS)
    if not filters["mine"]:
        # The rows show nothing of the reader's own: every ordinary member sees the same list.
        page_cache.share_with_members(request)
    chosen = filters["product"]
    ask_url = _ask_url(filters)
    return render(
        request,
        "community/questions/question_list.html",
        {
            "page": page,
            "questions": rows,
            "filters": filters,
            "is_filtered": bool(
                filters["status"] or filters["product"] or filters["topic"] or filters["mine"]
            ),
            "product_filter": product_filter_options(
                "question_count",
                current_language(),
                chosen=chosen,
                every_one=filters["all_products"],
            ),
            "topic_choices": topics,
            "sort_choices": SORT_CHOICES,
            "status_choices": [
                ("", _("All questions")),
                ("unanswered", _("Unanswered")),
                ("open", _("Open")),
                ("solved", _("Solved")),
                ("waiting", _("Waiting for staff")),
            ],
            "product_page": localised([chosen])[chosen.pk] if chosen else None,
            "can_ask": permissions.can_ask(request.user),
            "can_see_inbox": permissions.can_see_inbox(request.user),
            "ask_url": ask_url,
            "now": timezone.now(),
            "preview": seo.Preview(
                title=_("Questions"),
                description=_(
                    "Questions from customers, answered by other customers and by our staff, "
                    "under their own names."
                ),
            ),
        },
    )


def _ask_url(filters):
    url = reverse("questions:ask")
    if filters.get("product"):
        return f"{url}?product={filters['product'].pk}"
    if filters.get("topic"):
        return f"{url}?topic={filters['topic'].slug}"
    return url


# --- Asking ---------------------------------------------------------------------------------


def _initial_place(request) -> str:
    product_id = request.GET.get("product", "")
    if product_id.isdigit():
        page = ProductPage.objects.live().filter(pk=product_id).first()
        if page is not None:
            return f"product:{canonical_product(page).pk}"
    topic = selectors.topic_by_slug(request.GET.get("topic", ""))
    return f"topic:{topic.slug}" if topic else ""


@login_required
@require_http_methods(["GET", "POST"])
def question_ask(request):
    if not permissions.can_ask(request.user):
        raise PermissionDenied(_("Please verify your e-mail address before asking a question."))
    titles = {pk: page.title for pk, page in localised(catalogue_products()).items()}
    form = QuestionForm(
        data=request.POST if request.method == "POST" else None,
        initial={"place": _initial_place(request), "title": request.GET.get("title", "")},
        product_titles=titles,
    )
    similar = []
    checking = "check" in request.POST
    if request.method == "POST":
        if form.is_valid() and not checking:
            try:
                question = services.question_ask(
                    request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    **form.cleaned_data["place"],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your question is published. You follow it: you will be told of answers."),
                )
                return redirect(question.get_absolute_url())
        similar = selectors.similar_questions(request.POST.get("title", ""))
    return render(
        request,
        "community/questions/question_form.html",
        {
            "form": form,
            "similar": similar,
            "checked": checking,
            "guidelines_url": guidelines_url(),
        },
    )


@require_GET
def similar_json(request):
    """Questions like the title being typed, for the ask form's suggestions."""
    exclude = request.GET.get("exclude", "")
    found = selectors.similar_questions(
        request.GET.get("q", "")[:300], exclude_pk=int(exclude) if exclude.isdigit() else None
    )
    return JsonResponse(
        {
            "results": [
                {
                    "title": question.title,
                    "url": question.get_absolute_url(),
                    "solved": question.is_solved,
                    "answers": question.answer_count,
                    "answers_label": ngettext(
                        "%(count)s answer", "%(count)s answers", question.answer_count
                    )
                    % {"count": question.answer_count},
                }
                for question in found
            ]
        }
    )


# --- A question -----------------------------------------------------------------------------


def question_redirect(request, pk):
    question = visible_question(pk)
    if not moderation_permissions.can_see(request.user, question):
        raise Http404
    return HttpResponseRedirect(question.get_absolute_url())


@require_GET
def question_detail(request, pk, slug):
    question = visible_question(pk, request.user)
    if not moderation_permissions.can_see(request.user, question):
        raise Http404
    if slug != question.slug:
        url = question.get_absolute_url()
        if request.GET:
            url = f"{url}?{request.GET.urlencode()}"
        return redirect(url, permanent=True)
    page_cache.shows(request, "question", "answer", "member", "product")
    page_cache.share_with_members(request, questions=[question.pk])
    # A deleted question is gone for search engines (410); its thread stays readable for people.
    return render_question(request, question, status=410 if question.is_deleted else 200)


def render_question(request, question, *, answer_form=None, status=200):
    """The question page: shared by the page itself and an answer posted with errors."""
    viewer = request.user
    page, answers = selectors.answers_for_page(question, viewer, request.GET.get("page"))
    reported = {
        item.pk
        for answer in answers
        for item in [answer, *answer.reply_list]
        if item.viewer_reported
    }
    rights = permissions.viewer_rights(viewer)
    _with_viewer_rights(answers, rights, reported)
    fragments.attach_shared_html(answers, request)
    marks = selectors.viewer_marks(question, viewer)
    question_reported = marks["reported"]
    is_asker = rights.is_asker(question)
    can_answer = rights.can_answer(question)
    if answer_form is None and can_answer:
        answer_form = AnswerForm()
    context = {
        "question": question,
        "place": place_of(question),
        "answers": answers,
        "page_obj": page,
        "answer_count": question.answer_count,
        "events": list(selectors.events_for(question)),
        "duplicates": list(selectors.duplicates_of(question)),
        # Who from the team answered last, for the panel's "what happens next".
        "staff_answer": selectors.latest_staff_answer(question)
        if question.is_open and question.first_staff_answer_at and not question.is_deleted
        else None,
        "is_asker": is_asker,
        "is_following": marks["following"],
        "has_same_question": marks["same_question"],
        "question_reported": question_reported,
        "answer_form": answer_form,
        "can": {
            "answer": can_answer,
            "edit": rights.can_edit(question),
            "delete": permissions.can_delete_question(viewer, question),
            "vote": permissions.can_vote_question(viewer, question),
            "follow": permissions.can_follow(viewer, question),
            "take": permissions.can_take_ownership(viewer, question),
            "hand_off": permissions.can_hand_off(viewer, question),
            "ask_staff": permissions.can_ask_for_staff(viewer, question),
            "duplicate": permissions.can_mark_duplicate(viewer, question),
            "close": permissions.can_close(viewer, question),
            "reopen": permissions.can_reopen(viewer, question),
            "report": rights.can_report(question) and not question_reported,
            "request_removal": permissions.can_request_removal(viewer, question),
            "see_inbox": permissions.can_see_inbox(viewer),
        },
        "is_member": community_permissions.is_member(viewer),
        # Staff answer under their card; anyone else (a former member of staff too) as a member.
        "staff_card": community_permissions.active_staff_card(viewer),
        "structured_data": structured_data(request, question, answers, page.number),
        "preview": seo.Preview(
            title=question.title,
            description=seo.excerpt(words_of(question)),
            kind="article",
        )
        if not question.is_deleted
        else None,
        "now": timezone.now(),
    }
    return render(request, "community/questions/question_detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk):
    question = standing_question(pk)
    if not permissions.can_edit(request.user, question):
        refuse_unverified(request.user, _("Please verify your e-mail address before editing."))
        raise PermissionDenied(_("Only the asker can edit a question."))
    form = QuestionEditForm(
        data=request.POST if request.method == "POST" else None,
        initial={"title": question.title, "body": question.body},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.question_edit(
                request.user,
                question,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your question is saved."))
            return redirect(question.get_absolute_url())
    return render(
        request,
        "community/questions/question_edit.html",
        {"form": form, "question": question, "place": place_of(question)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_delete(request, pk):
    question = standing_question(pk)
    if not permissions.can_delete_question(request.user, question):
        if permissions.is_asker(request.user, question):
            raise PermissionDenied(
                _(
                    "Others have answered your question, so you can no longer delete it: their "
                    "answers would go with it. You can close it as answered, or ask the "
                    "moderators to remove it."
                )
            )
        raise PermissionDenied(_("Only the asker or a moderator can delete a question."))
    if request.method == "POST":
        services.question_delete(request.user, question)
        messages.success(request, _("The question is deleted."))
        return redirect("questions:list")
    return render(
        request,
        "community/questions/confirm_delete.html",
        {
            "content": question,
            "question": question,
            "is_question": True,
            "back_url": question.get_absolute_url(),
        },
    )


@require_GET
def question_history(request, pk):
    question = visible_question(pk)
    if not permissions.can_see_history(request.user, question):
        raise Http404
    return revision_history(
        request, question, heading=question.title, back_url=question.get_absolute_url()
    )


@require_POST
def question_follow(request, pk):
    question = standing_question(pk)
    if not request.user.is_authenticated:
        return sign_in_first(request, question)
    choice = request.POST.get("follow")
    if choice not in ("0", "1"):
        return HttpResponseBadRequest(_("Say whether to follow (1) or not (0)."))
    services.question_follow_set(request.user, question, on=choice == "1")
    if choice == "1":
        messages.success(request, _("You follow this question: you will be told of answers."))
    else:
        messages.info(request, _("You no longer follow this question."))
    return redirect(question.get_absolute_url())


@require_POST
def question_vote(request, pk):
    """ "I have this question too" (vote=1) or take it back (vote=0)."""
    question = standing_question(pk)
    gate = member_action(
        request, question, message=_("Please verify your e-mail address before voting.")
    )
    if gate:
        return gate
    choice = request.POST.get("vote")
    if choice not in ("0", "1"):
        return HttpResponseBadRequest(_("Say whether you have this question too (1) or not (0)."))
    if not permissions.can_vote_question(request.user, question):
        raise PermissionDenied(_("You cannot vote on your own question."))
    services.question_vote_set(request.user, question, on=choice == "1")
    return redirect(question.get_absolute_url())
