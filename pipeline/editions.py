"""Editions: documents that are one plan (its DOCX and its PDF, a re-scan, a copy under another
name with a changed byte) grouped under one `plan_id`, one of them marked primary.

A plan is known by its number, date and issuer as the header block prints them; a document whose
number was not read is its own plan. The primary edition is the best read of the plan: a DOCX
before a .doc, a web page and a PDF; a text layer before OCR; then the first by name. Counting
over documents `WHERE is_primary_edition` counts each plan once.
"""

from __future__ import annotations

import duckdb

EDITIONS_SQL = """
UPDATE documents SET plan_id = CASE
  WHEN doc_number IS NULL OR status <> 'ok' THEN doc_id
  ELSE 'plan-' || left(md5(concat_ws('|', lower(regexp_replace(trim(doc_number), '\\s+', '', 'g')),
                                     coalesce(CAST(issued_date AS VARCHAR), ''),
                                     coalesce(lower(trim(issuer)), ''))), 16)
END;
CREATE TEMP TABLE edition_rank AS
SELECT source_file,
       status = 'ok' AND row_number() OVER (
         PARTITION BY plan_id
         ORDER BY status = 'ok' DESC,
                  CASE format WHEN 'docx' THEN 0 WHEN 'doc' THEN 1 WHEN 'html' THEN 2 WHEN 'pdf' THEN 3 ELSE 4 END,
                  CASE read_method WHEN 'text_layer' THEN 0 WHEN 'converted' THEN 0 WHEN 'text_layer+ocr' THEN 1
                                   ELSE 2 END,
                  source_file
       ) = 1 AS is_primary
FROM documents;
UPDATE documents SET is_primary_edition = r.is_primary FROM edition_rank r WHERE r.source_file = documents.source_file;
DROP TABLE edition_rank;
"""


def mark_editions(con: duckdb.DuckDBPyConnection) -> None:
    """Fill documents.plan_id and is_primary_edition in a loaded database."""
    con.execute(EDITIONS_SQL)
