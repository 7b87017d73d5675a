"""Word readers: .docx (WordprocessingML) and legacy .doc (through LibreOffice) -> Document."""
