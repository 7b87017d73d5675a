"""The 2025 reorganisation: unit_crosswalk is loaded and annex figures roll up to today's communes."""

from __future__ import annotations

import duckdb


def test_every_old_commune_has_one_default_successor(seed_db: duckdb.DuckDBPyConnection) -> None:
    loaded = seed_db.execute("SELECT count(DISTINCT old_unit_code) FROM unit_crosswalk").fetchone()
    assert loaded is not None and loaded[0] > 10_000
    several = seed_db.execute(
        "SELECT old_unit_code FROM unit_crosswalk GROUP BY 1 HAVING count(*) FILTER (WHERE is_default) <> 1"
    ).fetchall()
    assert several == []


def test_rollup_keeps_the_line_total(seed_db: duckdb.DuckDBPyConnection, seed_docx_id: str) -> None:
    rolled = seed_db.execute(
        "SELECT sum(value), sum(n_old_units), count(DISTINCT new_province_name) FROM annex_cells_2025 "
        "WHERE doc_id = ? AND line_key = 'II.2'",
        [seed_docx_id],
    ).fetchone()
    assert rolled == (109.0, 16, 1)
    sung_tra = seed_db.execute(
        "SELECT new_unit_name FROM unit_crosswalk WHERE old_unit_code = '00787' AND is_default"
    ).fetchone()
    assert sung_tra is not None and sung_tra[0].startswith("Xã ")
