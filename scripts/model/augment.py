"""Negation pairs added to stage 2, because similarity data alone teaches the model that
"the heart pumps blood" and "the heart does not pump blood" mean nearly the same thing.

A grader must fail such an answer. The rules below negate simple English clauses; they miss
many sentences (headlines, clauses without an auxiliary or a third-person verb), which only
makes the added set smaller. All choices are seeded, so the rows are the same on every run.
"""

from __future__ import annotations

import random
import re

import data

NEGATED_TARGET = 0.1  # the score a negated reference should get: clearly a fail, not "unrelated"
NEGATION_WORDS = re.compile(r"\b(not|no|never|nobody|nothing|none|cannot)\b|n't\b", re.IGNORECASE)
AUXILIARY = re.compile(r"\b(is|are|was|were|can|will|should|could|would|must|does|do|did|has been|have been)\b")
# "The heart pumps blood" -> "The heart does not pump blood": a determiner, a noun, then a verb ending in s.
THIRD_PERSON_VERB = re.compile(r"^((?:The|A|An|This|That|Each|Every) \w+) (\w+?)(es|s)\b")
SIBILANT_ENDING = re.compile(r"(ch|sh|ss|x|o)$")


def negate(sentence: str) -> str | None:
    """Return the sentence with its first clause negated, or None when no rule applies."""
    if NEGATION_WORDS.search(sentence):
        return None
    if AUXILIARY.search(sentence):
        return AUXILIARY.sub(lambda match: f"{match.group(0)} not", sentence, count=1)
    match = THIRD_PERSON_VERB.match(sentence)
    if match:
        stem, ending = match.group(2), match.group(3)
        # "catches" -> "catch", "goes" -> "go", but "makes" -> "make".
        base = stem if ending == "s" or SIBILANT_ENDING.search(stem) else stem + "e"
        return f"{match.group(1)} does not {base}{sentence[match.end():]}"
    return None


def negation_rows(stsb_train: list[data.ScoredPair], snli: list[data.NliPair], seed: int) -> list[tuple[str, str, float]]:
    """Build (first, second, target) rows that teach the model what negation does to meaning."""
    rng = random.Random(seed)
    rows: list[tuple[str, str, float]] = []
    for pair in stsb_train:
        negated_first, negated_second = negate(pair.first), negate(pair.second)
        # A close pair with one side negated no longer matches.
        if pair.score >= 0.7 and negated_second:
            rows.append(_random_order(rng, pair.first, negated_second, NEGATED_TARGET))
        # Both sides negated keep their similarity, so "not" alone never means a mismatch.
        if negated_first and negated_second:
            rows.append(_random_order(rng, negated_first, negated_second, pair.score))
    sentences = sorted({p.first for p in stsb_train} | {p.second for p in stsb_train})
    rng.shuffle(sentences)
    for sentence in sentences[:3000]:
        negated = negate(sentence)
        if negated:
            rows.append(_random_order(rng, sentence, negated, NEGATED_TARGET))
    # SNLI contradictions that contradict through a negation word, written by people.
    for pair in snli:
        if pair.label == 2 and NEGATION_WORDS.search(pair.hypothesis) and not NEGATION_WORDS.search(pair.premise):
            rows.append(_random_order(rng, pair.premise, pair.hypothesis, 0.0))
    return rows


def _random_order(rng: random.Random, first: str, second: str, target: float) -> tuple[str, str, float]:
    return (second, first, target) if rng.random() < 0.5 else (first, second, target)
