"""The `palermo` command line contract."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from indexer.cli import app

runner = CliRunner()


def test_help_lists_the_contract_subcommands() -> None:
    """Every subcommand of the contract is there."""
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in ("import", "crawl", "index", "tag", "assess", "serve", "run", "token", "reindex"):
        assert name in result.output


def test_import_of_a_folder_without_manifest_fails_clearly(tmp_path, data_dir) -> None:
    """Nothing to do is exit 1 with the reason."""
    result = runner.invoke(app, ["import", str(tmp_path)])
    assert result.exit_code == 1
    assert "MANIFEST.csv" in result.output


def test_import_then_index_is_idempotent(tmp_path, data_dir) -> None:
    """Import a made-up law, index it, index again: the second run does nothing."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "law.md").write_text(
        "---\ntitle: Made-up Act\n---\n# Made-up Act\n\n## Article 1\n\nWhoever recruits, transports or "
        "harbours a person by means of force or deception for the purpose of exploitation commits the "
        "offence of trafficking in persons and shall be punished with imprisonment.\n",
        encoding="utf-8",
    )
    (corpus / "MANIFEST.csv").write_text(
        "path,jurisdiction_iso3,title,language,format\nlaw.md,XYZ,Made-up Act,en,markdown\n", encoding="utf-8"
    )
    report = tmp_path / "report.json"
    assert runner.invoke(app, ["import", str(corpus), "--report", str(report)]).exit_code == 0
    assert json.loads(report.read_text())["new_versions"] == 1
    first = runner.invoke(app, ["index"])
    assert first.exit_code == 0, first.output
    assert "indexed 1" in first.output
    second = runner.invoke(app, ["index"])
    assert second.exit_code == 0 and "documents 0, indexed 0" in second.output
    assessed = runner.invoke(app, ["assess", "XYZ", "--json"])
    assert assessed.exit_code == 0, assessed.output
    verdicts = {r["id"]: r["verdict"] for r in json.loads(assessed.output)["requirements"]}
    assert verdicts["R1"] == "met"


def test_token_create_refuses_unknown_role(data_dir) -> None:
    """Roles are reviewer or admin."""
    result = runner.invoke(app, ["token", "create", "--role", "superuser"])
    assert result.exit_code == 2
