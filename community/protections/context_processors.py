"""What every page needs from the protections: the suspension in force for the member, for the
notice at the top of the page. It is read once per request and shared with `can_write`."""

from community.protections.suspensions import active_suspension


def protections(request):
    return {"suspension": active_suspension(getattr(request, "user", None))}
