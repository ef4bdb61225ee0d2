"""The scenario file: loaded, validated, and broken files reported by line or field."""

import pickle
import re

import pytest

from briefing import config
from briefing.scenario import (ACTOR_NAMES, COMMITMENT_CUES, PhraseIndex, Phrases, ScenarioError, cased_phrase_pattern,
                               folded, load_scenario, lower_cased, phrase_pattern)
from tests.support import FIXTURES_DIR, SEEDS_DIR, fixture, seed

GUIDE_ISSUES = {
    "export_controls", "national_security", "semiconductors", "investment_restrictions", "tariffs", "sanctions",
    "trade_secrets", "business_environment", "economic_relationship", "dialogue", "taiwan", "military", "fentanyl",
    "ai", "climate", "human_rights", "people_to_people", "supply_chains", "other",
}


def test_default_scenario_has_both_sides_and_the_default_issue_taxonomy():
    scenario = load_scenario(config.SCENARIO_FILE)
    assert scenario.side_ids == ("US", "China")
    assert GUIDE_ISSUES <= {issue.id for issue in scenario.issues}
    assert all(actor.side in ("US", "China", "other") for actor in scenario.actors)


def test_issue_cues_match_whole_words_plurals_and_curly_apostrophes():
    scenario = load_scenario(config.SCENARIO_FILE)
    assert scenario.issues_in("new tariffs on chips") == ["semiconductors", "tariffs"]
    assert "ai" not in scenario.issues_in("the aid package")


def test_phrases_with_an_apostrophe_match_straight_and_curly_forms():
    pattern = phrase_pattern(["People's Daily", "China’s cabinet"])
    assert [m.group() for m in pattern.finditer("The People’s Daily and China's cabinet")] == [
        "People’s Daily", "China's cabinet"]


def _flat_pattern(phrases):
    """The plain alternation the trie must agree with: longest phrase first, whole words, plural."""
    alternatives = sorted((re.escape(p.lower()).replace("'", "['’]") for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?:e?s)?(?![\w-])", re.IGNORECASE)


def test_the_trie_pattern_finds_the_same_matches_as_a_plain_alternation():
    phrases = ["export", "export control", "export controls on chips", "chip", "chipmaker", "U.S.", "U.S. side",
               "anti-dumping", "ai", "dialogue", "e", "business information", "business"]
    texts = ["New export controls on chips, said a U.S. side official.", "Chipmakers and chips; AI aid; Ai-driven",
             "anti-dumping duties, exported goods, an export-control list", "business informations e es",
             "the U.S.A. and the U.S. sides", "EXPORT CONTROL DIALOGUES"]
    for text in texts:
        assert ([(m.start(), m.group()) for m in phrase_pattern(phrases).finditer(text)]
                == [(m.start(), m.group()) for m in _flat_pattern(phrases).finditer(text)]), text


def test_phrases_find_what_the_case_insensitive_pattern_finds():
    phrases = ["export control", "Sanction", "iran", "visa"]
    texts = ["EXPORT CONTROLS and sanctions", "no phrase here", "İRAN and ıran and Iran", "viſa and VISAS",
             "the Kelvin sign: \u212aelvin, export-controlled", ""]
    for text in texts:
        expected = [(m.start(), m.group()) for m in phrase_pattern(phrases).finditer(text)]
        assert [(m.start(), m.group()) for m in Phrases(phrases).finditer(text)] == expected, text
        first = Phrases(phrases).search(text)
        assert (first.start(), first.group()) == expected[0] if expected else first is None
        starts = set(Phrases(phrases).starts(text, lower_cased(text)))  # overlapping starts too
        assert {start for start, _ in expected} <= starts and bool(starts) == bool(expected)


def test_a_phrase_that_matches_always_passes_the_substring_precheck():
    phrases = ["export control", "Sanction", "iran", "People's Daily", "chip"]
    texts = ["EXPORT CONTROLS and sanctions", "İRAN and ıran", "the People’s Daily said", "PEOPLE'S DAILY",
             "viſa and Iran", "chips, chipmakers"]
    for text in texts:
        assert phrase_pattern(phrases).search(text), text
        assert Phrases(phrases).may_occur_in(folded(text)), text


def test_the_substring_precheck_rules_out_texts_without_any_phrase():
    phrases = ["export control", "People's Daily"]
    assert not Phrases(phrases).may_occur_in(folded("Exports and controls; the People Daily"))
    assert folded("İstanbul") is None and Phrases(phrases).may_occur_in(None)  # unknown: the scan decides


def test_the_phrase_index_finds_every_match_of_every_list_and_skips_parts_of_words():
    lists = {"ai": ["AI", "artificial intelligence"], "chips": ["chip", "People's Daily"], "empty": []}
    text = "He said AI chips, chipmakers and AI-driven tools; the People’s Daily (PEOPLE'S DAILY) agreed."
    hits = PhraseIndex(lists).find(text)
    for name, phrases in lists.items():
        for match in phrase_pattern(phrases).finditer(text):
            assert name in hits.per_span([(match.start(), match.start() + 1)])[0], (name, match)
    # "said" holds "ai", "chipmakers" "chip", "AI-driven" "AI" followed by a hyphen: none is a cue
    assert hits.per_span([(0, 8), (18, 29), (34, 43), (50, 70)]) == [frozenset(), frozenset(), frozenset(),
                                                                      frozenset({"chips"})]


def test_the_phrase_index_knows_nothing_of_texts_that_fold_differently():
    assert PhraseIndex({"iran": ["iran"]}).find("İRAN sanctions").per_span([(0, 5)]) == [None]
    assert PhraseIndex({}).find("anything").per_span([(0, 8)]) == [frozenset()]


def test_every_issue_and_commitment_cue_in_real_articles_is_in_the_sentence_cues():
    scenario = load_scenario(config.SCENARIO_FILE)
    any_commitment_cue = Phrases([cue for cues in scenario.commitment_cues.values() for cue in cues])
    articles = [seed(path.name[:3]) for path in SEEDS_DIR.iterdir()]
    articles += [fixture(path.name) for path in FIXTURES_DIR.iterdir()]
    issues_seen = commitments_seen = 0
    for article in articles:
        for sentence, possible in zip(article.sentences, scenario.sentence_cues(article.text, article.sentences)):
            found = set(scenario.issues_in(sentence.text))
            assert found <= possible, sentence.text
            assert scenario.issues_in(sentence.text, possible) == scenario.issues_in(sentence.text)
            if any_commitment_cue.search(sentence.text):
                assert COMMITMENT_CUES in possible, sentence.text
                commitments_seen += 1
            issues_seen += bool(found)
    assert issues_seen > 50 and commitments_seen > 20  # the articles have many of both


def test_actor_names_found_at_the_indexed_starts_are_those_a_full_scan_finds():
    scenario = load_scenario(config.SCENARIO_FILE)
    names = Phrases([name for actor in scenario.actors for name in (actor.name, *actor.aliases)])
    articles = [seed(path.name[:3]) for path in SEEDS_DIR.iterdir()]
    articles += [fixture(path.name) for path in FIXTURES_DIR.iterdir()]
    texts = [article.text for article in articles] + ["The Commerce Department’s Raimondo met ḾOFCOM's Wang."]
    found = 0
    for text in texts:
        starts = scenario.cue_index.find(text).starts_of(ACTOR_NAMES)
        indexed = [(m.start(), m.group()) for m in (names.finditer(text) if starts is None else names.finditer_at(text, starts))]
        assert indexed == [(m.start(), m.group()) for m in names.finditer(text)], text
        found += len(indexed)
    assert found > 50  # the articles name many actors


def test_a_scenario_sent_to_workers_leaves_its_compiled_patterns_behind_and_works_there():
    scenario = load_scenario(config.SCENARIO_FILE)
    fresh_size = len(pickle.dumps(scenario))
    scenario.issues_in("export controls on chips")  # compiles and caches the issue patterns
    scenario.cue_index
    copy = pickle.loads(pickle.dumps(scenario))
    assert len(pickle.dumps(scenario)) == fresh_size
    assert copy == scenario and copy.fingerprint == scenario.fingerprint
    assert copy.issues_in("export controls on chips") == ["export_controls", "semiconductors"]


def test_issues_in_finds_each_issue_its_own_pattern_finds():
    scenario = load_scenario(config.SCENARIO_FILE)
    texts = ["Export controls, chips and tariffs", "EXPORT-CONTROL talks; TARİFFS", "no issue at all", "ſanctions on ıp theft",
             "the tariff war over Chips and Science Act semiconductors", "people-to-people exchanges, visas’ cost", ""]
    for text in texts:
        expected = [issue_id for issue_id, pattern in scenario.issue_patterns.items() if pattern.search(text)]
        assert scenario.issues_in(text) == expected, text


def _write(tmp_path, text):
    path = tmp_path / "scenario.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_sides_are_named_by_label_adjective_metonym_or_actor_and_only_as_written():
    scenario = load_scenario(config.SCENARIO_FILE)
    us_actor = next(actor for actor in scenario.actors if actor.side == "US" and actor.kind == "person")
    assert scenario.sides_named("Officials in Beijing met the United States delegation.") == {"US", "China"}
    assert scenario.sides_named("China’s exports rose, the U.S. said.") == {"US", "China"}
    assert scenario.sides_named(f"{us_actor.name} spoke to reporters.") == {"US"}
    # the pronoun is not the country, and a name inside a longer word is not the name
    assert scenario.sides_named("Let us agree on a Chinatown venue for the museum.") == set()


def test_sides_named_in_one_pass_are_those_each_sides_pattern_finds():
    scenario = load_scenario(config.SCENARIO_FILE)
    patterns = {side: cased_phrase_pattern(names) for side, names in scenario._side_names.items()}
    articles = [seed(path.name[:3]) for path in SEEDS_DIR.iterdir()]
    articles += [fixture(path.name) for path in FIXTURES_DIR.iterdir()]
    texts = [article.text for article in articles] + [
        "US-China ties", "a pro-China lobby", "Beijing’s read-out", "tell us", "USA Today", "the U.S.-made chips",
        "Chinatown", "BEIJING (Reuters)", "",
    ]
    for text in texts:
        assert scenario.sides_named(text) == {side for side, pattern in patterns.items() if pattern.search(text)}, text
    assert sum(scenario.sides_named(text) == {"US", "China"} for text in texts) > 10


def test_a_toml_syntax_error_names_the_line(tmp_path):
    original = config.SCENARIO_FILE.read_text(encoding="utf-8").splitlines()
    original[5] = "this is = = not toml"
    with pytest.raises(ScenarioError, match=r"line 6"):
        load_scenario(_write(tmp_path, "\n".join(original)))


@pytest.mark.parametrize(
    "old, new, field",
    [
        ('side = "US"\nkind = "person"\ngender = "female"\naliases = ["Gina M. Raimondo"',
         'side = "Mars"\nkind = "person"\ngender = "female"\naliases = ["Gina M. Raimondo"', r"actors\[0\]\.side"),
        ('[issues.tariffs]\nlabel = "Tariffs"', '[issues.tariffs]\nlabel = 7', r"issues\.tariffs\.label"),
        ('[speech]\nverbs = [', '[speech]\nnouns = [', r"speech\.verbs: missing"),
    ],
)
def test_a_broken_field_is_named_in_the_error(tmp_path, old, new, field):
    text = config.SCENARIO_FILE.read_text(encoding="utf-8")
    assert old in text
    with pytest.raises(ScenarioError, match=field):
        load_scenario(_write(tmp_path, text.replace(old, new, 1)))


def _default_scenario_bytes() -> bytes:
    return config.SCENARIO_FILE.read_bytes()


#: A broken scenario file of each kind (its bytes, or None for no file at all) and what its one
#: line of error must say.
BROKEN_FILES = {
    "invalid TOML": (lambda: b'[scenario]\nname = = "x"\n', r"not valid TOML: .*\(at line 2, column 8\)"),
    "a wrong type": (lambda: _default_scenario_bytes().replace(b'office = "', b'office = 7 # "', 1),
                     r"actors\[\d+\]\.office: must be a non-empty string"),
    "a scalar where a table belongs": (lambda: b'scenario = "us_china"\n', r"scenario: must be a table"),
    "an optional table of the wrong type": (
        lambda: b"third_parties = 7\n" + _default_scenario_bytes().replace(b"[third_parties]", b"[unused]", 1),
        r"third_parties: must be a table"),
    "100k-deep nested arrays": (lambda: b"a = " + b"[" * 100_000 + b"]" * 100_000, r"nested too deeply"),
    "100k-deep nested inline tables": (lambda: b"a = " + b"{b = " * 100_000 + b"}" * 100_000, r"nested too deeply"),
    "Latin-1 bytes": (lambda: '[scenario]\nname = "café"\n'.encode("latin-1"), r"not UTF-8 text at byte 22"),
    "an empty file": (lambda: b" \n\n", r"the file is empty"),
    "a binary file": (lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"a binary file, not TOML text"),
    "a missing file": (lambda: None, r"no such file"),
}


@pytest.mark.parametrize("kind", BROKEN_FILES)
def test_every_broken_scenario_file_is_one_line_naming_the_file_and_the_fault(tmp_path, kind):
    content, message = BROKEN_FILES[kind]
    path = tmp_path / "scenario.toml"
    if content() is not None:
        path.write_bytes(content())
    with pytest.raises(ScenarioError) as raised:
        load_scenario(path)
    assert re.fullmatch(f"{re.escape(str(path))}: .*{message}.*", str(raised.value)), str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_folder_given_as_the_scenario_file_is_a_clear_error(tmp_path):
    with pytest.raises(ScenarioError, match=f"^{re.escape(str(tmp_path))}: is a folder, not a scenario file$"):
        load_scenario(tmp_path)


def test_a_byte_order_mark_before_the_scenario_is_ignored(tmp_path):
    path = tmp_path / "scenario.toml"
    path.write_bytes(b"\xef\xbb\xbf" + _default_scenario_bytes())
    assert load_scenario(path).side_ids == load_scenario(config.SCENARIO_FILE).side_ids
