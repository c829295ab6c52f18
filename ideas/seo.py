"""How an idea's page reads to search engines and link previews."""

from community import seo
from community.markdown import words_of


def idea_preview(idea) -> seo.Preview:
    """The idea's title, the start of its text and its first image, for shared links."""
    images = list(idea.images.all())
    return seo.Preview(
        title=idea.title,
        description=seo.excerpt(words_of(idea)),
        image=seo.absolute_url(images[0].image.url) if images else "",
        image_alt=(images[0].alt_text or idea.title) if images else "",
        kind="article",
    )


def idea_structured_data(idea, threads, product_page=None) -> str:
    """schema.org DiscussionForumPosting for the idea and its public comments, as JSON safe
    inside a <script> element. Internal notes and deleted comments are never part of it."""
    url = seo.absolute_url(idea.get_absolute_url())

    def comment_data(comment):
        data = {
            "@type": "Comment",
            "url": f"{url}#comment-{comment.pk}",
            "text": words_of(comment),
            "datePublished": comment.created_at.isoformat(),
            "author": seo.person(comment),
        }
        replies = [
            comment_data(reply)
            for reply in getattr(comment, "thread_replies", [])
            if _is_public_comment(reply)
        ]
        if replies:
            data["comment"] = replies
        return data

    data = {
        "@context": "https://schema.org",
        "@type": "DiscussionForumPosting",
        "mainEntityOfPage": url,
        "url": url,
        "headline": idea.title,
        "text": words_of(idea),
        "inLanguage": idea.language,
        "datePublished": idea.created_at.isoformat(),
        "author": seo.person(idea),
        "interactionStatistic": [
            {
                "@type": "InteractionCounter",
                "interactionType": "https://schema.org/LikeAction",
                "userInteractionCount": idea.vote_count,
            },
            {
                "@type": "InteractionCounter",
                "interactionType": "https://schema.org/CommentAction",
                "userInteractionCount": idea.comment_count,
            },
        ],
        "comment": [comment_data(thread) for thread in threads if _is_public_comment(thread)],
    }
    if idea.edited_at:
        data["dateModified"] = idea.edited_at.isoformat()
    images = [seo.absolute_url(picture.image.url) for picture in idea.images.all()]
    if images:
        data["image"] = images
    if product_page is not None:
        data["about"] = {
            "@type": "Product",
            "name": product_page.title,
            "url": seo.absolute_url(product_page.url),
        }
    return seo.json_ld(data)


def _is_public_comment(comment) -> bool:
    return comment.is_public and not comment.is_internal
