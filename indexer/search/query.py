"""The user query language: a lenient parser to a small AST, and a generic per-language compiler.

Syntax: words (implicit AND), ``"exact phrases"``, ``AND`` / ``OR`` / ``NOT``
(upper case), ``-word`` / ``+word``, ``prefix*`` and parentheses. The parser
never fails on syntax: an unbalanced quote runs to the end, a stray operator or
parenthesis is dropped, foreign syntax (FTS5 ``NEAR(``, ``^``, ``col:``) is read
as plain words. It raises :class:`QueryError` only for queries that are too
long or too complex.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from indexer.search import analysis
from indexer.search.base import QueryError

MAX_QUERY_CHARS = 1000
MAX_CLAUSES = 64
MAX_DEPTH = 16
MIN_PREFIX_CHARS = 2

# One lexical token: a quoted phrase (closing quote optional), a parenthesis, or a run of other characters.
# Sample: '"trata de personas" AND (forced OR labour*) -child'
TOKEN_RE = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<paren>[()])|(?P<word>[^\s"()]+)')
# Typographic quotes folded to '"' before tokenising. Sample: '“forced labour”'
QUOTES_RE = re.compile(r"[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\uff02]")
OPERATORS = {"AND": "AND", "&&": "AND", "OR": "OR", "||": "OR", "NOT": "NOT"}


@dataclass(frozen=True)
class Term:
    """A word (analysed per language); ``prefix`` for ``word*``."""

    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    """Words that must appear in this order."""

    text: str


@dataclass(frozen=True)
class And:
    """Every item must match (``Not`` items exclude)."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """At least one item must match."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """Documents matching ``item`` are excluded."""

    item: Node


Node = Term | Phrase | And | Or | Not


def clean_query(text: str, max_chars: int = MAX_QUERY_CHARS) -> str:
    """Normalise a raw query (NFC, control characters to spaces, curly quotes); refuse over-long ones."""
    if text is None:
        return ""
    if not isinstance(text, str):
        raise QueryError("the query must be a string")
    if len(text) > max_chars:
        raise QueryError(f"query too long: {len(text)} characters (at most {max_chars})")
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in text)
    return QUOTES_RE.sub('"', text).strip()


def _lex(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for match in TOKEN_RE.finditer(text):
        if match.group("phrase") is not None:
            out.append(("phrase", match.group("phrase")))
        elif match.group("paren"):
            out.append((match.group("paren"), match.group("paren")))
        else:
            word = match.group("word")
            out.append(("op", OPERATORS[word]) if word in OPERATORS else ("word", word))
    return out


class _Parser:
    """Recursive descent.

    or := and (OR and)* ; and := unary (AND? unary)* ; unary := (NOT|-|+) unary | atom
    """

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.clauses = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def parse(self) -> Node | None:
        nodes = []
        while self.peek() is not None:
            node = self.parse_or(0)
            if node is not None:
                nodes.append(node)
            elif self.peek() is not None:
                self.pos += 1  # a stray ")" or operator: drop it
        return _combine(And, nodes)

    def parse_or(self, depth: int) -> Node | None:
        items = [self.parse_and(depth)]
        while self.peek() == ("op", "OR"):
            self.pos += 1
            items.append(self.parse_and(depth))
        return _combine(Or, [i for i in items if i is not None])

    def parse_and(self, depth: int) -> Node | None:
        items = []
        while (tok := self.peek()) is not None and tok != ("op", "OR") and tok[0] != ")":
            if tok == ("op", "AND"):
                self.pos += 1
                continue
            node = self.parse_unary(depth)
            if node is not None:
                items.append(node)
        return _combine(And, items)

    def parse_unary(self, depth: int) -> Node | None:
        tok = self.peek()
        if tok == ("op", "NOT"):
            self.pos += 1
            inner = self.parse_unary(depth) if self.peek() not in (None, ("op", "OR"), (")", ")")) else None
            return Not(inner) if inner is not None else None
        return self.parse_atom(depth)

    def parse_atom(self, depth: int) -> Node | None:
        kind, value = self.tokens[self.pos]
        self.pos += 1
        if kind == "(":
            if depth >= MAX_DEPTH:
                raise QueryError(f"query nested too deeply (at most {MAX_DEPTH} parentheses)")
            inner = self.parse_or(depth + 1)
            if self.peek() == (")", ")"):
                self.pos += 1
            return inner
        if kind == "phrase":
            return self._leaf(Phrase(value)) if value.strip() else None
        if kind == "word":
            return self._word(value)
        return None  # an operator where an operand was expected

    def _word(self, word: str) -> Node | None:
        negate = False
        while word[:1] in ("-", "+"):
            negate = negate or word[0] == "-"
            word = word[1:]
        prefix = word.endswith("*")
        word = word.rstrip("*")
        if not analysis.fold(word):
            return None  # punctuation only ("^", "*", ":", "NEAR(" leftovers)
        if prefix and len(analysis.fold(word)[-1]) < MIN_PREFIX_CHARS:
            prefix = False
        node = self._leaf(Term(word, prefix=prefix))
        return Not(node) if negate else node

    def _leaf(self, node: Node) -> Node:
        self.clauses += 1
        if self.clauses > MAX_CLAUSES:
            raise QueryError(f"query too complex: more than {MAX_CLAUSES} words or phrases")
        return node


def _combine(kind: type[And] | type[Or], items: list[Node]) -> Node | None:
    if not items:
        return None
    if len(items) == 1:
        return items[0]
    return kind(tuple(items))


def parse_query(text: str, max_chars: int = MAX_QUERY_CHARS) -> Node | None:
    """Parse user syntax to an AST; ``None`` means "match everything". Raises :class:`QueryError`."""
    cleaned = clean_query(text, max_chars)
    if not cleaned:
        return None
    tokens = _lex(cleaned)
    node = _Parser(tokens).parse()
    if node is None and any(kind == "op" for kind, _ in tokens):
        # Only operators ("AND", "NOT OR"): read them as words.
        words = [Term(v) for kind, v in tokens if kind in ("op", "word") and analysis.fold(v)]
        node = _combine(And, words[:MAX_CLAUSES])
    return node


Q = TypeVar("Q")


@dataclass
class Highlight:
    """What to mark in snippets, per analyzer key: exact index terms and folded prefixes."""

    terms: dict[str, set[str]] = field(default_factory=dict)
    prefixes: dict[str, set[str]] = field(default_factory=dict)


class LeafBuilder(Generic[Q]):
    """Backend hooks used by :func:`compile_query` (one per backend)."""

    def term(self, key: str, token: str, raw: str) -> Q:  # pragma: no cover - interface
        """One index term (``token``, already analysed) typed by the user as ``raw``."""
        raise NotImplementedError

    def phrase(self, key: str, positioned: list[tuple[int, str]], raw: str) -> Q:  # pragma: no cover
        """Analysed terms with relative positions (gaps where stop words were) typed as ``raw``."""
        raise NotImplementedError

    def prefix(self, key: str, prefixes: list[str]) -> Q:  # pragma: no cover
        """Index terms starting with any of ``prefixes`` (lowercase, folded)."""
        raise NotImplementedError

    def boolean(self, must: list[Q], should: list[Q], must_not: list[Q]) -> Q:  # pragma: no cover
        raise NotImplementedError

    def match_all(self) -> Q:  # pragma: no cover
        raise NotImplementedError

    def in_language(self, key: str, query: Q) -> Q:  # pragma: no cover
        """Restrict ``query`` to documents analysed with ``key`` (keeps NOT clauses per language)."""
        raise NotImplementedError


def compile_query(
    node: Node, keys: list[str], builder: LeafBuilder[Q], highlight: Highlight | None = None
) -> Q | None:
    """Compile ``node`` for each analyzer key and OR the per-language clauses (``None``: matches nothing).

    Within one language, words that analyse to nothing (stop words, punctuation)
    are neutral, so ``trata de personas`` requires ``trata`` and ``personas`` in
    Spanish text while English text is matched with its own analysis.
    """
    clauses = []
    for key in keys:
        compiled = _compile(node, key, builder, highlight, positive=True)
        if compiled is _NEUTRAL:
            compiled = builder.match_all()
        if compiled is not None:
            clauses.append(builder.in_language(key, compiled))
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else builder.boolean([], clauses, [])


_NEUTRAL = object()  # a clause that constrains nothing in this language (only stop words)


def _compile(node: Node, key: str, b: LeafBuilder, hl: Highlight | None, positive: bool) -> object:
    if isinstance(node, Term):
        return _compile_term(node, key, b, hl, positive)
    if isinstance(node, Phrase):
        positioned = analysis.analyze_positions(key, node.text)
        if not positioned:
            return _NEUTRAL
        if hl is not None and positive:
            hl.terms.setdefault(key, set()).update(t for _, t in positioned)
        if len(positioned) == 1:
            return b.term(key, positioned[0][1], node.text)
        base = positioned[0][0]
        return b.phrase(key, [(p - base, t) for p, t in positioned], node.text)
    if isinstance(node, Not):
        inner = _compile(node.item, key, b, hl, not positive)
        if inner is _NEUTRAL or inner is None:
            return _NEUTRAL  # excluding a stop word or an impossible clause excludes nothing
        return b.boolean([b.match_all()], [], [inner])
    if isinstance(node, And):
        must, must_not = [], []
        for item in node.items:
            target, sub = (must_not, item.item) if isinstance(item, Not) else (must, item)
            compiled = _compile(sub, key, b, hl, positive if target is must else not positive)
            if compiled is None:
                if target is must:
                    return None
                continue
            if compiled is not _NEUTRAL:
                target.append(compiled)
        if not must and not must_not:
            return _NEUTRAL
        return b.boolean(must or [b.match_all()], [], must_not)
    if isinstance(node, Or):
        should = []
        for item in node.items:
            compiled = _compile(item, key, b, hl, positive)
            if compiled is _NEUTRAL:
                return _NEUTRAL
            if compiled is not None:
                should.append(compiled)
        if not should:
            return None
        return should[0] if len(should) == 1 else b.boolean([], should, [])
    raise TypeError(f"unknown query node {node!r}")


def _compile_term(node: Term, key: str, b: LeafBuilder, hl: Highlight | None, positive: bool) -> object:
    if node.prefix:
        folded = analysis.fold(node.text)
        stems = analysis.analyze(key, node.text)
        if len(folded) > 1:  # "co-oper*": a phrase ending in a prefix is approximated by its words
            return _compile(And(tuple(Term(w) for w in folded[:-1]) + (Term(folded[-1], True),)), key, b, hl,
                            positive)
        candidates = sorted({folded[-1], *stems[-1:]}) if folded else []
        candidates = [c for c in candidates if len(c) >= MIN_PREFIX_CHARS]
        if not candidates:
            return _NEUTRAL
        if hl is not None and positive:
            hl.prefixes.setdefault(key, set()).update(candidates)
        return b.prefix(key, candidates)
    positioned = analysis.analyze_positions(key, node.text)
    if not positioned:
        return _NEUTRAL
    if hl is not None and positive:
        hl.terms.setdefault(key, set()).update(t for _, t in positioned)
    if len(positioned) == 1:
        return b.term(key, positioned[0][1], node.text)
    base = positioned[0][0]
    return b.phrase(key, [(p - base, t) for p, t in positioned], node.text)
