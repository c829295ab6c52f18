"""The demo's steps: what each app adds to the demo site and to a scaled community.

The ground floor seeds what it owns (products, teams, staff, members, pages, the promises'
settings); each app seeds its own content from a step declared beside its models and
registered from its `AppConfig.ready()`:

    # reviews/apps.py
    def ready(self):
        demo.register(*DEMO_STEPS)

`seed_demo()` runs every step's `seed(context)` in `order`, with a `DemoContext`; the scaled
community (`community.demo.scale.ScaleSeeder`) runs every step's `scale(seeder)` in the same
order, with the seeder (its scale, its random generator, the products and members it made),
and `counters_are_exact()` adds up every step's `checks()`. A step may have any of the three.
"""

from collections.abc import Callable
from dataclasses import dataclass

from community.models import Member


@dataclass(frozen=True)
class DemoStep:
    key: str
    seed: Callable | None = None
    order: int = 100
    scale: Callable | None = None
    checks: Callable | None = None


@dataclass
class DemoContext:
    """What each step of `seed_demo()` is given: the site's entry pages (`SitePages`), the
    English and French locales, and the result, which counts what the steps make."""

    pages: object
    locales: dict
    result: object

    def members(self) -> dict:
        """Every member, by e-mail address."""
        return {member.email: member for member in Member.objects.all()}


_steps: dict[str, DemoStep] = {}


def register(*steps: DemoStep) -> None:
    for step in steps:
        _steps[step.key] = step


def steps() -> list[DemoStep]:
    """The registered steps, in the order they run."""
    return sorted(_steps.values(), key=lambda step: (step.order, step.key))
