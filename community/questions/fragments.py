"""Each answer's heading, byline, moderation note and body, rendered once and shared by readers.

Most of a question page's time went to the template: every reader's render formatted the same
bylines, dates and bodies again. That part of an answer is the same for everyone who may see it
(a visitor, the asker, any member), so it is kept in the cache as HTML and the page only renders
what is personal around it (votes, the solution button, edit, delete, report, replies).

A fragment is found by what it shows: the answer's version (its edits, moderation and whether it
is the solution), the language, and the *profile generation* of the members it names (the author,
and the moderator who edited it). A member's generation is a token in the cache, replaced when
they or their staff card are saved (`receivers.py`), so a new name, avatar, staff card or an
erasure shows at once without finding every fragment that names them. Staff readers see a link to
the author's member page in the byline: they have fragments of their own.

Only published answers are kept: a held or hidden answer's note depends on who reads it. When the
cache is down, every answer is rendered, as before (`community.outages`).
"""

import time

from django.core.cache import cache
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import mark_safe

from community.models import ModerationState
from community.moderation.permissions import can_see
from community.permissions import is_staff_member

SHARED_TEMPLATE = "community/questions/includes/answer_shared.html"
FRAGMENT_KEY = "questions:answer-fragment"
GENERATION_KEY = "questions:profile-generation"
# Fragments of answers nobody reads any more leave the cache on their own.
FRAGMENT_SECONDS = 60 * 60 * 24


def _generation_key(member_id) -> str:
    return f"{GENERATION_KEY}:{member_id}"


def new_profile_generation(member_id) -> None:
    """Retire every fragment that shows this member's name, avatar or staff card."""
    cache.set(_generation_key(member_id), time.time_ns(), None)


def _profile_generations(member_ids) -> dict:
    """The generation of each member, starting one for members the cache does not know (never
    0: a generation lost from the cache must not bring back fragments made before a change)."""
    keys = {_generation_key(member_id): member_id for member_id in member_ids}
    found = cache.get_many(keys)
    started = {key: time.time_ns() for key in keys if key not in found}
    for key, generation in started.items():
        # Another process may have started the same member's generation meanwhile: theirs wins,
        # ours only costs a render the next time.
        cache.add(key, generation, None)
    return {keys[key]: generation for key, generation in {**found, **started}.items()}


def _stamp(moment) -> int:
    return int(moment.timestamp() * 1_000_000) if moment else 0


def _version(answer) -> str:
    """What, on the answer itself, changes its shared part."""
    return "-".join(
        str(part)
        for part in (
            _stamp(answer.created_at),
            _stamp(answer.edited_at),
            answer.edit_count,
            _stamp(answer.moderator_edited_at),
            answer.author_card_id or 0,
            int(answer.is_solution),
        )
    )


def _is_shared(answer) -> bool:
    return not answer.is_deleted and answer.moderation_state == ModerationState.PUBLISHED


def render_shared(answer, context) -> str:
    """The shared part of one answer, as every page showed it before it was kept."""
    return get_template(SHARED_TEMPLATE).render({**context, "answer": answer})


def attach_shared_html(answers, request) -> None:
    """Give each answer its `shared_html`: from the cache where it is kept, else rendered (and
    kept, when it is published). One read and one write to the cache for the whole page."""
    viewer = request.user
    language = translation.get_language()
    variant = "staff" if is_staff_member(viewer) else "all"
    context = {"request": request, "user": viewer, "current_language": language}
    shared = [answer for answer in answers if _is_shared(answer)]
    generations = _profile_generations(
        {answer.author_id or 0 for answer in shared}
        | {answer.moderator_edited_by_id for answer in shared if answer.moderator_edited_by_id}
    )
    keys = {
        answer.pk: ":".join(
            str(part)
            for part in (
                FRAGMENT_KEY,
                answer.pk,
                _version(answer),
                language,
                variant,
                generations[answer.author_id or 0],
                generations.get(answer.moderator_edited_by_id, 0),
            )
        )
        for answer in shared
    }
    kept = cache.get_many(keys.values())
    missed = {}
    for answer in answers:
        key = keys.get(answer.pk)
        if key in kept:
            answer.shared_html = mark_safe(kept[key])
            continue
        # Deleted answers, and answers hidden from this reader, show a placeholder instead.
        visible = not answer.is_deleted and can_see(viewer, answer)
        answer.shared_html = render_shared(answer, context) if visible else ""
        if key is not None:
            missed[key] = answer.shared_html
    if missed:
        cache.set_many(missed, FRAGMENT_SECONDS)
