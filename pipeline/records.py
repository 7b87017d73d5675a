"""Typed records, one class per table, generated from schemas/ by `python -m pipeline.schemas`.

Do not edit: change schemas/columns.toml or schemas/tables/*.toml and regenerate; a test fails when
this file and the schemas disagree. A misspelt or missing field fails where the record is built;
pipeline_version is stamped on every row when records become a frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(kw_only=True, slots=True)
class DocumentRow:
    """One row per file in the raw folder: how it was read and what it is."""

    TABLE: ClassVar[str] = "documents"
    doc_id: str
    source_file: str
    sha256: str
    format: str
    doc_type: str | None = None
    doc_number: str | None = None
    issued_date: str | None = None
    issuer: str | None = None
    signer: str | None = None
    province: str | None = None
    district: str | None = None
    province_code: str | None = None
    district_code: str | None = None
    unit_edition: str | None = None
    pages: int | None = None
    status: str
    error: str | None = None
    read_method: str | None = None
    read_notes: str | None = None
    ocr_pages: int | None = None
    ocr_confidence: float | None = None
    n_communes: int | None = None
    n_tables: int | None = None
    n_cells: int | None = None
    plan_id: str | None = None
    is_primary_edition: bool | None = None


@dataclass(kw_only=True, slots=True)
class AnnexTableRow:
    """One row per annex table found in a document."""

    TABLE: ClassVar[str] = "annex_tables"
    doc_id: str
    table_no: int
    annex_label: str | None = None
    title: str | None = None
    table_kind: str | None = None
    measure: str | None = None
    measure_kind: str | None = None
    measure_scale: float | None = None
    n_rows: int | None = None
    n_cols: int | None = None
    header_rows: int | None = None
    unit_axis: str | None = None
    grid_no: int | None = None
    grid_first_row: int | None = None
    page: int | None = None
    last_page: int | None = None
    source_file: str


@dataclass(kw_only=True, slots=True)
class AnnexRowRow:
    """One row per data row of an annex table: its path, marker, label and kind, and the unit it names where
    units are rows; section rows without figures included."""

    TABLE: ClassVar[str] = "annex_rows"
    doc_id: str
    table_no: int
    row_no: int
    row_path: str
    parent_path: str | None = None
    row_marker: str | None = None
    row_label: str | None = None
    row_kind: str | None = None
    row_is_total: bool
    counted: str | None = None
    unit_name_raw: str | None = None
    unit_scope_raw: str | None = None
    unit_code: str | None = None
    unit_level: str | None = None
    unit_official_name: str | None = None
    page: int | None = None
    source_file: str


@dataclass(kw_only=True, slots=True)
class AnnexColumnRow:
    """One row per column of an annex table: its header path, role, what its figures are, its printed number and
    formula, and the unit it names where units are columns."""

    TABLE: ClassVar[str] = "annex_columns"
    doc_id: str
    table_no: int
    column_index: int
    column_label: str
    column_role: str
    column_kind: str | None = None
    column_whole: str | None = None
    column_is_total: bool
    column_number: str | None = None
    column_formula: str | None = None
    period: str | None = None
    measure: str | None = None
    measure_kind: str | None = None
    measure_scale: float | None = None
    counted: str | None = None
    unit_name_raw: str | None = None
    unit_code: str | None = None
    unit_level: str | None = None
    unit_official_name: str | None = None
    source_file: str


@dataclass(kw_only=True, slots=True)
class AnnexCellRow:
    """One row per non-empty numeric cell of an annex table, with its row path, header path and unit."""

    TABLE: ClassVar[str] = "annex_cells"
    doc_id: str
    table_no: int
    row_path: str
    row_no: int | None = None
    parent_path: str | None = None
    row_marker: str | None = None
    row_label: str | None = None
    column_label: str
    column_index: int | None = None
    column_whole: str | None = None
    unit_name_raw: str | None = None
    unit_scope_raw: str | None = None
    unit_code: str | None = None
    unit_level: str | None = None
    unit_official_name: str | None = None
    unit_axis: str | None = None
    is_total: bool
    row_is_total: bool
    column_is_total: bool
    row_kind: str | None = None
    column_kind: str | None = None
    value: float
    value_kind: str | None = None
    value_decimals: int | None = None
    value_notation: str | None = None
    value_negative: str | None = None
    value_text: str
    period: str | None = None
    measure: str | None = None
    measure_kind: str | None = None
    measure_scale: float | None = None
    counted: str | None = None
    is_rounded: bool | None = None
    ocr_confidence: float | None = None
    page: int | None = None
    source_file: str


@dataclass(kw_only=True, slots=True)
class AnnexTextRow:
    """One row per non-empty text cell of an annex table outside its TT and label columns: notes (Ghi chú),
    formulas, units of measure (ĐVT), and words in figure columns."""

    TABLE: ClassVar[str] = "annex_texts"
    doc_id: str
    table_no: int
    row_path: str
    row_no: int | None = None
    row_marker: str | None = None
    row_label: str | None = None
    column_label: str
    column_index: int | None = None
    column_role: str | None = None
    text: str
    unit_name_raw: str | None = None
    unit_scope_raw: str | None = None
    unit_code: str | None = None
    unit_level: str | None = None
    unit_official_name: str | None = None
    ocr_confidence: float | None = None
    page: int | None = None
    source_file: str


@dataclass(kw_only=True, slots=True)
class FootnoteRow:
    """One row per footnote, with the figure its marker is attached to and any total it states."""

    TABLE: ClassVar[str] = "footnotes"
    doc_id: str
    footnote_no: int | None = None
    footnote_label: str
    text: str
    anchor_value: float | None = None
    anchor_measure: str | None = None
    anchor_context: str | None = None
    stated_total: float | None = None
    stated_measure: str | None = None
    page: int | None = None
    source_file: str


@dataclass(kw_only=True, slots=True)
class FootnoteItemRow:
    """One row per unit figure listed in a footnote ('Tân Lập 4 thôn')."""

    TABLE: ClassVar[str] = "footnote_items"
    doc_id: str
    footnote_no: int
    item_no: int
    unit_name_raw: str
    unit_code: str | None = None
    unit_level: str | None = None
    unit_official_name: str | None = None
    value: float
    measure: str | None = None
    item_text: str | None = None
    page: int | None = None
    source_file: str


@dataclass(kw_only=True, slots=True)
class UnitNameRow:
    """Every unit name printed in a document and how it was resolved to an official unit."""

    TABLE: ClassVar[str] = "unit_names"
    doc_id: str
    name_source: str
    unit_name_raw: str
    unit_scope_raw: str | None = None
    unit_code: str | None = None
    unit_official_name: str | None = None
    unit_level: str | None = None
    match_method: str
    candidates: str | None = None
    scope: str | None = None


@dataclass(kw_only=True, slots=True)
class ClaimRow:
    """One row per numeric statement of the narrative, with its sentence, section, measure, kind and period."""

    TABLE: ClassVar[str] = "claims"
    doc_id: str
    claim_no: int | None = None
    paragraph_no: int | None = None
    section: str | None = None
    sentence: str
    clause: str
    value: float
    value_low: float | None = None
    value_text: str
    measure: str | None = None
    measure_kind: str | None = None
    measure_scale: float | None = None
    states_total: bool | None = None
    subject: str | None = None
    kind: str
    expression: str | None = None
    expression_value: float | None = None
    expression_terms: str | None = None
    period: str | None = None
    level_value: float | None = None
    at_standard: bool
    unit_names_raw: str | None = None
    unit_codes: str | None = None
    page: int | None = None
    source_file: str


@dataclass(kw_only=True, slots=True)
class DocReferenceRow:
    """Documents a plan implements, is based on, or cites."""

    TABLE: ClassVar[str] = "doc_references"
    doc_id: str
    ref_no: int
    ref_type: str
    ref_number: str
    ref_date: str | None = None
    relation: str
    context: str | None = None


@dataclass(kw_only=True, slots=True)
class MetadataSourceRow:
    """Each place a document states a metadata field, so that two sources can be compared."""

    TABLE: ClassVar[str] = "metadata_sources"
    doc_id: str
    field: str
    source: str
    value: str | None = None


@dataclass(kw_only=True, slots=True)
class SkippedTableRow:
    """One row per table of a document that gave no annex table, with the reason: so that an empty result is
    never silent."""

    TABLE: ClassVar[str] = "skipped_tables"
    doc_id: str
    grid_no: int | None = None
    grid_first_row: int
    page: int | None = None
    n_rows: int | None = None
    n_cols: int | None = None
    numeric_cells: int | None = None
    skip_reason: str
    sample_text: str | None = None
    source_file: str


@dataclass(kw_only=True, slots=True)
class AdminUnitRow:
    """The official pre-2025 list of provinces, districts and communes (vietnamadminunits package)."""

    TABLE: ClassVar[str] = "admin_units"
    unit_code: str
    unit_name: str
    full_name: str
    unit_level: str
    district_code: str | None = None
    province_code: str


@dataclass(kw_only=True, slots=True)
class AdminUnits2025Row:
    """The official list of provinces and xã/phường/đặc khu in force since 1 July 2025 (vietnamadminunits
    package): the units of documents dated on or after that day."""

    TABLE: ClassVar[str] = "admin_units_2025"
    unit_code: str
    unit_name: str
    full_name: str
    unit_level: str
    district_code: str | None = None
    province_code: str


@dataclass(kw_only=True, slots=True)
class UnitCrosswalkRow:
    """The 1 July 2025 reorganisation: each old commune and the new commune(s) it became part of (from the
    vietnamadminunits package)."""

    TABLE: ClassVar[str] = "unit_crosswalk"
    old_unit_code: str
    old_unit_name: str | None = None
    old_district_code: str | None = None
    old_province_code: str | None = None
    new_unit_code: str
    new_unit_name: str | None = None
    new_province_code: str | None = None
    new_province_name: str | None = None
    is_default: bool
    is_split: bool


@dataclass(kw_only=True, slots=True)
class VocabularyMeasureRow:
    """The measure words of the vocabulary (pipeline/data/vocabulary/measures.csv) with their kind and scale,
    for checks that convert between scales."""

    TABLE: ClassVar[str] = "vocabulary_measures"
    measure_word: str
    measure_kind: str | None = None
    measure_base: str | None = None
    measure_scale: float | None = None


@dataclass(kw_only=True, slots=True)
class VocabularyMeasureKindRow:
    """The measure kinds of the vocabulary (pipeline/data/vocabulary/measure_kinds.csv): which add up to totals
    and which are printed rounded, for the sums the checks assert."""

    TABLE: ClassVar[str] = "vocabulary_measure_kinds"
    measure_kind: str
    additive: bool
    rounded: bool


@dataclass(kw_only=True, slots=True)
class VocabularyKindWordRow:
    """The words of the vocabulary (pipeline/data/vocabulary/kinds.csv) that say what a line or a figure of the
    text is: total, baseline, target ...; for checks that match what a claim names."""

    TABLE: ClassVar[str] = "vocabulary_kind_words"
    word: str
    kind: str
    used_in: str


@dataclass(kw_only=True, slots=True)
class ProgrammeConstantRow:
    """Constants of the National Target Programmes the checks rely on
    (pipeline/data/vocabulary/programme.csv)."""

    TABLE: ClassVar[str] = "programme_constants"
    name: str
    value: float


@dataclass(kw_only=True, slots=True)
class CheckRow:
    """One row per comparison made by a cross-check, with both sides' provenance."""

    TABLE: ClassVar[str] = "checks"
    doc_id: str
    check_name: str
    table_no: int | None = None
    row_path: str | None = None
    column_label: str | None = None
    unit_code: str | None = None
    unit_name_raw: str | None = None
    footnote_no: int | None = None
    claim_no: int | None = None
    expected: float | None = None
    actual: float | None = None
    difference: float | None = None
    tolerance: float | None = None
    status: str
    sum_relation: str | None = None
    asserted_by: str | None = None
    tolerance_reason: str | None = None
    diagnosis: str | None = None
    evidence: str | None = None
    detail: str | None = None


@dataclass(kw_only=True, slots=True)
class QuarantineRow:
    """Rows that failed their table's schema, kept with the reason instead of being dropped."""

    TABLE: ClassVar[str] = "quarantine"
    table_name: str
    doc_id: str
    row_json: str
    reason: str


@dataclass(kw_only=True, slots=True)
class RunRow:
    """The extraction run that wrote this database and its CSVs: one row."""

    TABLE: ClassVar[str] = "runs"
    run_id: str
    run_started_at: str
    raw_folder: str
