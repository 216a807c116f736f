"""Who said it: the speaker of a quote from the verb of saying around it.

Rules, in order (``resolve``):

1. Explicit: a verb of saying before the quote, its subject between the verb and the quote
   ("وقال إسبر إن ...", "قال X: ...", "وأضاف التحالف في بيان: ..."). The subject is the first
   word after the verb: a known person or organisation; a document ("وجاء في الرسالة"); an
   anonymous source ("مسؤول دفاعي كبير"); or a title whose person or organisation follows
   ("وقالت المتحدثة باسم البنتاغون سابرينا سينغ"). "نقل X عن Y": the speaker is Y.
2. Carried over: a verb or participle with no subject ("وأضاف", "مضيفاً أن", "وتابع") continues
   the previous speaker of the article, including one reported without quotes.
3. After the quote (translated wire copy): "“...” وقالت المتحدثة ... سابرينا سينغ", "“...” وأضافت."

A place is never a speaker. When no rule applies the speaker is unknown: a quote given to the
wrong speaker is worse than an unattributed one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .. import langdata
from ..entities import Analysis
from ..entities.normalise import Token, joinable, norm, strip_clitics
from ..model import Speaker

_WINDOW = 12  # words between a verb and the quote that may hold the subject
_SKIPPABLE = 3  # words the subject may be preceded by ("قال مخاطباً للصحفيين ...")
_NEEDS_IN = {"جاء", "جاءت", "ورد", "وردت"}  # "وجاء في الرسالة": only with "في"
_REPORTS = {"نقل", "نقلت"}
_TITLE_WORDS = 6
_NO_QUOTES = str.maketrans("", "", '"“”«»„')
RELATIVES = {"التي", "الذي", "والتي", "والذي", "اللذين", "الذين"}


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: frozenset[str]
    carry: frozenset[str]
    complementisers: frozenset[str]
    particles: frozenset[str]
    reported_from: frozenset[str]
    documents: dict[tuple[str, ...], tuple[str, str]]  # folded words -> (en, key)
    anonymous: dict[str, str]
    titles: frozenset[str]
    signed_by: frozenset[str]


@cache
def lexicon() -> Lexicon:
    q = langdata.mapping("quote_verbs")
    verbs = {norm(v) for v in q["speech_verbs"]}
    verbs |= {v + "ت" for v in verbs} | {"ت" + v[1:] for v in verbs if v[0] == "ي"}
    return Lexicon(
        verbs=frozenset(verbs),
        carry=frozenset(norm(w) for w in q["carry_over"]),
        complementisers=frozenset(norm(w.split()[-1]) for w in q["complementisers"]),
        particles=frozenset(norm(w) for w in q["verb_particles"]),
        reported_from=frozenset(norm(w) for w in q["reported_from"]),
        documents={
            tuple(norm(w) for w in k.split()): (v["en"], v["key"])
            for k, v in q["documents"].items()
        },
        anonymous={norm(k): v for k, v in q["anonymous"].items()},
        titles=frozenset(norm(t.split()[0]) for t in langdata.mapping("titles")["person_titles"]),
        signed_by=frozenset(norm(w.split()[0]) for w in q["signed_by"]),
    )


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the words around a quote say about its speaker."""

    kind: str  # "speaker", "carry" (previous speaker) or "none" (no verb of saying)
    speaker: Speaker | None = None
    feminine: bool | None = None  # the verb's gender (قالت, مضيفةً), when it shows one
    at: int | None = None  # body offset of the verb


CARRY = Verdict("carry")
NONE = Verdict("none")


def is_verb(tokens: list[Token], i: int) -> bool:
    word = strip_clitics(tokens[i].norm)
    lex = lexicon()
    if word in _NEEDS_IN:
        return i + 1 < len(tokens) and tokens[i + 1].norm in {"في", "فيه", "فيها"}
    return word in lex.verbs or tokens[i].norm in lex.verbs


def feminine(token: Token) -> bool | None:
    """Gender shown by a verb or participle: قالت/وأضافت/مضيفةً feminine, قال/مضيفاً masculine."""
    word, lex = strip_clitics(token.norm), lexicon()
    if word.endswith("ه") and word[:-1] + "ا" in lex.carry:
        return True
    if word.endswith("ت") and word[:-1] in lex.verbs:
        return True
    if word.startswith("ت") and "ي" + word[1:] in lex.verbs:
        return True
    return False if word in lex.verbs or word in lex.carry else None


def is_carry(token: Token) -> bool:
    return strip_clitics(token.norm) in lexicon().carry or token.norm in lexicon().carry


class Resolver:
    """Speakers for one article: its entity analysis and the documents' authors."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.starts = {m.first: m for m in analysis.mentions}
        self.signers = self._signers()

    def _entity(self, index: int) -> tuple[str, str] | None:
        mention = self.starts.get(index)
        if mention is None:
            return None
        entry = self.analysis.entries[mention.entity]
        return (entry.id, entry.type) if entry.type in ("person", "organisation") else None

    def agrees(self, speaker: Speaker, feminine: bool | None) -> bool:
        """Whether a verb of that gender can continue a person's words (gazetteer ``gender``)."""
        if feminine is None or speaker.kind != "person" or speaker.entity is None:
            return True
        gender = self.analysis.entries[speaker.entity].gender
        return gender is None or (gender == "female") == feminine

    def speaker_of(self, entity: str) -> Speaker:
        entry = self.analysis.entries[entity]
        return Speaker(kind=entry.type, entity=entry.id, ar=entry.ar, en=entry.en)  # type: ignore[arg-type]

    def _signers(self) -> dict[str, str]:
        """Document key -> author id, from "الرسالة التي وقعها X" / "الرسالة بعث بها X"."""
        lex, tokens = lexicon(), self.analysis.tokens
        found: dict[str, str] = {}
        for i, token in enumerate(tokens):
            if token.norm not in lex.signed_by:
                continue
            docs = [
                lex.documents[(t.norm,)][1]
                for t in tokens[max(0, i - 4) : i]
                if (t.norm,) in lex.documents
            ]
            if not docs:
                continue
            for j in range(i + 1, min(i + 6, len(tokens))):
                entity = self._entity(j)
                if entity and entity[1] == "person":
                    found.setdefault(docs[-1], entity[0])
                    break
        return found

    def _document(self, i: int) -> Speaker | None:
        """The document named from token ``i`` ("بيان مشترك" before "بيان"), if any."""
        lex, tokens = lexicon(), self.analysis.tokens
        for n in (2, 1):
            words = tuple(t.norm for t in tokens[i : i + n])
            if words in lex.documents:
                en, key = lex.documents[words]
                signer = self.signers.get(key)
                if signer:
                    en = f"{en} from {self.analysis.entries[signer].en}"
                ar = " ".join(t.text for t in tokens[i : i + n])
                return Speaker(kind="document", entity=signer, ar=ar, en=en)
        return None

    def _anonymous(self, i: int, stop: int) -> Speaker:
        """ "مسؤول دفاعي كبير", "مصدر في التحالف": the phrase up to the quote's clause."""
        lex, tokens = lexicon(), self.analysis.tokens
        en, end = lex.anonymous[tokens[i].norm], i + 1
        while (
            end < min(stop, i + 4)
            and tokens[end].norm not in lex.complementisers
            and self._document(end) is None
        ):
            entity = self._entity(end)
            if entity:  # "مصدر في التحالف": the body the source belongs to
                en = f"{en} ({self.analysis.entries[entity[0]].en})"
                end = self.starts[end].last
                break
            if tokens[end].norm in lex.reported_from or is_verb(tokens, end):
                break
            end += 1
        ar = self.analysis.text[tokens[i].start : tokens[end - 1].end].translate(_NO_QUOTES)
        return Speaker(kind="unknown", ar=ar, en=en)

    def covered_entity(self, index: int) -> str | None:
        """The person or organisation whose name covers token ``index``."""
        for mention in self.analysis.mentions:
            if mention.first <= index < mention.last:
                entity = self._entity(mention.first)
                return entity[0] if entity else None
        return None

    def subject(self, first: int, stop: int, verb: str = "") -> Verdict:
        """The subject of a verb of saying (``verb``, folded) whose next word is token ``first``."""
        lex, tokens = lexicon(), self.analysis.tokens
        stop = min(stop, first + _WINDOW)
        if verb in _REPORTS:  # "نقلت شبكة بي بي سي عن مصدر": the source speaks, not the network
            for i in range(first, stop):
                if tokens[i].norm in lex.reported_from:
                    return self.subject(i + 1, stop)
        document_speaks = verb in _NEEDS_IN
        skipped, maybe_subject, medium_seen = 0, False, False
        i = first
        while i < stop:
            token = tokens[i]
            word = token.norm
            mention = self.starts.get(i)
            entity = self._entity(i)
            if word in lex.complementisers or is_carry(token):
                break
            if entity:
                if (
                    maybe_subject
                ):  # "قال ممثل سوريا لدى الأمم المتحدة": a complement, not the subject
                    return NONE
                return Verdict("speaker", self.speaker_of(entity[0]))
            if mention is not None:  # a place ("في واشنطن") says nothing
                i = mention.last
                continue
            document = self._document(i)
            if document is not None:
                medium = i > first and tokens[i - 1].norm == "في" and not document_speaks
                if not medium:  # "وأضاف التحالف في بيان": the statement is the medium
                    return Verdict("speaker", document)
                i += len((document.ar or "").split())
                medium_seen = True  # "في بيان صحفي": its adjectives are not subjects either
                continue
            if word in lex.titles:
                titled = self._titled(i, stop)
                if titled.kind == "speaker" or word not in lex.anonymous:
                    return titled
            if word in lex.anonymous:
                return Verdict("speaker", self._anonymous(i, stop))
            if word in lex.reported_from:  # "نقلت شبكة بي بي سي عن مصدر": the source speaks
                return self.subject(i + 1, stop)
            if word not in lex.particles:
                # An unlisted word may be a subject we cannot name ("وقالت الصحيفة", "وقال
                # نيكولا هيراس"): then the speaker is unknown, not the previous one. Adverbs in
                # -an (مخاطباً, مجدداً) and prepositional phrases (للصحفيين) are not subjects.
                adverbial = word.endswith("ا") or word[0] in "لبك" or medium_seen
                maybe_subject = maybe_subject or not adverbial
                skipped += 1
                if skipped > _SKIPPABLE:
                    break
            i += 1
        return NONE if maybe_subject else CARRY

    def _titled(self, start: int, stop: int) -> Verdict:
        """A title opens the subject: its person, else the organisation it names, else the title
        itself ("وزيرة الدولة لشؤون الإعلام": a person we cannot name, never the previous one)."""
        found = [self._entity(i) for i in range(start, stop)]
        for kind in ("person", "organisation"):
            for entity in found:
                if entity and entity[1] == kind:
                    return Verdict("speaker", self.speaker_of(entity[0]))
        tokens, lex = self.analysis.tokens, lexicon()
        end = start + 1
        while end < min(stop, start + _TITLE_WORDS) and tokens[end].norm not in lex.complementisers:
            if not joinable(self.analysis.text, tokens[end - 1], tokens[end]):
                break
            end += 1
        ar = self.analysis.text[tokens[start].start : tokens[end - 1].end].translate(_NO_QUOTES)
        return Verdict("speaker", Speaker(kind="person", ar=ar))
