#!/usr/bin/env python3
# train-model.py
#
# Copyright 2026 The Candor authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Trains the sentence model of the message checks from the labelled corpora.

The rules of data/checks/*.json catch what they were written for and little
else: on sets written by people who had not seen them, they found a third of
the blame. A small logistic regression over word stems and pairs of stems,
trained on every labelled snippet, finds much of the rest; the checker flags a
sentence when either says so. Writes data/checks/LANG-model.tsv, which
src/core/candor-phrase-model.c reads (a line per feature is quicker to load
than JSON); `--check` fails when the files are not what this script makes of
today's corpora, and the test suite runs it.

Usage: train-model.py [--check] [--cross-validate]
"""

import json
import math
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# checks-corpus-held-out-6 and -8 are left out on purpose: nothing is fitted
# to them, so they still tell how the checks do on text they have not seen.
CORPORA = [
    "checks-corpus",
    "checks-corpus-held-out",
    "checks-corpus-held-out-2",
    "checks-corpus-held-out-3",
    "checks-corpus-held-out-4",
    "checks-corpus-held-out-5",
    "checks-corpus-held-out-7",
]
# The rules the model speaks for, in the order of the weights it writes.
RULES = ["blame", "guilt", "promise"]
# Letters a stem keeps: enough to tell words apart, few enough that the forms
# of one word (Russian endings, English -s/-ed/-ing) share it.
STEM_LENGTH = {"en": 6, "ru": 5}
EPOCHS = 40
LEARNING_RATE = 0.2
L2 = 0.003
# Weights smaller than this change no decision; leaving them out keeps the
# file small and the checker quick to build.
MIN_WEIGHT = 0.05
# A sentence is flagged from this probability on.
THRESHOLD = {"blame": 0.3, "guilt": 0.3, "promise": 0.4}


def tokens(text, language):
    """The stems of @text, as src/core/candor-phrase-model.c makes them."""
    text = text.lower().replace("ё", "е").replace("\u2019", "'")
    stems, word = [], []
    for ch in text + " ":
        if ch.isalnum() or ch in "_'":
            word.append(ch)
        elif word:
            stems.append("".join(word[: STEM_LENGTH[language]]))
            word = []
    return stems


def features(text, language):
    """Every stem and every pair of neighbouring stems, as often as they occur."""
    stems = tokens(text, language)
    return ["u:" + s for s in stems] + ["b:" + a + " " + b for a, b in zip(stems, stems[1:])]


def load(name):
    with open(os.path.join(ROOT, "tests", "data", name + ".json"), encoding="utf-8") as f:
        return json.load(f)["items"]


def sentences(text):
    """@text cut where src/core/candor-checker-check.c ends a sentence."""
    found, start = [], 0
    for i, ch in enumerate(text):
        if ch in "\n;":
            found.append(text[start:i])
            start = i + 1
        elif ch in ".!?" and (i + 1 == len(text) or text[i + 1].isspace()):
            found.append(text[start : i + 1])
            start = i + 1
    found.append(text[start:])
    return [s.strip() for s in found if s.strip()]


def template_sentences(language):
    """The sentences of the built-in templates, their variables filled with
    the examples they give: what a good message looks like, in every field
    (technical details too, where parties and failures are named without
    blame)."""
    folder = os.path.join(ROOT, "data", "templates", language)
    found = []
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            template = json.load(f)
        examples = {}
        for variable in template.get("variables", []):
            example = variable.get("example", "")
            examples[variable["name"]] = example[0] if isinstance(example, list) and example else str(example)
        for text in template["fields"].values():
            if not isinstance(text, str):
                continue
            text = re.sub(r"\{\{[#^/][^}]*\}\}", "", text)
            text = re.sub(r"\{\{\{?\s*([\w.]+)\s*\}?\}\}", lambda m: examples.get(m.group(1), m.group(1)), text)
            found += sentences(text)
    return found


def examples(names, language, rule):
    """Snippets, and each sentence of a whole message that does not break the
    rule: a message's label does not say which sentence earned it, but a
    clean one teaches what plain statements of fact look like ("no data was
    lost" is not the promise "no data will be lost"). The promise rule is
    about what is said while it lasts."""
    found = []
    for name in names:
        for item in load(name):
            if item["lang"] != language:
                continue
            if rule == "promise" and item.get("resolved", False):
                continue
            positive = rule in item["expect"]
            if item["field"] != "whole-message":
                found.append((features(item["text"], language), positive))
            elif not positive:
                found += [(features(s, language), False) for s in sentences(item["text"])]
    found += [(features(s, language), False) for s in template_sentences(language)]
    return found


def train(data):
    weights, bias = {}, 0.0
    order = list(range(len(data)))
    shuffle = random.Random(13)
    for _ in range(EPOCHS):
        shuffle.shuffle(order)
        for index in order:
            feats, label = data[index]
            z = bias + sum(weights.get(k, 0.0) for k in feats)
            gradient = 1.0 / (1.0 + math.exp(-z)) - label
            bias -= LEARNING_RATE * gradient
            for k in feats:
                w = weights.get(k, 0.0)
                weights[k] = w - LEARNING_RATE * (gradient + L2 * w)
    return weights, bias


def probability(weights, bias, feats):
    return 1.0 / (1.0 + math.exp(-(bias + sum(weights.get(k, 0.0) for k in feats))))


def number(x):
    """@x with three decimals at most and no trailing zeros."""
    text = f"{x:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def model(language):
    """The model of @language as the lines of its file."""
    table, biases = {}, []
    for r, rule in enumerate(RULES):
        weights, bias = train(examples(CORPORA, language, rule))
        biases.append(bias)
        for k, w in weights.items():
            if abs(w) >= MIN_WEIGHT:
                table.setdefault(k, [0.0] * len(RULES))[r] = w
    lines = [
        "# The sentence model of the message checks, made by data/checks/train-model.py"
        " from the labelled corpora in tests/data; do not edit.",
        f"language\t{language}",
        f"stem-length\t{STEM_LENGTH[language]}",
        "rules\t" + "\t".join(RULES),
        "bias\t" + "\t".join(number(b) for b in biases),
        "threshold\t" + "\t".join(number(THRESHOLD[rule]) for rule in RULES),
    ]
    lines += [k + "\t" + "\t".join(number(w) for w in ws) for k, ws in sorted(table.items())]
    return "\n".join(lines) + "\n"


def cross_validate():
    """Each corpus scored by a model trained on the others."""
    print("rule      lang  recall  false flags  clean flagged")
    for language in ("en", "ru"):
        for rule in RULES:
            tp = fn = fp = clean = n_clean = 0
            for held in CORPORA:
                weights, bias = train(examples([c for c in CORPORA if c != held], language, rule))
                for item in load(held):
                    if item["lang"] != language:
                        continue
                    if rule == "promise" and item.get("resolved", False):
                        continue
                    parts = sentences(item["text"]) if item["field"] == "whole-message" else [item["text"]]
                    hit = any(
                        probability(weights, bias, features(part, language)) >= THRESHOLD[rule]
                        for part in parts
                    )
                    positive = rule in item["expect"]
                    tp += hit and positive
                    fn += positive and not hit
                    fp += hit and not positive
                    clean += hit and not item["expect"]
                    n_clean += not item["expect"]
            print(f"{rule:9} {language:4}  {tp / max(1, tp + fn):6.2f}  {fp:11}  {clean:5}/{n_clean}")


def main():
    if "--cross-validate" in sys.argv:
        cross_validate()
        return 0
    stale = []
    for language in ("en", "ru"):
        path = os.path.join(ROOT, "data", "checks", language + "-model.tsv")
        text = model(language)
        if "--check" in sys.argv:
            with open(path, encoding="utf-8") as f:
                if f.read() != text:
                    stale.append(path)
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    for path in stale:
        print(f"{path} is not what data/checks/train-model.py makes of the corpora; run it", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
