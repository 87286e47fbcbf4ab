"""Following cross-references: an offence inherits the definitions of the provisions it names.

"exploitation as defined in section 3" or "a child as defined in article 2": the
parser stores such references in ``provisions.refs_json`` (CrossRef dicts with
``target_eid`` and, for another law, ``target_law``). A provision that establishes
or defines the offence inherits the definition elements (act, means, purpose,
definition) of the target and of the target's sub-provisions, following chains up
to ``MAX_DEPTH``. A definition written "for the purposes of section X" applies to
X the other way round (:meth:`RefGraph.scoped`). Every inherited quote keeps the
chain of provision ids that led to it.
"""

from __future__ import annotations

import bisect
import json
import re
import sqlite3
import unicodedata
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


def parse_refs(row: dict) -> list[dict]:
    """The CrossRef dicts of a provision row (bad JSON gives no references, never an error)."""
    try:
        refs = json.loads(row.get("refs_json") or "[]")
    except (TypeError, ValueError):
        return []
    return [r for r in refs if isinstance(r, dict) and (r.get("target_eid") or r.get("target_law"))]


def _norm(text: str) -> str:
    """"Código Penal (Ley 11.179)" -> "codigo penal ley 11 179"."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return NORMALISE_RE.sub(" ", ascii_text.casefold()).strip()


def _contains(haystack: str, needle: str) -> bool:
    return bool(needle) and f" {needle} " in f" {haystack} "


def _match_rank(wanted: str, law: sqlite3.Row) -> int | None:
    """How well a reference's law name matches a law (lower is better); None when it does not.

    Exact title/short title/number first; then a number or short title inside the reference
    ("Ley 26.364" names the law numbered 26.364); then the reference inside the title of a law
    that is not an amending act ("Criminal Code" must not pick "An Act to amend the Criminal Code").
    """
    title, short, number = _norm(law["title"]), _norm(law["short_title"]), _norm(law["number"])
    if wanted in {title, short, number} - {""}:
        return 0
    if (len(number) >= 4 and _contains(wanted, number)) or (len(short) >= 6 and _contains(wanted, short)):
        return 1
    if not law["is_amending"] and len(wanted) >= 8 and _contains(title, wanted):
        return 2
    return None


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
    for law in conn.execute("SELECT id, jurisdiction, title, short_title, number, is_amending FROM laws"):
        rank = _match_rank(wanted, law)
        if rank is None:
            continue
        rank += 0 if law["jurisdiction"] == jurisdiction else 10
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
        self._scoped: dict[tuple[str, str], list[Node]] | None = None
        self._sorted: dict[str, list[str]] = {}

    def _law_nodes(self, law_id: str) -> dict[str, Node]:
        if law_id not in self.by_law:
            self.by_law[law_id] = {n.row["eid"]: n for n in self.loader(law_id)}
        return self.by_law[law_id]

    def _subtree(self, law_id: str, eid: str) -> list[Node]:
        """A provision and its sub-provisions (eIds ``eid`` and ``eid__...``), via a sorted index."""
        nodes = self._law_nodes(law_id)
        if law_id not in self._sorted:
            self._sorted[law_id] = sorted(nodes)
        eids = self._sorted[law_id]
        out = [nodes[eid]] if eid in nodes else []
        prefix = eid + "__"
        index = bisect.bisect_left(eids, prefix)
        while index < len(eids) and eids[index].startswith(prefix):
            out.append(nodes[eids[index]])
            index += 1
        return out

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
        eid = (ref.get("target_eid") or "").strip().lower()
        own = node.row["eid"]
        if not eid or (law_id == node.row["law_id"] and (
                own == eid or own.startswith(eid + "__") or eid.startswith(own + "__"))):
            return []  # a provision citing itself, its parent or its own subsection is no reference
        return [n for n in self._subtree(law_id, eid) if n is not node]

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

    def _scoped_definitions(self) -> dict[tuple[str, str], list[Node]]:
        """(law id, target eid) -> pure definitions that name that provision as their scope."""
        if self._scoped is None:
            self._scoped = {}
            for nodes in list(self.by_law.values()):
                for node in list(nodes.values()):
                    if defines_offence(node) or not any(inheritable(t) for t in node.tags):
                        continue
                    for ref in parse_refs(node.row):
                        for target in self.targets(node, ref):
                            key = (target.row["law_id"], target.row["eid"])
                            self._scoped.setdefault(key, []).append(node)
        return self._scoped

    def scoped(self, node: Node) -> list[tuple[Node, Tag, list[str]]]:
        """Definitions written "for the purposes of section X" that apply to ``node`` (X or its parent).

        "For the purposes of sections 279.01 to 279.03, a person exploits another person if ...":
        the reference runs from the definition to the offence, the inheritance the other way.
        """
        eid = node.row["eid"]
        parts = eid.split("__")
        scopes = {"__".join(parts[:i]) for i in range(1, len(parts) + 1)}
        out: list[tuple[Node, Tag, list[str]]] = []
        seen: set[str] = set()
        for scope in scopes:
            for definition in self._scoped_definitions().get((node.row["law_id"], scope), []):
                if definition.pid in seen or definition is node:
                    continue
                seen.add(definition.pid)
                out.extend((definition, tag, [node.pid, definition.pid])
                           for tag in definition.tags if inheritable(tag))
        return out
