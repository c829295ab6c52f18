"""Signal handlers of the reviews room: they only call a service."""

import logging

from django.db import DatabaseError

from reviews.orders import orders_claim
from reviews.tasks import sweep_chain_start

logger = logging.getLogger(__name__)


def claim_orders_on_verification(sender, request, email_address, **kwargs):
    """A member verified an address: the orders a shop sent to it become theirs, and make
    them a verified owner of what they bought."""
    orders_claim(email_address.user)


def start_invitation_sweep(sender, **kwargs):
    """After `migrate` (which every release runs), start the hourly sweep of review
    invitations when the task worker can run it and none is waiting."""
    try:
        sweep_chain_start()
    except DatabaseError:
        logger.warning("The sweep of review invitations could not be started yet.", exc_info=True)
