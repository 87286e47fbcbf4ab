"""The ``palermo`` command line: import, crawl, index, tag, assess, serve, run, token, reindex.

The subcommands and their options are a contract other tools call exactly.
Exit codes: 0 when something was done (even with some failures), 1 when
nothing could be done, 2 for usage errors.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from indexer.settings import get_settings

app = typer.Typer(
    help="Palermo: national anti-trafficking laws measured against the Palermo Protocol.",
    no_args_is_help=True,
    add_completion=False,
)
token_app = typer.Typer(help="API tokens for reviewers and admins.", no_args_is_help=True)
app.add_typer(token_app, name="token")
console = Console(stderr=True)


def _print_report(report: dict, path: Path | None) -> None:
    failed = report.get("failed", [])
    console.print(
        f"fetched {report.get('fetched', 0)}, unchanged {report.get('unchanged', 0)}, "
        f"new versions {report.get('new_versions', 0)}, failed {len(failed)}"
    )
    for item in failed[:20]:
        console.print(f"  failed: {item.get('url')}: {item.get('reason')}")
    if len(failed) > 20:
        console.print(f"  ... and {len(failed) - 20} more failures")
    if path:
        path.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")


def _nothing_done(report: dict) -> bool:
    return report.get("fetched", 0) == 0 and bool(report.get("failed"))


@app.command("import")
def import_cmd(
    folder: Annotated[Path, typer.Argument(help="folder with a MANIFEST.csv at its root")],
    report: Annotated[Path | None, typer.Option(help="write the JSON report here")] = None,
) -> None:
    """Ingest a local folder of laws laid out like ../shared/corpus."""
    from indexer.pipeline import import_folder

    try:
        result = import_folder(folder, get_settings())
    except (FileNotFoundError, ValueError) as err:
        console.print(f"[red]import failed:[/red] {err}")
        raise typer.Exit(1) from err
    _print_report(result, report)
    raise typer.Exit(1 if _nothing_done(result) else 0)


@app.command()
def crawl(
    manifest: Annotated[
        str | None, typer.Option(help="URL of a MANIFEST.csv to fetch with its files")
    ] = None,
    source: Annotated[list[str] | None, typer.Option(help="registry source id (repeatable)")] = None,
    report: Annotated[Path | None, typer.Option(help="write the JSON report here")] = None,
) -> None:
    """Run the spiders (the default sources, a manifest, or chosen sources)."""
    from crawler.run import run_crawl

    result = run_crawl(get_settings(), manifest_url=manifest, source_ids=source or None, progress=True)
    _print_report(result, report)
    raise typer.Exit(1 if _nothing_done(result) else 0)


@app.command()
def index() -> None:
    """Parse, tag, assess and index everything not yet indexed (idempotent)."""
    from indexer.pipeline import index_pending

    summary = index_pending(get_settings(), progress=sys.stderr.isatty())
    console.print(
        f"documents {summary['documents']}, indexed {summary['indexed']}, "
        f"provisions {summary['provisions']}, failed {len(summary['failed'])}"
    )
    for item in summary["failed"][:20]:
        console.print(f"  failed: {item['url']} ({item['stage']}): {item['reason']}")
    raise typer.Exit(1 if summary["documents"] and not summary["indexed"] else 0)


@app.command()
def reindex() -> None:
    """Rebuild the search index from the database and swap it in."""
    from indexer.pipeline import reindex as do_reindex

    console.print(f"search index rebuilt: {do_reindex(get_settings())} provisions")


@app.command()
def tag(
    input: Annotated[Path, typer.Option("--input", help="JSONL with id, text, language")],
    output: Annotated[Path, typer.Option("--output", help="JSONL to write")],
) -> None:
    """Tag standalone provisions (same code as the indexing pipeline)."""
    from indexer.tagging import tag_jsonl

    counts = tag_jsonl(input, output)
    console.print(f"tagged {counts.get('provisions', 0)} provisions, errors {counts.get('errors', 0)}")
    raise typer.Exit(1 if counts.get("provisions", 0) == 0 and counts.get("errors", 0) else 0)


@app.command()
def assess(
    iso3: Annotated[str, typer.Argument(help="jurisdiction ISO 3166 alpha-3 code")],
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Print a jurisdiction's requirement verdicts."""
    from indexer.assessment import assess as do_assess
    from indexer.db import connect

    conn = connect(get_settings().db_path)
    result = do_assess(conn, iso3.upper())
    if as_json:
        typer.echo(result.model_dump_json(indent=1))
        return
    typer.echo(f"{result.jurisdiction}: {result.laws_collected} law(s) collected")
    status = result.criminalisation_status
    typer.echo(f"criminalisation: {status.status} ({'; '.join(status.reasons) or 'no reason given'}; "
               f"{status.victim_scope})")
    figures = ", ".join(f"{level} {getattr(result.scores, level).met}/{getattr(result.scores, level).total}"
                        for level in ("mandatory", "consider", "practice"))
    typer.echo(f"requirements met: {figures}")
    for req in result.requirements:
        missing = f"  missing: {', '.join(req.missing)}" if req.missing else ""
        typer.echo(f"{req.id:4} {req.verdict:10} {req.label}{missing}")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="interface to bind")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port")] = 8000,
) -> None:
    """Serve the API and the web UI."""
    import uvicorn

    console.print(f"Palermo is serving on http://{host}:{port}/")
    uvicorn.run("search_api.app:create_app", factory=True, host=host, port=port, log_level="info")


@app.command()
def run(
    host: Annotated[str, typer.Option(help="interface to bind")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port")] = 8000,
    seed: Annotated[Path | None, typer.Option(help="also import this local corpus folder first")] = None,
    crawl_sources: Annotated[
        bool, typer.Option("--crawl/--no-crawl", help="crawl the default sources")
    ] = True,
) -> None:
    """The main job: crawl the default sources, index, serve."""
    from indexer.pipeline import import_folder, index_pending

    settings = get_settings()
    if seed is not None and (seed / "MANIFEST.csv").is_file():
        console.print(f"importing {seed}")
        _print_report(import_folder(seed, settings), None)
    if crawl_sources:
        from crawler.run import run_crawl

        console.print("crawling the default sources")
        _print_report(run_crawl(settings, progress=True), None)
    summary = index_pending(settings, progress=sys.stderr.isatty())
    console.print(f"indexed {summary['indexed']} of {summary['documents']} new document(s)")
    serve(host=host, port=port)


@token_app.command("create")
def token_create(
    role: Annotated[str, typer.Option(help="reviewer or admin")] = "reviewer",
    name: Annotated[str, typer.Option(help="who the token is for")] = "cli",
) -> None:
    """Create an API token; it is shown once and stored hashed."""
    from indexer.db import connect
    from search_api.auth import create_token

    if role not in {"reviewer", "admin"}:
        console.print("role must be reviewer or admin")
        raise typer.Exit(2)
    conn = connect(get_settings().db_path)
    typer.echo(create_token(conn, role, name))


if __name__ == "__main__":  # pragma: no cover
    app()
