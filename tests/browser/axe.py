"""The accessibility check every browser test uses: axe, failing on serious or critical issues."""

from axe_playwright_python.sync_playwright import Axe

BLOCKING_IMPACTS = ("serious", "critical")


def assert_no_serious_violations(page):
    violations = [
        violation
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert not violations, f"axe on {page.url}:\n" + "\n".join(map(_describe, violations))


def _describe(violation):
    targets = "".join(f"\n      {node['target']}" for node in violation["nodes"])
    return (
        f"  {violation['id']} ({violation['impact']}): {violation['help']}\n"
        f"    {violation['helpUrl']}{targets}"
    )
