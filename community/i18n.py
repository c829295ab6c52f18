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


def site_language(code) -> str:
    """`code` as one of the site's languages ("fr-CA" → "fr"), or the default one."""
    code = (code or "").split("-")[0]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def member_language(member) -> str:
    """The language a member chose for the site and its e-mails: part of their account."""
    return site_language(getattr(member, "preferred_language", None))


def remember_language(response, language: str):
    """Set the language cookie on `response`, as the language switcher does: from then on the
    address alone decides, and a signed-out visit to an English address is not redirected."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def in_each_language(value_for) -> dict[str, str]:
    """{language: text} of `value_for()` worked out with each site language active.

    For what is stored to be read later by someone whose language is not known yet, or may
    change (a notification's parameters): a status's name, a role title, a reason's label.
    `translated` reads it back in the reader's language.
    """
    values = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            values[code] = str(value_for())
    return values


def translated(value):
    """A value made by `in_each_language`, in the active language (the default language's when
    it has none); any other value as it is."""
    if not isinstance(value, dict):
        return value
    return value.get(current_language()) or value.get(settings.LANGUAGE_CODE) or ""
