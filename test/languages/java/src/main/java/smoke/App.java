// The Java twin of test/languages/app.ts: it must print exactly the same bytes.
package smoke;

import io.github.cdk8s_service_patterns.*;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.cdk8s.ChartProps;
import org.cdk8s.Duration;
import org.cdk8s.Size;

public final class App {
  public static void main(final String[] args) {
    org.cdk8s.App app = new org.cdk8s.App();
    org.cdk8s.Chart chart = new org.cdk8s.Chart(app, "smoke", ChartProps.builder().namespace("shop").build());

    HeadlessGroup db = new HeadlessGroup(chart, "db", HeadlessGroupProps.builder()
        .image("postgres:17.2")
        .port(5432)
        .replicas(3)
        .podSecurity(PodSecurity.BASELINE)
        .resources(ResourceOptions.builder().cpuRequest(Cpu.units(0.5)).memoryRequest(Size.gibibytes(1)).build())
        .envValues(Map.of("POSTGRES_PASSWORD", EnvValue.fromSecret("db", "password")))
        .volumeClaims(List.of(VolumeClaimOptions.builder().name("data").storage(Size.gibibytes(20)).mountPath("/var/lib/postgresql/data").build()))
        .build());

    ExternalDatabase legacy = new ExternalDatabase(chart, "legacy", ExternalDatabaseProps.builder()
        .addresses(List.of("192.0.2.10", "2001:db8::10"))
        .port(5432)
        .build());

    ExposedApp web = new ExposedApp(chart, "web", ExposedAppProps.builder()
        .image("ghcr.io/acme/web:1.4.2")
        .port(80)
        .containerPort(8080)
        .serviceType(ServiceType.NODE_PORT)
        .nodePort(30080)
        .replicas(2)
        .env(Map.of("MODE", "production", "EMPTY", ""))
        .volumes(List.of(
            Volume.fromConfigMap("config", "web-config"),
            Volume.fromEmptyDir("cache", EmptyDirOptions.builder().sizeLimit(Size.mebibytes(256)).build())))
        .volumeMounts(List.of(
            VolumeMount.builder().volume("config").mountPath("/etc/web").readOnly(true).build(),
            VolumeMount.builder().volume("cache").mountPath("/var/cache/web").build()))
        .readiness(Probe.fromHttpGet("/ready", HttpGetProbeOptions.builder().period(Duration.seconds(5)).build()))
        .extraPorts(List.of(ContainerPortOptions.builder().name("metrics").containerPort(9090).protocol(Protocol.TCP).build()))
        .sidecars(List.of(NamedContainerOptions.builder()
            .name("proxy").image("ghcr.io/acme/proxy:2.0").runAsUser(1000)
            .readiness(Probe.fromTcpSocket(PortProbeOptions.builder().port(15000).build()))
            .build()))
        .gracefulShutdown(GracefulShutdownOptions.builder().terminationGracePeriod(Duration.seconds(45)).build())
        .preStop(LifecycleHandler.fromSleep(Duration.seconds(5)))
        .ingress(IngressOptions.builder().host("shop.example.com").path("/").build())
        .build());
    Map<String, String> dbEnv = web.connectTo(db);
    web.connectTo(legacy, ConnectOptions.builder().prefix("LEGACY_DB").build());

    ConfigMap settings = new ConfigMap(chart, "settings", ConfigMapProps.builder().data(Map.of("LOG_LEVEL", "info")).build());
    Job migrate = new Job(chart, "migrate", JobProps.builder()
        .image("ghcr.io/acme/web:1.4.2")
        .args(List.of("migrate"))
        .hook(GitOpsHook.ARGO_CD_PRE_SYNC)
        .backoffLimit(2)
        .activeDeadline(Duration.minutes(10))
        .envValues(Map.of("LOG_LEVEL", EnvValue.fromConfigMapRef(settings, "LOG_LEVEL")))
        .build());
    migrate.connectTo(db);
    new CronJob(chart, "report", CronJobProps.builder()
        .image("ghcr.io/acme/report:3.0")
        .schedule("30 6 * * 1-5")
        .timeZone("Europe/Berlin")
        .concurrencyPolicy(ConcurrencyPolicy.REPLACE)
        .ttlAfterFinished(Duration.hours(1))
        .build());

    System.out.print(String.join(",", new TreeSet<>(dbEnv.keySet())) + "\n---\n" + app.synthYaml());
  }
}
