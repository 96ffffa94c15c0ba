"""The 10,000-character report every speed benchmark parses: our own original text
(the first writers' documents, annotations/original/ow[1-4]_*.txt, joined)."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHARS = 10_000


def report_text(chars: int = CHARS) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "annotations" / "original").glob("ow[1-4]_*.txt"))]
    return "\n".join(texts)[:chars]


def spec_config(spec: str) -> tuple[str, dict]:
    """``NAME@settings`` -> (NAME, config overrides): ``accurate@float32,stride=128`` is
    the accurate pipeline with its tagger's settings overridden. A bare word is its
    ``precision`` (``float32``, ``bfloat16``, ``auto``), ``key=value`` any other setting
    (``stride``, ``batch_size``, ``one_char_spans``; digits become whole numbers,
    ``true``/``false`` booleans); ``component.key=value`` another component's setting."""
    name, _, settings = spec.partition("@")
    config = {}
    for item in filter(None, settings.split(",")):
        key, eq, value = item.partition("=")
        if eq:
            value = int(value) if value.isdigit() else {"true": True, "false": False}.get(value, value)
        key, value = (key, value) if eq else ("precision", key)
        # a dotted key names another component's setting (nrcie_boundary_snap.unseen_ends=drop)
        config["components." + (key if "." in key else "nrcie_transformer_ner." + key)] = value
    return name, config


def load_spec(spec: str):
    """The pipeline ``NAME@settings`` names (:func:`spec_config`), loaded."""
    import nrcie

    name, config = spec_config(spec)
    return nrcie.load(name, **({"config": config} if config else {}))


def run_child(template: str, args: list, env: dict | None = None) -> dict:
    """Run a benchmark's child script (``template`` formatted with the repository and
    benchmarks folders) in a fresh Python process; its last stdout line is JSON. A
    failed child gives ``{"error": its last stderr line}``."""
    code = template.format(root=str(ROOT), bench=str(Path(__file__).resolve().parent))
    out = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, env=env)
    if out.returncode:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"}
    return json.loads(out.stdout.strip().splitlines()[-1])
