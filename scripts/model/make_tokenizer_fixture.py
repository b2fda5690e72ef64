"""Write the token ids that Python's `transformers` produces for a set of hard pairs.

The TypeScript grader encodes pairs with @huggingface/tokenizers, which has no
truncation, and truncates them itself. Its unit test compares its ids with this
fixture, so CI checks tokenizer parity without Python. Run by hand after the
tokenizer changes:

    .venv-model/bin/python scripts/model/make_tokenizer_fixture.py
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import transformers
from transformers import AutoTokenizer

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO_ROOT / "tests" / "unit" / "grading" / "fixtures" / "tokenizer-pairs.json"

LONG_ANSWER = (
    "An application programming interface is a contract between two pieces of software that "
    "states which requests one may send, what each request must contain, and what the other "
    "promises to return, so that either side can change its internals without breaking the other. "
) * 4
LONG_REFERENCE = (
    "A set of definitions and protocols through which one program requests services from another, "
    "hiding the implementation behind a stable, documented boundary. "
) * 5

# (name, answer, reference): every kind of text the grader must encode like Python does.
PAIRS: list[tuple[str, str, str]] = [
    ("short", "rapid", "fast"),
    ("sentence", "a contract between services", "an agreed-upon interface"),
    ("negation", "the heart pumps blood", "the heart does not pump blood"),
    ("mixed case and digits", "HTTP/2 uses ONE TCP connection", "Http 2 multiplexes 100 streams"),
    ("accented", "Café naïve résumé à la Ångström", "Crème brûlée, façade, Zürich, São Paulo"),
    ("combining accents", "Cafe\u0301 nai\u0308ve", "re\u0301sume\u0301"),
    ("cjk", "机器学习是人工智能的一个分支", "東京は日本の首都です。ひらがなとカタカナ"),
    ("korean", "안녕하세요 세계", "한국어 문장입니다"),
    ("emoji", "I ❤️ APIs 🚀🔥", "👍🏽 thumbs up, 🇫🇷 flag, 👨‍👩‍👧 family"),
    ("empty answer", "", "a non-empty reference"),
    ("whitespace answer", "   \t  ", "a reference"),
    ("only punctuation", "?!?!...", "---"),
    ("punctuation heavy", "e.g., a/b-c; (x) [y] {z} <tag> — “quoted” ‘single’ …", "i.e.: foo@bar.com, #hash, $5.00, 50%, a&b, C++ && C#"),
    ("control and odd spaces", "tab\there\u00a0nbsp\u200bzero-width\u3000ideographic", "line\nbreak\r\nwindows"),
    ("very long word", "x" * 120, "supercalifragilisticexpialidocious pneumonoultramicroscopicsilicovolcanoconiosis"),
    ("unknown symbols", "∀x ∈ ℝ: x² ≥ 0 ⊕ ∑", "\u2603 \U0001d54f \ufffd"),
    ("long answer", LONG_ANSWER, "an agreed-upon interface"),
    ("long reference", "an agreed-upon interface", LONG_REFERENCE),
    ("both long", LONG_ANSWER, LONG_REFERENCE),
    ("both long equal", LONG_REFERENCE, LONG_REFERENCE),
    ("long cjk", "人工智能" * 60, "机器学习" * 50),
]

# Small limits force every truncation branch: only the longer side cut, both cut,
# odd and even budgets, and a limit shorter than the shorter side.
EXTRA_MAX_LENGTHS = [8, 9, 16, 17, 32]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def default_tokenizer_dir() -> Path:
    models = REPO_ROOT / "public" / "models"
    default_id = json.loads((models / "index.json").read_text(encoding="utf-8"))["default"]
    return models / default_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tokenizer-dir", type=Path, help="folder with tokenizer.json and tokenizer_config.json (default: the default model in public/models)")
    parser.add_argument("--max-length", type=int, help="the manifest's maxSequenceLength (default: read from the model's manifest.json)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"fixture file to write (default: {DEFAULT_OUT.relative_to(REPO_ROOT)})")
    args = parser.parse_args()

    tokenizer_dir: Path = args.tokenizer_dir or default_tokenizer_dir()
    max_length = args.max_length
    if max_length is None:
        manifest = json.loads((tokenizer_dir / "manifest.json").read_text(encoding="utf-8"))
        max_length = int(manifest["maxSequenceLength"])

    tokenizer = AutoTokenizer.from_pretrained(str(tokenizer_dir), local_files_only=True)
    cases = []
    for limit in [max_length, *EXTRA_MAX_LENGTHS]:
        for name, answer, reference in PAIRS:
            encoded = tokenizer(answer, reference, truncation="longest_first", max_length=limit)
            cases.append(
                {
                    "name": name,
                    "maxLength": limit,
                    "answer": answer,
                    "reference": reference,
                    "inputIds": encoded["input_ids"],
                    "tokenTypeIds": encoded["token_type_ids"],
                }
            )

    fixture = {
        "generator": "scripts/model/make_tokenizer_fixture.py",
        "transformersVersion": transformers.__version__,
        "tokenizerClass": type(tokenizer).__name__,
        "tokenizerJsonSha256": sha256_of(tokenizer_dir / "tokenizer.json"),
        "manifestMaxLength": max_length,
        "cases": cases,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(cases)} cases to {args.out}")


if __name__ == "__main__":
    main()
