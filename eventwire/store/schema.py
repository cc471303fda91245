"""The database schema and its migrations (portable SQL that DuckDB and PostgreSQL both run).

``schema_version`` holds one row per applied migration. Opening a store applies the missing ones in
order, each in its own transaction; a database newer than this eventwire is refused (E505).
Every row of a coded article carries its ``article_id``; spans are ``*_start``/``*_end`` character
offsets into ``articles.text``.
"""

from __future__ import annotations

from eventwire.store.backend import Backend
from eventwire.store.errors import StoreError

MIGRATION_1 = [
    """CREATE TABLE IF NOT EXISTS ingest_runs (
        run_id BIGINT PRIMARY KEY,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        status TEXT NOT NULL,
        inputs TEXT,
        eventwire_version TEXT,
        coding_versions TEXT,
        articles_added INTEGER DEFAULT 0,
        articles_replaced INTEGER DEFAULT 0,
        articles_unchanged INTEGER DEFAULT 0,
        problems INTEGER DEFAULT 0,
        seconds DOUBLE PRECISION DEFAULT 0
    )""",
    "CREATE SEQUENCE IF NOT EXISTS ingest_run_ids START 1",
    """CREATE TABLE IF NOT EXISTS articles (
        article_id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        title TEXT,
        date DATE,
        url TEXT,
        source TEXT,
        path TEXT,
        text TEXT NOT NULL,
        words INTEGER NOT NULL,
        eventwire_version TEXT,
        coding_versions TEXT,
        coding_stamp TEXT NOT NULL,
        run_id BIGINT,
        coded_at TIMESTAMP NOT NULL,
        extra TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS sentences (
        article_id TEXT NOT NULL,
        sentence_index INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        PRIMARY KEY (article_id, sentence_index)
    )""",
    """CREATE TABLE IF NOT EXISTS actors (
        article_id TEXT NOT NULL,
        actor_index INTEGER NOT NULL,
        text TEXT NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        code TEXT,
        country TEXT,
        sector TEXT,
        name TEXT,
        kind TEXT,
        rule TEXT,
        antecedent INTEGER,
        extra TEXT,
        PRIMARY KEY (article_id, actor_index)
    )""",
    """CREATE TABLE IF NOT EXISTS events (
        event_uid TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        event_index INTEGER NOT NULL,
        event_id TEXT,
        date DATE,
        sentence_index INTEGER NOT NULL,
        sentence_indices TEXT NOT NULL,
        sentence TEXT,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        trigger TEXT,
        source_text TEXT, source_start INTEGER, source_end INTEGER, source_code TEXT,
        source_country TEXT, source_sector TEXT, source_name TEXT,
        target_text TEXT, target_start INTEGER, target_end INTEGER, target_code TEXT,
        target_country TEXT, target_sector TEXT, target_name TEXT,
        cameo TEXT NOT NULL,
        root TEXT,
        goldstein DOUBLE PRECISION,
        quad_class INTEGER,
        plover_type TEXT,
        plover_mode TEXT,
        modality TEXT,
        quoted BOOLEAN,
        confidence DOUBLE PRECISION,
        rule TEXT,
        extra TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS events_article ON events (article_id)",
    "CREATE INDEX IF NOT EXISTS events_date ON events (date)",
    """CREATE TABLE IF NOT EXISTS quotes (
        article_id TEXT NOT NULL,
        quote_index INTEGER NOT NULL,
        text TEXT NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        kind TEXT,
        cue TEXT,
        cue_start INTEGER,
        cue_end INTEGER,
        speaker_text TEXT, speaker_start INTEGER, speaker_end INTEGER,
        speaker_name TEXT, speaker_code TEXT,
        sentence_index INTEGER,
        rule TEXT,
        extra TEXT,
        PRIMARY KEY (article_id, quote_index)
    )""",
    """CREATE TABLE IF NOT EXISTS errors (
        error_id BIGINT PRIMARY KEY,
        run_id BIGINT,
        article_id TEXT,
        code TEXT NOT NULL,
        location TEXT,
        message TEXT NOT NULL,
        sentence_index INTEGER,
        stage TEXT NOT NULL,
        created_at TIMESTAMP NOT NULL
    )""",
    "CREATE SEQUENCE IF NOT EXISTS error_ids START 1",
    "CREATE INDEX IF NOT EXISTS errors_article ON errors (article_id)",
    """CREATE TABLE IF NOT EXISTS event_clusters (
        cluster_id TEXT PRIMARY KEY,
        source_key TEXT NOT NULL,
        target_key TEXT NOT NULL,
        source_country TEXT,
        target_country TEXT,
        base_code TEXT NOT NULL,
        cameo TEXT NOT NULL,
        root TEXT,
        goldstein DOUBLE PRECISION,
        quad_class INTEGER,
        first_date DATE,
        last_date DATE,
        num_reports INTEGER NOT NULL,
        num_mentions INTEGER NOT NULL,
        num_articles INTEGER NOT NULL,
        num_sources INTEGER NOT NULL,
        representative_uid TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS clusters_date ON event_clusters (first_date)",
    """CREATE TABLE IF NOT EXISTS cluster_members (
        event_uid TEXT PRIMARY KEY,
        cluster_id TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS store_settings (
        name TEXT PRIMARY KEY,
        value TEXT
    )""",
]

# Version 2: the places stage. Events gain their locations (JSON objects of the place record:
# name, country, fips, admin1, lat, lon, geonameid, feature, ...); place mentions get a table.
MIGRATION_2 = [
    "ALTER TABLE events ADD COLUMN location TEXT",
    "ALTER TABLE events ADD COLUMN source_location TEXT",
    "ALTER TABLE events ADD COLUMN target_location TEXT",
    """CREATE TABLE IF NOT EXISTS places (
        article_id TEXT NOT NULL,
        place_index INTEGER NOT NULL,
        text TEXT NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        name TEXT,
        country TEXT,
        fips TEXT,
        admin1 TEXT,
        lat DOUBLE PRECISION,
        lon DOUBLE PRECISION,
        geonameid BIGINT,
        feature TEXT,
        confidence DOUBLE PRECISION,
        rule TEXT,
        role TEXT,
        sentence_index INTEGER,
        extra TEXT,
        PRIMARY KEY (article_id, place_index)
    )""",
]

MIGRATIONS: list[tuple[int, list[str]]] = [(1, MIGRATION_1), (2, MIGRATION_2)]
SCHEMA_VERSION = MIGRATIONS[-1][0]

TABLES = (
    "articles",
    "sentences",
    "actors",
    "events",
    "places",
    "quotes",
    "errors",
    "event_clusters",
    "cluster_members",
    "ingest_runs",
    "schema_version",
    "store_settings",
)


def current_version(backend: Backend) -> int:
    backend.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
    )
    return int(backend.scalar("SELECT coalesce(max(version), 0) FROM schema_version") or 0)


def _has_table(backend: Backend, name: str) -> bool:
    return bool(
        backend.scalar(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
        )
    )


def migrate(backend: Backend) -> int:
    """Bring the schema up to :data:`SCHEMA_VERSION`; return the version now in place."""
    if not _has_table(backend, "schema_version") and _has_table(backend, "articles"):
        raise StoreError(
            "the database holds an 'articles' table that eventwire did not create; "
            "use another file or database",
            code="E507",
            where=backend.location,
        )
    version = current_version(backend)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the database has schema version {version}, newer than this eventwire "
            f"understands ({SCHEMA_VERSION}); upgrade eventwire",
            code="E505",
            where=backend.location,
        )
    for number, statements in MIGRATIONS:
        if number <= version:
            continue
        with backend.transaction():
            backend.lock_for_migration()
            if current_version(backend) >= number:  # another process applied it meanwhile
                continue
            for statement in statements:
                backend.execute(statement)
            backend.execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, current_timestamp)",
                [number],
            )
        version = number
    return version
