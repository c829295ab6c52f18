"""Forms used by the Wagtail admin for the community's own models."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from community import services
from community.models import SPOKEN_LANGUAGES
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
