"""Following cross-references: an offence inherits the definitions of the provisions it names.

"exploitation as defined in section 3" or "a child as defined in article 2": the
parser stores such references in ``provisions.refs_json`` (CrossRef dicts with
``target_eid`` and, for another law, ``target_law``). The referring provision
inherits the definition elements (act, means, purpose, definition) of the target
and of the target's sub-provisions, following chains up to ``MAX_DEPTH``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from indexer.assessment.spec import INHERITED_GROUPS, OFFENCE_ELEMENT
from indexer.models import Tag

MAX_DEPTH = 3
# "Ley 26.364" / "Act No. XXXIV of 2018" -> compare laws on letters and digits only
NORMALISE_RE = re.compile(r"[^0-9a-z]+")


@dataclass
class Node:
    """One provision as the assessment sees it: its row, its reviewed tags, its law."""

    row: dict
    tags: list[Tag]
    law: dict
    applied: dict[str, list[int]] = field(default_factory=dict)
    stale: dict[str, list[int]] = field(default_factory=dict)

    @property
    def pid(self) -> str:
        """Public provision id."""
        return self.row["id"]

    @property
    def elements(self) -> set[str]:
        """Elements this provision carries itself (after reviews)."""
        return {t.element for t in self.tags}


def inheritable(tag: Tag) -> bool:
    """Definition elements are inherited through references; duties and penalties are not."""
    return tag.element.split(".", 1)[0] in INHERITED_GROUPS


def defines_offence(node: Node) -> bool:
    """A provision that establishes the offence (crim.offence) or defines trafficking (carries an act.*).

    Acts are tagged only on provisions that define or criminalise trafficking (elements.yaml), so a
    definition such as "trafficking means recruiting ... for exploitation" counts as well.
    """
    return OFFENCE_ELEMENT in node.elements or any(e.startswith("act.") for e in node.elements)


def follows_refs(node: Node) -> bool:
    """Only offences and definitions follow their references (not every procedural mention)."""
    return OFFENCE_ELEMENT in node.elements or any(inheritable(t) for t in node.tags)


def parse_refs(row: dict) -> list[dict]:
    """The CrossRef dicts of a provision row (bad JSON gives no references, never an error)."""
    try:
        refs = json.loads(row.get("refs_json") or "[]")
    except (TypeError, ValueError):
        return []
    return [r for r in refs if isinstance(r, dict) and (r.get("target_eid") or r.get("target_law"))]


def _norm(text: str) -> str:
    return NORMALISE_RE.sub(" ", (text or "").casefold()).strip()


def resolve_law(conn: sqlite3.Connection, target: str, jurisdiction: str) -> str | None:
    """The id of the collected law a reference names (by id, title, short title or number), or None."""
    if not target or not target.strip():
        return None
    row = conn.execute("SELECT id FROM laws WHERE id = ?", (target.strip(),)).fetchone()
    if row:
        return row["id"]
    wanted = _norm(target)
    if not wanted:
        return None
    best: tuple[int, str] | None = None
    for law in conn.execute("SELECT id, jurisdiction, title, short_title, number FROM laws"):
        names = [_norm(law["title"]), _norm(law["short_title"]), _norm(law["number"])]
        if not any(n and (n == wanted or wanted in n or (len(n) > 6 and n in wanted)) for n in names):
            continue
        rank = (0 if law["jurisdiction"] == jurisdiction else 1) * 10 + (0 if wanted in names else 1)
        if best is None or rank < best[0]:
            best = (rank, law["id"])
    return best[1] if best else None


class RefGraph:
    """Resolves references between loaded provisions; loads other laws on demand through ``loader``."""

    def __init__(self, nodes: list[Node], conn: sqlite3.Connection, jurisdiction: str,
                 loader: Callable[[str], list[Node]]):
        self.conn = conn
        self.jurisdiction = jurisdiction
        self.loader = loader
        self.by_law: dict[str, dict[str, Node]] = {}
        for node in nodes:
            self.by_law.setdefault(node.row["law_id"], {})[node.row["eid"]] = node
        self._law_cache: dict[str, str | None] = {}

    def _law_nodes(self, law_id: str) -> dict[str, Node]:
        if law_id not in self.by_law:
            self.by_law[law_id] = {n.row["eid"]: n for n in self.loader(law_id)}
        return self.by_law[law_id]

    def targets(self, node: Node, ref: dict) -> list[Node]:
        """The provisions a reference points to: the target and its sub-provisions."""
        law_id = node.row["law_id"]
        if ref.get("target_law"):
            key = str(ref["target_law"])
            if key not in self._law_cache:
                self._law_cache[key] = resolve_law(self.conn, key, self.jurisdiction)
            law_id = self._law_cache[key]
            if law_id is None:
                return []
        nodes = self._law_nodes(law_id)
        eid = (ref.get("target_eid") or "").strip().lower()
        own = node.row["eid"]
        if not eid or (law_id == node.row["law_id"] and (own == eid or own.startswith(eid + "__"))):
            return []  # a provision citing itself or its parent ("Article 2: ...") is no reference
        prefix = eid + "__"
        return [n for e, n in nodes.items() if (e == eid or e.startswith(prefix)) and n is not node]

    def inherited(self, node: Node) -> list[tuple[Node, Tag, list[str]]]:
        """(target node, inherited tag, chain of provision ids from ``node`` to the target)."""
        out: list[tuple[Node, Tag, list[str]]] = []
        seen = {node.pid}
        frontier: list[tuple[Node, list[str]]] = [(node, [node.pid])]
        for _depth in range(MAX_DEPTH):
            nxt: list[tuple[Node, list[str]]] = []
            for current, chain in frontier:
                for ref in parse_refs(current.row):
                    for target in self.targets(current, ref):
                        if target.pid in seen:
                            continue
                        seen.add(target.pid)
                        path = [*chain, target.pid]
                        out.extend((target, tag, path) for tag in target.tags if inheritable(tag))
                        nxt.append((target, path))
            frontier = nxt
            if not frontier:
                break
        return out
