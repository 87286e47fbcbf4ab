"""compose.yaml and Dockerfile: schema-valid, and configured for the Elasticsearch backend."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[3]
COMPOSE = REPO / "compose.yaml"


def _tool(name: str) -> str | None:
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else shutil.which(name)


def test_compose_file_matches_the_compose_spec():
    tool = _tool("check-jsonschema")
    if tool is None:
        pytest.skip("check-jsonschema is not installed")
    run = subprocess.run([tool, "--builtin-schema", "vendor.compose-spec", str(COMPOSE)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def test_docker_compose_accepts_the_file():
    tool = shutil.which("docker-compose")
    if tool is None:
        pytest.skip("docker-compose (Debian package) is not installed")
    env = {**os.environ, "PALERMO_ADMIN_TOKEN": "test-token-0123456789abcdef"}
    run = subprocess.run([tool, "-f", str(COMPOSE), "config", "-q"], capture_output=True, text=True,
                         timeout=120, env=env, cwd=REPO)
    assert run.returncode == 0, run.stderr


def test_services_are_configured_for_elasticsearch():
    spec = yaml.safe_load(COMPOSE.read_text())
    es, app = spec["services"]["elasticsearch"], spec["services"]["app"]
    env = es["environment"]
    assert env["discovery.type"] == "single-node"
    assert "xpack.security.enabled" in env  # security is stated explicitly, not left to defaults
    assert es["mem_limit"] and "-Xmx" in env["ES_JAVA_OPTS"]
    assert any(v.startswith("esdata:") for v in es["volumes"]) and "esdata" in spec["volumes"]
    assert "_cluster/health" in " ".join(es["healthcheck"]["test"])
    assert all(p.startswith("127.0.0.1:") for p in es["ports"] + app["ports"])
    assert app["environment"]["PALERMO_BACKEND"] == "elasticsearch"
    assert app["environment"]["PALERMO_ELASTICSEARCH_URL"] == "http://elasticsearch:9200"
    assert app["command"] == ["palermo", "run", "--host", "0.0.0.0"]
    assert app["depends_on"]["elasticsearch"]["condition"] == "service_healthy"


def test_dockerfile_installs_the_project_and_runs_as_a_user():
    lines = [ln.strip() for ln in (REPO / "Dockerfile").read_text().splitlines()]
    assert "RUN pip install ." in lines
    assert 'CMD ["palermo", "run", "--host", "0.0.0.0"]' in lines
    assert any(ln.startswith("USER ") and not ln.endswith("root") for ln in lines)
    ignored = (REPO / ".dockerignore").read_text().split()
    assert {".venv", "data", ".git"} <= set(ignored)
