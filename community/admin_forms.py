"""Forms used by the Wagtail admin for the community's own models."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.users.forms import UserCreationForm, UserEditForm

from community import services
from community.forms import display_name_clean
from community.models import SPOKEN_LANGUAGES, Member
from community.roles import Role


class StaffCardAdminForm(WagtailAdminModelForm):
    spoken_languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=SPOKEN_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if isinstance(photo, UploadedFile):
            return services.staff_photo_process(photo, "staff")
        return photo

    def clean_member(self):
        member = self.cleaned_data.get("member")
        if member is not None and not (member.has_role(Role.STAFF) or member.is_superuser):
            raise forms.ValidationError(
                _("Give this member the Staff role (in Users) before creating their card.")
            )
        return member


DISPLAY_NAME_HELP = _("The member's public name, shown on everything they write.")


class MemberFormMixin:
    """What the admin asks of an account: members are known by their display name, so there is
    no first and last name to invent. Only an administrator makes someone an administrator."""

    first_name = None
    last_name = None

    def __init__(self, *args, can_make_admins=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].help_text = DISPLAY_NAME_HELP
        if not can_make_admins and "is_superuser" in self.fields:
            self.fields["is_superuser"].disabled = True
            self.fields["is_superuser"].help_text = _(
                "Only an administrator can make someone an administrator."
            )

    def clean_display_name(self):
        return display_name_clean(self.cleaned_data["display_name"])


MEMBER_FIELDS = ["email", "display_name", "is_superuser", "groups"]


class MemberCreationForm(MemberFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = MEMBER_FIELDS


class MemberEditForm(MemberFormMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = [*MEMBER_FIELDS, "is_active"]


class MemberNameForm(forms.ModelForm):
    """The name on one's own account page in the admin (Account → Profile): the display name.
    The e-mail address is changed on the site, where it is verified."""

    class Meta:
        model = Member
        fields = ["display_name"]
        help_texts = {"display_name": DISPLAY_NAME_HELP}

    def clean_display_name(self):
        return display_name_clean(self.cleaned_data["display_name"])


CSV_MAX_BYTES = 5 * 1024 * 1024


class CsvImportForm(forms.Form):
    """The upload of a CSV file to import: a .csv name, 5 MB at most, UTF-8 text (with or
    without a byte order mark). Once valid, `text` holds the file's text. Each import gives
    the file its own help (`help_text`)."""

    file = forms.FileField(
        label=_("CSV file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    help_text = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.help_text

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(
                _("Please choose a CSV file (a name ending in .csv)."), code="not_csv"
            )
        if upload.size > CSV_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB. Split it into smaller files."), code="too_big"
            )
        content = upload.read()
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = None
        if text is None or "\x00" in text:
            raise forms.ValidationError(
                _(
                    "This file is not UTF-8 text. Save it from your spreadsheet as "
                    "“CSV UTF-8” and try again."
                ),
                code="not_text",
            )
        self.text = text
        return upload
