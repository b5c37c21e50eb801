"""The feedback block under an article: figures, star form, approved comments, comment form."""

from django import template

from ratings.views import feedback_context

register = template.Library()


@register.inclusion_tag("ratings/_feedback.html")
def article_feedback(article):
    """Read-only and the same for every reader, so the article page around it can be cached."""
    if not article.is_public:
        return {"hidden": True}
    return feedback_context(article, on_article_page=True)
