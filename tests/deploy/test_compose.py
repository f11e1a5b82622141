"""docker-compose.yml: valid against the Compose specification, and in agreement with the
project (settings, topics, ports, mounted files, the Dockerfile, Prometheus and Grafana).

No Docker engine runs here. The schema is the compose-spec one that check-jsonschema ships
(its `vendor.compose-spec` builtin); nothing of it is copied into this repository.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from pipeline.settings import Settings
from pipeline.stream import topics

REPO = Path(__file__).resolve().parents[2]
COMPOSE = REPO / "docker-compose.yml"
#: The values `docker compose` would see with nothing set but the required password.
ENV = {"GRAFANA_ADMIN_PASSWORD": "test-password"}

_VARIABLE = re.compile(r"\$(?:\$|\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\})")


def interpolate(text: str, env: dict[str, str]) -> str:
    """Compose's variable substitution: ${VAR}, ${VAR:-default}, ${VAR:?error}, $$."""

    def substitute(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name, op, arg = match.group("name", "op", "arg")
        value = env.get(name)
        if op in (":-", "-") and (value is None or (op == ":-" and not value)):
            return arg
        if op in (":?", "?") and not value:
            raise ValueError(f"{name} is required: {arg}")
        return value or ""

    return _VARIABLE.sub(substitute, text)


def compose(env: dict[str, str] | None = None) -> dict[str, Any]:
    return dict(yaml.safe_load(interpolate(COMPOSE.read_text(), ENV if env is None else env)))


def compose_schema() -> dict[str, Any]:
    """The Compose specification's JSON schema, as check-jsonschema ships it.

    Read as a file, without importing check_jsonschema: its package imports its click CLI,
    and some click releases pip resolves next to it break that import (seen: 0.38.1 with
    click 8.3.3, `ParamType` not subscriptable). The schema itself needs only jsonschema.
    """
    spec = importlib.util.find_spec("check_jsonschema")
    assert spec is not None, "check-jsonschema missing: install the dev extra"
    assert spec.submodule_search_locations
    package = Path(next(iter(spec.submodule_search_locations)))
    return dict(json.loads(
        (package / "builtin_schemas" / "vendor" / "compose-spec.json").read_text()))


def validate(document: dict[str, Any]) -> list[str]:
    """Every violation of the Compose specification, as "path: message"."""
    schema = compose_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(document)
    ]


def test_compose_file_follows_the_compose_specification() -> None:
    assert compose_schema()["title"] == "Compose Specification"
    assert validate(yaml.safe_load(COMPOSE.read_text())) == []
    # After interpolation too, as `docker compose` validates it.
    assert validate(compose()) == []


def test_the_validator_rejects_a_broken_file() -> None:
    broken = compose()
    broken["services"]["worker"]["ports"] = {"web": 6066}
    broken["services"]["worker"]["imagee"] = "typo"
    errors = validate(broken)
    assert any("imagee" in e for e in errors), errors
    assert any(e.startswith("services/worker/ports") for e in errors), errors


def test_grafana_needs_its_password() -> None:
    with pytest.raises(ValueError, match="GRAFANA_ADMIN_PASSWORD"):
        compose({})


def figurewatch_env(service: dict[str, Any]) -> dict[str, str]:
    return {k: str(v) for k, v in service["environment"].items() if k.startswith("FIGUREWATCH_")}


def dockerfile_env() -> dict[str, str]:
    text = (REPO / "deploy" / "Dockerfile").read_text().replace("\\\n", " ")
    env: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("ENV "):
            env.update(pair.split("=", 1) for pair in line[4:].split())
    return env


def test_worker_environment_names_real_settings_and_parses() -> None:
    worker = compose()["services"]["worker"]
    env = {**dockerfile_env(), **figurewatch_env(worker)}
    fields = {f"FIGUREWATCH_{name.upper()}" for name in Settings.model_fields}
    assert set(env) <= fields, set(env) - fields
    settings = Settings(**{k.removeprefix("FIGUREWATCH_").lower(): v for k, v in env.items()})
    assert settings.broker_url == "kafka:9092"
    assert settings.web_host == "0.0.0.0"  # noqa: S104 - reachable from Prometheus's container


def test_worker_image_and_ports_agree() -> None:
    services = compose()["services"]
    worker = services["worker"]
    assert (REPO / worker["build"]["context"] / worker["build"]["dockerfile"]).is_file()
    dockerfile = (REPO / "deploy" / "Dockerfile").read_text()
    assert 'CMD ["figurewatch", "worker"]' in dockerfile
    web_port = int(worker["environment"]["FIGUREWATCH_WEB_PORT"])
    assert f"EXPOSE {web_port}" in dockerfile
    assert dockerfile_env()["FIGUREWATCH_WEB_PORT"] == str(web_port)
    assert all(p.endswith(f":{web_port}") for p in worker["ports"])
    assert worker["healthcheck"]["test"] == ["CMD", "figurewatch", "check"]
    # The broker address is Kafka's advertised listener.
    assert f"PLAINTEXT://{worker['environment']['FIGUREWATCH_BROKER_URL']}" == (
        services["kafka"]["environment"]["KAFKA_ADVERTISED_LISTENERS"]
    )


def test_scale_stays_within_partitions_and_host_ports() -> None:
    for replicas in ("1", "4"):
        doc = compose({**ENV, "WORKER_REPLICAS": replicas})
        worker = doc["services"]["worker"]
        count = int(worker["deploy"]["replicas"])
        partitions = int(worker["environment"]["FIGUREWATCH_PARTITIONS"])
        assert count <= partitions
        low, high = re.search(r":(\d+)-(\d+):", worker["ports"][0]).groups()  # type: ignore[union-attr]
        assert int(high) - int(low) + 1 >= partitions  # a host port for every useful replica


def test_topic_init_creates_every_pipeline_topic_with_the_workers_partitions() -> None:
    services = compose()["services"]
    init = services["topic-init"]
    script = init["command"][0]
    created = set(re.search(r"for topic in ([^;]+);", script).group(1).split())  # type: ignore[union-attr]
    prefix = services["worker"]["environment"]["FIGUREWATCH_TOPIC_PREFIX"]
    assert created == {f"{prefix}.{name}" for name in topics.ALL}
    assert init["environment"]["PARTITIONS"] == services["worker"]["environment"][
        "FIGUREWATCH_PARTITIONS"
    ]
    assert '--partitions "$PARTITIONS"' in script  # $$ in the file: the shell's variable
    assert services["worker"]["depends_on"]["topic-init"]["condition"] == (
        "service_completed_successfully"
    )


def bind_mounts(service: dict[str, Any]) -> dict[str, str]:
    """Container path -> host path (relative to the repo) of each bind mount."""
    mounts = {}
    for volume in service.get("volumes", []):
        source, target = volume.split(":")[:2]
        if source.startswith("./"):
            mounts[target] = source
    return mounts


def test_mounted_files_exist() -> None:
    for name, service in compose()["services"].items():
        for source in bind_mounts(service).values():
            assert (REPO / source).exists(), f"{name}: {source}"


def test_prometheus_reads_the_shipped_config_and_finds_workers_and_alertmanager() -> None:
    services = compose()["services"]
    prometheus = services["prometheus"]
    mounts = bind_mounts(prometheus)
    config_arg = next(a for a in prometheus["command"] if a.startswith("--config.file="))
    config_path = Path(config_arg.split("=", 1)[1])
    host_dir = REPO / mounts[str(config_path.parent)]
    config = yaml.safe_load((host_dir / config_path.name).read_text())
    for rule_file in config["rule_files"]:
        assert (host_dir / rule_file).is_file()
    job = next(j for j in config["scrape_configs"] if j["job_name"] == "figurewatch")
    sd = job["dns_sd_configs"][0]
    assert sd["names"] == ["worker"]
    assert sd["port"] == int(services["worker"]["environment"]["FIGUREWATCH_WEB_PORT"])
    [target] = config["alerting"]["alertmanagers"][0]["static_configs"][0]["targets"]
    host, port = target.split(":")
    assert host in services
    assert any(p.endswith(f":{port}") for p in services[host]["ports"])
    alertmanager_config = next(
        a.split("=", 1)[1] for a in services["alertmanager"]["command"]
        if a.startswith("--config.file=")
    )
    assert alertmanager_config in bind_mounts(services["alertmanager"])


def test_grafana_is_provisioned_with_the_datasource_and_dashboard() -> None:
    services = compose()["services"]
    grafana = services["grafana"]
    mounts = bind_mounts(grafana)
    provisioning = REPO / mounts["/etc/grafana/provisioning"]
    [source] = yaml.safe_load(
        (provisioning / "datasources" / "prometheus.yml").read_text())["datasources"]
    host, port = source["url"].removeprefix("http://").split(":")
    assert host in services
    assert any(p.endswith(f":{port}") for p in services[host]["ports"])
    [provider] = yaml.safe_load(
        (provisioning / "dashboards" / "figurewatch.yml").read_text())["providers"]
    dashboards = REPO / mounts[provider["options"]["path"]]
    assert (dashboards / "figurewatch.json").is_file()
