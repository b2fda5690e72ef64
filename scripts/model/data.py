"""Load the training, calibration and evaluation sets from the shared data folder.

Every loader returns plain Python lists so that the training, calibration and
metric scripts see the same rows in the same order on every run.
"""

from __future__ import annotations

import csv
import hashlib
import os
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(os.environ.get("TUTOR_DATA_DIR", Path(__file__).resolve().parents[3] / "shared" / "data"))

# SemEval questions are split whole, by a hash of their id, so that no reference answer of a
# held-out question is seen in training. The first quarter is held out for choosing settings and
# the pass threshold; the second quarter fits the calibration; the rest may train the model.
HELD_OUT_QUESTION_SHARE = 0.25
CALIBRATION_QUESTION_SHARE = 0.25


@dataclass(frozen=True)
class ScoredPair:
    first: str
    second: str
    score: float  # 0..1


@dataclass(frozen=True)
class NliPair:
    premise: str
    hypothesis: str
    label: int  # 0 entailment, 1 neutral, 2 contradiction


@dataclass(frozen=True)
class StudentAnswer:
    corpus: str
    question_id: str
    question: str
    answer: str
    references: tuple[str, ...]
    matched_reference: str | None
    correct: bool


def load_stsb(split: str) -> list[ScoredPair]:
    """Read STS-B `train`, `dev` or `test`, with the 0-5 score scaled to 0-1."""
    path = DATA_DIR / "stsb" / f"sts-{split}.csv"
    pairs: list[ScoredPair] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            # About 200 training lines carry extra fields after sentence 2; they are ignored.
            if len(fields) < 7:
                raise ValueError(f"{path}: expected 7 tab-separated fields, got {len(fields)}: {line[:80]!r}")
            pairs.append(ScoredPair(fields[5], fields[6], float(fields[4]) / 5.0))
    return pairs


def load_snli(split: str) -> list[NliPair]:
    """Read SNLI `validation` or `test`, skipping rows without a consensus label (-1)."""
    path = DATA_DIR / "snli" / f"{split}.tsv"
    pairs: list[NliPair] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            label = int(row["label"])
            if label < 0:
                continue
            pairs.append(NliPair(row["premise"], row["hypothesis"], label))
    return pairs


def load_semeval_2way() -> list[StudentAnswer]:
    """Read every SemEval-2013 2-way training answer of Beetle and SciEntsBank."""
    answers: list[StudentAnswer] = []
    root = DATA_DIR / "semeval2013" / "training" / "2way"
    for corpus_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        for path in sorted(corpus_dir.glob("*.xml")):
            answers.extend(_read_question_file(corpus_dir.name, path))
    return answers


def _read_question_file(corpus: str, path: Path) -> list[StudentAnswer]:
    question = ElementTree.parse(path).getroot()
    question_id = f"{corpus}/{question.get('id')}"
    question_text = (question.findtext("questionText") or "").strip()
    reference_by_id = {
        ref.get("id"): (ref.text or "").strip()
        for ref in question.iter("referenceAnswer")
        if (ref.text or "").strip()
    }
    references = tuple(reference_by_id.values())
    answers = []
    for student in question.iter("studentAnswer"):
        text = (student.text or "").strip()
        if not text or not references:
            continue
        answers.append(
            StudentAnswer(
                corpus=corpus,
                question_id=question_id,
                question=question_text,
                answer=text,
                references=references,
                matched_reference=reference_by_id.get(student.get("answerMatch") or ""),
                correct=student.get("accuracy") == "correct",
            )
        )
    return answers


def question_bucket(question_id: str) -> str:
    """Return `held_out`, `calibration` or `train` for a question, from a hash of its id."""
    position = hashlib.sha256(question_id.encode("utf-8")).digest()[0] / 256.0
    if position < HELD_OUT_QUESTION_SHARE:
        return "held_out"
    if position < HELD_OUT_QUESTION_SHARE + CALIBRATION_QUESTION_SHARE:
        return "calibration"
    return "train"


def split_semeval(answers: list[StudentAnswer]) -> tuple[list[StudentAnswer], list[StudentAnswer], list[StudentAnswer]]:
    """Split answers into (training questions, calibration questions, held-out questions)."""
    buckets: dict[str, list[StudentAnswer]] = {"train": [], "calibration": [], "held_out": []}
    for answer in answers:
        buckets[question_bucket(answer.question_id)].append(answer)
    return buckets["train"], buckets["calibration"], buckets["held_out"]


def semeval_training_pairs(answers: list[StudentAnswer]) -> list[ScoredPair]:
    """Turn student answers into (answer, reference, 0 or 1) pairs for regression training.

    A correct answer is paired with the reference it was matched to, or with every
    reference when the file names none, because a correct answer need not match a
    MINIMAL reference that covers a different point. An incorrect answer is paired
    with every reference: it matches none of them.
    """
    pairs: list[ScoredPair] = []
    for answer in answers:
        if answer.correct:
            targets = (answer.matched_reference,) if answer.matched_reference else answer.references
            pairs.extend(ScoredPair(answer.answer, ref, 1.0) for ref in targets)
        else:
            pairs.extend(ScoredPair(answer.answer, ref, 0.0) for ref in answer.references)
    return pairs
