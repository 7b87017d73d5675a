"""The metadata and references parsers on a hand-built header block, title, caption and signature."""

from __future__ import annotations

from pipeline.parsers.metadata import header_statements, parse_metadata
from pipeline.parsers.references import parse_references
from tests.fixtures.small_documents import document, layout, para

HEADER = layout(
    "UBND TỈNH LAI CHÂU\nỦY BAN NHÂN DÂN\nHUYỆN PHONG THỔ\nSố: 15/KH-UBND",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPhong Thổ, ngày 3 tháng 4 năm 2023",
)
DOC = document(
    HEADER,
    para("KẾ HOẠCH", bold=True, center=True),
    para("Thực hiện Nghị quyết số 12-NQ/TU, ngày 5/3/2021 của Tỉnh ủy", center=True),
    para("Căn cứ Quyết định số 318/QĐ-TTg ngày 8/3/2022 của Thủ tướng Chính phủ;"),
    para("Các xã thực hiện theo Công văn số 45/UBND-NN."),
    layout("Nơi nhận:\n- Như trên;", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLò Văn Minh"),
    para("(Kèm theo Kế hoạch số 15/KH-UBND ngày 3/4/2023 của UBND huyện)", center=True),
)


def test_header_block_title_and_signature() -> None:
    metadata, scope = parse_metadata(DOC)
    assert (metadata.doc_type, metadata.doc_number, metadata.issued_date) == ("Kế hoạch", "15/KH-UBND", "2023-04-03")
    assert metadata.issuer == "HUYỆN PHONG THỔ"
    assert metadata.signer == "Lò Văn Minh"
    assert (metadata.province, metadata.district) == ("Lai Châu", "Phong Thổ")
    assert scope is not None and scope.district_code == metadata.district_code
    statements = {(s.field, s.source, s.value) for s in header_statements("ab" * 8, metadata)}
    assert ("doc_number", "header block", "15/KH-UBND") in statements


def test_references_by_relation_and_the_caption_as_a_second_source() -> None:
    references, captions = parse_references(DOC, "15/KH-UBND")
    relations = {(r.ref_type, r.ref_number, r.relation, r.ref_date) for r in references}
    assert relations == {
        ("Nghị quyết", "12-NQ/TU", "implements", "2021-03-05"),
        ("Quyết định", "318/QĐ-TTg", "basis", "2022-03-08"),
        ("Công văn", "45/UBND-NN", "cites", None),
    }
    assert [r.ref_no for r in references] == [1, 2, 3]
    assert {(c.field, c.value) for c in captions} == {
        ("doc_type", "Kế hoạch"),
        ("doc_number", "15/KH-UBND"),
        ("issued_date", "2023-04-03"),
    }
