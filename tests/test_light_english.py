"""The light English tokenizer gives spaCy's blank-English tokens and sentences.

spaCy stays the tokenizer of record: every rule example, every bundled example
file and generated text with the characters that decide spaCy's splits
(affixes, special cases, emoticons, URLs, units, whitespace runs) must come out
of both the same, tokens (offsets, text, whitespace) and sentences alike."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xhslint.linter.analysis import english, light_english

spacy = pytest.importorskip("spacy")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pair():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    rules = light_english._compile(light_english.extract(nlp))
    assert rules is not None
    return nlp, rules


def _spacy(nlp, line: str):
    doc = nlp(line)
    return [(t.idx, t.text, t.is_space) for t in doc], [(s.start_char, s.end_char) for s in doc.sents]


def _light(rules, line: str):
    tokens = light_english.tokenize(line, rules)
    starts = light_english.sentence_starts(tokens, rules)
    ends = [*starts[1:], len(tokens)]
    sentences = [
        (tokens[a].idx, tokens[b - 1].idx + len(tokens[b - 1].text))
        for a, b in zip(starts, ends, strict=True)
    ]
    return [(t.idx, t.text, t.is_space) for t in tokens], sentences


def _example_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted((ROOT / "rules").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for rule in data.get("rules") or [data]:
            for group in (rule.get("examples") or {}).values():
                for example in group or []:
                    text = example if isinstance(example, str) else example.get("text", "")
                    lines += str(text).split("\n")
    for path in sorted((ROOT / "examples").rglob("*")):
        if path.suffix in (".md", ".txt"):
            lines += path.read_text(encoding="utf-8").split("\n")
    return [line for line in dict.fromkeys(lines) if line]


def test_every_rule_example_and_example_file_tokenizes_as_spacy(pair):
    nlp, rules = pair
    lines = _example_lines()
    assert len(lines) > 1000, "sanity: the rule examples were read"
    different = [line for line in lines if _spacy(nlp, line) != _light(rules, line)]
    assert not different, different[:5]


PIECES = [
    *"abcXYZ019 .,!?;:'\"()[]{}-–—/\\@#$%&*+=<>~`^_|…“”‘’\t¡¿«»°€£¥％。，！？、（）【】「」·•©®™✓♥★",
    "don't", "can't", "Dr.", "e.g.", "U.S.", "http://", "https://www.", ".com", "😂", "❤️", "中文", "'s",
    "n't", "i'm", "o'clock", ":)", ":-(", ":):)", "10km", "5g", "$5", "1.5", "a.m.", "Mr.", "'em",
    "y'all", "lovin'", "c++", "ain't", "gonna", "  ", "...", "#ad", "@brand", "20%", "ml", "x2",
]  # fmt: skip


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=24).map("".join))
def test_generated_text_tokenizes_as_spacy(pair, line):
    nlp, rules = pair
    assert _light(rules, line) == _spacy(nlp, line)


# Runs of the characters the prefix and suffix rules strip one per round, long enough to go
# past the windows they are matched in (affix_windows.py), and spaCy's run rule (\.\.+).
RUNS = [*("." * k for k in (1, 2, 3, 17, 40, 90)), "…" * 3, *"()\"'[]$%,!?-—:;", "a", "5", "km", "Dr."]
RUNS += ["x.", "U.S.", "'s", "n't", "(((((((((((((((((((((", "))))))))))))))))))))))))"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(RUNS), min_size=1, max_size=60).map("".join))
def test_long_spans_of_affixes_tokenize_as_spacy(pair, line):
    """Spans without spaces longer than the affix windows: the windowed rounds give
    spaCy's tokens, and so does the unwindowed loop."""
    nlp, rules = pair
    assert rules.prefix_window and rules.suffix_window, "spaCy's affix rules have the windowed shape"
    expected = _spacy(nlp, line)[0]
    assert _light(rules, line)[0] == expected
    whole = replace(rules, prefix_window=None, suffix_window=None)
    assert _light(whole, line)[0] == expected


def test_a_long_span_of_affixes_costs_linear_time(pair):
    """8,000 "(" took 8 s when each round searched the whole rest of the span (as spaCy does)."""
    _nlp, rules = pair

    def seconds(n: int) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            light_english.tokenize("(" * n + ")" * n + " word", rules)
            best = min(best, time.perf_counter() - start)
        return best

    seconds(500)
    ratio = min(seconds(8000) / seconds(4000) for _ in range(3))
    assert ratio < 3.0, f"doubling the span took {ratio:.2f}x as long"


def test_both_backends_give_the_same_sentences_and_tokens(monkeypatch):
    lines = ["Use my code GLOW20 for 20% off!! Link in bio.", "Dr.RK's toner... it's 5g.  Wow :) really"]
    monkeypatch.setenv("XHSLINT_ENGLISH", "spacy")
    via_spacy = list(english.analyse_lines(lines))
    monkeypatch.setenv("XHSLINT_ENGLISH", "")
    monkeypatch.setenv("XHSLINT_SPACY_MODEL", "blank")
    assert english.backend() == "light"
    assert list(english.analyse_lines(lines)) == via_spacy


@pytest.mark.slow
def test_the_data_is_read_from_spacy_once(tmp_path):
    """The first process reads spaCy's rules and stores them; the next one lints
    English without importing spaCy."""
    env = {**os.environ, "XHSLINT_CACHE_DIR": str(tmp_path / "cache"), "XHSLINT_SPACY_MODEL": "blank"}
    env.pop("XHSLINT_ENGLISH", None)
    code = (
        "import sys, json\n"
        "from xhslint import lint_text\n"
        "result = lint_text('Honestly the best serum, use my code GLOW20 at the link!')\n"
        "print(json.dumps([sorted({d.rule_id for d in result.diagnostics}), 'spacy' in sys.modules]))\n"
    )
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", code],
                cwd=tmp_path,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(2)
    ]
    assert runs[0][1] and not runs[1][1], runs
    assert runs[0][0] == runs[1][0] and runs[0][0]
    assert list((tmp_path / "cache").glob("spacy-en-*.json"))
