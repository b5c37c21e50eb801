"""The feedback block under an article, as the public templates call it."""

from core.rendering import render_html

from .views import feedback_context


def article_feedback(article):
    """Figures, star form, approved comments and comment form: read-only and the same for every
    reader, so the article page around it can be cached. Nothing for an unpublished article."""
    if not article.is_public:
        return ""
    context = feedback_context(article, on_article_page=True)
    return render_html("ratings/_feedback.html", context)
