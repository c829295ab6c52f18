"""What members write cannot run in a reader's page: a corpus of attacks goes in through the real
forms (as a question's title and text, an answer and a reply) and every page that shows them is
searched for anything that could run."""

import html
import json
import re
from html.parser import HTMLParser

import pytest

from community.questions import services
from community.questions.models import Question
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    '<a href="#" onclick="alert(1)">click</a>',
    "<body onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="position:fixed;inset:0">cover the page</p>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;&#x61;vascript:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](%6A%61%76%61%73%63%72%69%70%74:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    '![x](https://example.com/a.png "t" onerror="alert(1)")',
    "<javascript:alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '[a](https://example.com" onmouseover="alert(1))',
    "``` \n</code><script>alert(1)</script>\n```",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>go</button></form>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<base href=javascript:alert(1)//>",
    '"><script>alert(1)</script>',
    "'';!--\"<XSS>=&{()}",
]

SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster"}
NEVER_IN_A_PAGE = {"iframe", "object", "embed", "style", "base", "math"}


def _scheme(value):
    """The URL's scheme as a browser reads it: entities decoded, controls and spaces dropped."""
    value = html.unescape(value or "")
    return re.sub(r"[\x00-\x20]", "", value).lower()


class Dangers(HTMLParser):
    """Everything in a page that could run: scripts other than the site's own, event handlers,
    script URLs, embedded frames and styles; and what member writing holds besides text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.in_json = False
        self.json_blocks = []
        self.member_depth = 0
        self.member_tags = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            if attrs.get("type") == "application/ld+json":
                self.in_json = True
                self.json_blocks.append("")
            elif not (attrs.get("src") or "").startswith("/static/"):
                self.found.append(f"<script {attrs}>")
        if tag in NEVER_IN_A_PAGE:
            self.found.append(f"<{tag}>")
        if tag == "meta" and "refresh" in (attrs.get("http-equiv") or "").lower():
            self.found.append("<meta refresh>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and _scheme(value).startswith(SCRIPT_SCHEMES):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "style" and value:
                self.found.append(f"<{tag} style={value!r}>")
        if self.member_depth:
            self.member_depth += tag not in {"br", "hr", "img", "input"}
            self.member_tags.add(tag)
        elif "qa-body" in (attrs.get("class") or "").split():
            self.member_depth = 1

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_json = False
        if self.member_depth and tag not in {"br", "hr", "img", "input"}:
            self.member_depth -= 1

    def handle_data(self, data):
        if self.in_json:
            self.json_blocks[-1] += data


# What member writing may contain once rendered (community.markdown.ALLOWED_TAGS).
MEMBER_TAGS = {
    "a", "blockquote", "br", "code", "del", "em", "h3", "h4", "h5", "h6", "hr", "li", "ol",
    "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip


def assert_harmless(response):
    assert response.status_code == 200
    page = Dangers()
    page.feed(response.content.decode())
    assert page.found == [], f"could run in {response.request['PATH_INFO']}: {page.found}"
    assert page.member_tags <= MEMBER_TAGS, page.member_tags - MEMBER_TAGS
    for block in page.json_blocks:
        assert "</" not in block
        json.loads(block)


@pytest.mark.parametrize("attack", ATTACKS)
def test_an_attack_written_anywhere_in_a_thread_renders_harmless(client, product, staff, attack):
    attacker = MemberFactory(display_name="Mallory")
    client.force_login(attacker)
    client.post(
        "/questions/ask/",
        {
            "title": f"Is this safe? {attack}"[:150],
            "place": f"product:{product.pk}",
            "body": f"Look: {attack}",
        },
    )
    question = Question.objects.get(author=attacker)
    client.post(f"/questions/{question.pk}/answer/", {"body": f"Answer {attack}"})
    answer = question.answers.get()
    client.post(f"/questions/answers/{answer.pk}/reply/", {"body": f"Reply {attack}"})
    services.answer_edit(attacker, answer, body=f"Edited {attack} again")
    assert question.answers.count() == 2

    pages = [
        question.get_absolute_url(),
        f"/fr/questions/{question.pk}/{question.slug}/",
        "/questions/",
        f"/questions/answers/{answer.pk}/history/",
        attacker.get_absolute_url(),
        product.url,
        f"/questions/{question.pk}/edit/",
        f"/questions/answers/{answer.pk}/reply/",
    ]
    for path in pages:
        assert_harmless(client.get(path))
    client.force_login(staff)
    assert_harmless(client.get("/questions/inbox/"))
    assert_harmless(client.get(question.get_absolute_url()))


def test_the_checker_finds_what_it_looks_for(client, db):
    """The search above would pass on anything if it found nothing: it must see real dangers."""
    page = Dangers()
    page.feed(
        '<script>x</script><a href=" JaVa&#x53;cript:x">a</a><p onclick="x">'
        '<iframe></iframe><div class="qa-body"><img src=x></div><b style="color:red">b</b>'
    )

    assert len(page.found) == 5
    assert page.member_tags == {"img"}


def test_a_mention_inside_an_attack_stays_plain(client, product):
    target = MemberFactory(display_name="Ana Lopez")
    asker = MemberFactory()
    question = services.question_ask(
        asker,
        title="A question with a sneaky link",
        body=f'[@{target.handle}](javascript:alert(1)) and <a href="@{target.handle}">x</a>',
        product=product,
    )

    assert_harmless(client.get(question.get_absolute_url()))
