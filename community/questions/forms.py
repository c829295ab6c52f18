"""Forms of questions and answers. They check input and keep what was typed; services write.

Limits repeat the services' checks so that errors show next to the field before anything is
written; a service's own ValidationError lands on the same field (see `views.add_errors`).
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from community.forms import MARKDOWN_HELP, BaseHandOverForm
from community.products import catalogue_products
from community.protections.forms import HoneypotForm
from community.questions import selectors
from community.questions.models import (
    ANSWER_BODY_MAX_LENGTH,
    HAND_OFF_NOTE_MAX_LENGTH,
    QUESTION_BODY_MAX_LENGTH,
    QUESTION_TITLE_MAX_LENGTH,
    QUESTION_TITLE_MIN_LENGTH,
    REPLY_BODY_MAX_LENGTH,
)

EDIT_REASON_MAX_LENGTH = 200


def _body_field(label, max_length, required_message, help_text=MARKDOWN_HELP, rows=8):
    return forms.CharField(
        label=label,
        max_length=max_length,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": max_length}),
        help_text=help_text,
        error_messages={
            "required": required_message,
            "max_length": _(
                "Please keep it to %(limit_value)s characters or fewer (it has %(show_value)s)."
            ),
        },
    )


def _title_field():
    return forms.CharField(
        label=_("Your question"),
        min_length=QUESTION_TITLE_MIN_LENGTH,
        max_length=QUESTION_TITLE_MAX_LENGTH,
        widget=forms.TextInput(
            attrs={"maxlength": QUESTION_TITLE_MAX_LENGTH, "autocomplete": "off"}
        ),
        help_text=_(
            "One sentence, as you would ask a friend: “How do I descale the Aurora?”. "
            "Similar questions appear as you type."
        ),
        error_messages={
            "required": _("Please write your question as a title."),
            "min_length": _(
                "Please say a little more: at least %(limit_value)s characters "
                "(it has %(show_value)s)."
            ),
            "max_length": _(
                "Please keep the title to %(limit_value)s characters or fewer "
                "(it has %(show_value)s)."
            ),
        },
    )


def _reason_field():
    return forms.CharField(
        label=_("What did you change? (optional)"),
        max_length=EDIT_REASON_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"maxlength": EDIT_REASON_MAX_LENGTH}),
        help_text=_("Shown in the public edit history."),
    )


class QuestionForm(HoneypotForm):
    """Asking: the question as a title, the details, and the product or topic it is about.

    `place` is one choice among the products and topics ("product:12", "topic:my-account"), so
    that a question is always about exactly one of them.
    """

    title = _title_field()
    place = forms.ChoiceField(
        label=_("What is it about?"),
        help_text=_("A product, or a topic for everything else."),
        error_messages={
            "required": _("Please choose the product or the topic your question is about."),
            "invalid_choice": _("Please choose the product or the topic your question is about."),
        },
    )
    body = _body_field(
        _("Details"),
        QUESTION_BODY_MAX_LENGTH,
        _("Please describe your question: what happened, and what you tried."),
    )

    def __init__(self, *args, product_titles=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.products = {page.pk: page for page in catalogue_products()}
        self.topics = {topic.slug: topic for topic in selectors.topics()}
        titles = product_titles or {}
        groups = [
            (
                _("Products"),
                [
                    (f"product:{pk}", titles.get(pk, page.title))
                    for pk, page in self.products.items()
                ],
            ),
            (_("Topics"), [(f"topic:{slug}", topic.name) for slug, topic in self.topics.items()]),
        ]
        self.fields["place"].choices = [("", _("Choose…"))] + [
            (label, choices) for label, choices in groups if choices
        ]

    def clean_place(self):
        kind, _sep, key = self.cleaned_data["place"].partition(":")
        if kind == "product" and key.isdigit() and int(key) in self.products:
            return {"product": self.products[int(key)], "topic": None}
        if kind == "topic" and key in self.topics:
            return {"product": None, "topic": self.topics[key]}
        raise forms.ValidationError(self.fields["place"].error_messages["invalid_choice"])


class QuestionEditForm(forms.Form):
    title = _title_field()
    body = _body_field(
        _("Details"),
        QUESTION_BODY_MAX_LENGTH,
        _("Please describe your question: what happened, and what you tried."),
    )
    reason = _reason_field()


class AnswerForm(HoneypotForm):
    body = _body_field(_("Your answer"), ANSWER_BODY_MAX_LENGTH, _("Please write your answer."))


class AnswerEditForm(forms.Form):
    body = _body_field(_("Your answer"), ANSWER_BODY_MAX_LENGTH, _("Please write your answer."))
    reason = _reason_field()

    def __init__(self, *args, is_reply=False, **kwargs):
        super().__init__(*args, **kwargs)
        if is_reply:
            self.fields["body"] = _body_field(
                _("Your reply"), REPLY_BODY_MAX_LENGTH, _("Please write your reply."), rows=4
            )


class ReplyForm(HoneypotForm):
    body = _body_field(
        _("Your reply"), REPLY_BODY_MAX_LENGTH, _("Please write your reply."), rows=4
    )


class HandOffForm(BaseHandOverForm):
    """Handing a question to a colleague: who, and a note the thread shows with both names."""

    note_help_text = _(
        "Why this colleague, and what they need to know. The asker and followers see it."
    )
    note_required = _("Please write a short note for your colleague and the asker.")
    note_too_long = _(
        "Please keep the note to %(limit_value)s characters or fewer (it has %(show_value)s)."
    )
    colleagues = staticmethod(selectors.staff_for_hand_off)


QUESTION_ADDRESS_RE = re.compile(r"(?:^|/)questions/(\d+)(?:/|$)")


class DuplicateForm(forms.Form):
    """The question this one duplicates: its number, or its address copied from the browser."""

    original = forms.CharField(
        label=_("The question that already has the answers"),
        max_length=500,
        help_text=_("Its number (for example 42) or its address."),
        error_messages={"required": _("Please give the number or address of the other question.")},
    )

    def clean_original(self):
        value = self.cleaned_data["original"].strip()
        match = QUESTION_ADDRESS_RE.search(value)
        number = match.group(1) if match else value.lstrip("#")
        if not number.isdigit():
            raise forms.ValidationError(
                _("Please give the number or address of the other question.")
            )
        question = selectors.standing_questions().filter(pk=int(number)).first()
        if question is None:
            raise forms.ValidationError(_("No question has this number."))
        return question


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=HAND_OFF_NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": HAND_OFF_NOTE_MAX_LENGTH}),
    )
