"""Management commands of the ground floor: backups, promises, demo content, deletions, webhooks."""
