"""The admin as the project puts it together: where one app's page shows another app's part.

Apps never import each other's admin; the article's page gets its readers' feedback (ratings)
here, above both.
"""

from django.contrib import admin

from news.admin import ArticleAdmin
from news.models import Article
from ratings.admin import ArticleFeedbackAdmin


class ArticleWithFeedbackAdmin(ArticleFeedbackAdmin, ArticleAdmin):
    """The news app's article page, with the rating figures and the comments."""


admin.site.unregister(Article)
admin.site.register(Article, ArticleWithFeedbackAdmin)
