"""Offline checks of deploy/: no Docker or Kubernetes here, so the files are checked against
each other and against the code they start (Settings fields, CLI commands, console script)."""

from __future__ import annotations

import fnmatch
import importlib.util
import json
import re
import shlex
import shutil
import socket
import subprocess
import tomllib
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from onestop.cli import build_parser
from onestop.settings import DEV_SECRET_PLACEHOLDER, Settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
COMPOSE = DEPLOY / "compose.yaml"
DOCKERFILE = DEPLOY / "Dockerfile"

# Keys kept outside the database (empty in development: made in the state dir), each with the parser
# its process reads it with.
KEY_FIELDS = {"payload_keys", "action_signing_keys", "webhook_secret_keys", "audit_mac_key", "audit_checkpoint_key",
              "audit_pseudonym_key"}
# Settings that carry a credential: never in a committed env file, compose `environment` or ConfigMap.
SECRET_FIELDS = {name for name, field in Settings.model_fields.items() if field.default == DEV_SECRET_PLACEHOLDER} | {
    "database_url", "demo_password", "registries_admin_token"} | KEY_FIELDS
# Read only by the demo profile's development parts (the mock registries, the built-in IdP).
DEMO_SECRET_FIELDS = {"demo_password", "registries_admin_token"}
ONESTOP_VARIABLE = re.compile(r"\bONESTOP_[A-Z0-9_]*[A-Z0-9]")


def yaml_files() -> list[Path]:
    return sorted(p for p in DEPLOY.rglob("*") if p.suffix in (".yaml", ".yml"))


# libyaml when present: the pure-Python loader alone would take most of the time budget.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache
def _parsed(path: Path) -> tuple[Any, ...]:
    return tuple(doc for doc in yaml.load_all(path.read_text(), Loader=_LOADER) if doc is not None)


def load_all(path: Path) -> list[Any]:
    return list(_parsed(path))


def compose() -> dict[str, Any]:
    return load_all(COMPOSE)[0]


def k8s_objects() -> Iterator[tuple[Path, dict[str, Any]]]:
    for path in sorted(K8S.glob("*.yaml")):
        for doc in load_all(path):
            yield path, doc


def k8s_of_kind(kind: str) -> list[dict[str, Any]]:
    return [doc for _, doc in k8s_objects() if doc["kind"] == kind]


def env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def env_files_of(service: dict[str, Any]) -> list[str]:
    entries = service.get("env_file", [])
    entries = [entries] if isinstance(entries, str) else entries
    return [entry if isinstance(entry, str) else entry["path"] for entry in entries]


def compose_environment(service: dict[str, Any]) -> dict[str, str]:
    environment = service.get("environment", {})
    if isinstance(environment, list):
        environment = dict(item.partition("=")[::2] for item in environment)
    return {str(k): str(v) for k, v in environment.items()}


def is_pinned(image: str) -> bool:
    if "@sha256:" in image:
        return True
    name, _, tag = image.rpartition(":")
    return bool(name) and "/" not in tag and tag not in ("", "latest")


def dockerfile_lines() -> list[str]:
    # Joins continuation lines so each instruction is one line.
    return [line.strip() for line in DOCKERFILE.read_text().replace("\\\n", " ").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


# --- every file ------------------------------------------------------------------------------


def test_every_yaml_file_parses_to_mappings() -> None:
    assert yaml_files(), "no YAML under deploy/"
    for path in yaml_files():
        docs = load_all(path)
        assert docs, f"{path} is empty"
        assert all(isinstance(doc, dict) for doc in docs), f"{path} holds a document that is not a mapping"


def test_every_onestop_variable_in_deploy_is_a_setting() -> None:
    used: dict[str, set[str]] = {}
    for path in DEPLOY.rglob("*"):
        if path.is_file() and path.suffix not in (".pyc",):
            for name in ONESTOP_VARIABLE.findall(path.read_text(errors="ignore")):
                used.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    assert len(used) > 10, "the deploy files should set onestop through ONESTOP_ variables"
    unknown = {name: files for name, files in used.items()
               if name.removeprefix("ONESTOP_").lower() not in Settings.model_fields}
    assert not unknown, f"not onestop settings: {unknown}"


def test_docs_hold_the_capacity_notes_and_the_bench_pointer() -> None:
    capacity = (DEPLOY / "CAPACITY.md").read_text()
    assert "see bench/README.md for the figures of the latest run" in capacity
    assert "110,000" in capacity
    shards = compose()["services"]["temporal"]["environment"]["NUM_HISTORY_SHARDS"]
    assert f"{shards} history shards" in capacity, "CAPACITY.md and compose.yaml disagree on the shard count"


# --- Dockerfile ------------------------------------------------------------------------------


def test_dockerfile_entrypoint_is_the_console_script() -> None:
    entrypoints = [line for line in dockerfile_lines() if line.startswith("ENTRYPOINT")]
    assert len(entrypoints) == 1
    command = json.loads(entrypoints[0].removeprefix("ENTRYPOINT").strip())
    assert command == ["onestop"]
    assert pyproject()["project"]["scripts"]["onestop"] == "onestop.cli:main"


def test_dockerfile_installs_the_project_and_runs_as_non_root() -> None:
    lines = dockerfile_lines()
    assert any(re.search(r"\bpip install \.(\s|$)", line) for line in lines), "the image must `pip install .`"
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users, "no USER: the process would run as root"
    assert users[-1].split(":")[0] not in ("0", "root")


def test_dockerfile_base_images_are_pinned_python_311_slim() -> None:
    args = dict(re.findall(r"^ARG (\w+)=(\S+)", "\n".join(dockerfile_lines()), re.M))
    bases = [re.sub(r"\$\{(\w+)\}", lambda m: args[m.group(1)], line.split()[1])
             for line in dockerfile_lines() if line.startswith("FROM ")]
    assert bases
    for image in bases:
        assert is_pinned(image), image
        assert image.startswith("python:3.11") and "slim" in image, image


def test_dockerfile_copies_only_what_exists() -> None:
    for line in dockerfile_lines():
        if line.startswith("COPY ") and "--from=" not in line:
            *sources, _ = shlex.split(line)[1:]
            for source in sources:
                assert (ROOT / source).exists(), f"COPY of a missing path: {source}"


def test_build_context_keeps_secrets_and_local_state_out() -> None:
    ignore = (DEPLOY / "Dockerfile.dockerignore").read_text().split()
    for must in (".git", ".venv", ".env", ".onestop", "**/*.secrets.env"):
        assert must in ignore, f"{must} would be sent to the image build"


# --- compose ---------------------------------------------------------------------------------


def test_compose_has_the_production_topology() -> None:
    services = compose()["services"]
    for name in ("postgresql", "temporal-postgresql", "temporal", "temporal-ui", "migrate", "portal", "worker",
                 "proxy", "registries", "idp"):
        assert name in services, name
    assert services["portal"]["deploy"]["replicas"] == 2
    assert services["worker"]["deploy"]["replicas"] == 3
    assert services["temporal"]["image"].startswith("temporalio/auto-setup:")
    assert services["temporal"]["environment"]["DB"] == "postgres12"
    assert services["temporal"]["environment"]["POSTGRES_SEEDS"] in services
    assert services["temporal-ui"]["image"].startswith("temporalio/ui:")
    for demo in ("registries", "idp"):
        assert services[demo]["profiles"] == ["demo"]
    for name, service in services.items():
        if name not in ("registries", "idp"):
            assert "profiles" not in service, f"{name} must run without the demo profile"


def test_compose_runs_real_cli_commands_and_migrates_first() -> None:
    services = compose()["services"]
    parser = build_parser()
    for name in ("migrate", "portal", "worker", "registries", "idp"):
        command = services[name]["command"]
        assert command == [name]
        parser.parse_args(command)  # exits (fails the test) on an unknown subcommand
    assert services["migrate"]["restart"] == "no"
    for name in ("portal", "worker"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_compose_healthchecks_use_the_health_endpoints() -> None:
    services = compose()["services"]
    checks = {name: " ".join(service["healthcheck"]["test"]) for name, service in services.items()
              if "healthcheck" in service}
    for name in ("postgresql", "temporal-postgresql", "temporal", "portal", "worker", "proxy", "registries", "idp"):
        assert name in checks, f"{name} has no healthcheck"
    assert "/readyz" in checks["portal"]
    assert "/healthz" in checks["registries"]
    assert "worker_probe.py" in checks["worker"]


def test_compose_references_existing_files() -> None:
    services = compose()["services"]
    ignored = [line.strip() for line in (DEPLOY / ".gitignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")]
    for name, service in services.items():
        build = service.get("build")
        if build:
            context = (DEPLOY / build["context"]).resolve()
            assert context.is_dir(), f"{name}: build context {context}"
            assert (context / build["dockerfile"]).is_file(), f"{name}: {build['dockerfile']}"
        for entry in env_files_of(service):
            path = DEPLOY / entry
            if entry.endswith(".secrets.env"):
                # Secrets are made on the host from a committed example and never committed.
                assert Path(f"{path}.example").is_file(), f"{name}: {entry}.example is missing"
                assert any(fnmatch.fnmatch(entry, pattern) for pattern in ignored), f"{entry} is not git-ignored"
            else:
                assert path.is_file(), f"{name}: env file {entry}"
        for volume in service.get("volumes", []):
            source = volume["source"] if isinstance(volume, dict) else volume.split(":")[0]
            if source.startswith("."):
                assert (DEPLOY / source).exists(), f"{name}: bind mount {source}"


def test_compose_secrets_come_only_from_secret_env_files() -> None:
    services = compose()["services"]
    for name, service in services.items():
        for key in compose_environment(service):
            assert key.removeprefix("ONESTOP_").lower() not in SECRET_FIELDS, f"{name} sets {key} inline"
            assert not re.search(r"PASSWORD|PWD|SECRET|API_KEY", key), f"{name} sets {key} inline"
        for entry in env_files_of(service):
            if not entry.endswith(".secrets.env"):
                names = env_file(DEPLOY / entry)
                leaked = {k for k in names if k.removeprefix("ONESTOP_").lower() in SECRET_FIELDS}
                assert not leaked, f"{entry} is committed but holds {leaked}"
    onestop_secrets = env_file(DEPLOY / "env/onestop.secrets.env.example")
    demo_secrets = env_file(DEPLOY / "env/demo.secrets.env.example")
    # the demo secrets only where the development parts read them: production processes refuse a demo password
    assert {f"ONESTOP_{field.upper()}" for field in SECRET_FIELDS - DEMO_SECRET_FIELDS} <= set(onestop_secrets)
    for field in DEMO_SECRET_FIELDS:
        assert f"ONESTOP_{field.upper()}" in demo_secrets and f"ONESTOP_{field.upper()}" not in onestop_secrets


def test_the_demo_profile_says_it_is_development() -> None:
    """Only the demo profile's development parts run in development; every other process is production."""
    services = compose()["services"]
    production = env_file(DEPLOY / "env/onestop.env")["ONESTOP_ENVIRONMENT"]
    assert production == "production"
    for name, service in services.items():
        if not any(entry.startswith("env/onestop") for entry in env_files_of(service)):
            continue  # the databases, Temporal, nginx
        environment = compose_environment(service).get("ONESTOP_ENVIRONMENT", production)
        command = service.get("command", [])
        development_part = bool(set(command) & {"idp", "registries"})
        assert development_part == (environment == "development"), f"{name} runs in {environment}"
        assert development_part == ("demo" in service.get("profiles", [])), name
        assert development_part == ("env/demo.secrets.env" in env_files_of(service)), name


def test_make_secrets_fills_every_secret_with_a_strong_value(tmp_path: Path) -> None:
    """Run make-secrets.sh on a copy of deploy/: every secret key a process reads gets a value production
    accepts, each its own, and no placeholder is left."""
    copy = tmp_path / "deploy"
    shutil.copytree(DEPLOY / "env", copy / "env", ignore=shutil.ignore_patterns("*.secrets.env"))
    shutil.copy(DEPLOY / "make-secrets.sh", copy / "make-secrets.sh")
    subprocess.run(["sh", str(copy / "make-secrets.sh")], check=True, capture_output=True, timeout=60)
    made = {**env_file(copy / "env/onestop.secrets.env"), **env_file(copy / "env/demo.secrets.env")}
    assert not [k for k, v in made.items() if "REPLACE" in v], made
    values = {field: made[f"ONESTOP_{field.upper()}"] for field in SECRET_FIELDS - {"database_url"}}
    assert len(set(values.values())) == len(values), "two secrets share a value"
    production_secrets: dict[str, Any] = {k: v for k, v in values.items() if k not in DEMO_SECRET_FIELDS}
    production = Settings(_env_file=None, environment="production", **production_secrets)
    assert production.demo_password == ""
    assert len(values["registries_admin_token"]) == 64
    _every_key_is_read_as_its_process_reads_it(production)


def _every_key_is_read_as_its_process_reads_it(production: Settings) -> None:
    from onestop.action_signing import signer_for
    from onestop.audit_mac import mac_key_for
    from onestop.payload_codec import parse_keys as payload_keys
    from onestop.webhook_secrets import secrets_for
    from portal.audit_pseudonyms import pseudonyms_for
    from store.audit_checkpoints import checkpoint_key

    assert [kid for kid, _ in payload_keys(production.payload_keys)] == ["k1"]
    signer_for(production).sign("complete_task", "application-1", None)
    assert secrets_for(production).open("c", secrets_for(production).seal("c", "whsec_x")) == "whsec_x"
    assert len(mac_key_for(production)) == 32
    assert len(checkpoint_key(production.audit_checkpoint_key, production.state_dir, production.environment)) == 32
    assert pseudonyms_for(production).resolve(pseudonyms_for(production).of("900101300123")) == "900101300123"


def test_every_key_setting_is_carried_by_deploy() -> None:
    """Outside development an empty key is refused: compose's secrets, the k8s Secret and make-secrets.sh
    carry each one, and the code knows no key setting deploy/ leaves out."""
    keyed = {name for name in Settings.model_fields if name.endswith(("_key", "_keys"))}
    # a file path, and a credential the registry gateway issues (SECRET_FIELDS already)
    assert keyed - {"temporal_tls_key", "registries_api_key"} == KEY_FIELDS
    secret_keys = set(load_all(K8S / "secret.example.yaml")[0]["stringData"])
    onestop_secrets = env_file(DEPLOY / "env/onestop.secrets.env.example")
    for field in KEY_FIELDS:
        assert f"ONESTOP_{field.upper()}" in secret_keys and f"ONESTOP_{field.upper()}" in onestop_secrets, field


def test_portals_get_only_the_public_document_keys() -> None:
    portal = compose()["services"]["portal"]
    mounts = [v for v in portal.get("volumes", []) if "document-keys" in str(v)]
    assert mounts == [{"type": "volume", "source": "document-keys", "target": "/var/lib/onestop/keys/documents/public",
                       "read_only": True, "volume": {"subpath": "public"}}]
    secrets_mounted = {name: {v["secret"]["secretName"] for v in spec.get("volumes", []) if "secret" in v}
                       for name, spec in pod_specs()}
    assert secrets_mounted["onestop-portal"] == {"onestop-document-jwks", "onestop-temporal-client-tls"}
    assert "onestop-document-keys" in secrets_mounted["onestop-worker"]


def test_the_cluster_is_reached_over_mtls_and_only_by_onestop() -> None:
    config = next(d for d in yaml.safe_load_all((DEPLOY / "k8s" / "configmap.yaml").read_text()))["data"]
    tls = {k: v for k, v in config.items() if k.startswith("ONESTOP_TEMPORAL_TLS_")}
    assert set(tls) == {"ONESTOP_TEMPORAL_TLS_CA", "ONESTOP_TEMPORAL_TLS_CERT", "ONESTOP_TEMPORAL_TLS_KEY",
                        "ONESTOP_TEMPORAL_TLS_SERVER_NAME"}
    for name, spec in pod_specs():
        if name == "onestop-migrate":  # migrates the database; never dials Temporal
            continue
        mounted = {v["name"]: v["secret"]["secretName"] for v in spec.get("volumes", []) if "secret" in v}
        assert mounted.get("temporal-tls") == "onestop-temporal-client-tls", name
        paths = {m["mountPath"] for c in spec["containers"] for m in c.get("volumeMounts", [])
                 if m["name"] == "temporal-tls"}
        assert paths == {"/etc/onestop/temporal-tls"} and all(
            config[k].startswith("/etc/onestop/temporal-tls/") for k in tls if k != "ONESTOP_TEMPORAL_TLS_SERVER_NAME")
    values = yaml.safe_load((DEPLOY / "temporal" / "tls-values.yaml").read_text())["server"]["config"]["tls"]
    assert values["frontend"]["server"]["requireClientAuth"] is True
    assert values["internode"]["server"]["requireClientAuth"] is True
    policies = {d["metadata"]["name"]: d for d in yaml.safe_load_all((DEPLOY / "temporal" / "networkpolicy.yaml")
                                                                     .read_text())}
    frontend = policies["temporal-frontend-from-onestop"]["spec"]
    allowed = frontend["ingress"][0]["from"][0]
    assert allowed["namespaceSelector"]["matchLabels"] == {"kubernetes.io/metadata.name": "onestop"}
    assert allowed["podSelector"]["matchExpressions"][0]["values"] == ["onestop-portal", "onestop-worker"]
    assert frontend["ingress"][0]["ports"] == [{"port": 7233}]


def test_compose_images_are_pinned() -> None:
    for name, service in compose()["services"].items():
        image = service.get("image")
        assert image, f"{name} has no image"
        assert is_pinned(image), f"{name}: {image}"


def test_proxy_routes_the_public_names_to_real_services() -> None:
    services = compose()["services"]
    settings = env_file(DEPLOY / "env/onestop.env")
    nginx = (DEPLOY / "nginx.conf").read_text()
    ports = {"portal": settings["ONESTOP_PORTAL_PORT"], "idp": settings["ONESTOP_IDP_PORT"]}
    upstreams = re.findall(r"^\s*server ([\w-]+):(\d+)", nginx, re.M)
    assert {service for service, _ in upstreams} == set(ports)
    for service, port in upstreams:
        assert service in services and port == ports[service], f"nginx sends to {service}:{port}"
    aliases = services["proxy"]["networks"]["default"]["aliases"]
    published = {mapping.split(":")[-1] for mapping in services["proxy"]["ports"]}
    for setting in ("ONESTOP_PORTAL_PUBLIC_URL", "ONESTOP_ISSUER_URL"):
        match = re.fullmatch(r"http://([\w.-]+):(\d+)", settings[setting])
        assert match, setting
        host, port = match.groups()
        assert host in aliases, f"processes would not reach {host} through the proxy"
        assert re.search(rf"server_name {re.escape(host)};", nginx), f"nginx does not serve {host}"
        assert port in published and re.search(rf"listen {port}\b", nginx)
    body = int(re.search(r"client_max_body_size (\d+)k;", nginx).group(1)) * 1024  # type: ignore[union-attr]
    assert body == int(settings["ONESTOP_MAX_BODY_BYTES"])


# --- Kubernetes ------------------------------------------------------------------------------


def test_every_k8s_object_is_named_and_typed() -> None:
    objects = list(k8s_objects())
    assert len(objects) >= 10
    for path, doc in objects:
        assert doc.get("apiVersion") and doc.get("kind"), path
        assert doc.get("metadata", {}).get("name"), f"{path}: {doc.get('kind')} without a name"


def test_kustomization_applies_every_manifest_except_the_secret_example() -> None:
    kustomization = load_all(K8S / "kustomization.yaml")[0]
    listed = set(kustomization["resources"])
    on_disk = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml", "secret.example.yaml"}
    assert listed == on_disk


def pod_specs() -> Iterator[tuple[str, dict[str, Any]]]:
    for doc in k8s_of_kind("Deployment"):
        yield doc["metadata"]["name"], doc["spec"]["template"]["spec"]
    for doc in k8s_of_kind("Job"):
        yield doc["metadata"]["name"], doc["spec"]["template"]["spec"]


def test_deployments_have_probes_limits_and_no_root() -> None:
    deployments = {doc["metadata"]["name"]: doc for doc in k8s_of_kind("Deployment")}
    assert set(deployments) == {"onestop-portal", "onestop-worker"}
    for name, spec in pod_specs():
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        for container in spec["containers"]:
            for kind in ("requests", "limits"):
                assert {"cpu", "memory"} <= set(container["resources"][kind]), f"{name}: {kind}"
            if name in deployments:
                assert "livenessProbe" in container and "readinessProbe" in container, name
    portal = deployments["onestop-portal"]["spec"]["template"]["spec"]["containers"][0]
    assert portal["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert portal["readinessProbe"]["httpGet"]["path"] == "/readyz"
    worker = deployments["onestop-worker"]["spec"]["template"]["spec"]["containers"][0]
    for probe in ("livenessProbe", "readinessProbe"):
        command = worker[probe]["exec"]["command"]
        assert Path(command[1]).name == "worker_probe.py" and (DEPLOY / "probes" / "worker_probe.py").is_file()


def test_containers_run_real_cli_commands_from_pinned_images() -> None:
    parser = build_parser()
    commands = {}
    for name, spec in pod_specs():
        for container in spec["containers"]:
            assert is_pinned(container["image"]), f"{name}: {container['image']}"
            parser.parse_args(container["args"])
            commands[name] = container["args"]
    assert commands == {"onestop-portal": ["portal"], "onestop-worker": ["worker"], "onestop-migrate": ["migrate"]}


def test_configuration_references_resolve() -> None:
    config_maps = {doc["metadata"]["name"]: doc for doc in k8s_of_kind("ConfigMap")}
    secrets = {doc["metadata"]["name"]: doc for doc in load_all(K8S / "secret.example.yaml")}
    for name, spec in pod_specs():
        for container in spec["containers"]:
            for source in container["envFrom"]:
                if "configMapRef" in source:
                    assert source["configMapRef"]["name"] in config_maps, name
                else:
                    assert source["secretRef"]["name"] in secrets, name
        for volume in spec.get("volumes", []):
            if "secret" in volume:
                assert volume["secret"]["secretName"] in secrets, name
    for config_map in config_maps.values():
        for key in config_map["data"]:
            field = key.removeprefix("ONESTOP_").lower()
            assert field in Settings.model_fields and field not in SECRET_FIELDS, f"ConfigMap holds {key}"
    secret_keys = set(secrets["onestop-secrets"]["stringData"])
    for field in SECRET_FIELDS - DEMO_SECRET_FIELDS:  # no demo accounts nor mock registries in production
        assert f"ONESTOP_{field.upper()}" in secret_keys


def test_every_deployment_has_an_autoscaler_and_a_disruption_budget() -> None:
    deployments = {doc["metadata"]["name"]: doc for doc in k8s_of_kind("Deployment")}
    scaled = {doc["spec"]["scaleTargetRef"]["name"]: doc for doc in k8s_of_kind("HorizontalPodAutoscaler")}
    assert set(scaled) == set(deployments)
    assert scaled["onestop-portal"]["spec"]["minReplicas"] >= 2
    assert scaled["onestop-worker"]["spec"]["minReplicas"] >= 3
    budgets = [doc["spec"]["selector"]["matchLabels"] for doc in k8s_of_kind("PodDisruptionBudget")]
    for name, deployment in deployments.items():
        assert "replicas" not in deployment["spec"], f"{name}: replicas fights the autoscaler"
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
        assert any(selector.items() <= labels.items() for selector in budgets), f"{name} has no PDB"


def test_ingress_reaches_the_portal_service() -> None:
    services = {doc["metadata"]["name"]: doc for doc in k8s_of_kind("Service")}
    portal = next(doc for doc in k8s_of_kind("Deployment") if doc["metadata"]["name"] == "onestop-portal")
    pod = portal["spec"]["template"]
    (ingress,) = k8s_of_kind("Ingress")
    for rule in ingress["spec"]["rules"]:
        for path in rule["http"]["paths"]:
            backend = path["backend"]["service"]
            service = services[backend["name"]]
            assert service["spec"]["selector"].items() <= pod["metadata"]["labels"].items()
            port = next(p for p in service["spec"]["ports"] if p["name"] == backend["port"]["name"])
            container_ports = {p["name"]: p["containerPort"] for p in pod["spec"]["containers"][0]["ports"]}
            assert container_ports[port["targetPort"]] == int(
                next(doc for doc in k8s_of_kind("ConfigMap"))["data"]["ONESTOP_PORTAL_PORT"])


# --- the worker probe ------------------------------------------------------------------------


def _probe() -> Any:
    spec = importlib.util.spec_from_file_location("worker_probe", DEPLOY / "probes" / "worker_probe.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("pollers", "expected"), [
    ([("1@worker-7f9c", 1000.0)], True),                        # this pod, polled 10 s ago
    ([("1@worker-7f9c", 1000.0 - 600)], False),                 # this pod, but long silent
    ([("1@worker-7f9cd", 1000.0), ("9@other", 1009.0)], False),  # other pods only
    ([], False),
])
def test_worker_probe_recognises_this_hosts_recent_poll(pollers: list[tuple[str, float]], expected: bool) -> None:
    assert _probe().polls_from_host(pollers, "worker-7f9c", now=1010.0) is expected


def test_worker_probe_live_forgives_an_unreachable_temporal() -> None:
    probe = _probe()

    async def unreachable() -> list[tuple[str, float]]:
        raise ConnectionRefusedError("temporal down")

    assert probe.main(["worker_probe.py", "live"], ask=unreachable) == 0
    assert probe.main(["worker_probe.py", "ready"], ask=unreachable) == 1
    assert probe.main(["worker_probe.py", "bogus"], ask=unreachable) == 2


@pytest.mark.parametrize("mode", ["live", "ready"])
def test_worker_probe_fails_when_this_host_does_not_poll(mode: str) -> None:
    probe = _probe()
    here = socket.gethostname()

    async def others_only() -> list[tuple[str, float]]:
        return [(f"1@{here}-other", 1e12), ("1@elsewhere", 1e12)]

    async def this_host() -> list[tuple[str, float]]:
        return [(f"1@{here}", 1e12)]  # in the future: recent by any clock

    assert probe.main(["worker_probe.py", mode], ask=others_only) == 1
    assert probe.main(["worker_probe.py", mode], ask=this_host) == 0


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not installed")
def test_kustomize_renders_every_object() -> None:
    rendered = subprocess.run(["kubectl", "kustomize", str(K8S)], capture_output=True, text=True, timeout=30)
    assert rendered.returncode == 0, rendered.stderr
    kinds = sorted(doc["kind"] for doc in yaml.load_all(rendered.stdout, Loader=_LOADER) if doc)
    expected = sorted(doc["kind"] for path, doc in k8s_objects()
                      if path.name not in ("kustomization.yaml", "secret.example.yaml"))
    assert kinds == expected
    assert all(doc["metadata"].get("namespace") == "onestop"
               for doc in yaml.load_all(rendered.stdout, Loader=_LOADER) if doc and doc["kind"] != "Namespace")


# --- what `pip install .` in the image ships -------------------------------------------------


@lru_cache
def _unshipped_python_files() -> tuple[str, ...]:
    """.py files under the distribution's packages that a non-editable install leaves out.

    A folder without __init__.py is not found by `[tool.setuptools.packages.find]` (it is not
    a namespace search) and its .py files are not package data: the editable install of
    development never notices, the image does.
    """
    include = pyproject()["tool"]["setuptools"]["packages"]["find"]["include"]
    missing = []
    for top in sorted(pattern.rstrip("*") for pattern in include):
        for path in sorted((ROOT / top).rglob("*.py")):
            folders = path.parent.relative_to(ROOT).parts
            # setuptools' find_packages descends only through folders that hold an __init__.py.
            found = all((ROOT.joinpath(*folders[:depth]) / "__init__.py").is_file()
                        for depth in range(1, len(folders) + 1))
            if "__pycache__" not in path.parts and not found:
                missing.append(str(path.relative_to(ROOT)))
    return tuple(missing)


def test_a_non_editable_install_ships_every_python_file() -> None:
    # The image installs with `pip install .`: a folder without __init__.py would be left out
    # (it once left out the migrations, so `onestop migrate` failed in the image).
    assert _unshipped_python_files() == ()
