"""The change feed: new law versions and changed verdicts, as a list, Atom 1.0 or JSON Feed 1.1."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

from search_api.schemas import ChangeEntry, ChangeList

FEED_TITLE = "Palermo: changes in anti-trafficking laws and verdicts"


def list_changes(
    conn: sqlite3.Connection, *, base_url: str, jurisdiction: str | None = None, limit: int = 50
) -> ChangeList:
    """Newest first: each stored law version and each verdict change (globally or for one jurisdiction)."""
    base = base_url.rstrip("/")
    where, args = ("WHERE l.jurisdiction = ?", [jurisdiction]) if jurisdiction else ("", [])
    versions = conn.execute(
        f"""
        SELECT v.id, v.law_id, v.version_date, v.fetched_at, l.title, l.jurisdiction
        FROM law_versions v JOIN laws l ON l.id = v.law_id {where}
        ORDER BY v.fetched_at DESC, v.id DESC LIMIT ?""",
        [*args, limit],
    ).fetchall()
    vwhere = "WHERE jurisdiction = ?" if jurisdiction else ""
    verdicts = conn.execute(
        f"""
        SELECT id, jurisdiction, requirement, verdict, previous, at, cause FROM verdict_history {vwhere}
        ORDER BY at DESC, id DESC LIMIT ?""",
        [*args, limit],
    ).fetchall()
    entries = [
        ChangeEntry(
            kind="law_version",
            id=f"version-{r['id']}",
            at=r["fetched_at"],
            jurisdiction=r["jurisdiction"],
            title=f"{r['jurisdiction']}: new version of {r['title']}"
            + (f" ({r['version_date']})" if r["version_date"] else ""),
            law_id=r["law_id"],
            version_id=r["id"],
            link=f"{base}/laws/{r['law_id']}",
        )
        for r in versions
    ] + [
        ChangeEntry(
            kind="verdict",
            id=f"verdict-{r['id']}",
            at=r["at"],
            jurisdiction=r["jurisdiction"],
            title=f"{r['jurisdiction']} {r['requirement']}: {r['previous'] or 'new'} -> {r['verdict']}",
            requirement=r["requirement"],
            verdict=r["verdict"],
            previous=r["previous"],
            cause=r["cause"] or "",
            link=f"{base}/jurisdictions/{r['jurisdiction']}#{r['requirement']}",
        )
        for r in verdicts
    ]
    entries.sort(key=lambda e: (e.at, e.id), reverse=True)
    entries = entries[:limit]
    return ChangeList(jurisdiction=jurisdiction, updated=entries[0].at if entries else None, entries=entries)


def _rfc3339(value: str | None) -> str:
    if not value:
        return datetime(1970, 1, 1, tzinfo=UTC).isoformat()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return datetime(1970, 1, 1, tzinfo=UTC).isoformat()
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.isoformat()


def to_atom(changes: ChangeList, *, base_url: str, self_url: str) -> str:
    """Render the change list as an Atom 1.0 document."""
    base = base_url.rstrip("/")
    scope = f" ({changes.jurisdiction})" if changes.jurisdiction else ""
    feed_id = f"{base}/api/feeds/changes{'/' + changes.jurisdiction if changes.jurisdiction else ''}"
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(FEED_TITLE + scope)}</title>",
        f"<id>{escape(feed_id)}</id>",
        f"<updated>{_rfc3339(changes.updated)}</updated>",
        f'<link rel="self" href={quoteattr(self_url)}/>',
        f'<link rel="alternate" href={quoteattr(base + "/")}/>',
        "<author><name>Palermo</name></author>",
    ]
    for entry in changes.entries:
        summary = entry.title if not entry.cause else f"{entry.title}. Cause: {entry.cause}"
        out += [
            "<entry>",
            f"<id>{escape(base + '/changes/' + entry.id)}</id>",
            f"<title>{escape(entry.title)}</title>",
            f"<updated>{_rfc3339(entry.at)}</updated>",
            f"<link href={quoteattr(entry.link)}/>",
            f"<category term={quoteattr(entry.kind)}/>",
            f'<category term={quoteattr(entry.jurisdiction)} label="jurisdiction"/>',
            f"<summary>{escape(summary)}</summary>",
            "</entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def to_json_feed(changes: ChangeList, *, base_url: str, self_url: str) -> dict:
    """Render the change list as a JSON Feed 1.1 document."""
    scope = f" ({changes.jurisdiction})" if changes.jurisdiction else ""
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": FEED_TITLE + scope,
        "home_page_url": base_url.rstrip("/") + "/",
        "feed_url": self_url,
        "items": [
            {
                "id": e.id,
                "url": e.link,
                "title": e.title,
                "content_text": e.cause or e.title,
                "date_published": _rfc3339(e.at),
                "tags": [e.kind, e.jurisdiction],
                "_palermo": e.model_dump(mode="json"),
            }
            for e in changes.entries
        ],
    }
