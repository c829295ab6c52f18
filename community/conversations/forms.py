"""Forms of private conversations and staff notes. They check input and keep what was typed;
services write, and a service's own errors land on the same fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.conversations import selectors
from community.conversations.models import (
    CONVERSATION_MESSAGE_MAX_LENGTH,
    CONVERSATION_SUBJECT_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
)
from community.forms import MARKDOWN_HELP, BaseHandOverForm

TOO_LONG = _("Please keep it to %(limit_value)s characters or fewer (it has %(show_value)s).")


def _text_field(label, max_length, required_message, *, help_text="", rows=6):
    return forms.CharField(
        label=label,
        max_length=max_length,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": max_length}),
        help_text=help_text,
        error_messages={"required": required_message, "max_length": TOO_LONG},
    )


def _subject_field():
    return forms.CharField(
        label=_("Subject"),
        max_length=CONVERSATION_SUBJECT_MAX_LENGTH,
        widget=forms.TextInput(attrs={"maxlength": CONVERSATION_SUBJECT_MAX_LENGTH}),
        error_messages={
            "required": _("Please give the conversation a subject."),
            "max_length": TOO_LONG,
        },
    )


class OpenForm(forms.Form):
    """A member's first message to staff, with a subject taken from their thread."""

    subject = _subject_field()
    body = _text_field(
        _("Your message"),
        CONVERSATION_MESSAGE_MAX_LENGTH,
        _("Please write your message."),
        help_text=_(
            "Only you and our staff will read it: you can give your order number or address "
            "here. Markdown works: **bold**, _italic_, lists and [links](https://example.com)."
        ),
        rows=8,
    )


class ComplaintForm(forms.Form):
    """Staff turn a review into a private conversation: the first private message, and the
    public response the review gets."""

    subject = _subject_field()
    body = _text_field(
        _("Your first private message"),
        CONVERSATION_MESSAGE_MAX_LENGTH,
        _("Please write your message."),
        help_text=_("Only the reviewer and staff read it. Say what you need to put it right."),
        rows=8,
    )
    response_text = _text_field(
        _("Public response on the review"),
        3000,
        _("Please write the public response that says you are on it."),
        help_text=_(
            "Everyone reads it under the review, signed with your staff card. It replaces any "
            "earlier response."
        ),
        rows=4,
    )


class MessageForm(forms.Form):
    body = _text_field(
        _("Your message"),
        CONVERSATION_MESSAGE_MAX_LENGTH,
        _("Please write your message."),
        help_text=MARKDOWN_HELP,
        rows=6,
    )


class HandOverForm(BaseHandOverForm):
    """Handing a conversation to a colleague, with a note that both they and the member read."""

    note_help_text = _("Why this colleague, and what they need to know. The member sees it too.")
    note_required = _("Please write a short note for your colleague and the member.")
    note_too_long = TOO_LONG
    colleagues = staticmethod(selectors.colleagues)


class SummaryForm(forms.Form):
    text = _text_field(
        _("Public summary"),
        SUMMARY_MAX_LENGTH,
        _("Please write the summary you would like to post."),
        help_text=_(
            "The member reads this exact text and decides whether it may be posted. Leave out "
            "anything private: order numbers, addresses, names."
        ),
        rows=6,
    )


class NoteForm(forms.Form):
    text = _text_field(
        _("Note"),
        NOTE_MAX_LENGTH,
        _("Please write the note."),
        help_text=_(
            "Only staff read it here; the member sees it with their personal data. Write what a "
            "colleague needs so that nobody asks the member again."
        ),
        rows=3,
    )
