"""Starting the weekly summaries after `migrate` (which every release runs)."""

import logging

from django.db import DatabaseError

from community.member_data.digest import digest_schedule_start

logger = logging.getLogger(__name__)


def start_digest_schedule(sender, **kwargs):
    """Start the weekly chain when the task backend can run tasks later and none is alive."""
    try:
        digest_schedule_start()
    except DatabaseError:
        logger.warning("The weekly summaries could not be scheduled yet.", exc_info=True)
