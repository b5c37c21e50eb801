"""Drafts the town opens for citizens ' comments (lấy ý kiến dự thảo) and what came of them."""
