"""The ground floor: web machinery every app shares (caching, rendering, client IP, uploads,
captcha forms, text, the PostgreSQL backend). It imports no app of the portal."""
