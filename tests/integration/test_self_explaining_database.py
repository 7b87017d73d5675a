"""A database that explains itself: every column of every table and view described, row paths
explained where they are read, and checks joined to their documents without a `status` clash."""

from __future__ import annotations

import duckdb


def test_every_view_column_is_described(seed_db: duckdb.DuckDBPyConnection) -> None:
    views = [row[0] for row in seed_db.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()]
    assert {"annex_cells_2025", "document_checks"} <= set(views)
    undescribed = seed_db.execute(
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE table_name IN (SELECT view_name FROM duckdb_views() WHERE NOT internal) "
        "AND (comment IS NULL OR comment = '')"
    ).fetchall()
    assert undescribed == []
    line_key = seed_db.execute(
        "SELECT comment FROM duckdb_columns() WHERE table_name = 'annex_cells_2025' AND column_name = 'line_key'"
    ).fetchone()
    assert line_key is not None and "row_path" in line_key[0]


def test_row_paths_say_what_tilde_and_hash_mean(seed_db: duckdb.DuckDBPyConnection) -> None:
    comments = {
        row[0]
        for row in seed_db.execute(
            "SELECT comment FROM duckdb_columns() WHERE column_name = 'row_path' AND table_name = 'annex_cells'"
        ).fetchall()
    }
    (comment,) = comments
    assert "4~1" in comment and "2#2" in comment and "TOTAL" in comment and "label" in comment


def test_checks_join_their_documents_without_a_status_clash(seed_db: duckdb.DuckDBPyConnection) -> None:
    columns = {row[0] for row in seed_db.execute("DESCRIBE document_checks").fetchall()}
    assert {"check_status", "source_file", "check_name"} <= columns
    assert "status" not in columns
    (joined,) = seed_db.execute("SELECT count(*) FROM document_checks").fetchone() or (0,)
    (checks,) = seed_db.execute("SELECT count(*) FROM checks").fetchone() or (0,)
    assert joined == checks > 0
    by_document = seed_db.execute(
        "SELECT source_file, count(*) FILTER (WHERE check_status = 'pass') FROM document_checks "
        "GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert [row[0] for row in by_document] == ["meo-vac-30-CTr-HU-2022.docx", "meo-vac-30-CTr-HU-2022.pdf"]
