"""WordprocessingML names shared by the DOCX reader modules (and the fixture builders)."""

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"  # Clark notation prefix for element and attribute names
NS = {"w": W_NS}  # prefix map for find / iterfind paths
