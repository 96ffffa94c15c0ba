"""The 10,000-character report every speed benchmark parses: our own original text
(the first writers' documents, annotations/original/ow[1-4]_*.txt, joined)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHARS = 10_000


def report_text(chars: int = CHARS) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "annotations" / "original").glob("ow[1-4]_*.txt"))]
    return "\n".join(texts)[:chars]
