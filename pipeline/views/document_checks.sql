-- Every comparison of the checks with the document it belongs to. documents and checks both have a
-- status column: in this view they are named apart (document_status, check_status), so a join
-- never meets an ambiguous or silently shadowed `status`. The other columns are the tables' own and
-- take their description from schemas/columns.toml when the views are created.
CREATE OR REPLACE VIEW document_checks AS
SELECT d.source_file, d.doc_type, d.doc_number, d.issued_date, d.status AS document_status,
  d.is_primary_edition, k.doc_id, k.check_name, k.status AS check_status, k.table_no, k.row_path,
  k.column_label, k.unit_code, k.unit_name_raw, k.footnote_no, k.claim_no, k.expected, k.actual,
  k.difference, k.tolerance, k.diagnosis, k.detail
FROM checks k JOIN documents d USING (doc_id);
COMMENT ON VIEW document_checks IS 'Every comparison of the checks with its document''s file, number and status; document_status and check_status named apart.';
COMMENT ON COLUMN document_checks.document_status IS 'documents.status: ok when the document was read; duplicate, skipped or failed otherwise (such documents have no checks).';
