"""PDF reader: pdfplumber pages -> Document (lines, layout blocks, ruled tables, footnotes, legacy fonts)."""
