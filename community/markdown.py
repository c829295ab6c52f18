"""Markdown for everything members write: questions, answers, replies, ideas and comments.

Text is parsed as CommonMark (with tables and strikethrough) by markdown-it-py, with raw HTML
turned off so that typed tags come out as text, then cleaned by nh3 against a short list of tags
and attributes: no script, no style, no iframes, no event handlers, only http, https and mailto
links, and every link carries rel="nofollow ugc". `@handle` outside code becomes a link to that
member's page when such a member exists.

Rendering reads the database (for mentions), so the apps store the rendered HTML beside the
source when they save (see `community.writing.body_set`) and pages never render in a loop.
"""

import html
import re

import nh3
from django.urls import reverse
from markdown_it import MarkdownIt
from markdown_it.token import Token

from community.models import Member

ALLOWED_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "code": {"class"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
}
URL_SCHEMES = {"http", "https", "mailto"}

# A handle is a slug; it is a mention when it does not follow a word character (so that an
# e-mail address like ana@example.com is not a mention).
MENTION_RE = re.compile(r"(?<![\w@/])@([a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?)\b", re.IGNORECASE)


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "breaks": True}).enable(
        ["table", "strikethrough"]
    )
    # Headings inside a post start at level 3: the page owns h1 and h2.
    md.add_render_rule("heading_open", _heading_open)
    md.add_render_rule("heading_close", _heading_close)
    return md


def _heading_level(token: Token) -> str:
    return f"h{min(int(token.tag[1]) + 2, 6)}"


def _heading_open(self, tokens, idx, options, env):
    return f"<{_heading_level(tokens[idx])}>"


def _heading_close(self, tokens, idx, options, env):
    return f"</{_heading_level(tokens[idx])}>\n"


_MD = _parser()

# Where one block of text ends and another starts, so that plain text keeps a space between them
# ("Title Some text") without adding one inside a sentence ("**soon**." stays "soon.").
BLOCK_BOUNDARY_RE = re.compile(
    r"</?(?:p|li|ul|ol|h[1-6]|pre|blockquote|div|tr|td|th|br|hr)\b[^>]*>", re.IGNORECASE
)


def _text_outside_code(tokens):
    for token in tokens:
        if token.type == "inline" and token.children:
            inside_link = False
            for child in token.children:
                if child.type == "link_open":
                    inside_link = True
                elif child.type == "link_close":
                    inside_link = False
                elif child.type == "text" and not inside_link:
                    yield token, child


def mentioned_handles(text: str) -> set[str]:
    """The handles mentioned in `text` outside code and links, lower-cased."""
    handles = set()
    for _inline, child in _text_outside_code(_MD.parse(text or "")):
        handles.update(match.lower() for match in MENTION_RE.findall(child.content))
    return handles


def _members_by_handle(handles: set[str]) -> dict:
    if not handles:
        return {}
    return {
        member.handle.lower(): member
        for member in Member.objects.filter(handle__in=handles, is_active=True).only("handle")
    }


def _link_mentions(tokens, members: dict):
    for inline, child in list(_text_outside_code(tokens)):
        parts = MENTION_RE.split(child.content)
        if len(parts) == 1:
            continue
        replacement = []
        for index, part in enumerate(parts):
            if index % 2 == 0:
                if part:
                    text = Token("text", "", 0)
                    text.content = part
                    replacement.append(text)
                continue
            member = members.get(part.lower())
            if member is None:
                text = Token("text", "", 0)
                text.content = f"@{part}"
                replacement.append(text)
                continue
            link_open = Token("link_open", "a", 1)
            link_open.attrs = {
                "href": reverse("member_detail", args=[member.handle]),
                "class": "mention",
            }
            text = Token("text", "", 0)
            text.content = f"@{member.handle}"
            replacement += [link_open, text, Token("link_close", "a", -1)]
        position = inline.children.index(child)
        inline.children[position : position + 1] = replacement


def sanitise_html(html: str) -> str:
    """Clean HTML down to the tags members may use; every link gets rel="nofollow ugc"."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc",
        filter_style_properties={"text-align"},
    )


def render_markdown(text: str) -> str:
    """Markdown to sanitised HTML, with @mentions of existing members linked."""
    tokens = _MD.parse(text or "")
    handles = set()
    for _inline, child in _text_outside_code(tokens):
        handles.update(match.lower() for match in MENTION_RE.findall(child.content))
    _link_mentions(tokens, _members_by_handle(handles))
    return sanitise_html(_MD.renderer.render(tokens, _MD.options, {}))


def mentioned_members(text: str):
    """The active members `text` mentions, as a list."""
    return list(_members_by_handle(mentioned_handles(text)).values())


def plain_text(text: str) -> str:
    """The words of a Markdown text without markup: for excerpts, exports and structured data."""
    return plain_text_of_html(_MD.render(text or ""))


def words_of(writing) -> str:
    """The words of a question, answer, idea, comment or reply: from the HTML stored when it
    was written (cheap: a thread of 200 answers is not parsed as Markdown again on every view),
    or from its Markdown when none is stored."""
    if writing.body_html:
        return plain_text_of_html(writing.body_html)
    return plain_text(writing.body)


def plain_text_of_html(rendered: str) -> str:
    """The words of HTML without markup, blocks kept apart: of a stored `body_html`, the same as
    `plain_text` of its Markdown without parsing it again (exports and indexing of many rows);
    also of Wagtail rich text (a product's description)."""
    stripped = nh3.clean(BLOCK_BOUNDARY_RE.sub(" ", rendered or ""), tags=set())
    return re.sub(r"\s+", " ", html.unescape(stripped)).strip()
