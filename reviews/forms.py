"""Forms of the reviews room. They check input and keep what was typed; services write.

Photos are checked from their headers while the form is validated, so that a photo that is too
large, has too many pixels or is not an image is refused with its reason next to the field, and
the rest of the review is kept; the task worker decodes them later (`reviews.photos`).
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from community.forms import display_name_clean, guidelines_url
from community.protections.forms import HoneypotForm
from reviews import photos, services
from reviews.models import MAX_PHOTOS_PER_REVIEW, Review

ACCEPTED_PHOTO_TYPES = "image/jpeg,image/png,image/webp,image/gif"

# What each number of stars means, shown beside the stars as they are chosen.
RATING_WORDS = {
    1: _("Poor"),
    2: _("Fair"),
    3: _("Good"),
    4: _("Very good"),
    5: _("Excellent"),
}


def _field_max_length(model, name):
    return model._meta.get_field(name).max_length


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files at once (Django's "Uploading multiple files")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_file_clean = super().clean
        if isinstance(data, (list, tuple)):
            return [single_file_clean(item, initial) for item in data if item]
        return [single_file_clean(data, initial)] if data else []


class StarRadioSelect(forms.RadioSelect):
    """Radio buttons that the review form's template draws as five stars."""


class ReviewForm(HoneypotForm):
    """Writing or editing a review: the rating, the words, the disclosure and up to six photos.

    `photos` come out as the uploaded files, checked by `photos.photo_check`; when editing,
    `remove_photos` lists the ids of the photos the author takes away.
    """

    rating = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=list(RATING_WORDS.items()),
        coerce=int,
        widget=StarRadioSelect,
        error_messages={
            "required": _("Please choose a rating from 1 to 5 stars."),
            "invalid_choice": _("Please choose a rating from 1 to 5 stars."),
        },
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=_field_max_length(Review, "title"),
        help_text=_("Your review in a few words, for example “Quiet, and the coffee is hot”."),
        error_messages={"required": _("Please give your review a title.")},
    )
    text = forms.CharField(
        label=_("Your review"),
        max_length=_field_max_length(Review, "text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What did you like or dislike? How do you use it? At most 5,000 characters."),
        error_messages={"required": _("Please write your review.")},
    )
    pros = forms.CharField(
        label=_("Pros (optional)"),
        max_length=_field_max_length(Review, "pros"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What is good about it."),
    )
    cons = forms.CharField(
        label=_("Cons (optional)"),
        max_length=_field_max_length(Review, "cons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What could be better."),
    )
    received_free = forms.BooleanField(
        label=_("I received this product for free or was paid"),
        required=False,
        help_text=_(
            "Tick this if you got the product free or at a discount in exchange for a review, "
            "or were paid for it. Your review will say so."
        ),
    )
    remove_photos = forms.TypedMultipleChoiceField(
        label=_("Remove photos"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    photos = MultipleFileField(
        label=_("Add photos (optional)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ACCEPTED_PHOTO_TYPES}),
    )

    def __init__(self, *args, review=None, **kwargs):
        self.review = review
        self.existing_photos = list(review.photos.all()) if review is not None else []
        self.photos_being_prepared = review.pending_photos.count() if review is not None else 0
        if review is not None:
            kwargs.setdefault(
                "initial",
                {
                    "rating": review.rating,
                    "title": review.title,
                    "text": review.text,
                    "pros": review.pros,
                    "cons": review.cons,
                    "received_free": review.received_free,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["maxlength"] = self.fields["text"].max_length
        if self.existing_photos:
            self.fields["remove_photos"].choices = [
                (photo.pk, _("Remove photo %(number)s") % {"number": number})
                for number, photo in enumerate(self.existing_photos, start=1)
            ]
        else:
            del self.fields["remove_photos"]
        self.fields["photos"].help_text = _(
            "Up to %(count)s photos in all: JPEG, PNG, WebP or GIF, at most %(size)s each. "
            "Location data and other hidden information are removed."
        ) % {
            "count": MAX_PHOTOS_PER_REVIEW,
            "size": filesizeformat(settings.AVATAR_MAX_BYTES),
        }

    @property
    def rating_choices(self):
        """(stars, word, radio) for the star picker, from 1 to 5 stars."""
        return [(int(radio.data["value"]), radio.choice_label, radio) for radio in self["rating"]]

    @property
    def existing_photo_choices(self):
        """(photo, check box) pairs: each photo the review has, with its "remove" box."""
        if "remove_photos" not in self.fields:
            return []
        boxes = {int(box.data["value"]): box for box in self["remove_photos"]}
        return [(photo, boxes[photo.pk]) for photo in self.existing_photos]

    @property
    def photos_need_choosing_again(self):
        """Browsers never send chosen files back: after any error, the photos must be chosen
        again (the text fields keep what was typed)."""
        return (
            self.is_bound
            and bool(self.files.getlist(self.add_prefix("photos")))
            and bool(self.errors)
        )

    def clean_photos(self):
        uploads = self.cleaned_data.get("photos") or []
        if not uploads:
            return []
        kept = (
            len(self.existing_photos)
            + self.photos_being_prepared
            - len(self.cleaned_data.get("remove_photos") or [])
        )
        room = MAX_PHOTOS_PER_REVIEW - kept
        if len(uploads) > room:
            message = _("A review can have at most %(count)s photos.") % {
                "count": MAX_PHOTOS_PER_REVIEW
            }
            if kept:
                message += " " + ngettext(
                    "It has %(kept)s already, so you can add %(room)s more.",
                    "It has %(kept)s already, so you can add %(room)s more.",
                    kept,
                ) % {"kept": kept, "room": max(room, 0)}
            raise ValidationError(message, code="too_many_photos")
        errors = []
        for upload in uploads:
            try:
                photos.photo_check(upload)
            except ValidationError as error:
                for message in error.messages:
                    errors.append(
                        ValidationError(
                            _("%(file)s: %(reason)s"),
                            params={"file": upload.name, "reason": message},
                            code=error.code or "invalid_photo",
                        )
                    )
        if errors:
            raise ValidationError(errors)
        return uploads

    def review_data(self):
        """The review's own fields, for the services."""
        return {name: self.cleaned_data[name] for name in services.REVIEW_FIELDS}


class StaffResponseForm(forms.Form):
    """The one public response to a review, signed with the staff card."""

    text = forms.CharField(
        label=_("Your response"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": 3000}),
        help_text=_(
            "It is shown under the review with your name, photo and role. The reviewer is told. "
            "At most 3,000 characters."
        ),
        error_messages={"required": _("Please write a response.")},
    )


class InvitedReviewForm(ReviewForm):
    """The review form an invitation opens (`reviews.invitation_views`): the review, whether it
    shows that its author bought the product, and, for a buyer without an account, the name
    they will be known by and their acceptance of the guidelines (they join on sending)."""

    display_name = forms.CharField(
        label=_("How should we call you?"),
        max_length=60,
        help_text=_("Your public name, shown with your review. You can change it later."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        error_messages={"required": _("Please choose the name shown with your review.")},
    )
    accept_guidelines = forms.BooleanField(
        label=_("I accept the community guidelines"),
        error_messages={
            "required": _("Please accept the community guidelines to send your review.")
        },
    )
    show_owner_badge = forms.BooleanField(
        label=_("Show on my review that I bought it (“verified owner”)"),
        required=False,
        help_text=_(
            "Readers then see that the shop’s order confirms you own it. You can change this "
            "in your preferences."
        ),
    )

    def __init__(self, *args, joining: bool, show_owner_badge: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["show_owner_badge"].initial = show_owner_badge
        if not joining:
            del self.fields["display_name"]
            del self.fields["accept_guidelines"]
            return
        url = guidelines_url()
        if url:
            self.fields["accept_guidelines"].help_text = format_html(
                '<a href="{}" target="_blank" rel="noopener">{}</a>',
                url,
                _("Read the community guidelines (opens in a new tab)"),
            )

    def clean_display_name(self):
        return display_name_clean(self.cleaned_data["display_name"])
