"""Demo content for a fresh community site, so that every page has something true to show.

`seed_demo()` builds on `ensure_site_structure()`: product categories and products with their
pictures, the three teams, staff with their cards and portraits, customers, the demo member and
the site admin, and the FAQ, about and guidelines pages, each in English and French.

It is idempotent: everything is looked up (by slug or e-mail address) before it is made, and what
exists is left as it is, so it can run again on a site that already has it. It downloads nothing:
every picture is drawn here with Pillow.
"""

from community.demo.content import ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_EMAIL, DEMO_PASSWORD
from community.demo.seed import DemoSeedResult, seed_demo

__all__ = [
    "ADMIN_EMAIL",
    "ADMIN_PASSWORD",
    "DEMO_EMAIL",
    "DEMO_PASSWORD",
    "DemoSeedResult",
    "seed_demo",
]
