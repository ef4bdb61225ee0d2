"""The analyzer keywords share: how text becomes 1- to 3-word terms.

It lives apart from the TF-IDF and log-odds code so that worker processes can tokenize articles
without importing scikit-learn (see briefing.article_analysis).

How text becomes terms (``extract_terms``):

1. The country is told apart from the pronoun *before* lowercasing: "U.S.", "U.S", "US" and
   "USA" (upper case in the text) become the term ``u.s.``, while the pronoun "us" (lower case,
   or "Us" opening a sentence) stays ``us`` and is a stop word. An all-capitals "US" meaning the
   pronoun (a shouted headline) is read as the country; news text rarely does that.
2. Name initials are dropped ("Joe R. Biden" → "joe biden") so the period after an initial does
   not split a name; curly apostrophes become straight ones and the possessive "'s" goes
   ("China’s" → ``china``), so a name and its possessive are one term.
3. Tokens are words (one letter is enough, so "x" or "5g" survive), hyphenated compounds
   ("people-to-people", "f-16", "covid-19"), dotted acronyms ("u.k.", "e.u.", "d.c.") and
   contractions ("didn't", a stop word).
4. Stop words, punctuation and numbers ("2023", "$700bn", "28th", "1990s") are *breaks*:
   terms are the 1-, 2- and 3-grams inside each run of tokens between two breaks. So an n-gram
   never contains a stop word or crosses a comma, a quotation mark or a sentence end:
   "reduce U.S. export controls on technology" gives "reduce u.s. export controls" and
   "technology", never "controls technology". The price: a name with a function word inside
   ("Secretary of State") appears as its parts.

The stop list (``STOP_WORDS``) is our own, not scikit-learn's "english" list (which holds "us"
and drops content words such as "interest", "side", "serious" or "bill"): English function words,
neutral reporting verbs ("said", "told", "according", ...), weekdays, months and other time
words, number words, and web boilerplate ("copyright", "advertisement", "reply", "subscribe",
"newsletter", "email", ...). It goes through the same normalisation as article text, so its
entries match what the tokenizer produces ("don’t" and "don't" are one entry). "rights" is not a
stop word ("human rights" is an issue), so the phrase "rights reserved" is removed as a whole.
"""

from __future__ import annotations

import re

# --- Stop list -----------------------------------------------------------------------------

_FUNCTION_WORDS = """
a an the this that these those each every either neither some any no none all both few many
much more most less least other others another such same own several enough whole
i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his
himself she her hers herself it its itself they them their theirs themselves one ones oneself
who whom whose which what whatever whoever whichever whomever
be am is are was were been being have has had having do does did doing done
will would shall should can could may might must ought need dare
don't doesn't didn't won't wouldn't can't cannot couldn't shouldn't isn't aren't wasn't weren't
haven't hasn't hadn't mustn't needn't shan't mightn't ain't i'm i've i'll i'd we're we've we'll
we'd you're you've you'll you'd he'll he'd she'll she'd they're they've they'll they'd
it'll that'll there'll let's
about above across after against along alongside amid amidst among amongst around as at
before behind below beneath beside besides between beyond by despite down during except for
from in inside into like near of off on onto out outside over past per since than through
throughout till to toward towards under underneath unlike until unto up upon via with within
without including
and but or nor so yet if then else because although though while whilst whereas whether
unless once when whenever where wherever why how however thus therefore hence also too
not only just very really quite rather still even ever never always often sometimes already
again further furthermore moreover meanwhile instead here there now anyway otherwise perhaps
maybe almost nearly yes etc vs mr mrs ms dr e.g. i.e. a.m. p.m.
"""

#: Verbs and phrases that report speech without saying anything about its content. Stance verbs
#: ("urged", "warned", "rejected") are kept: they carry meaning.
_REPORTING_WORDS = """
say says said saying tell tells told telling add adds added adding according stated stating
note noted noting ask asks asked asking explain explains explained explaining describe
describes described describing write writes wrote written report reported reportedly quote
quoted quoting remark remarked comment commented
"""

_TIME_WORDS = """
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
today yesterday tomorrow tonight morning afternoon evening night day days week weeks month
months year years ago earlier later last next
"""

_NUMBER_WORDS = """
zero two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
hundred hundreds thousand thousands million millions billion billions trillion bn mn tn
percent cent first second third fourth fifth
"""

#: Words that only web pages put around articles (footers, comment forms, promos).
_BOILERPLATE_WORDS = """
copyright advertisement advertisements sponsored reply replies subscribe subscribes subscribed
subscriber subscribers subscription subscriptions unsubscribe newsletter newsletters email emails
e-mail inbox cookie cookies login log-in signup sign-up password click clicking reserved updated
"""

#: What a contraction or possessive leaves when its apostrophe was typed as a space.
_CONTRACTION_PIECES = "s t d ll m re ve"

# --- Normalisation and tokens --------------------------------------------------------------

# The patterns below start with a literal or a character class, never with \b or a lookbehind,
# so the regex engine can skip ahead to candidates: that keeps normalisation a small share of
# the analyzer's time at corpus scale.
# "U.S.", "U.S", "US", "USA", "U.S.A." as written (upper case), not inside a word.
_COUNTRY = re.compile(r"U(?<!\wU)(?:\.S\.(?:A\.)?|\.?SA?\b)")
COUNTRY_TERM = "u.s."
# An initial inside a name: "Joe R. Biden", "J. K. Rowling".
_INITIAL = re.compile(r"[A-Z]\.(?<![\w.][A-Z]\.)\s+(?=[A-Z])")
_POSSESSIVE = re.compile(r"'s\b")
_BOILERPLATE_PHRASE = re.compile(r"rights reserved")
# One pass finds every token and every break. Only words are captured, so ``findall`` returns
# "" for a number, an amount or a punctuation mark: the break marker, at no extra cost.
_TOKEN = re.compile(
    r"\d[\d.,]*(?:bn|tn|mn|m|k|s|st|nd|rd|th|pc)?(?!\w)"  # numbers, amounts, ordinals, decades
    r"|(\w(?:\.\w)+\.?"  # dotted acronyms: the country "u.s.", "u.k.", "e.u.", "d.c."
    r"|\w+(?:['-]\w+)*)"  # words, compounds, contractions
    r"|[^\w\s]"  # punctuation
)


def normalize(text: str) -> str:
    """``text`` lowercased, with the country written ``u.s.``, initials and possessives removed.

    Input: any text. Output: the text the tokenizer reads (see the module notes for why the
    country is rewritten before lowercasing).
    """
    text = _COUNTRY.sub(COUNTRY_TERM, text)
    text = _INITIAL.sub("", text)
    text = text.lower().replace("’", "'").replace("ʼ", "'")
    text = _POSSESSIVE.sub("", text)
    return _BOILERPLATE_PHRASE.sub(" , ", text)


def _stop_words(*groups: str) -> frozenset[str]:
    # Read the stop list through the same normalisation and tokenizer as article text, so an
    # entry matches the token the text produces.
    words = (word for group in groups for word in group.split())
    return frozenset(token for word in words for token in _TOKEN.findall(normalize(word)) if token)


#: Every token that ends a run instead of becoming a term. "" is the tokenizer's break marker.
STOP_WORDS = _stop_words(
    _FUNCTION_WORDS,
    _REPORTING_WORDS,
    _TIME_WORDS,
    _NUMBER_WORDS,
    _BOILERPLATE_WORDS,
    _CONTRACTION_PIECES,
)
BREAKS = STOP_WORDS | {""}


def tokens(text: str) -> list[str]:
    """The tokenizer's output for ``text``: words, and "" for every break (punctuation, number)."""
    found: list[str] = []
    append, extend, find_all = found.append, found.extend, _TOKEN.findall  # looked up once, not per word
    for chunk in normalize(text).split():
        # No token holds whitespace, so the tokens of the text are those of its chunks, in order;
        # most chunks are one plain word (letters only), which is its own token: no regex match.
        if chunk.isalpha():
            append(chunk)
        else:
            extend(find_all(chunk))
    return found


#: Joins a text's tokens into one string (no token holds it): a worker process sends one compact
#: string per article, and the corpus's tokens are split and numbered from them in C++
#: (``keywords``) instead of as a Python string each.
TOKEN_SEPARATOR = "\x00"


def joined_tokens(text: str) -> str:
    return TOKEN_SEPARATOR.join(tokens(text))


def extract_terms(text: str) -> list[str]:
    """The 1-, 2- and 3-word terms of ``text``, with repeats (unigrams, then bigrams, trigrams).

    Input: raw or cleaned text. Output: terms made only of non-stop tokens that stand next to
    each other in the text with no punctuation, number or stop word between them.
    """
    # term_count_matrix applies the same rule to many documents at once; this is the reference.
    words = [token if token not in BREAKS else "" for token in tokens(text)]
    following = words[1:]
    terms = [word for word in words if word]
    terms += [a + " " + b for a, b in zip(words, following) if a and b]
    terms += [a + " " + b + " " + c for a, b, c in zip(words, following, words[2:]) if a and b and c]
    return terms
