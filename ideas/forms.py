"""Forms of the ideas room. They check input and keep what was typed; services write.

Images are checked and cleaned while the form is validated, so that an image that is too large
or not an image is refused with its reason next to its field, and the rest is kept.
"""

import re
import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from community.forms import RowNumberChoiceField
from community.models import ProductPage
from community.protections.forms import HoneypotForm
from ideas import selectors, services
from ideas.models import (
    ESTIMATE_CHOICES,
    MAX_IMAGES_PER_IDEA,
    TITLE_MAX_LENGTH,
    Idea,
    Importance,
)

ACCEPTED_IMAGE_TYPES = "image/jpeg,image/png,image/webp,image/gif"
BODY_MAX_LENGTH = 10_000
COMMENT_MAX_LENGTH = 5_000
NOTE_MAX_LENGTH = 5_000
MARKDOWN_HELP = _(
    "You can use Markdown: **bold**, *italic*, lists, [links](https://example.com) and "
    "@handle to mention a member."
)


def _textarea(rows, max_length):
    return forms.Textarea(attrs={"rows": rows, "maxlength": max_length})


class OwnIds:
    """The idea's page holds several forms: each gets ids of its own (two fields named "note"
    must not share an id, or a label would point at the wrong field)."""

    id_prefix = "id"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class ImportanceField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("How much does it matter to you?"))
        super().__init__(
            choices=Importance.choices,
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={
                "required": _("Choose how much this idea matters to you."),
                "invalid_choice": _("Choose how much this idea matters to you."),
            },
            **kwargs,
        )


class IdeaForm(HoneypotForm):
    """Proposing or editing an idea: title, description, product, tags and up to 4 images,
    each with a description for people who cannot see it."""

    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_("Your idea in a few words, for example “Schedule the machine to start”."),
        error_messages={"required": _("Please give your idea a title.")},
    )
    body = forms.CharField(
        label=_("Description"),
        max_length=BODY_MAX_LENGTH,
        widget=_textarea(8, BODY_MAX_LENGTH),
        help_text=_("What would it let you do? What do you do today instead?")
        + " "
        + MARKDOWN_HELP,
        error_messages={"required": _("Please describe your idea: what would it let you do?")},
    )
    product = forms.ModelChoiceField(
        label=_("Product (optional)"),
        queryset=ProductPage.objects.none(),
        required=False,
        empty_label=_("No particular product"),
        error_messages={"invalid_choice": _("Please choose a product from the list.")},
    )
    tags = forms.ModelMultipleChoiceField(
        label=_("Tags (optional)"),
        queryset=selectors.tags(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Please choose tags from the list.")},
    )
    importance = ImportanceField(initial=Importance.IMPORTANT)
    remove_images = forms.TypedMultipleChoiceField(
        label=_("Remove images"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(
        label=_("What did you change? (optional)"),
        max_length=300,
        required=False,
        help_text=_("Shown in the idea's public edit history."),
    )

    def __init__(self, *args, idea=None, language=None, **kwargs):
        self.idea = idea
        self.existing_images = list(idea.images.all()) if idea is not None else []
        if idea is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": idea.title,
                    "body": idea.body,
                    "product": idea.product_id,
                    "tags": [tag.pk for tag in idea.tags.all()],
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = selectors.catalogue_products()
        pages = {product.pk: page for product, page in selectors.product_choices(language)}
        self.fields["product"].label_from_instance = lambda product: (
            pages.get(product.pk, product).title
        )
        if idea is None:
            del self.fields["remove_images"]
            del self.fields["reason"]
        else:
            del self.fields["importance"]
            if self.existing_images:
                self.fields["remove_images"].choices = [
                    (picture.pk, _("Remove image %(number)s") % {"number": number})
                    for number, picture in enumerate(self.existing_images, start=1)
                ]
            else:
                del self.fields["remove_images"]
            for picture in self.existing_images:
                self.fields[f"alt_existing_{picture.pk}"] = forms.CharField(
                    label=_("Description of image %(number)s")
                    % {"number": self.existing_images.index(picture) + 1},
                    max_length=200,
                    required=False,
                    initial=picture.alt_text,
                )
        self.slot_count = MAX_IMAGES_PER_IDEA - len(self.existing_images)
        for slot in range(1, self.slot_count + 1):
            # A plain file field: the checks of community.images give every refusal its
            # reason, where Django's image field would open the file first.
            self.fields[f"image_{slot}"] = forms.FileField(
                label=_("Image %(number)s") % {"number": len(self.existing_images) + slot},
                required=False,
                widget=forms.FileInput(attrs={"accept": ACCEPTED_IMAGE_TYPES}),
            )
            self.fields[f"alt_{slot}"] = forms.CharField(
                label=_("What image %(number)s shows")
                % {"number": len(self.existing_images) + slot},
                max_length=200,
                required=False,
                help_text=_("For people who cannot see it, for example “The timer screen”."),
            )

    @property
    def image_slots(self):
        """(file field, description field) for each free image place."""
        return [
            (self[f"image_{slot}"], self[f"alt_{slot}"]) for slot in range(1, self.slot_count + 1)
        ]

    @property
    def existing_image_rows(self):
        """(image, its remove box, its description field) for each image the idea has."""
        if not self.existing_images:
            return []
        boxes = {int(box.data["value"]): box for box in self["remove_images"]}
        return [
            (picture, boxes[picture.pk], self[f"alt_existing_{picture.pk}"])
            for picture in self.existing_images
        ]

    @property
    def images_need_choosing_again(self):
        """Browsers never send chosen files back: after any error, images must be chosen again."""
        return (
            self.is_bound
            and any(self.files.get(self.add_prefix(f"image_{slot}")) for slot in range(1, 5))
            and bool(self.errors)
        )

    def clean(self):
        cleaned = super().clean()
        processed = []
        for slot in range(1, self.slot_count + 1):
            upload = cleaned.get(f"image_{slot}")
            if not upload:
                continue
            try:
                large, thumbnail = services.image_process(upload, f"idea-{secrets.token_hex(6)}")
            except ValidationError as error:
                self.add_error(f"image_{slot}", error)
                continue
            processed.append((large, thumbnail, cleaned.get(f"alt_{slot}", "")))
        cleaned["images"] = processed
        return cleaned

    def alt_texts(self):
        return {
            picture.pk: self.cleaned_data.get(f"alt_existing_{picture.pk}", picture.alt_text)
            for picture in self.existing_images
        }


class VoteForm(forms.Form):
    importance = ImportanceField()


class RecordVoteForm(OwnIds, forms.Form):
    """Staff record the vote of a customer they spoke to."""

    id_prefix = "record"

    member = forms.CharField(
        label=_("Customer's e-mail address or handle"),
        max_length=254,
        error_messages={"required": _("Enter the customer's e-mail address or handle.")},
    )
    importance = ImportanceField(label=_("How much it matters to them"))

    def clean_member(self):
        member = selectors.find_member(self.cleaned_data["member"])
        if member is None:
            raise ValidationError(
                _("No active member has this e-mail address or handle."), code="member"
            )
        return member


class StatusChangeForm(OwnIds, forms.Form):
    """A signed decision: the new status and the public note, and for a decline, why."""

    id_prefix = "status"

    to_status = forms.ModelChoiceField(
        label=_("New status"),
        queryset=selectors.statuses(),
        empty_label=None,
        error_messages={
            "required": _("Please choose the new status."),
            "invalid_choice": _("Please choose a status from the list."),
        },
    )
    note = forms.CharField(
        label=_("Public note"),
        max_length=NOTE_MAX_LENGTH,
        widget=_textarea(5, NOTE_MAX_LENGTH),
        help_text=_(
            "What changes and why, in your words. Voters, the author and followers are told, "
            "with your name and role."
        ),
        error_messages={
            "required": _(
                "Please write a public note: voters are told what changed, and why, in your words."
            )
        },
    )
    decline_reason = forms.ModelChoiceField(
        label=_("Reason for declining"),
        queryset=selectors.decline_reasons(),
        required=False,
        empty_label=_("Choose a reason (needed to decline)"),
        error_messages={"invalid_choice": _("Please choose a reason from the list.")},
    )
    workaround = forms.CharField(
        label=_("Workaround (optional)"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=_textarea(3, NOTE_MAX_LENGTH),
        help_text=_("What people can do today instead."),
    )
    revisit_on = forms.DateField(
        label=_("Look at it again on (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date, for example 2030-01-31.")},
    )
    revisit_at_votes = forms.IntegerField(
        label=_("…or when it reaches this many votes (optional)"),
        required=False,
        min_value=1,
        max_value=1_000_000,
    )

    def __init__(self, *args, idea=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].label_from_instance = lambda status: status.name
        self.fields["decline_reason"].label_from_instance = lambda reason: reason.label
        if idea is not None and not self.is_bound:
            following = [
                s for s in self.fields["to_status"].queryset if s.order > idea.status.order
            ]
            if following:
                self.initial.setdefault("to_status", following[0].pk)


class MergeForm(OwnIds, forms.Form):
    """Merging this idea (a duplicate) into the one that is kept."""

    id_prefix = "merge"

    into = forms.CharField(
        label=_("The idea to keep"),
        max_length=300,
        help_text=_("Its number or its address, for example 42 or /ideas/42/…"),
        error_messages={"required": _("Enter the number or the address of the idea to keep.")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=_textarea(3, NOTE_MAX_LENGTH),
        help_text=_("Why they are the same idea; shown on both ideas' timelines."),
    )

    IDEA_NUMBER = re.compile(r"(?:^|/ideas/|#)\s*(\d+)")

    def clean_into(self):
        match = self.IDEA_NUMBER.search(self.cleaned_data["into"].strip())
        idea = Idea.objects.filter(pk=match.group(1)).first() if match else None
        if idea is None:
            raise ValidationError(_("No idea has this number or address."), code="unknown")
        return idea


class EstimateForm(OwnIds, forms.Form):
    """The product team's impact and effort estimates; only staff see them."""

    id_prefix = "estimate"

    impact = forms.TypedChoiceField(
        label=_("Impact"),
        choices=[("", _("Not estimated")), *ESTIMATE_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    effort = forms.TypedChoiceField(
        label=_("Effort"),
        choices=[("", _("Not estimated")), *ESTIMATE_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )


class CommentForm(HoneypotForm):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=_textarea(4, COMMENT_MAX_LENGTH),
        help_text=MARKDOWN_HELP,
        error_messages={"required": _("Please write your comment.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    internal = forms.BooleanField(label=_("Internal note: only staff see it"), required=False)


class CommentEditForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=_textarea(6, COMMENT_MAX_LENGTH),
        help_text=MARKDOWN_HELP,
        error_messages={"required": _("Please write your comment.")},
    )


class ShipFeedbackForm(OwnIds, forms.Form):
    """A voter's answer, once the idea shipped: does it solve it for them, and if not, why."""

    id_prefix = "feedback"
    solves = forms.TypedChoiceField(
        label=_("Does this solve it for you?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please answer yes or no."),
            "invalid_choice": _("Please answer yes or no."),
        },
    )
    why = forms.CharField(
        label=_("If not, what is still missing? (optional)"),
        max_length=2000,
        required=False,
        widget=_textarea(3, 2000),
        help_text=_("Only staff read this."),
    )


def image_help_text():
    return _(
        "Up to %(count)s images: JPEG, PNG, WebP or GIF, at most %(size)s each. Location data "
        "and other hidden information are removed."
    ) % {"count": MAX_IMAGES_PER_IDEA, "size": filesizeformat(settings.AVATAR_MAX_BYTES)}


class IdeaFilterForm(forms.Form):
    """The ideas list's filters: status, product, tag, and the dates between which an idea was
    proposed.

    The ideas list, the backlog export (on the site and from the command line) and the API read
    their filters with this form and apply them with `selectors.filter_ideas`, so that an export
    holds exactly the ideas the list showed. The list keeps the valid values and drops the rest;
    the export and the API refuse an unknown value with a message that says which.
    """

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        error_messages={"invalid_choice": _("No status has the slug “%(value)s”.")},
    )
    product = RowNumberChoiceField(
        label=_("Product"),
        queryset=ProductPage.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("No product in the catalogue has this number.")},
    )
    tag = forms.ModelChoiceField(
        label=_("Tag"),
        queryset=selectors.tags(),
        to_field_name="slug",
        required=False,
        error_messages={"invalid_choice": _("No tag has this slug.")},
    )
    since = forms.DateField(
        label=_("Proposed from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date, for example 2030-01-31.")},
    )
    until = forms.DateField(
        label=_("Proposed until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date, for example 2030-01-31.")},
    )

    FILTERS = ("status", "product", "tag", "since", "until")

    def __init__(self, data=None, *, statuses=None, **kwargs):
        super().__init__(data, **kwargs)
        self.statuses = list(statuses if statuses is not None else selectors.statuses())
        self.fields["status"].choices = [("", _("All statuses"))] + [
            (status.slug, status.name) for status in self.statuses
        ]
        self.fields["product"].queryset = selectors.catalogue_products()

    def clean_status(self):
        slug = self.cleaned_data["status"]
        return next((status for status in self.statuses if status.slug == slug), None)

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date is before the start date."))
        return cleaned

    def chosen(self) -> dict:
        """The valid filters, ready for `selectors.filter_ideas` (None where none is chosen)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned.get(name) for name in self.FILTERS}

    def query(self) -> dict:
        """The valid filters as they appear in an address, to keep them in a link or a job."""
        chosen = self.chosen()
        values = {
            "status": chosen["status"].slug if chosen["status"] else None,
            "product": chosen["product"].pk if chosen["product"] else None,
            "tag": chosen["tag"].slug if chosen["tag"] else None,
            "since": chosen["since"].isoformat() if chosen["since"] else None,
            "until": chosen["until"].isoformat() if chosen["until"] else None,
        }
        return {name: value for name, value in values.items() if value is not None}


class ExportForm(IdeaFilterForm):
    """What to export (ideas or their votes), in which format, filtered like the ideas list."""

    kind = forms.ChoiceField(
        label=_("What"),
        choices=[("ideas", _("Ideas, one row each")), ("votes", _("Votes, one row each"))],
        required=False,
        error_messages={"invalid_choice": _("Export “ideas” or “votes”, not “%(value)s”.")},
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("csv", "CSV"), ("xlsx", _("Excel (XLSX)")), ("json", "JSON")],
        error_messages={
            "required": _("Choose a format: CSV, XLSX or JSON."),
            "invalid_choice": _("Choose a format: CSV, XLSX or JSON (not “%(value)s”)."),
        },
    )

    def clean_kind(self):
        return self.cleaned_data["kind"] or "ideas"
