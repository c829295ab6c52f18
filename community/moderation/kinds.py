"""What moderation needs to know about each kind of content, in one table.

Reviews keep their state in `status`; questions, answers, replies, ideas and comments in
`moderation_state` (the same three values). Each kind says which fields a moderator may edit,
where it stands in its thread, how its parent's counters move when it enters or leaves the
public, and how to announce it (followers, mentions) when content held from the start is
published for the first time. The services work through this table, never on one model.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from community.markdown import plain_text

EXCERPT_WORDS = 12


@dataclass(frozen=True)
class Kind:
    key: str
    label: object
    model_label: str
    state_field: str = "moderation_state"
    text_field: str = "body"
    edit_fields: tuple = ("body",)
    has_title: bool = False
    parent_field: str = ""
    counter_move: Callable | None = None
    announce: Callable | None = None
    soft_delete: bool = True

    @property
    def model(self):
        return apps.get_model(self.model_label)


def _answer_counts(answer, delta: int) -> None:
    """An answer (not a reply) in or out of the public moves its question's answer count; an
    answer leaving the public stops being the solution, as when it is deleted."""
    if answer.parent_id is not None:
        return
    from community.models import Question, QuestionStatus
    from community.products import refresh_product_stats

    fields = {"answer_count": F("answer_count") + delta}
    question = answer.question
    if delta < 0 and question.solution_id == answer.pk:
        fields.update(solution=None, status=QuestionStatus.OPEN, solved_at=None, closed_at=None)
    Question.objects.filter(pk=answer.question_id).update(**fields)
    if "status" in fields:
        refresh_product_stats([question.product_id], kinds=("questions",))


def _comment_counts(comment, delta: int) -> None:
    if comment.is_internal:
        return
    from ideas.models import Idea

    Idea.objects.filter(pk=comment.idea_id).update(comment_count=F("comment_count") + delta)


def _announce_question(question):
    from community.questions.services.questions import question_announce

    question_announce(question)


def _announce_answer(answer):
    from community.questions.services.answers import answer_announce

    answer_announce(answer)


def _announce_idea(idea):
    from ideas.services.ideas import idea_announce

    idea_announce(idea)


def _announce_comment(comment):
    from ideas.services.comments import comment_announce

    comment_announce(comment)


REVIEW = Kind(
    key="review",
    label=_("review"),
    model_label="reviews.Review",
    state_field="status",
    text_field="text",
    edit_fields=("title", "text", "pros", "cons"),
    has_title=True,
    parent_field="product",
    soft_delete=False,
)
QUESTION = Kind(
    key="question",
    label=_("question"),
    model_label="community.Question",
    edit_fields=("title", "body"),
    has_title=True,
    announce=_announce_question,
)
ANSWER = Kind(
    key="answer",
    label=_("answer"),
    model_label="community.Answer",
    parent_field="question",
    counter_move=_answer_counts,
    announce=_announce_answer,
)
IDEA = Kind(
    key="idea",
    label=_("idea"),
    model_label="ideas.Idea",
    edit_fields=("title", "body"),
    has_title=True,
    announce=_announce_idea,
)
COMMENT = Kind(
    key="comment",
    label=_("comment"),
    model_label="ideas.Comment",
    parent_field="idea",
    counter_move=_comment_counts,
    announce=_announce_comment,
)
MEMBER = Kind(
    key="member",
    label=_("member"),
    model_label="community.Member",
    state_field="",
    text_field="bio",
    edit_fields=(),
    soft_delete=False,
)

CONTENT_KINDS = (REVIEW, QUESTION, ANSWER, IDEA, COMMENT)
KINDS = (*CONTENT_KINDS, MEMBER)


def kind_of(target) -> Kind:
    """The kind of a moderated object; raises KeyError for anything else."""
    label = target._meta.label
    for kind in KINDS:
        if kind.model_label == label:
            return kind
    raise KeyError(label)


def kind_for_content_type(content_type) -> Kind | None:
    label = f"{content_type.app_label}.{content_type.model_class().__name__}"
    for kind in KINDS:
        if kind.model_label == label:
            return kind
    return None


def is_moderated(target) -> bool:
    try:
        kind_of(target)
    except KeyError:
        return False
    return True


def is_member(target) -> bool:
    return kind_of(target) is MEMBER


def content_types() -> dict:
    """{content type id: kind} for every moderated kind, in one query (cached by Django)."""
    models = [kind.model for kind in KINDS]
    found = ContentType.objects.get_for_models(*models)
    return {found[kind.model].pk: kind for kind in KINDS}


def state_of(target) -> str:
    return getattr(target, kind_of(target).state_field)


def is_reply(target) -> bool:
    return getattr(target, "parent_id", None) is not None


def kind_label(target):
    """What to call it: "reply" for answers and comments under another one."""
    kind = kind_of(target)
    if kind is ANSWER and is_reply(target):
        return _("reply")
    if kind is COMMENT and is_reply(target):
        return _("reply")
    return kind.label


def title_of(target) -> str:
    """A short name for the content: its title, or the start of its text."""
    kind = kind_of(target)
    if kind is MEMBER:
        return target.display_name
    if kind.has_title and target.title:
        return target.title
    text = getattr(target, kind.text_field, "") or ""
    return Truncator(plain_text(text) if kind.text_field == "body" else text).words(EXCERPT_WORDS)


def author_of(target):
    if kind_of(target) is MEMBER:
        return target
    return target.author


def parent_of(target):
    """The content it belongs to (the question of an answer, the idea of a comment)."""
    field = kind_of(target).parent_field
    return getattr(target, field) if field else None


def url_of(target) -> str:
    return target.get_absolute_url()


def is_deleted(target) -> bool:
    return getattr(target, "deleted_at", None) is not None
