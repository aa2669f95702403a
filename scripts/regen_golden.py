"""Rewrite tests/golden/<slug>/expected.json from the cleaner's current output, for review.

.venv/bin/python scripts/regen_golden.py && git diff tests/golden
"""

from __future__ import annotations

import json
from pathlib import Path

from newsclean import clean

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden"


def main() -> None:
    for page in sorted(path for path in GOLDEN.iterdir() if path.is_dir()):
        source = next((path for path in page.iterdir() if path.name.startswith("input.")), None)
        if source is None:
            continue
        document = clean(source.read_bytes(), name=source.name).to_dict()
        document.pop("source")
        (page / "expected.json").write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {page.name}/expected.json")


if __name__ == "__main__":
    main()
