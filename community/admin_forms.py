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
