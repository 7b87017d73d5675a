-- Every comparison of the checks with the document it belongs to. documents and checks both have a
-- status column: here the comparison's is check_status, so a join never meets an ambiguous or
-- silently shadowed `status`. Only documents read (status 'ok') have checks, and a duplicate shares
-- its original's doc_id: joined on doc_id alone, each of its checks would show twice. The other
-- columns are the tables' own and take their description from schemas/columns.toml when the views
-- are created.
CREATE OR REPLACE VIEW document_checks AS
SELECT d.source_file, d.doc_type, d.doc_number, d.issued_date, d.is_primary_edition, k.doc_id,
  k.check_name, k.status AS check_status, k.table_no, k.row_path, k.unit_code, k.unit_name_raw,
  k.footnote_no, k.claim_no, k.expected, k.actual, k.difference, k.tolerance, k.diagnosis, k.detail
FROM checks k JOIN documents d USING (doc_id)
WHERE d.status = 'ok';
COMMENT ON VIEW document_checks IS 'Every comparison of the checks with its document''s file and number (documents read, each once); the comparison''s status named check_status.';
