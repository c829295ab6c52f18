"""The background erasure of an account."""

from django_tasks import task

from community.account_deletion.services import deletion_run


@task()
def erase_account(*, deletion_id: int):
    """Erase the account of one deletion; the only argument is the deletion's number."""
    deletion_run(deletion_id)
