"""Views of the reviews room: thin, reading through selectors and writing through services.

Reviews are read on the product page (`reviews.templatetags.reviews_tags.product_reviews`);
these views write, vote, respond and report, then send the reader back to the review.
"""

from urllib.parse import urlsplit, urlunsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from community import permissions as community_permissions
from community.forms import guidelines_url
from community.i18n import current_language
from community.models import ProductPage
from community.products import canonical_product, products_in_language
from community.views import add_errors, refuse_unverified, report_page
from reviews import permissions, selectors, services
from reviews.forms import ReviewForm, StaffResponseForm


def _product_page(request, product):
    """The live page of `product` in the reader's language (or the product's own page)."""
    return products_in_language([product], current_language())[product.pk]


def _product_url(request, product, fragment="reviews"):
    url = _product_page(request, product).get_url(request=request) or "/"
    return f"{url}#{fragment}" if fragment else url


def _review_url(request, review):
    return _product_url(request, review.product, fragment=f"review-{review.pk}")


def _back_to_review(request, review):
    """Where the reader came from (their sort, filters and page kept), at the review."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(target)
        return urlunsplit(parts._replace(fragment=f"review-{review.pk}"))
    return _review_url(request, review)


def _visible_review(request, pk):
    """The review with everything its page shows, or 404 when the viewer may not see it."""
    review = selectors.review_for_page(pk, request.user)
    if review is None or not permissions.can_see_review(request.user, review):
        raise Http404(_("This review does not exist, or is not public."))
    return review


@login_required
@require_http_methods(["GET", "POST"])
def review_write(request, product_id):
    product = ProductPage.objects.live().filter(pk=product_id).first()
    if product is None:
        raise Http404(_("This product does not exist."))
    product = canonical_product(product)
    if not permissions.can_write_review(request.user):
        raise PermissionDenied(_("Please verify your e-mail address before writing a review."))
    existing = selectors.viewer_review(product, request.user)
    if existing is not None:
        messages.info(
            request, _("You have already reviewed this product. You can edit your review here.")
        )
        return redirect("reviews:edit", pk=existing.pk)
    form = ReviewForm(
        data=request.POST if request.method == "POST" else None,
        files=request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_create(
                request.user,
                product,
                data=form.review_data(),
                photos=form.cleaned_data["photos"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if review.is_held:
                messages.info(
                    request,
                    _(
                        "Thank you! Your review is waiting for a moderator. "
                        "Everyone will see it once it is published."
                    ),
                )
            else:
                messages.success(request, _("Thank you! Your review is published."))
            return redirect(_review_url(request, review))
    return _render_review_form(request, form, product, review=None)


@login_required
@require_http_methods(["GET", "POST"])
def review_edit(request, pk):
    review = _visible_review(request, pk)
    if not permissions.can_edit_review(request.user, review):
        refuse_unverified(
            request.user, _("Please verify your e-mail address before editing your review.")
        )
        raise PermissionDenied(_("Only the author of a review can edit it."))
    form = ReviewForm(
        data=request.POST if request.method == "POST" else None,
        files=request.FILES if request.method == "POST" else None,
        review=review,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.review_update(
                request.user,
                review,
                data=form.review_data(),
                photos=form.cleaned_data["photos"],
                remove_photo_ids=form.cleaned_data.get("remove_photos") or [],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if review.is_published:
                messages.success(request, _("Your review is saved."))
            else:
                messages.info(
                    request,
                    _(
                        "Your review is saved. It stays hidden from others until a moderator "
                        "publishes it."
                    ),
                )
            return redirect(_review_url(request, review))
    return _render_review_form(request, form, review.product, review=review)


def _render_review_form(request, form, product, *, review):
    """The write and edit pages share one template and context."""
    return render(
        request,
        "reviews/review_form.html",
        {
            "form": form,
            "review": review,
            "product": product,
            "product_page": _product_page(request, product),
            "product_url": _product_url(request, product),
            "guidelines_url": guidelines_url(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_delete(request, pk):
    review = _visible_review(request, pk)
    if not permissions.can_delete_review(request.user, review):
        raise PermissionDenied(_("Only the author of a review or a moderator can delete it."))
    if request.method == "POST":
        product = review.product
        is_own = permissions.is_author(request.user, review)
        services.review_delete(request.user, review)
        messages.success(
            request, _("Your review is deleted.") if is_own else _("The review is deleted.")
        )
        return redirect(_product_url(request, product))
    return render(
        request,
        "reviews/review_confirm_delete.html",
        {
            "review": review,
            "is_own": permissions.is_author(request.user, review),
            "product_page": _product_page(request, review.product),
            "review_url": _review_url(request, review),
        },
    )


@require_POST
def review_helpful(request, pk):
    """Mark a review helpful (helpful=1) or take it back (helpful=0); a repeat changes nothing."""
    review = _visible_review(request, pk)
    back = _back_to_review(request, review)
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    choice = request.POST.get("helpful")
    if choice not in ("0", "1"):
        return HttpResponseBadRequest(_("Say whether the review was helpful (1) or not (0)."))
    if not permissions.can_vote_helpful(request.user, review):
        refuse_unverified(request.user, _("Please verify your e-mail address before voting."))
        if permissions.is_author(request.user, review):
            raise PermissionDenied(_("You cannot vote on your own review."))
        raise PermissionDenied(_("You cannot vote on this review."))
    services.review_helpful_set(request.user, review, helpful=choice == "1")
    return HttpResponseRedirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def review_respond(request, pk):
    review = _visible_review(request, pk)
    if not permissions.can_respond(request.user, review):
        raise PermissionDenied(
            _("Only staff with an active staff card can respond to reviews, and not to their own.")
        )
    response = selectors.staff_response_of(review)
    form = StaffResponseForm(
        data=request.POST if request.method == "POST" else None,
        initial={"text": response.text} if response else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_response_save(request.user, review, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Your response is saved.")
                if response
                else _("Your response is published. The reviewer is told."),
            )
            return redirect(_back_to_review(request, review))
    return render(
        request,
        "reviews/staff_response_form.html",
        {
            "review": review,
            "response": response,
            "form": form,
            "card": community_permissions.active_staff_card(request.user),
            "product_page": _product_page(request, review.product),
            "back_url": _back_to_review(request, review),
            "next_url": request.POST.get("next") or request.GET.get("next", ""),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_report(request, pk):
    review = _visible_review(request, pk)
    back = _back_to_review(request, review)
    if not permissions.can_report(request.user, review):
        refuse_unverified(
            request.user, _("Please verify your e-mail address before reporting a review.")
        )
        raise PermissionDenied(_("You cannot report your own review."))
    return report_page(
        request,
        review,
        back_url=back,
        template="reviews/report_form.html",
        context={
            "heading": _("Report a review"),
            "review": review,
            "product_page": _product_page(request, review.product),
            "next_url": request.POST.get("next") or request.GET.get("next", ""),
        },
    )
