"""deploy/k8s: schema-valid manifests (kubernetes-validate, strict) that agree with the project."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from pipeline.settings import Settings

K8S = Path(__file__).resolve().parents[2] / "deploy" / "k8s"
#: The newest Kubernetes version whose schemas the installed kubernetes-validate ships.
KUBERNETES_VERSION = kubernetes_validate.utils.latest_version()


def manifests() -> list[dict[str, Any]]:
    return [doc for path in sorted(K8S.glob("*.yaml"))
            for doc in yaml.safe_load_all(path.read_text()) if doc]


def by_kind(kind: str) -> dict[str, Any]:
    [doc] = [d for d in manifests() if d["kind"] == kind]
    return doc


@pytest.mark.parametrize("doc", manifests(), ids=lambda d: f"{d['kind']}/{d['metadata']['name']}")
def test_manifest_is_valid(doc: dict[str, Any]) -> None:
    kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)


def test_the_validator_rejects_a_broken_manifest() -> None:
    broken = by_kind("Deployment")
    broken["spec"]["replicas"] = "two"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)


def test_settings_are_real_fields_and_parse() -> None:
    data = by_kind("ConfigMap")["data"]
    fields = {f"FIGUREWATCH_{name.upper()}" for name in Settings.model_fields}
    assert set(data) <= fields, set(data) - fields
    Settings(**{k.removeprefix("FIGUREWATCH_").lower(): v for k, v in data.items()})


def test_deployment_scales_within_partitions_and_probes_with_check() -> None:
    deployment, config = by_kind("Deployment"), by_kind("ConfigMap")
    assert deployment["spec"]["replicas"] <= int(config["data"]["FIGUREWATCH_PARTITIONS"])
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    assert container["readinessProbe"]["exec"]["command"] == ["figurewatch", "check"]
    assert container["resources"]["requests"]
    assert container["resources"]["limits"]
    assert [e["configMapRef"]["name"] for e in container["envFrom"]] == [
        config["metadata"]["name"]]
    [port] = container["ports"]
    assert port["containerPort"] == int(config["data"]["FIGUREWATCH_WEB_PORT"])
    mounts = {m["mountPath"] for m in container["volumeMounts"]}
    assert config["data"]["FIGUREWATCH_DATA_DIR"] in mounts
    # Other workers reach this one at its pod IP, on the port it listens on.
    env = {e["name"]: e for e in container["env"]}
    assert env["POD_IP"]["valueFrom"]["fieldRef"]["fieldPath"] == "status.podIP"
    advertised = env["FIGUREWATCH_WEB_ADVERTISED_URL"]["value"]
    assert advertised == f"http://$(POD_IP):{port['containerPort']}"
    assert {name for name in env if name.startswith("FIGUREWATCH_")} <= {
        f"FIGUREWATCH_{name.upper()}" for name in Settings.model_fields}


def test_service_selects_the_workers_and_their_port() -> None:
    deployment, service = by_kind("Deployment"), by_kind("Service")
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    names = {p["name"] for p in container["ports"]}
    assert {p["targetPort"] for p in service["spec"]["ports"]} <= names
