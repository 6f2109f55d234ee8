"""The content rules of the built-in bank (issue: "a bank a reader would actually try").

Each rule returns problems as `kind: pack/id: what`, so a test can plant one bad ask of
each kind and see its rule catch it. `python -m tests.packs.bank_rules [files]` prints
every problem and the pool sizes per situation and rung, for authors.
"""

from __future__ import annotations

import itertools
import math
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from rejection_therapy.core.situation import AFTERS, GOALS, HAVES, NEEDS, VIA_HAVE, VIAS, WHOS

TAGS = (
    "in-person",
    "online",
    "phone",
    "costs-money",
    "workplace",
    "outdoors",
    "public",
    "performance",
)
"""The tag vocabulary of the built-in packs (the first five follow from needs and via)."""
RUN_DAYS = 100
RUNGS = (1, 2, 3, 4, 5)
MIN_PER_RUNG = math.ceil(1.3 * RUN_DAYS / len(RUNGS))  # 26: a fifth of a run, and swaps
NO_PUSH_CATEGORIES = ("invitation", "reconnecting", "dating")
SIMILAR = 0.5
US_SPELLINGS = re.compile(
    r"\b(color|favor|neighbor|center|theater|organiz|apologiz|realiz|vacation|cell phone"
    r"|sidewalk|line up|zip code|mall|store clerk|grocery store|free refill|tip jar)\w*",
    re.IGNORECASE,
)

# Words that imply a need; an ask using one must carry it (or a remote way, for `out`).
MONEY_WORDS = re.compile(r"\b(buy|buying|bought|receipt|ticket|fee|order|purchase|pay for)\b", re.I)
OUT_WORDS = re.compile(r"\b(shop|café|cafe|street|queue|restaurant|bar|market|bus|train)\b", re.I)
JOB_WORDS = re.compile(r"\b(colleague|colleagues|manager|boss|team lead|your team)\b", re.I)
EVENT_WORDS = re.compile(r"\b(interview|interviewer|offer letter|job offer|application)\b", re.I)
ALLOWED = {
    # pack/id: (rule, why the word does not mean the need here) — reviewed by hand.
}
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "to",
        "of",
        "and",
        "or",
        "for",
        "you",
        "your",
        "if",
        "in",
        "on",
        "at",
        "with",
        "them",
        "they",
        "their",
        "ask",
        "is",
        "it",
        "be",
        "as",
        "by",
        "from",
        "that",
        "this",
        "one",
        "who",
        "what",
        "whether",
        "can",
        "could",
        "would",
        "will",
        "may",
    ]
)


@dataclass(frozen=True)
class Ask:
    pack: str
    id: str
    text: str
    difficulty: int
    category: str
    tip: str
    safety: str
    tags: tuple[str, ...]
    needs: tuple[str, ...] | None
    via: tuple[str, ...] | None
    after: str | None
    who: str | None
    push: bool
    goals: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.pack}/{self.id}"


def read_bank(files: Iterable[Path]) -> tuple[list[Ask], dict[str, dict]]:
    asks, headers = [], {}
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        headers[data["pack"]] = data
        for c in data["challenges"]:
            asks.append(
                Ask(
                    data["pack"],
                    c["id"],
                    c["ask"],
                    c["difficulty"],
                    c.get("category", ""),
                    c.get("tip", ""),
                    c.get("safety", ""),
                    tuple(c.get("tags", ())),
                    tuple(c["needs"]) if "needs" in c else None,
                    tuple(c["via"]) if "via" in c else None,
                    c.get("after"),
                    c.get("who"),
                    c.get("push", True),
                    tuple(c.get("goals") or ()),
                )
            )
    return asks, headers


def _allowed(ask: Ask, rule: str) -> bool:
    return ALLOWED.get(ask.key, ("",))[0] == rule


def vocabulary(asks: list[Ask]) -> list[str]:
    problems = []
    for ask in asks:
        if ask.needs is None or ask.via is None:
            problems.append(f"vocabulary: {ask.key}: write both needs and via")
            continue
        if set(ask.needs) - set(NEEDS) or not ask.via or set(ask.via) - set(VIAS):
            problems.append(f"vocabulary: {ask.key}: needs {ask.needs} / via {ask.via}")
        if ask.after is not None and ask.after not in AFTERS:
            problems.append(f"vocabulary: {ask.key}: after {ask.after!r}")
        if ask.who not in WHOS:
            problems.append(f"vocabulary: {ask.key}: who {ask.who!r} (one of {', '.join(WHOS)})")
        if set(ask.goals) - set(GOALS):
            problems.append(f"vocabulary: {ask.key}: goals {ask.goals}")
        if set(ask.tags) - set(TAGS):
            problems.append(f"vocabulary: {ask.key}: tags {sorted(set(ask.tags) - set(TAGS))}")
    return problems


def implied_needs(asks: list[Ask]) -> list[str]:
    problems = []
    for ask in asks:
        needs, via = set(ask.needs or ()), set(ask.via or ())
        text = ask.text
        if MONEY_WORDS.search(text) and "money" not in needs and not _allowed(ask, "money"):
            problems.append(f"needs: {ask.key}: {MONEY_WORDS.search(text)[0]!r} implies money")
        if (
            OUT_WORDS.search(text)
            and "out" not in needs
            and not via & {"phone", "online"}
            and not _allowed(ask, "out")
        ):
            problems.append(f"needs: {ask.key}: {OUT_WORDS.search(text)[0]!r} implies out")
        if JOB_WORDS.search(text) and "job" not in needs and not _allowed(ask, "job"):
            problems.append(f"needs: {ask.key}: {JOB_WORDS.search(text)[0]!r} implies job")
        if (
            EVENT_WORDS.search(text)
            and ask.after is None
            and not needs
            and not _allowed(ask, "event")
        ):
            problems.append(
                f"needs: {ask.key}: {EVENT_WORDS.search(text)[0]!r} implies after or a need"
            )
    return problems


def tokens(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z']+", text.lower()) if w not in STOPWORDS}


def near_duplicates(asks: list[Ask]) -> list[str]:
    problems = []
    sets = [(ask, tokens(ask.text)) for ask in asks]
    for (a, ta), (b, tb) in itertools.combinations(sets, 2):
        if ta and tb and len(ta & tb) / len(ta | tb) >= SIMILAR:
            problems.append(f"similar: {a.key} and {b.key}: {len(ta & tb) / len(ta | tb):.2f}")
    return problems


def coaching_fields(asks: list[Ask]) -> list[str]:
    problems = []
    for ask in asks:
        if not ask.tip.strip():
            problems.append(f"tip: {ask.key}: every ask has a tip")
        if needs_safety(ask) and not ask.safety.strip():
            problems.append(
                f"safety: {ask.key}: strangers, phones, money, public posts or reconnecting need a safety line"
            )
        if ask.category in NO_PUSH_CATEGORIES and ask.push:
            problems.append(f"push: {ask.key}: a {ask.category} ask takes its no: push: false")
        if US_SPELLINGS.search(ask.text + " " + ask.tip + " " + ask.safety):
            problems.append(
                f"en-GB: {ask.key}: {US_SPELLINGS.search(ask.text + ' ' + ask.tip + ' ' + ask.safety)[0]!r}"
            )
    return problems


def needs_safety(ask: Ask) -> bool:
    return (
        ask.who == "stranger"
        or "money" in (ask.needs or ())
        or "public" in ask.tags
        or ask.category == "reconnecting"
        or tuple(ask.via or ()) == ("phone",)
    )


def headers_and_ids(headers: dict[str, dict], old_ids: Iterable[str]) -> list[str]:
    problems = []
    present = {f"{pack}/{c['id']}" for pack, data in headers.items() for c in data["challenges"]}
    mapped = {
        f"{pack}/{old}" for pack, data in headers.items() for old in (data.get("id_map") or {})
    }
    for pack, data in headers.items():
        if data.get("language") != "en-GB":
            problems.append(f"language: {pack}: declare language en-GB")
    for key in old_ids:
        if key not in present and key not in mapped:
            problems.append(f"id map: {key}: an old ask neither kept nor in its pack's id_map")
    return problems


def situations() -> list[dict[str, bool]]:
    return [
        dict(zip(HAVES, values, strict=True))
        for values in itertools.product([True, False], repeat=len(HAVES))
        if values[HAVES.index("online")] or values[HAVES.index("face-to-face")]
    ]


def fits(answers: dict[str, bool], ask: Ask, goal: str | None = None) -> bool:
    if ask.goals and goal is not None and goal not in ask.goals:
        return False
    return all(answers.get(n, False) for n in ask.needs or ()) and any(
        answers.get(VIA_HAVE.get(w, ""), False) for w in ask.via or ()
    )


def pool_sizes(
    asks: list[Ask], answers: dict[str, bool], goal: str | None = None
) -> dict[int, int]:
    daily = [a for a in asks if a.after is None and fits(answers, a, goal)]
    return {rung: sum(1 for a in daily if a.difficulty == rung) for rung in RUNGS}


def pools(asks: list[Ask]) -> list[str]:
    """Every situation with online or face-to-face, under every goal (and none said)."""
    problems = []
    for goal in (None, *GOALS):
        for answers in situations():
            sizes = pool_sizes(asks, answers, goal)
            short = {r: n for r, n in sizes.items() if n < MIN_PER_RUNG}
            if short:
                missing = ",".join(k for k, v in answers.items() if not v) or "nothing"
                problems.append(
                    f"pool: goal {goal}, without {missing}: rungs {short} hold fewer than {MIN_PER_RUNG}"
                )
    return problems


def special_pools(asks: list[Ask]) -> list[str]:
    """Online asks that need nothing, per rung, and the after asks of each event."""
    problems = []
    online_only = [a for a in asks if a.after is None and not a.needs and "online" in (a.via or ())]
    for rung in RUNGS:
        count = sum(1 for a in online_only if a.difficulty == rung)
        if count < MIN_PER_RUNG:
            problems.append(
                f"pool: rung {rung} has {count} online asks that need nothing (< {MIN_PER_RUNG})"
            )
    for event in AFTERS:
        count = sum(1 for a in asks if a.after == event)
        if count < 4:
            problems.append(f"pool: only {count} asks follow {event} (want several)")
    return problems


def all_problems(asks: list[Ask], headers: dict[str, dict], old_ids: Iterable[str]) -> list[str]:
    return [
        *vocabulary(asks),
        *implied_needs(asks),
        *near_duplicates(asks),
        *coaching_fields(asks),
        *headers_and_ids(headers, old_ids),
        *pools(asks),
        *special_pools(asks),
    ]


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[2]
    files = [Path(f) for f in sys.argv[1:]] or sorted((root / "challenges").glob("*.yaml"))
    asks, headers = read_bank(files)
    old = (root / "tests/fixtures/bank-1-ask-ids.txt").read_text().split()
    if sys.argv[1:]:  # some packs only: their own old ids; pools need the whole bank
        old = [key for key in old if key.split("/")[0] in headers]
    found = all_problems(asks, headers, old)
    print("\n".join(found) or "no problems")
    print(f"{len(asks)} asks; {len(found)} problems")
    for goal in (None, *GOALS):
        worst = min(situations(), key=lambda a: min(pool_sizes(asks, a, goal).values()))
        print(
            f"smallest pool, goal {goal}:",
            {k: v for k, v in worst.items() if not v},
            pool_sizes(asks, worst, goal),
        )
    sys.exit(1 if found else 0)
