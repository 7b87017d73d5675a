"""`python -m pipeline.checks [README.md]`: bring the README's list of checks up to date with the headers
of the check files (or print the list when no README is given)."""

import sys
from pathlib import Path

from pipeline.checks import readme_section, replace_readme_section

if len(sys.argv) > 1:
    readme = Path(sys.argv[1])
    readme.write_text(replace_readme_section(readme.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated the list of checks in {readme}")
else:
    print(readme_section())
