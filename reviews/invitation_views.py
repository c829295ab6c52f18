"""The pages an invitation e-mail links to: the review form its link opens for the buyer, and
unsubscribing from invitations. Both are reached by a signed token instead of a session, and
neither signs anyone in (`reviews.invited_reviews`, `reviews.invitations`)."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from community.forms import guidelines_url
from community.i18n import current_language
from community.products import products_in_language
from community.views import add_errors
from reviews import invitations, invited_reviews, permissions, selectors
from reviews.forms import InvitedReviewForm
from reviews.invitations import InvalidInvitation


def _product_page(product):
    """The live page of `product` in the reader's language (or the product's own page)."""
    return products_in_language([product], current_language())[product.pk]


def _product_url(request, product, fragment="reviews"):
    url = _product_page(product).get_url(request=request) or "/"
    return f"{url}#{fragment}"


def _refused(request, refusal: InvalidInvitation):
    product = refusal.product
    return render(
        request,
        "reviews/invitation_refused.html",
        {
            "message": str(refusal),
            "product_page": _product_page(product) if product is not None else None,
            "product_url": _product_url(request, product) if product is not None else "",
        },
        status=refusal.status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def invited_review(request, token):
    """The review form an invitation's link opens, for its buyer only, and for this one
    product. The first visit is counted in the figures; a visitor with the link writes as the
    buyer (joining, when the buyer has no account), a member signed in as someone else is told
    the link is not theirs."""
    try:
        invitation = invitations.read_token(token)
    except InvalidInvitation as refusal:
        return _refused(request, refusal)
    product = invitation.product
    buyer = invited_reviews.buyer_of(invitation.order)
    context = {
        "invitation": invitation,
        "product": product,
        "product_page": _product_page(product),
        "product_url": _product_url(request, product),
    }
    if not permissions.can_use_invitation(request.user, buyer):
        return render(request, "reviews/invitation_not_yours.html", context, status=403)
    existing = selectors.viewer_review(product, buyer) if buyer is not None else None
    if existing is not None:
        return render(
            request,
            "reviews/invitation_already_reviewed.html",
            {**context, "review_url": _product_url(request, product, f"review-{existing.pk}")},
        )
    if request.method == "GET":
        invited_reviews.link_opened(invitation)
    form = InvitedReviewForm(
        data=request.POST if request.method == "POST" else None,
        files=request.FILES if request.method == "POST" else None,
        joining=buyer is None,
        show_owner_badge=buyer is not None and invited_reviews.owner_badge_shown(buyer),
    )
    if request.method == "POST" and form.is_valid():
        try:
            written = invited_reviews.invited_review_create(
                request.user,
                token,
                data=form.review_data(),
                photos=form.cleaned_data["photos"],
                display_name=form.cleaned_data.get("display_name", ""),
                show_owner_badge=form.cleaned_data["show_owner_badge"],
            )
        except InvalidInvitation as refusal:
            return _refused(request, refusal)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _written(request, written)
    return render(
        request,
        "reviews/invited_review_form.html",
        {
            **context,
            "form": form,
            "review": None,
            "buyer": buyer,
            "outcome": invited_reviews.review_outcome(buyer),
            "guidelines_url": guidelines_url(),
        },
    )


def _written(request, written):
    review = written.review
    if review.is_held:
        messages.info(
            request,
            _(
                "Thank you! Your review is waiting for a moderator. Everyone will see it once "
                "it is published."
            ),
        )
        target = _product_url(request, review.product)
    else:
        messages.success(request, _("Thank you! Your review is published."))
        target = _product_url(request, review.product, f"review-{review.pk}")
    if not written.member.has_usable_password():
        messages.info(
            request,
            _(
                "You are now a member of the community. To log in later, choose a password "
                "with “Forgot your password?” on the log-in page."
            )
            if written.joined
            else _(
                "To log in later, choose a password with “Forgot your password?” on the "
                "log-in page."
            ),
        )
    return redirect(target)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def invitations_unsubscribe(request, token):
    """No more invitations to review for the address the e-mail went to, without signing in.

    GET shows a confirmation button (mail scanners follow links and must not unsubscribe
    anyone); POST unsubscribes, which is also what one-click unsubscribe (RFC 8058) sends. The
    signed token is the credential, so no CSRF token is needed."""
    try:
        email_hash, invitation_id = invitations.read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(
            request, "reviews/invitations_unsubscribe.html", {"invalid": True}, status=400
        )
    done = False
    if request.method == "POST":
        invitations.unsubscribe(email_hash, invitation_id)
        done = True
    return render(request, "reviews/invitations_unsubscribe.html", {"done": done})
