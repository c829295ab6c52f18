"""Fields that hold one value per site language, read in the active language."""

from django.conf import settings
from django.utils import translation


def current_language() -> str:
    """The active site language as a bare code ("fr"), or the default one."""
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


class TranslatedField:
    """Reads `<name>_<language>` for the active language, falling back to the default one.

    Used for short labels that admins type in each language (team names, role titles,
    statuses), where a translated copy of the whole object would be heavier than the value.
    """

    def __init__(self, name):
        self.name = name

    def __get__(self, instance, owner):
        if instance is None:
            return self
        language = current_language()
        value = getattr(instance, f"{self.name}_{language}", "")
        return value or getattr(instance, f"{self.name}_{settings.LANGUAGE_CODE}")
