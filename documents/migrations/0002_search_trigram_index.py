"""On PostgreSQL, trigram indexes answer the substring searches of numbers and summaries."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS documents_document_search_trgm "
    "ON documents_document USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS documents_document_number_trgm "
    "ON documents_document USING gin (number_key gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS documents_document_search_trgm",
    "DROP INDEX IF EXISTS documents_document_number_trgm",
]


def run_on_postgresql(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(run_on_postgresql(CREATE), run_on_postgresql(DROP))]
