"""News: categories and the articles staff publish in them."""
