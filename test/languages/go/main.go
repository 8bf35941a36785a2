// The Go twin of test/languages/app.ts: it must print exactly the same bytes.
package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-service-patterns/cdk8s-service-patterns-go/cdk8sservicepatterns"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
)

func main() {
	app := cdk8s.NewApp(nil)
	chart := cdk8s.NewChart(app, jsii.String("smoke"), &cdk8s.ChartProps{Namespace: jsii.String("shop")})

	db := cdk8sservicepatterns.NewHeadlessGroup(chart, jsii.String("db"), &cdk8sservicepatterns.HeadlessGroupProps{
		Image:       jsii.String("postgres:17.2"),
		Port:        jsii.Number(5432),
		Replicas:    jsii.Number(3),
		PodSecurity: cdk8sservicepatterns.PodSecurity_BASELINE,
		Resources:   &cdk8sservicepatterns.ResourceOptions{CpuRequest: cdk8sservicepatterns.Cpu_Units(jsii.Number(0.5)), MemoryRequest: cdk8s.Size_Gibibytes(jsii.Number(1))},
		EnvValues: &map[string]cdk8sservicepatterns.EnvValue{
			"POSTGRES_PASSWORD": cdk8sservicepatterns.EnvValue_FromSecret(jsii.String("db"), jsii.String("password"), nil),
		},
		VolumeClaims: &[]*cdk8sservicepatterns.VolumeClaimOptions{
			{Name: jsii.String("data"), Storage: cdk8s.Size_Gibibytes(jsii.Number(20)), MountPath: jsii.String("/var/lib/postgresql/data")},
		},
	})

	legacy := cdk8sservicepatterns.NewExternalDatabase(chart, jsii.String("legacy"), &cdk8sservicepatterns.ExternalDatabaseProps{
		Addresses: jsii.Strings("192.0.2.10", "2001:db8::10"),
		Port:      jsii.Number(5432),
	})

	web := cdk8sservicepatterns.NewExposedApp(chart, jsii.String("web"), &cdk8sservicepatterns.ExposedAppProps{
		Image:         jsii.String("ghcr.io/acme/web:1.4.2"),
		Port:          jsii.Number(80),
		ContainerPort: jsii.Number(8080),
		ServiceType:   cdk8sservicepatterns.ServiceType_NODE_PORT,
		NodePort:      jsii.Number(30080),
		Replicas:      jsii.Number(2),
		Env:           &map[string]*string{"MODE": jsii.String("production"), "EMPTY": jsii.String("")},
		Volumes: &[]cdk8sservicepatterns.Volume{
			cdk8sservicepatterns.Volume_FromConfigMap(jsii.String("config"), jsii.String("web-config"), nil),
			cdk8sservicepatterns.Volume_FromEmptyDir(jsii.String("cache"), &cdk8sservicepatterns.EmptyDirOptions{SizeLimit: cdk8s.Size_Mebibytes(jsii.Number(256))}),
		},
		VolumeMounts: &[]*cdk8sservicepatterns.VolumeMount{
			{Volume: jsii.String("config"), MountPath: jsii.String("/etc/web"), ReadOnly: jsii.Bool(true)},
			{Volume: jsii.String("cache"), MountPath: jsii.String("/var/cache/web")},
		},
		Readiness:  cdk8sservicepatterns.Probe_FromHttpGet(jsii.String("/ready"), &cdk8sservicepatterns.HttpGetProbeOptions{Period: cdk8s.Duration_Seconds(jsii.Number(5))}),
		ExtraPorts: &[]*cdk8sservicepatterns.ContainerPortOptions{{Name: jsii.String("metrics"), ContainerPort: jsii.Number(9090), Protocol: cdk8sservicepatterns.Protocol_TCP}},
		Sidecars: &[]*cdk8sservicepatterns.NamedContainerOptions{{
			Name:      jsii.String("proxy"),
			Image:     jsii.String("ghcr.io/acme/proxy:2.0"),
			RunAsUser: jsii.Number(1000),
			Readiness: cdk8sservicepatterns.Probe_FromTcpSocket(&cdk8sservicepatterns.PortProbeOptions{Port: jsii.Number(15000)}),
		}},
		GracefulShutdown: &cdk8sservicepatterns.GracefulShutdownOptions{TerminationGracePeriod: cdk8s.Duration_Seconds(jsii.Number(45))},
		PreStop:          cdk8sservicepatterns.LifecycleHandler_FromSleep(cdk8s.Duration_Seconds(jsii.Number(5))),
		Ingress:          &cdk8sservicepatterns.IngressOptions{Host: jsii.String("shop.example.com"), Path: jsii.String("/")},
	})
	dbEnv := web.ConnectTo(db, nil)
	web.ConnectTo(legacy, &cdk8sservicepatterns.ConnectOptions{Prefix: jsii.String("LEGACY_DB")})

	settings := cdk8sservicepatterns.NewConfigMap(chart, jsii.String("settings"), &cdk8sservicepatterns.ConfigMapProps{
		Data: &map[string]*string{"LOG_LEVEL": jsii.String("info")},
	})
	migrate := cdk8sservicepatterns.NewJob(chart, jsii.String("migrate"), &cdk8sservicepatterns.JobProps{
		Image:          jsii.String("ghcr.io/acme/web:1.4.2"),
		Args:           jsii.Strings("migrate"),
		Hook:           cdk8sservicepatterns.GitOpsHook_ARGO_CD_PRE_SYNC,
		BackoffLimit:   jsii.Number(2),
		ActiveDeadline: cdk8s.Duration_Minutes(jsii.Number(10)),
		EnvValues: &map[string]cdk8sservicepatterns.EnvValue{
			"LOG_LEVEL": cdk8sservicepatterns.EnvValue_FromConfigMapRef(settings, jsii.String("LOG_LEVEL"), nil),
		},
	})
	migrate.ConnectTo(db, nil)
	cdk8sservicepatterns.NewCronJob(chart, jsii.String("report"), &cdk8sservicepatterns.CronJobProps{
		Image:             jsii.String("ghcr.io/acme/report:3.0"),
		Schedule:          jsii.String("30 6 * * 1-5"),
		TimeZone:          jsii.String("Europe/Berlin"),
		ConcurrencyPolicy: cdk8sservicepatterns.ConcurrencyPolicy_REPLACE,
		TtlAfterFinished:  cdk8s.Duration_Hours(jsii.Number(1)),
	})

	keys := make([]string, 0, len(*dbEnv))
	for k := range *dbEnv {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Print(strings.Join(keys, ",") + "\n---\n" + *app.SynthYaml())
}
