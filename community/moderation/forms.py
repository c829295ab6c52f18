"""Forms of moderation: a moderator's decision, an appeal and its decision, and the filters of
the queue and the audit log. They check what was typed; the services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.content_kinds import MEMBER
from community.models import GUIDELINE_REASONS, Decision, ModerationReason, QueueItem
from community.moderation import kinds

ACTION_LABELS = {
    Decision.Action.PUBLISH: _("Publish: it breaks no guideline (the reports are dismissed)"),
    Decision.Action.HIDE: _("Hide: only its author and moderators see it"),
    Decision.Action.EDIT: _("Edit: change the text and publish it, with a visible note"),
    Decision.Action.DELETE: _("Delete it"),
    Decision.Action.UPHOLD: _("Uphold the reports (then suspend the member if needed)"),
    Decision.Action.DISMISS: _("Dismiss the reports"),
}
REASON_MAX_LENGTH = 1000
EDIT_FIELD_LABELS = {
    "title": _("Title"),
    "body": _("Text"),
    "text": _("Text"),
    "pros": _("Pros"),
    "cons": _("Cons"),
}


class DecisionForm(forms.Form):
    """A moderator decides, with the reason the author will read."""

    action = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a decision.")},
    )
    reason_code = forms.ChoiceField(
        label=_("Guideline broken"),
        required=False,
        choices=[("", _("— none: it is published —"))]
        + [(code.value, code.label) for code in GUIDELINE_REASONS]
        + [(ModerationReason.AUTHOR_REQUEST.value, ModerationReason.AUTHOR_REQUEST.label)],
        help_text=_(
            "Needed to hide, edit or delete. A negative opinion is never a reason: an "
            "unfavourable review stays. Its author's request is a reason to delete only."
        ),
    )
    reason = forms.CharField(
        label=_("Reason the author will read"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": REASON_MAX_LENGTH}),
        error_messages={"required": _("Please write the reason the author will read.")},
    )

    def __init__(self, *args, target, **kwargs):
        super().__init__(*args, **kwargs)
        kind = kinds.kind_of(target)
        actions = (
            (Decision.Action.UPHOLD, Decision.Action.DISMISS)
            if kind is MEMBER
            else (
                Decision.Action.PUBLISH,
                Decision.Action.HIDE,
                Decision.Action.EDIT,
                Decision.Action.DELETE,
            )
        )
        self.fields["action"].choices = [
            (action.value, ACTION_LABELS[action]) for action in actions
        ]
        self.edit_field_names = []
        for name in kind.edit_fields:
            field_name = f"edit_{name}"
            multiline = name != "title"
            self.fields[field_name] = forms.CharField(
                label=EDIT_FIELD_LABELS[name],
                required=False,
                initial=getattr(target, name, ""),
                widget=forms.Textarea(attrs={"rows": 6}) if multiline else forms.TextInput(),
                help_text=_("Used only when the decision is “Edit”."),
            )
            self.edit_field_names.append(field_name)

    def edits(self) -> dict:
        return {
            name.removeprefix("edit_"): self.cleaned_data.get(name, "")
            for name in self.edit_field_names
        }


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Why should the decision change?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 2000}),
        help_text=_(
            "You can appeal once. A moderator other than the one who decided will read it and "
            "tell you the outcome, with the reasons."
        ),
        error_messages={"required": _("Please explain why the decision should change.")},
    )


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        widget=forms.RadioSelect,
        choices=[
            ("uphold", _("Uphold: reverse the decision")),
            ("reject", _("Reject: the decision stands")),
        ],
        error_messages={"required": _("Please choose an outcome.")},
    )
    statement = forms.CharField(
        label=_("Statement of reasons the member will read"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        error_messages={"required": _("Please write the statement of reasons.")},
    )


class QueueFilterForm(forms.Form):
    cause = forms.ChoiceField(
        label=_("Why it is here"),
        required=False,
        choices=[("", _("All"))] + list(QueueItem.Cause.choices),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=lambda: (
            [("", _("All"))] + [(kind.key, kind.label) for kind in kinds.moderated_kinds()]
        ),
    )
    mine = forms.BooleanField(label=_("Claimed by me"), required=False)


class AuditFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_(
            "A member's name, handle or e-mail address, a reason, a target or a reference."
        ),
    )
    action = forms.ChoiceField(label=_("Action"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All"))] + list(actions)


def reason_label(code) -> str:
    return ModerationReason(code).label if code in ModerationReason.values else code
