"""Forms of the community room. They check input and keep what was typed; services write."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from community import services
from community.i18n import current_language
from community.models import GuidelinesPage, Member, Report, Team, unique_handle
from community.models.members import RESERVED_HANDLES
from community.models.staff import HAND_OVER_NOTE_MAX_LENGTH
from community.notifications import registry
from community.products import catalogue_products
from community.protections.forms import HoneypotForm


def guidelines_url():
    language = current_language()
    page = (
        GuidelinesPage.objects.live().filter(locale__language_code=language).first()
        or GuidelinesPage.objects.live().first()
    )
    try:
        return page.url if page else ""
    except NoReverseMatch:
        return ""


def display_name_clean(value: str) -> str:
    """A display name as members and the admin give it: spaces collapsed, two characters at
    least."""
    name = " ".join(value.split())
    if len(name) < 2:
        raise ValidationError(_("Please choose a name of at least two characters."))
    return name


# The help under a Markdown field of a thread (a question, an answer, a private conversation).
MARKDOWN_HELP = _(
    "Markdown works: **bold**, _italic_, `code`, code blocks between ``` lines, "
    "[links](https://example.com) and @handle to mention a member."
)

# The largest row number a database can hold (a signed 64-bit integer).
LARGEST_ROW_NUMBER = 2**63 - 1


class RowNumberChoiceField(forms.ModelChoiceField):
    """A choice of a row by its number that refuses numbers no row can have, with the field's
    own message: SQLite raises OverflowError for them instead of finding nothing."""

    def to_python(self, value):
        if value not in self.empty_values and not self.to_field_name:
            text = str(value).strip()
            if not (text.isdigit() and 0 < int(text) <= LARGEST_ROW_NUMBER):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": value},
                )
        return super().to_python(value)


class StaffMemberChoiceField(forms.ModelChoiceField):
    """A choice of a colleague by their staff card: their real name, role and team."""

    def label_from_instance(self, card):
        team = f" · {card.team.name}" if card.team else ""
        return f"{card.real_name} — {card.role_title}{team}"


class BaseHandOverForm(forms.Form):
    """Handing something a named member of staff looks after (`community.models.staff.Owned`) to
    a colleague, with a note. A feature says whom it can go to (`colleagues`, given the owner to
    leave out) and who reads the note, in the note's help and messages."""

    note_help_text = ""
    note_required = ""
    note_too_long = ""

    to_card = StaffMemberChoiceField(
        label=_("Hand it to"),
        queryset=None,
        empty_label=_("Choose a colleague…"),
        help_text=_("Colleagues with an active staff card."),
        error_messages={
            "required": _("Please choose a member of staff with an active staff card."),
            "invalid_choice": _("Please choose a member of staff with an active staff card."),
        },
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=HAND_OVER_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": HAND_OVER_NOTE_MAX_LENGTH}),
    )

    def __init__(self, *args, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_card"].queryset = self.colleagues(exclude=owner)
        note = self.fields["note"]
        note.help_text = self.note_help_text
        note.error_messages.update(
            {"required": self.note_required, "max_length": self.note_too_long}
        )

    @staticmethod
    def colleagues(exclude=None):
        raise NotImplementedError


class SignupForm(HoneypotForm):
    """The fields allauth's sign-up form gains: the public name, and the guidelines."""

    display_name = forms.CharField(
        label=_("How should we call you?"),
        max_length=60,
        help_text=_("Your public name, shown on everything you write. You can change it later."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    accept_guidelines = forms.BooleanField(
        label=_("I have read and accept the community guidelines"),
        required=True,
        error_messages={"required": _("Please accept the community guidelines to join.")},
    )

    field_order = ["display_name", "email", "password1", "password2", "accept_guidelines"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        url = guidelines_url()
        if url:
            self.fields["accept_guidelines"].help_text = format_html(
                '<a href="{}" target="_blank" rel="noopener">{}</a>',
                url,
                _("Read the community guidelines (opens in a new tab)"),
            )

    def clean_display_name(self):
        return display_name_clean(self.cleaned_data["display_name"])

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        # allauth saved the account before this form ran, so the handle was made from the
        # e-mail address, which is private: make it from the public name instead.
        user.handle = unique_handle(user.display_name, exclude_pk=user.pk)
        user.preferred_language = current_language()
        user.save()
        services.member_accept_guidelines(user)


class ProfileForm(forms.ModelForm):
    """A member's own profile. The avatar is checked and cleaned before anything is saved."""

    avatar_upload = forms.FileField(
        label=_("Upload a new picture"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF, at most 8 MB. It is cropped to a square."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )
    remove_avatar = forms.BooleanField(label=_("Remove my avatar"), required=False)

    class Meta:
        model = Member
        fields = ["display_name", "handle", "bio", "preferred_language"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4, "maxlength": 500})}
        help_texts = {
            "bio": _("A few words about you, at most 500 characters."),
            "preferred_language": _("The language of the site and of our e-mails to you."),
        }

    def clean_display_name(self):
        return display_name_clean(self.cleaned_data["display_name"])

    def clean_handle(self):
        handle = self.cleaned_data["handle"].lower()
        if handle in RESERVED_HANDLES:
            raise ValidationError(_("This handle is reserved. Please choose another."))
        if Member.objects.filter(handle=handle).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("This handle is taken. Please choose another."))
        return handle

    def clean_avatar_upload(self):
        upload = self.cleaned_data.get("avatar_upload")
        if not upload:
            return None
        return services.avatar_process(upload, self.instance)


class NotificationPreferencesForm(forms.Form):
    """Two check boxes per kind of notification: in the site, and by e-mail."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for row in rows:
            kind = row["kind"]
            in_site = f"{kind.key}__in_site"
            email = f"{kind.key}__email"
            self.fields[in_site] = forms.BooleanField(
                label=_("In the site"), required=False, initial=row["in_site"]
            )
            self.fields[email] = forms.BooleanField(
                label=_("By e-mail"), required=False, initial=row["email"]
            )
            self.rows.append({"kind": kind, "in_site": self[in_site], "email": self[email]})

    def choices(self):
        """(key, in_site, email) for each registered kind, from the cleaned data."""
        return [
            (
                kind.key,
                self.cleaned_data[f"{kind.key}__in_site"],
                self.cleaned_data[f"{kind.key}__email"],
            )
            for kind in registry
        ]


class ReportForm(HoneypotForm):
    """Why something breaks the guidelines: a reason from the list, and details if needed.

    The one report form for reviews, questions, answers, ideas and comments (and, with the
    moderation issue, members)."""

    reason = forms.ChoiceField(
        label=_("What is wrong with it?"),
        choices=[(reason.value, reason.label) for reason in Report.MEMBER_REASONS],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose a reason."),
            "invalid_choice": _("Please choose a reason."),
        },
    )
    text = forms.CharField(
        label=_("Details (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        help_text=_("Anything that helps a moderator decide. Only moderators read this."),
    )


class RemovalRequestForm(forms.Form):
    """Why its author asks the moderators to remove what they may no longer delete themselves."""

    text = forms.CharField(
        label=_("Why should it be removed?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        help_text=_("Only moderators read this. They decide, and you are told what they decided."),
        error_messages={"required": _("Please tell the moderators why it should be removed.")},
    )


class InboxFilterForm(forms.Form):
    """The staff inbox's filters, read from the address so that a filtered inbox can be
    bookmarked; a value that does not exist (a product since removed) is reported, not
    silently ignored."""

    STATE_CHOICES = [
        ("", _("All open questions")),
        ("staff", _("Waiting on staff")),
        ("customer", _("Waiting on the customer")),
        ("overdue", _("Past the promised time")),
        ("unowned", _("Nobody looks after it")),
        ("mine", _("Mine")),
    ]

    product = forms.ModelChoiceField(
        label=_("Product"),
        queryset=None,
        required=False,
        empty_label=_("All products"),
        error_messages={"invalid_choice": _("That product is not in the catalogue any more.")},
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=None,
        required=False,
        empty_label=_("All teams"),
        error_messages={"invalid_choice": _("That team does not exist any more.")},
    )
    state = forms.ChoiceField(
        label=_("State"),
        choices=STATE_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Please choose one of the states in the list.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = catalogue_products()
        self.fields["team"].queryset = Team.objects.order_by("sort_order", "name_en")
        self.fields["team"].label_from_instance = lambda team: team.name

    def filters(self) -> dict:
        """The valid filters; a field with an error filters nothing."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "product": cleaned.get("product") if "product" not in self.errors else None,
            "team": cleaned.get("team") if "team" not in self.errors else None,
            "state": cleaned.get("state", "") if "state" not in self.errors else "",
        }
