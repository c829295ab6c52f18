"""Demo content for a fresh community site, so that every page has something true to show.

`seed_demo()` builds on `ensure_site_structure()` and runs the demo's steps in order
(`community.demo.registry`): first the ground floor's, product categories and products with
their pictures, the three teams, staff with their cards and portraits, customers, the demo
member and the site admin, the FAQ, about and guidelines pages, each in English and French, and
the promises' settings; then each app's own content, from the step it registers in its
`AppConfig.ready()` (`reviews/demo.py`, `ideas/demo.py`, `community/questions/demo.py`, ...).

It is idempotent: everything is looked up (by slug or e-mail address) before it is made, and what
exists is left as it is, so it can run again on a site that already has it. It downloads nothing:
every picture is drawn here with Pillow.
"""

from community.demo.content import ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_EMAIL, DEMO_PASSWORD
from community.demo.promises import seed_promise_settings
from community.demo.registry import DemoContext, DemoStep, register
from community.demo.scale import counters_are_exact, product_checks, scale_ground_floor
from community.demo.seed import DemoSeedResult, seed_demo, seed_ground_floor

# The ground floor's own steps, registered by the community app; the apps' steps come between
# and after them, by `order`.
GROUND_FLOOR_STEPS = (
    DemoStep(
        "community",
        seed=seed_ground_floor,
        order=10,
        scale=scale_ground_floor,
        checks=product_checks,
    ),
    # Before the questions, so that each question asked starts its clock.
    DemoStep("promises", seed=seed_promise_settings, order=45),
)

__all__ = [
    "ADMIN_EMAIL",
    "ADMIN_PASSWORD",
    "DEMO_EMAIL",
    "DEMO_PASSWORD",
    "GROUND_FLOOR_STEPS",
    "DemoContext",
    "DemoSeedResult",
    "DemoStep",
    "counters_are_exact",
    "register",
    "seed_demo",
]
