"""The questions' section of the sitemap: every public question, in each language."""

from community.questions.models import Question
from community.sitemaps import InEveryLanguage


class QuestionSitemap(InEveryLanguage):
    changefreq = "weekly"

    def items(self):
        return Question.objects.public().only("pk", "title", "last_activity_at").order_by("pk")

    def lastmod(self, question):
        return question.last_activity_at
