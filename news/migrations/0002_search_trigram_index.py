"""On PostgreSQL, a trigram index makes the accent-free search an index scan, not a table scan."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS news_article_search_trgm "
    "ON news_article USING gin (search_text gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS news_article_search_trgm"]


def run_on_postgresql(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [migrations.RunPython(run_on_postgresql(CREATE), run_on_postgresql(DROP))]
