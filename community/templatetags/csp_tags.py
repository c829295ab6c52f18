"""The page's content security policy nonce, for the inline scripts of the admin's templates."""

from django import template

from community.csp import current_nonce

register = template.Library()


@register.simple_tag
def csp_nonce():
    """The nonce of the page being answered, also where a template has no request (widgets)."""
    return current_nonce()
