"""On SQLite, an FTS5 trigram index over the search text, kept in step by triggers."""

from django.db import migrations

CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS news_article_fts USING fts5("
    "search_text, content='news_article', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS news_article_fts_insert AFTER INSERT ON news_article BEGIN "
    "INSERT INTO news_article_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS news_article_fts_delete AFTER DELETE ON news_article BEGIN "
    "INSERT INTO news_article_fts(news_article_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS news_article_fts_update AFTER UPDATE OF search_text "
    "ON news_article BEGIN "
    "INSERT INTO news_article_fts(news_article_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO news_article_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO news_article_fts(news_article_fts) VALUES ('rebuild')",
]
DROP = [
    "DROP TRIGGER IF EXISTS news_article_fts_insert",
    "DROP TRIGGER IF EXISTS news_article_fts_delete",
    "DROP TRIGGER IF EXISTS news_article_fts_update",
    "DROP TABLE IF EXISTS news_article_fts",
]


def run_on_sqlite(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("news", "0002_search_trigram_index")]

    operations = [migrations.RunPython(run_on_sqlite(CREATE), run_on_sqlite(DROP))]
