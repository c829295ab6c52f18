"""Taking something a named member of staff looks after, and handing it to a colleague with a note.

A question and a private conversation (`community.models.staff.Owned`) change hands the same
way: the owner, their staff card and the date are set, the step goes on the thing's timeline (a
`StaffStep`), and the colleague it goes to is told who handed it over and why. A feature says
what differs in a subclass of `Ownership` (how its row is saved, its timeline, its notification
and its words) and keeps around these steps its own locking, permission checks and who else
hears. Callers run inside their service's transaction.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from community import permissions
from community.models.staff import HAND_OVER_NOTE_MAX_LENGTH, StaffCard
from community.names import acting_name


@dataclass(frozen=True)
class HandedOver:
    """What a hand-over did, for the feature to tell the other people concerned."""

    to_card: StaffCard
    note: str
    from_name: str


class Ownership:
    """How one kind of thing changes hands. A feature subclasses it and sets:

    - `taken` and `handed_over`: the kinds of the steps on its timeline;
    - `handed_to_you`: the `NotificationKind` that tells the colleague (params `from_name`,
      `note`);
    - `already_yours` and `note_required`: its refusals of a hand-over, in its own words;

    and gives `save_owner`, `record`, `tell` and `can_receive` (and `refuse_colleague` when some
    colleagues cannot receive it)."""

    taken = ""
    handed_over = ""
    handed_to_you = None
    already_yours = ""
    note_required = ""

    def save_owner(self, thing, now, **fields) -> None:
        """Write `fields` (the owner, their card and `owned_since`) on the thing's row."""
        raise NotImplementedError

    def record(self, thing, kind, actor, **fields):
        """Add a step to the thing's timeline."""
        raise NotImplementedError

    def tell(self, recipient, kind, thing, *, actor, params) -> None:
        """Notify `recipient` of a step, with the feature's own params added."""
        raise NotImplementedError

    def can_receive(self, member) -> bool:
        """Whether `member` may be handed the thing (the feature's permission)."""
        raise NotImplementedError

    def refuse_colleague(self, thing, to_member) -> str:
        """Why `to_member` cannot receive the thing, beyond the checks every kind makes."""
        return ""

    def take(self, actor, thing) -> StaffCard:
        """`actor` takes the thing on, under their staff card; returns the card."""
        card = permissions.active_staff_card(actor)
        now = timezone.now()
        self.save_owner(thing, now, owner=actor, owner_card=card, owned_since=now)
        self.record(thing, self.taken, actor)
        return card

    def hand_over(self, actor, thing, *, to_member, note: str) -> HandedOver:
        """The owner hands the thing to a colleague with a note: the timeline keeps it with
        both names, and the colleague is told who handed it over and why."""
        note = (note or "").strip()
        errors = {}
        if to_member is None or not self.can_receive(to_member):
            errors["to_member"] = _("Please choose a member of staff with an active staff card.")
        elif to_member.pk == actor.pk:
            errors["to_member"] = self.already_yours
        elif refusal := self.refuse_colleague(thing, to_member):
            errors["to_member"] = refusal
        if not note:
            errors["note"] = self.note_required
        elif len(note) > HAND_OVER_NOTE_MAX_LENGTH:
            errors["note"] = _("Please keep the note to %(count)s characters or fewer.") % {
                "count": HAND_OVER_NOTE_MAX_LENGTH
            }
        if errors:
            raise ValidationError(errors)
        to_card = permissions.active_staff_card(to_member)
        now = timezone.now()
        self.save_owner(thing, now, owner=to_member, owner_card=to_card, owned_since=now)
        self.record(thing, self.handed_over, actor, to_member=to_member, to_card=to_card, note=note)
        from_name = acting_name(actor)
        self.tell(
            to_member,
            self.handed_to_you,
            thing,
            actor=actor,
            params={"from_name": from_name, "note": note},
        )
        return HandedOver(to_card=to_card, note=note, from_name=from_name)
