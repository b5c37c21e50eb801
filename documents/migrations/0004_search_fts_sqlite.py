"""On SQLite, an FTS5 trigram index over the search text and the number, kept in step by
triggers (PostgreSQL has its pg_trgm indexes from 0002)."""

from django.db import migrations

from core.textsearch import on_vendor, sqlite_trigram_table

CREATE, DROP = sqlite_trigram_table(
    "documents_document", "documents_document_fts", ["search_text", "number_key"]
)


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_review")]

    operations = [migrations.RunPython(on_vendor("sqlite", CREATE), on_vendor("sqlite", DROP))]
