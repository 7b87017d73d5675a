-- Annex unit figures on the communes in force since 1 July 2025: figures of documents coded in the
-- pre-2025 list rolled up through unit_crosswalk (a split commune counts toward the package's
-- default part); figures of documents dated after the reform, already in the 2025 list, as they
-- are. One row per annex line and new unit.
CREATE OR REPLACE VIEW annex_cells_2025 AS
WITH cells AS (
  SELECT c.*, t.unit_axis AS table_axis, d.unit_edition
  FROM annex_cells c
  JOIN annex_tables t USING (doc_id, table_no)
  JOIN documents d USING (doc_id)
  WHERE NOT c.is_total AND c.unit_level = 'commune' AND d.status = 'ok'
),
on_new_units AS (
  SELECT c.*, x.new_unit_code, x.new_unit_name, x.new_province_code, x.new_province_name
  FROM cells c JOIN unit_crosswalk x ON x.old_unit_code = c.unit_code AND x.is_default
  WHERE c.unit_edition = 'pre-2025'
  UNION ALL
  SELECT c.*, u.unit_code, u.full_name, u.province_code, p.full_name
  FROM cells c
  JOIN admin_units_2025 u ON u.unit_code = c.unit_code
  JOIN admin_units_2025 p ON p.unit_code = u.province_code AND p.unit_level = 'province'
  WHERE c.unit_edition = '2025'
)
SELECT doc_id, table_no, table_axis AS unit_axis,
  CASE table_axis WHEN 'column' THEN row_path ELSE column_label END AS line_key,
  CASE table_axis WHEN 'column' THEN row_label ELSE column_label END AS line_label,
  new_unit_code, new_unit_name, new_province_code, new_province_name,
  sum(value) AS value, count(*) AS n_old_units,
  string_agg(unit_code || ' ' || coalesce(unit_official_name, unit_name_raw), '; ' ORDER BY unit_code) AS old_units
FROM on_new_units
GROUP BY ALL;
-- Columns the view shares with the tables (doc_id, table_no, unit_axis) take their description from
-- schemas/columns.toml when the views are created; the others are described here.
COMMENT ON VIEW annex_cells_2025 IS 'Annex unit figures on the communes in force since 1 July 2025: pre-2025 figures rolled up through unit_crosswalk (default part for split communes), later documents as they are.';
COMMENT ON COLUMN annex_cells_2025.line_key IS 'The annex line the figures belong to: its row_path when units are columns (I.2, 4~1, TOTAL), its column_label when units are rows.';
COMMENT ON COLUMN annex_cells_2025.line_label IS 'The line as printed: the row''s label when units are columns, the column''s header path when units are rows.';
COMMENT ON COLUMN annex_cells_2025.new_unit_code IS 'Official code of the commune (xã, phường, đặc khu) in force since 1 July 2025 (admin_units_2025.unit_code), kept as text.';
COMMENT ON COLUMN annex_cells_2025.new_unit_name IS 'Official full name of that commune since 1 July 2025.';
COMMENT ON COLUMN annex_cells_2025.new_province_code IS 'Official code of the province the commune belongs to since 1 July 2025.';
COMMENT ON COLUMN annex_cells_2025.new_province_name IS 'Official full name of that province since 1 July 2025.';
COMMENT ON COLUMN annex_cells_2025.value IS 'The line''s figures of the old communes that became this commune, added up (a split commune counts toward its default part, unit_crosswalk.is_default); a figure of a document dated after the reform as it is.';
COMMENT ON COLUMN annex_cells_2025.n_old_units IS 'How many annex cells (old communes, or the commune itself for a later document) were added up into value.';
COMMENT ON COLUMN annex_cells_2025.old_units IS 'The communes added up, as code and name, separated by "; ", to trace value back to annex_cells.';
