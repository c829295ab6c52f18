"""The changelog as an Atom feed: what shipped, with the signed note that announced it.

Its addresses are on the site's public address (`SITE_URL`), as feed readers fetch it from
elsewhere; names and role titles are in the feed's language (`/fr/changelog/feed/`)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from community import names
from community.seo import absolute_url
from ideas import selectors

FEED_ITEMS = 30


class ChangelogFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("What's new: shipped ideas · %(site)s") % {"site": settings.WAGTAIL_SITE_NAME}

    def subtitle(self):
        return _("Ideas from the community that have shipped, newest first.")

    def link(self):
        return absolute_url(reverse("ideas:changelog"))

    def feed_url(self):
        return absolute_url(reverse("ideas:changelog_feed"))

    def items(self):
        return selectors.changelog()[:FEED_ITEMS]

    def item_title(self, idea):
        return idea.title

    def item_link(self, idea):
        return absolute_url(idea.get_absolute_url())

    def item_description(self, idea):
        change = idea.last_status_change
        return change.note_html if change is not None else idea.body_html

    def item_pubdate(self, idea):
        return idea.status_changed_at or idea.created_at

    def item_updateddate(self, idea):
        return idea.status_changed_at or idea.created_at

    def item_author_name(self, idea):
        change = idea.last_status_change
        if change is None:
            return None
        if names.writer_card(change) is not None:
            return f"{change.author_card.real_name} ({change.author_role_title})"
        return change.author.display_name if change.author else None

    def item_categories(self, idea):
        return [tag.name for tag in idea.tags.all()]
