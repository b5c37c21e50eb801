"""The admin as the project puts it together: where one app's page shows another app's part.

Apps never import each other's admin; the article's page gets its readers' feedback (ratings)
and its review workflow (review) here, above all three; documents get the workflow the same way.
"""

from django.contrib import admin

from documents.admin import DocumentAdmin
from documents.models import Document
from news.admin import ArticleAdmin
from news.models import Article
from ratings.admin import ArticleFeedbackAdmin
from review.admin import ReviewAdmin


class ArticleWithFeedbackAdmin(ReviewAdmin, ArticleFeedbackAdmin, ArticleAdmin):
    """The news app's article page, with its review, the rating figures and the comments."""


class ReviewedDocumentAdmin(ReviewAdmin, DocumentAdmin):
    """The documents app's page for a document, with its review."""


admin.site.unregister(Article)
admin.site.register(Article, ArticleWithFeedbackAdmin)
admin.site.unregister(Document)
admin.site.register(Document, ReviewedDocumentAdmin)
