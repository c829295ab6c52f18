"""The permission matrix: every view that changes something, against every role.

Each app declares, in its `permission_rules.py`, who may use each of its addresses that accept
a POST (or PUT, PATCH, DELETE): a `Rule` per URL name, naming the permission function that
decides it. `state_changing_views()` walks the URL resolver for the addresses that accept such
a method, so that an address nobody declared is noticed; `markdown()` writes the matrix that
`manage.py permission_matrix` keeps in `docs/permissions.md`; and
`tests/community/test_permission_matrix.py` requests every address as every role and compares
what it sees with what is declared. A probe and a reader can then tell intended from
accidental.

The ground floor names no feature: apps fill the registry, found the way the Django admin finds
`admin.py` (`autodiscover_modules("permission_rules")`).
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.module_loading import autodiscover_modules


class Outcome(StrEnum):
    """What a role gets when it sends the form (an empty or incomplete one: "allowed" means the
    view let it through to its form or its action, which may still ask for more)."""

    ALLOWED = "yes"
    LOG_IN = "log in"
    REFUSED = "403"
    NOT_FOUND = "404"


# The roles, in the matrix's order, with the heading each column has in the document.
ROLES = {
    "visitor": "visitor",
    "unverified": "unverified member",
    "member": "member",
    "author": "asker or author",
    "suspended": "suspended member",
    "moderator": "moderator",
    "staff": "staff",
    "product": "product team",
    "admin": "site admin",
}

# Groups of roles that rules share.
WRITERS = frozenset({"member", "author", "moderator", "staff", "product", "admin"})
MEMBERS = WRITERS | {"unverified", "suspended"}
EVERYONE = MEMBERS | {"visitor"}
# Staff with an active staff card: the staff fixture's role (community.permissions).
STAFF = frozenset({"staff"})
MODERATORS = frozenset({"moderator"})
ADMIN = frozenset({"admin"})

# Where the test finds the document and where the command writes it.
DOCUMENT = "docs/permissions.md"
# The packages whose views the matrix covers (the Wagtail admin's own views are Wagtail's).
PACKAGES = ("community", "reviews", "ideas", "search")
STATE_CHANGING = frozenset({"post", "put", "patch", "delete"})


@dataclass(frozen=True)
class Rule:
    """Who may use one address that changes something.

    `allowed` get through; a visitor gets `visitor` (sent to log in, unless the address works
    without an account); `hidden` get a 404 (what they may not see does not exist for them);
    everyone else a 403. `target` names what the address is about (a question, an answer...),
    so that the matrix test can build one; `why` names the rule in the code.
    """

    url_name: str
    action: str
    target: str
    allowed: frozenset
    why: str
    hidden: frozenset = field(default_factory=frozenset)
    visitor: Outcome = Outcome.LOG_IN
    area: str = ""

    def outcome(self, role: str) -> Outcome:
        if role == "visitor":
            return self.visitor
        if role in self.allowed:
            return Outcome.ALLOWED
        if role in self.hidden:
            return Outcome.NOT_FOUND
        return Outcome.REFUSED


_rules: dict[str, Rule] = {}


def declare(
    area: str,
    url_name: str,
    action: str,
    *,
    target: str,
    allowed,
    why: str,
    hidden=(),
    visitor: Outcome = Outcome.LOG_IN,
) -> Rule:
    """Declare the rule of the address named `url_name` (namespaced, as `reverse` takes it)."""
    rule = Rule(
        url_name=url_name,
        action=action,
        target=target,
        allowed=frozenset(allowed),
        why=why,
        hidden=frozenset(hidden),
        visitor=visitor,
        area=area,
    )
    if url_name in _rules and _rules[url_name] != rule:
        raise ValueError(f"{url_name} is declared twice")
    _rules[url_name] = rule
    return rule


def rules() -> dict[str, Rule]:
    """Every declared rule, by URL name, once the apps' `permission_rules` are imported."""
    autodiscover_modules("permission_rules")
    return dict(_rules)


@dataclass(frozen=True)
class View:
    url_name: str
    route: str
    methods: tuple


def _methods(callback):
    """The HTTP methods a view answers, lower case, or None when it answers every method."""
    actions = getattr(callback, "actions", None)
    if actions:
        return set(actions)
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return {method for method in view_class.http_method_names if hasattr(view_class, method)}
    function = callback
    while function is not None:
        # `require_http_methods` keeps the list in its wrapper's closure.
        for cell in getattr(function, "__closure__", None) or ():
            value = cell.cell_contents
            if (
                isinstance(value, list | tuple)
                and value
                and all(isinstance(item, str) and item.isupper() for item in value)
            ):
                return {item.lower() for item in value}
        function = getattr(function, "__wrapped__", None)
    return None


def _walk(resolver, prefix="", namespace=None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern, namespace


def state_changing_views() -> dict[str, View]:
    """Every named address of the covered packages whose view accepts a method that changes
    something (a view that restricts no method accepts them all), by URL name. The French
    twins of the addresses share their names and views."""
    found = {}
    for route, pattern, namespace in _walk(get_resolver()):
        module = getattr(pattern.callback, "__module__", "") or ""
        if module.split(".")[0] not in PACKAGES or not pattern.name:
            continue
        methods = _methods(pattern.callback)
        if methods is not None and not methods & STATE_CHANGING:
            continue
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        shown = sorted(methods & STATE_CHANGING) if methods is not None else ["any"]
        found.setdefault(name, View(name, "/" + route.lstrip("^"), tuple(shown)))
    return found


def markdown() -> str:
    """The document: one table per area, a row per address, a column per role."""
    declared = rules()
    views = state_changing_views()
    heading = " | ".join(["action", "address", *ROLES.values(), "decided by"])
    lines = [
        "# Who may change what",
        "",
        "Every address of the site and the API that accepts a POST, PUT, PATCH or DELETE, against",
        "every role. Written by `manage.py permission_matrix` from the rules the apps declare",
        "(`<app>/permission_rules.py`, read by `community/permission_matrix.py`);",
        "`tests/community/test_permission_matrix.py` sends each address as each role and fails",
        "when what happens differs from this page, or when an address is missing from it.",
        "",
        "- **yes**: the view lets the role through to its form or action (bad input is still",
        "  refused, with a message next to the field);",
        "- **log in**: a visitor is sent to log in first;",
        "- **403**: refused, with a page that says why (the Wagtail admin sends members without",
        "  access to its log-in page, which the test counts as a refusal);",
        "- **404**: the role may not see the thing, so for them it does not exist.",
        "",
        "Roles: an *unverified member* has not confirmed their e-mail address; the *asker or",
        "author* wrote the thing the address is about (their own profile, notification or data",
        "for the account pages); a *suspended member* is suspended and not the author; *staff*",
        "have an active staff card; the *site admin* is in the Site admins group (a superuser",
        "may do everything a site admin may).",
        "",
        "The read API (`/api/v1/`) accepts only GET: none of its addresses is here. Two addresses",
        "without a name accept every method and change nothing: uploaded files (`/media/…`) and",
        "the API's “not found”. A few forms read their input before their permission (a vote",
        "without its value is a 400 for everyone); the test sends those the smallest valid form.",
        "",
    ]
    for area in sorted({rule.area for rule in declared.values()}):
        lines += [f"## {area}", "", f"| {heading} |", "|" + "---|" * (len(ROLES) + 3)]
        for name in sorted(
            (name for name, rule in declared.items() if rule.area == area),
            key=lambda name: views[name].route if name in views else name,
        ):
            rule = declared[name]
            route = views[name].route if name in views else "(no address)"
            methods = (
                ", ".join(method.upper() for method in views[name].methods) if name in views else ""
            )
            cells = [str(rule.outcome(role)) for role in ROLES]
            lines.append(
                f"| {rule.action} | `{methods} {route}` | " + " | ".join(cells) + f" | {rule.why} |"
            )
        lines.append("")
    return "\n".join(lines)
