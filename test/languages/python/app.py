# The Python twin of test/languages/app.ts: it must print exactly the same bytes.
import sys

from cdk8s import App, Chart, Duration, Size
from cdk8s_service_patterns import (
    ConcurrencyPolicy, ConfigMap, ContainerPortOptions, Cpu, CronJob, GitOpsHook, Job, EnvValue, ExposedApp, ExternalDatabase, GracefulShutdownOptions, HeadlessGroup, IngressOptions,
    LifecycleHandler, NamedContainerOptions, PodSecurity, Probe, Protocol, ResourceOptions, ServiceType, Volume,
    VolumeClaimOptions, VolumeMount,
)

app = App()
chart = Chart(app, "smoke", namespace="shop")

db = HeadlessGroup(
    chart, "db",
    image="postgres:17.2",
    port=5432,
    replicas=3,
    pod_security=PodSecurity.BASELINE,
    resources=ResourceOptions(cpu_request=Cpu.units(0.5), memory_request=Size.gibibytes(1)),
    env_values={"POSTGRES_PASSWORD": EnvValue.from_secret("db", "password")},
    volume_claims=[VolumeClaimOptions(name="data", storage=Size.gibibytes(20), mount_path="/var/lib/postgresql/data")],
)

legacy = ExternalDatabase(chart, "legacy", addresses=["192.0.2.10", "2001:db8::10"], port=5432)

web = ExposedApp(
    chart, "web",
    image="ghcr.io/acme/web:1.4.2",
    port=80,
    container_port=8080,
    service_type=ServiceType.NODE_PORT,
    node_port=30080,
    replicas=2,
    env={"MODE": "production", "EMPTY": ""},
    volumes=[Volume.from_config_map("config", "web-config"), Volume.from_empty_dir("cache", size_limit=Size.mebibytes(256))],
    volume_mounts=[VolumeMount(volume="config", mount_path="/etc/web", read_only=True), VolumeMount(volume="cache", mount_path="/var/cache/web")],
    readiness=Probe.from_http_get("/ready", period=Duration.seconds(5)),
    extra_ports=[ContainerPortOptions(name="metrics", container_port=9090, protocol=Protocol.TCP)],
    sidecars=[NamedContainerOptions(name="proxy", image="ghcr.io/acme/proxy:2.0", run_as_user=1000, readiness=Probe.from_tcp_socket(port=15000))],
    graceful_shutdown=GracefulShutdownOptions(termination_grace_period=Duration.seconds(45)),
    pre_stop=LifecycleHandler.from_sleep(Duration.seconds(5)),
    ingress=IngressOptions(host="shop.example.com", path="/"),
)
db_env = web.connect_to(db)
web.connect_to(legacy, prefix="LEGACY_DB")

settings = ConfigMap(chart, "settings", data={"LOG_LEVEL": "info"})
migrate = Job(
    chart, "migrate",
    image="ghcr.io/acme/web:1.4.2",
    args=["migrate"],
    hook=GitOpsHook.ARGO_CD_PRE_SYNC,
    backoff_limit=2,
    active_deadline=Duration.minutes(10),
    env_values={"LOG_LEVEL": EnvValue.from_config_map_ref(settings, "LOG_LEVEL")},
)
migrate.connect_to(db)
CronJob(
    chart, "report",
    image="ghcr.io/acme/report:3.0",
    schedule="30 6 * * 1-5",
    time_zone="Europe/Berlin",
    concurrency_policy=ConcurrencyPolicy.REPLACE,
    ttl_after_finished=Duration.hours(1),
)

sys.stdout.write(",".join(sorted(db_env.keys())) + "\n---\n" + app.synth_yaml())
