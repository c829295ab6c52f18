"""Markdown that members write is rendered safely: nothing they type can run in a reader's page."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from community.markdown import (
    ALLOWED_TAGS,
    mentioned_handles,
    mentioned_members,
    plain_text,
    render_markdown,
)
from tests.factories import MemberFactory

# Each attempt is written the way an attacker would type it into a question, an answer or an idea.
XSS_ATTEMPTS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<a href="#" onclick="alert(1)">click</a>',
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](%6A%61%76%61%73%63%72%69%70%74:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    '![x](https://example.com/a.png "title" onerror="alert(1)")',
    "<javascript:alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '[a](https://example.com" onmouseover="alert(1))',
    "``` \n</code><script>alert(1)</script>\n```",
    "<object data=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>go</button></form>",
]

# A relative address (no scheme, as a browser parses it) is safe too.
SAFE_SCHEMES = {"http", "https", "mailto", ""}


class _ElementCollector(HTMLParser):
    """Every element and attribute a browser would build from the rendered HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements_of(html):
    collector = _ElementCollector()
    collector.feed(html)
    return collector.elements


def assert_harmless(html):
    for tag, attributes in elements_of(html):
        assert tag in ALLOWED_TAGS, f"<{tag}> survived in {html!r}"
        for name, value in attributes.items():
            assert not name.startswith("on"), f"{name} survived in {html!r}"
            assert name != "style", f"style survived in {html!r}"
            if name in ("href", "src"):
                assert urlsplit(value.strip()).scheme.lower() in SAFE_SCHEMES, (
                    f"{value!r} in {html!r}"
                )


@pytest.mark.django_db
@pytest.mark.parametrize("attempt", XSS_ATTEMPTS)
def test_an_attack_renders_as_harmless_text(attempt):
    assert_harmless(render_markdown(attempt))


@pytest.mark.django_db
def test_the_collector_would_see_an_attack_that_got_through():
    """The check above can fail: raw attack HTML, unrendered, is caught by it."""
    with pytest.raises(AssertionError):
        assert_harmless('<a href="javascript:alert(1)">x</a>')
    with pytest.raises(AssertionError):
        assert_harmless("<img src=x onerror=alert(1)>")


@pytest.mark.django_db
def test_links_get_nofollow_ugc_and_keep_their_address():
    html = render_markdown("[our manual](https://example.com/manual?page=2)")
    assert '<a href="https://example.com/manual?page=2" rel="nofollow ugc">our manual</a>' in html


@pytest.mark.django_db
def test_code_blocks_keep_their_text_and_language():
    html = render_markdown("```python\nif a < b:\n    print('<b>')\n```")
    assert '<pre><code class="language-python">' in html
    assert "if a &lt; b:" in html
    assert "print('&lt;b&gt;')" in html


@pytest.mark.django_db
def test_headings_start_below_the_page_heading():
    html = render_markdown("# Big\n\n## Smaller")
    assert "<h3>Big</h3>" in html
    assert "<h4>Smaller</h4>" in html
    assert "<h1" not in html


@pytest.mark.django_db
def test_a_mention_of_an_existing_member_links_to_their_page():
    MemberFactory(display_name="Lucas Bernard", handle="lucas-bernard")
    html = render_markdown("Thanks @lucas-bernard, and @nobody-here.")
    assert '<a href="/members/lucas-bernard/" class="mention" rel="nofollow ugc">' in html
    assert "@nobody-here" in html
    assert 'href="/members/nobody-here/"' not in html


@pytest.mark.django_db
def test_mentions_in_code_links_and_email_addresses_are_not_mentions():
    MemberFactory(handle="ana")
    text = "`@ana` and [@ana](https://example.com) and ana@example.com"
    assert mentioned_handles(text) == set()
    assert "members/ana" not in render_markdown(text)


@pytest.mark.django_db
def test_mentioned_members_are_the_active_members_named():
    present = MemberFactory(handle="present")
    MemberFactory(handle="gone", is_active=False)
    assert mentioned_members("@present @gone @absent") == [present]


def test_plain_text_drops_the_markup_and_keeps_the_words():
    assert plain_text("# Title\n\nSome **bold** text.\n\n- one\n- two") == (
        "Title Some bold text. one two"
    )


def test_plain_text_adds_no_space_inside_a_sentence():
    assert plain_text("It ships **soon**. See [the notes](https://example.com).") == (
        "It ships soon. See the notes."
    )
