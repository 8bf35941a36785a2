// The bad-input corpus: every input here must be refused with exactly this message, before
// any YAML is written. test/bad-input-corpus.test.ts runs them all.
import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  EndpointsApi, ExposedApp, ExposedAppProps, ExternalDatabase, ExternalDatabaseProps, ExternalTrafficPolicy, HeadlessGroup,
  Gateway, GatewayListener, GatewayRef, HeadlessGroupProps, HttpRouteOptions, IngressOptions, IngressRouter, ListenerProtocol, RouteApi,
  ServiceAlias, ServiceRef, InternalTrafficPolicy, PathType, Probe, Protocol, ServiceType, SessionAffinity,
  StatefulSetUpdateStrategy, WorkloadKind, Volume, Projection, EnvValue, EnvFrom, LifecycleHandler, ImagePullPolicy,
  DeploymentStrategy, TolerationOperator, TaintEffect, LabelOperator, PodSecurity, Service, PodSource, IPodSource, IpFamily,
  PatternDefaults, Topology, PercentOrAbsolute, Cpu, ResourceSetting } from '../lib';

export interface BadInput {
  readonly construct: string;
  readonly title: string;
  readonly build: (scope: Construct) => void;
  readonly message: string;
}

const IMAGE = 'nginx:1.27';
const long = 'a'.repeat(53);

const EXPOSED_APP: Array<[string, Partial<ExposedAppProps>, string, string?]> = [
  ['invalid id-derived name', {}, "ExposedApp 'test/1web': name \"1web\" (from the construct id) is not a valid DNS-1035 label: lower-case letters, digits and \"-\", starting with a letter and ending with a letter or digit; pass a valid name", '1web'],
  ['invalid explicit name', { name: 'Web_1' }, "ExposedApp 'test/web': name \"Web_1\" is not a valid DNS-1035 label: lower-case letters, digits and \"-\", starting with a letter and ending with a letter or digit"],
  ['too long name', { name: 'a'.repeat(64) }, `ExposedApp 'test/web': name "${'a'.repeat(64)}" is longer than 63 characters (64)`],
  ['bad namespace', { namespace: 'Shop' }, "ExposedApp 'test/web': namespace \"Shop\" is not a valid DNS-1123 label: lower-case letters, digits and \"-\", starting and ending with a letter or digit"],
  ['empty image', { image: '' }, "ExposedApp 'test/web': image \"\" is not a valid image reference: it must be non-empty and contain no spaces"],
  ['negative replicas', { replicas: -1 }, "ExposedApp 'test/web': replicas -1 must be an integer >= 0"],
  ['fractional replicas', { replicas: 1.5 }, "ExposedApp 'test/web': replicas 1.5 must be an integer"],
  ['port 0', { port: 0 }, "ExposedApp 'test/web': port 0 is not a valid port: it must be an integer in 1-65535"],
  ['port 70000', { port: 70000 }, "ExposedApp 'test/web': port 70000 is not a valid port: it must be an integer in 1-65535"],
  ['containerPort 70000', { containerPort: 70000 }, "ExposedApp 'test/web': containerPort 70000 is not a valid port: it must be an integer in 1-65535"],
  ['long port name', { portName: 'a-very-long-port-name' }, "ExposedApp 'test/web': portName \"a-very-long-port-name\" is not a valid port name: it must be 1-15 characters (IANA service name)"],
  ['upper-case port name', { portName: 'HTTP' }, "ExposedApp 'test/web': portName \"HTTP\" is not a valid port name: lower-case letters, digits and \"-\", at least one letter, no leading, trailing or double \"-\" (IANA service name)"],
  ['digit-only port name', { portName: '8080' }, "ExposedApp 'test/web': portName \"8080\" is not a valid port name: lower-case letters, digits and \"-\", at least one letter, no leading, trailing or double \"-\" (IANA service name)"],
  ['duplicate port names', { ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }] }, "ExposedApp 'test/web': ports[1].name \"http\" is already used by ports[0]: port names must be unique"],
  ['duplicate port numbers', { ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }, "ExposedApp 'test/web': ports[1].port 80 is already used by ports[0] for TCP: a port number may appear once per protocol"],
  ['both port forms', { port: 80, ports: [{ name: 'a', port: 80 }] }, "ExposedApp 'test/web': ports [\"a\"] cannot be combined with port, containerPort, portName, protocol, appProtocol or nodePort: use one form"],
  ['empty ports', { ports: [] }, "ExposedApp 'test/web': ports [] must list at least one port"],
  ['nodePort below range', { serviceType: ServiceType.NODE_PORT, nodePort: 80 }, "ExposedApp 'test/web': nodePort 80 is outside 30000-32767"],
  ['nodePort above range', { serviceType: ServiceType.NODE_PORT, nodePort: 32768 }, "ExposedApp 'test/web': nodePort 32768 is outside 30000-32767"],
  ['nodePort with ClusterIP', { nodePort: 30080 }, "ExposedApp 'test/web': nodePort 30080 is only allowed with serviceType NodePort or LoadBalancer (got ClusterIP)"],
  ['duplicate nodePort', { serviceType: ServiceType.NODE_PORT, ports: [{ name: 'a', port: 80, nodePort: 30001 }, { name: 'b', port: 81, nodePort: 30001 }] }, "ExposedApp 'test/web': ports[1].nodePort 30001 is already used by ports[0] for TCP"],
  ['affinity timeout without ClientIP', { sessionAffinityTimeout: Duration.seconds(60) }, "ExposedApp 'test/web': sessionAffinityTimeout \"60 seconds\" is only allowed with sessionAffinity CLIENT_IP"],
  ['affinity timeout too large', { sessionAffinity: SessionAffinity.CLIENT_IP, sessionAffinityTimeout: Duration.seconds(86401) }, "ExposedApp 'test/web': sessionAffinityTimeout \"86401 seconds\" is outside 1-86400 seconds"],
  ['bad CIDR', { serviceType: ServiceType.LOAD_BALANCER, loadBalancerSourceRanges: ['10.0.0.0/33'] }, "ExposedApp 'test/web': loadBalancerSourceRanges[0] \"10.0.0.0/33\" is not a valid CIDR: expected an address and a prefix length, e.g. 10.0.0.0/8 or 2001:db8::/32"],
  ['source ranges on ClusterIP', { loadBalancerSourceRanges: ['10.0.0.0/8'] }, "ExposedApp 'test/web': loadBalancerSourceRanges [\"10.0.0.0/8\"] are only allowed with serviceType LoadBalancer (got ClusterIP)"],
  ['traffic policy on ClusterIP', { externalTrafficPolicy: ExternalTrafficPolicy.LOCAL }, "ExposedApp 'test/web': externalTrafficPolicy \"Local\" is only allowed with serviceType NodePort or LoadBalancer (got ClusterIP)"],
  ['kubelet port on a LoadBalancer', { serviceType: ServiceType.LOAD_BALANCER, port: 10250 }, "ExposedApp 'test/web': port 10250 is reserved for the kubelet and cannot be exposed by a LoadBalancer"],
  ['bad env name', { env: { '1BAD': 'x' } }, "ExposedApp 'test/web': env key \"1BAD\" is not a valid environment variable name: letters, digits, \"_\", \"-\" and \".\", not starting with a digit"],
  ['memory in bytes that are no whole kibibyte', { resources: { memoryLimit: Size.kibibytes(0.5) } }, "ExposedApp 'test/web': resources.memoryLimit \"0.5Ki\" is not a whole number of kibibytes or is negative"],
  ['CPU units finer than millicores', { resources: { cpuLimit: Cpu.units(0.0001) } }, "ExposedApp 'test/web': resources.cpuLimit \"0.1m\" must be a whole number of millicores >= 0: the API server has no finer unit"],
  ['negative CPU', { resources: { cpuRequest: Cpu.millis(-100) } }, "ExposedApp 'test/web': resources.cpuRequest \"-100m\" must be a whole number of millicores >= 0: the API server has no finer unit"],
  ['a field given and left out', { resources: { memoryLimit: Size.gibibytes(1), omit: [ResourceSetting.MEMORY_LIMIT] } }, "ExposedApp 'test/web': resources.memoryLimit \"1Gi\" is also in resources.omit: give a value or leave the field out, not both"],
  ['huge pages with an odd page size', { resources: { hugePages: { '2MB': Size.mebibytes(64) } } }, "ExposedApp 'test/web': resources.hugePages key \"2MB\" is not a page size: a binary size such as 2Mi or 1Gi"],
  ['huge pages that are no whole number of pages', { resources: { hugePages: { '2Mi': Size.mebibytes(3) } } }, "ExposedApp 'test/web': resources.hugePages[\"2Mi\"] \"3Mi\" is not a whole number of 2Mi pages: the API server takes huge pages in whole pages"],
  ['huge pages of page size 0', { resources: { hugePages: { '0Mi': Size.mebibytes(4) } } }, "ExposedApp 'test/web': resources.hugePages key \"0Mi\" is not a page size: a positive whole number of bytes such as 2Mi or 1Gi"],
  ['CPU beyond what a number holds exactly', { resources: { cpuRequest: Cpu.units(1e40) } }, "ExposedApp 'test/web': resources.cpuRequest \"1e+43m\" is more than 9007199254740991 millicores (2^53-1), the largest amount a number holds exactly"],
  ['huge pages alone', { resources: { hugePages: { '2Mi': Size.mebibytes(64) }, omit: [ResourceSetting.CPU_REQUEST, ResourceSetting.MEMORY_REQUEST, ResourceSetting.MEMORY_LIMIT] } }, "ExposedApp 'test/web': resources.hugePages \"2Mi\" needs a cpu or memory request or limit beside it (the API server refuses huge pages alone)"],
  ['negative GPU count', { resources: { extended: { 'nvidia.com/gpu': -1 } } }, "ExposedApp 'test/web': resources.extended[\"nvidia.com/gpu\"] -1 must be a whole number >= 0: extended resources cannot be split"],
  ['request above an explicit limit', { resources: { memoryRequest: Size.mebibytes(512), memoryLimit: Size.mebibytes(256) } }, "ExposedApp 'test/web': resources.memoryRequest \"512Mi\" is more than the memory limit 256Mi: a request must be <= its limit"],
  ['probe path without slash', { readiness: Probe.httpGet('healthz') }, "ExposedApp 'test/web': readiness.path \"healthz\" must start with \"/\""],
  ['probe on an unknown port name', { readiness: Probe.tcpSocket({ portName: 'admin' }) }, "ExposedApp 'test/web': readiness.portName \"admin\" names no TCP container port of this app (TCP ports: http)"],
  ['liveness success threshold', { liveness: Probe.tcpSocket({ successThreshold: 2 }) }, "ExposedApp 'test/web': liveness.successThreshold 2 must be 1 for liveness probes"],
  ['probe period in part seconds', { readiness: Probe.tcpSocket({ period: Duration.millis(1500) }) }, "ExposedApp 'test/web': readiness.period \"1500 ms\" is not a whole number of seconds"],
  ['empty exec probe', { liveness: Probe.exec([]) }, "ExposedApp 'test/web': liveness.command [] must not be empty"],
  ['HTTP probe on a UDP-only app', { protocol: Protocol.UDP, liveness: Probe.httpGet('/') }, "ExposedApp 'test/web': liveness.port [\"80/UDP\"] has no TCP port to probe: give port or portName, or use Probe.exec"],
  ['root with RESTRICTED', { runAsUser: 0 }, "ExposedApp 'test/web': runAsUser 0 is root, which PodSecurity RESTRICTED forbids: use a non-zero id, or podSecurity: PodSecurity.BASELINE for images that must run as root"],
  ['bad maxSurge', { rollingUpdate: { maxSurge: PercentOrAbsolute.percent(-5) } }, "ExposedApp 'test/web': rollingUpdate.maxSurge \"-5%\" must be a whole number >= 0"],
  ['both rolling numbers zero', { rollingUpdate: { maxSurge: PercentOrAbsolute.percent(0) } }, "ExposedApp 'test/web': rollingUpdate.maxUnavailable \"0\" may not be 0 when maxSurge is 0: the rollout could never progress"],
  ['maxUnavailable above 100%', { rollingUpdate: { maxUnavailable: PercentOrAbsolute.percent(150) } }, "ExposedApp 'test/web': rollingUpdate.maxUnavailable \"150%\" must not be more than 100%"],
  ['bad label value', { labels: { team: 'a b' } }, "ExposedApp 'test/web': labels[\"team\"] \"a b\" is not a valid label value: at most 63 characters of letters, digits, \"-\", \"_\" and \".\", starting and ending with a letter or digit"],
  // etcd's 1.5 MiB request limit, checked on the whole object written.
  ['a 4 MiB env value', { env: { BIG: 'x'.repeat(4 * 1024 * 1024) } }, "ExposedApp 'test/web': Deployment \"web\" is 4.0 MiB as JSON, more than the 1.5 MiB (1572864 bytes) the API server can store (etcd's request limit); its largest field is spec.template.spec.containers[0].env[0].value (4.0 MiB)"],
  ['200 000 args', { args: Array.from({ length: 200000 }, (_, i) => `--flag-${i}`) }, "ExposedApp 'test/web': Deployment \"web\" is 2.9 MiB as JSON, more than the 1.5 MiB (1572864 bytes) the API server can store (etcd's request limit); its largest field is spec.template.spec.containers[0].args (2.9 MiB)"],
  ['bad annotation key', { serviceAnnotations: { 'a/b/c': 'x' } }, "ExposedApp 'test/web': serviceAnnotations key \"a/b/c\" is not a valid key: at most one \"/\" (prefix/name)"],
];

const EXTERNAL_DATABASE: Array<[string, ExternalDatabaseProps, string]> = [
  ['no address', { addresses: [], port: 3306 }, "ExternalDatabase 'test/mysql': addresses [] must list at least one IP address"],
  ['neither mode', { port: 3306 }, "ExternalDatabase 'test/mysql': addresses [] and externalName: give exactly one (IP addresses, or a DNS name for an ExternalName Service)"],
  ['both modes', { addresses: ['192.0.2.1'], externalName: 'db.example.com', port: 3306 }, "ExternalDatabase 'test/mysql': addresses [\"192.0.2.1\"] and externalName: give exactly one (IP addresses, or a DNS name for an ExternalName Service)"],
  ['no port', { addresses: ['192.0.2.1'] }, "ExternalDatabase 'test/mysql': port is required: the port of the service outside the cluster"],
  ['host name instead of IP', { addresses: ['db.example.com'], port: 3306 }, "ExternalDatabase 'test/mysql': addresses[0] \"db.example.com\" is not a valid IP address: for a DNS name use externalName instead"],
  ['malformed IP', { addresses: ['192.168.0.300'], port: 3306 }, "ExternalDatabase 'test/mysql': addresses[0] \"192.168.0.300\" is not a valid IP address"],
  ['loopback', { addresses: ['127.0.0.1'], port: 3306 }, "ExternalDatabase 'test/mysql': addresses[0] \"127.0.0.1\" is a loopback address (127.0.0.0/8), which Kubernetes does not accept as an endpoint"],
  ['IPv6 loopback', { addresses: ['::1'], port: 3306 }, "ExternalDatabase 'test/mysql': addresses[0] \"::1\" is a loopback address, which Kubernetes does not accept as an endpoint"],
  ['link-local', { addresses: ['169.254.169.254'], port: 80 }, "ExternalDatabase 'test/mysql': addresses[0] \"169.254.169.254\" is a link-local address (169.254.0.0/16), which Kubernetes does not accept as an endpoint"],
  ['IPv6 link-local', { addresses: ['fe80::1'], port: 80 }, "ExternalDatabase 'test/mysql': addresses[0] \"fe80::1\" is a link-local address (fe80::/10), which Kubernetes does not accept as an endpoint"],
  ['link-local multicast', { addresses: ['224.0.0.5'], port: 80 }, "ExternalDatabase 'test/mysql': addresses[0] \"224.0.0.5\" is a link-local multicast address (224.0.0.0/24), which Kubernetes does not accept as an endpoint"],
  ['IPv6 link-local multicast', { addresses: ['ff02::1'], port: 80 }, "ExternalDatabase 'test/mysql': addresses[0] \"ff02::1\" is a link-local multicast address, which Kubernetes does not accept as an endpoint"],
  ['unspecified', { addresses: ['0.0.0.0'], port: 80 }, "ExternalDatabase 'test/mysql': addresses[0] \"0.0.0.0\" is the unspecified address, which Kubernetes does not accept as an endpoint"],
  ['IPv6 unspecified', { addresses: ['::'], port: 80 }, "ExternalDatabase 'test/mysql': addresses[0] \"::\" is the unspecified address, which Kubernetes does not accept as an endpoint"],
  ['IPv4-mapped IPv6', { addresses: ['::ffff:192.0.2.1'], port: 80 }, "ExternalDatabase 'test/mysql': addresses[0] \"::ffff:192.0.2.1\" is an IPv4-mapped IPv6 address (write it as plain IPv4), which Kubernetes does not accept as an endpoint"],
  ['duplicate address', { addresses: ['192.0.2.1', '192.0.2.1'], port: 80 }, "ExternalDatabase 'test/mysql': addresses[1] \"192.0.2.1\" is listed twice"],
  ['IP as externalName', { externalName: '192.0.2.1', port: 80 }, "ExternalDatabase 'test/mysql': externalName \"192.0.2.1\" is an IP address: Kubernetes would accept it but treat it as a DNS name, so it would never resolve; use addresses for IPs"],
  ['bad externalName', { externalName: 'DB_host', port: 80 }, "ExternalDatabase 'test/mysql': externalName \"DB_host\" is not a valid DNS-1123 subdomain: lower-case labels of letters, digits and \"-\" joined by \".\""],
  ['endpoints with externalName', { externalName: 'db.example.com', port: 80, endpointsApi: EndpointsApi.BOTH }, "ExternalDatabase 'test/mysql': endpointsApi \"Both\" is only allowed with addresses: an ExternalName Service has no endpoints"],
  ['bad port', { addresses: ['192.0.2.1'], port: 0 }, "ExternalDatabase 'test/mysql': port 0 is not a valid port: it must be an integer in 1-65535"],
  ['bad port name', { addresses: ['192.0.2.1'], port: 3306, portName: 'MySQL' }, "ExternalDatabase 'test/mysql': portName \"MySQL\" is not a valid port name: lower-case letters, digits and \"-\", at least one letter, no leading, trailing or double \"-\" (IANA service name)"],
];

const HEADLESS_GROUP: Array<[string, Partial<HeadlessGroupProps>, string]> = [
  ['sidecar mounts an unknown claim', { volumeClaims: [{ name: 'data', storage: Size.gibibytes(1), mountPath: '/data' }], sidecars: [{ name: 'backup', image: IMAGE, volumeMounts: [{ volume: 'dat', mountPath: '/data' }] }] }, "HeadlessGroup 'test/web': sidecars[0].volumeMounts[0].volume \"dat\" names no volume of the pod (volumes: data)"],
  ['mount path of a claim used again', { volumeClaims: [{ name: 'data', storage: Size.gibibytes(1), mountPath: '/data' }], volumes: [Volume.fromEmptyDir('tmp')], volumeMounts: [{ volume: 'tmp', mountPath: '/data' }] }, "HeadlessGroup 'test/web': volumeMounts[0].mountPath \"/data\" is already used by volume claim \"data\": mount paths must be unique in a container"],
  ['volume named like a claim', { volumeClaims: [{ name: 'data', storage: Size.gibibytes(1), mountPath: '/data' }], volumes: [Volume.fromEmptyDir('data')] }, "HeadlessGroup 'test/web': volumes[0].name \"data\" is already used: volume names must be unique in the pod (volume claims included)"],
  ['Deployment strategy on a StatefulSet', { strategy: DeploymentStrategy.RECREATE }, "HeadlessGroup 'test/web': strategy \"Recreate\" is for Deployments: use updateStrategy with WorkloadKind.STATEFUL_SET"],
  ['StatefulSet name over 52', { name: long }, `HeadlessGroup 'test/web': name "${long}" is longer than 52 characters (53): StatefulSet pods get the label controller-revision-hash=<name>-<hash>, which would exceed the 63-character label limit and pods could not be created`],
  ['negative replicas', { replicas: -2 }, "HeadlessGroup 'test/web': replicas -2 must be an integer >= 0"],
  ['no ports', { ports: [] }, "HeadlessGroup 'test/web': ports [] must list at least one port"],
  ['storage that is no whole kibibyte', { volumeClaims: [{ name: 'data', storage: Size.kibibytes(1.5), mountPath: '/data' }] }, "HeadlessGroup 'test/web': volumeClaims[0].storage \"1.5Ki\" is not a whole number of kibibytes or is negative"],
  ['zero storage', { volumeClaims: [{ name: 'data', storage: Size.gibibytes(0), mountPath: '/data' }] }, "HeadlessGroup 'test/web': volumeClaims[0].storage \"0\" must be more than 0"],
  ['relative mount path', { volumeClaims: [{ name: 'data', storage: Size.gibibytes(1), mountPath: 'data' }] }, "HeadlessGroup 'test/web': volumeClaims[0].mountPath \"data\" must be an absolute path"],
  ['duplicate claim names', { volumeClaims: [{ name: 'd', storage: Size.gibibytes(1), mountPath: '/a' }, { name: 'd', storage: Size.gibibytes(1), mountPath: '/b' }] }, "HeadlessGroup 'test/web': volumeClaims[1].name \"d\" is already used: volume claim names must be unique"],
  ['bad claim name', { volumeClaims: [{ name: 'Data', storage: Size.gibibytes(1), mountPath: '/a' }] }, "HeadlessGroup 'test/web': volumeClaims[0].name \"Data\" is not a valid DNS-1123 label: lower-case letters, digits and \"-\", starting and ending with a letter or digit"],
  ['volume claims on a Deployment', { workload: WorkloadKind.DEPLOYMENT, volumeClaims: [{ name: 'd', storage: Size.gibibytes(1), mountPath: '/a' }] }, "HeadlessGroup 'test/web': volumeClaims [{\"name\":\"d\",\"storage\":\"1Gi\",\"mountPath\":\"/a\"}] is only allowed with WorkloadKind.STATEFUL_SET"],
  ['negative partition', { partition: -1 }, "HeadlessGroup 'test/web': partition -1 must be an integer >= 0"],
  ['partition with OnDelete', { updateStrategy: StatefulSetUpdateStrategy.ON_DELETE, partition: 1 }, "HeadlessGroup 'test/web': partition 1 is only allowed with updateStrategy ROLLING_UPDATE"],
  ['rolling update on a StatefulSet', { rollingUpdate: { maxSurge: PercentOrAbsolute.absolute(1) } }, "HeadlessGroup 'test/web': rollingUpdate {\"maxSurge\":\"1\"} is for Deployments: use updateStrategy and partition with WorkloadKind.STATEFUL_SET"],
  ['bad service name', { serviceName: 'My-Svc' }, "HeadlessGroup 'test/web': serviceName \"My-Svc\" is not a valid DNS-1035 label: lower-case letters, digits and \"-\", starting with a letter and ending with a letter or digit"],
];

const APP_INGRESS: Array<[string, IngressOptions, string, object?]> = [
  ['path without slash', { path: 'api' }, "ExposedApp 'test/web': ingress.path \"api\" must start with \"/\""],
  ['double slash in a Prefix path', { path: '/a//b' }, "ExposedApp 'test/web': ingress.path \"/a//b\" must not contain \"//\""],
  ['dot segment in an Exact path', { path: '/a/./b', pathType: PathType.EXACT }, "ExposedApp 'test/web': ingress.path \"/a/./b\" must not contain \"/./\""],
  ['trailing dot-dot', { path: '/a/..' }, "ExposedApp 'test/web': ingress.path \"/a/..\" must not end with \"/..\""],
  ['host with a port', { host: 'example.com:8080' }, "ExposedApp 'test/web': ingress.host \"example.com:8080\" must not contain a port"],
  ['IP host', { host: '10.0.0.1' }, "ExposedApp 'test/web': ingress.host \"10.0.0.1\" must be a DNS name, not an IP address"],
  ['upper-case host', { host: 'Example.com' }, "ExposedApp 'test/web': ingress.host \"Example.com\" must be lower-case"],
  ['inner wildcard', { host: 'a.*.example.com' }, "ExposedApp 'test/web': ingress.host \"a.*.example.com\" is not a valid wildcard host: only one leading \"*.\" followed by a DNS-1123 subdomain, e.g. *.example.com"],
  ['bad class name', { ingressClassName: 'Nginx' }, "ExposedApp 'test/web': ingress.ingressClassName \"Nginx\" is not a valid DNS-1123 subdomain: lower-case labels of letters, digits and \"-\" joined by \".\""],
  ['class annotation mismatch', { ingressClassName: 'nginx', annotations: { 'kubernetes.io/ingress.class': 'traefik' } }, "ExposedApp 'test/web': ingress.annotations[\"kubernetes.io/ingress.class\"] \"traefik\" must equal ingressClassName \"nginx\" when both are set"],
  ['bad secret name', { host: 'a.example.com', tls: { secretName: 'TLS_Secret' } }, "ExposedApp 'test/web': ingress.tls.secretName \"TLS_Secret\" is not a valid DNS-1123 subdomain: lower-case labels of letters, digits and \"-\" joined by \".\""],
  ['unknown port name', { portName: 'admin' }, "ExposedApp 'test/web': ingress.portName \"admin\" is not a TCP port of Service \"web\" (TCP ports: 80 (http))"],
  ['unknown port number', { port: 8080 }, "ExposedApp 'test/web': ingress.port 8080 is not a TCP port of Service \"web\" (TCP ports: 80 (http))"],
  ['UDP-only app', {}, "ExposedApp 'test/web': ingress \"web\" has no TCP port to route to (TCP ports: none): give port", { protocol: Protocol.UDP }],
];

const PRODUCTION: Array<[string, Partial<ExposedAppProps>, string]> = [
  ['replicas with autoscaling', { replicas: 3, autoscaling: { minReplicas: 2, maxReplicas: 4 } }, "ExposedApp 'test/web': replicas 3 cannot be combined with autoscaling: the HorizontalPodAutoscaler owns the replica count (remove replicas)"],
  ['min above max', { autoscaling: { minReplicas: 5, maxReplicas: 3 } }, "ExposedApp 'test/web': autoscaling.maxReplicas 3 must be >= minReplicas (5)"],
  ['min 0', { autoscaling: { minReplicas: 0, maxReplicas: 3 } }, "ExposedApp 'test/web': autoscaling.minReplicas 0 must be an integer >= 1"],
  ['CPU metric without a CPU request', { resources: { omit: [ResourceSetting.CPU_REQUEST] }, autoscaling: { minReplicas: 2, maxReplicas: 3 } }, "ExposedApp 'test/web': autoscaling.cpuUtilization 80 needs a cpu request: utilization is measured against it (set resources.cpuRequest)"],
  ['memory metric without a memory request', { resources: { omit: [ResourceSetting.MEMORY_REQUEST, ResourceSetting.MEMORY_LIMIT] }, autoscaling: { minReplicas: 2, maxReplicas: 3, memoryUtilization: 70 } }, "ExposedApp 'test/web': autoscaling.memoryUtilization 70 needs a memory request: utilization is measured against it (set resources.memoryRequest)"],
  ['zero utilization', { autoscaling: { minReplicas: 2, maxReplicas: 3, cpuUtilization: 0 } }, "ExposedApp 'test/web': autoscaling.cpuUtilization 0 must be an integer >= 1 (percent of the request)"],
  ['budget that blocks drains', { replicas: 3, disruptionBudget: { maxUnavailable: PercentOrAbsolute.absolute(0) } }, "ExposedApp 'test/web': disruptionBudget.maxUnavailable \"0\" allows no disruption at all, so node drains would hang: set allowZeroDisruptions if you mean it"],
  ['minAvailable = replicas', { replicas: 3, disruptionBudget: { minAvailable: PercentOrAbsolute.absolute(3) } }, "ExposedApp 'test/web': disruptionBudget.minAvailable \"3\" allows no disruption at all, so node drains would hang: set allowZeroDisruptions if you mean it (replicas: 3)"],
  ['minAvailable 100%', { replicas: 3, disruptionBudget: { minAvailable: PercentOrAbsolute.percent(100) } }, "ExposedApp 'test/web': disruptionBudget.minAvailable \"100%\" allows no disruption at all, so node drains would hang: set allowZeroDisruptions if you mean it (replicas: 3)"],
  ['both budget fields', { replicas: 3, disruptionBudget: { minAvailable: PercentOrAbsolute.absolute(1), maxUnavailable: PercentOrAbsolute.absolute(1) } }, "ExposedApp 'test/web': disruptionBudget.minAvailable \"1\" cannot be combined with maxUnavailable: give one"],
  ['bad budget value', { replicas: 3, disruptionBudget: { maxUnavailable: 'one' as never } }, "ExposedApp 'test/web': disruptionBudget.maxUnavailable \"one\" must be a PercentOrAbsolute, not a string"],
  ['grace shorter than pause', { gracefulShutdown: { preStopPause: Duration.seconds(10), terminationGracePeriod: Duration.seconds(10) } }, "ExposedApp 'test/web': gracefulShutdown.terminationGracePeriod \"10 seconds\" must be longer than the preStopPause (10 seconds): the pod would be killed during the pause"],
  ['zero pause', { gracefulShutdown: { preStopPause: Duration.seconds(0) } }, "ExposedApp 'test/web': gracefulShutdown.preStopPause \"0 seconds\" must be at least 1 second"],
  ['bad traffic policy', { internalTrafficPolicy: 'Nearby' as InternalTrafficPolicy }, "ExposedApp 'test/web': internalTrafficPolicy \"Nearby\" is not one of Cluster, Local"],
];


const cm = (name: string) => Volume.fromConfigMap(name, 'cfg');
const POD_MODEL: Array<[string, Partial<ExposedAppProps>, string]> = [
  ['volume name not a DNS label', { volumes: [cm('Config')] }, "ExposedApp 'test/web': volumes[0].name \"Config\" is not a valid DNS-1123 label: lower-case letters, digits and \"-\", starting and ending with a letter or digit"],
  ['duplicate volume names', { volumes: [cm('config'), cm('config')] }, "ExposedApp 'test/web': volumes[1].name \"config\" is already used: volume names must be unique in the pod (volume claims included)"],
  ['mount of an unknown volume', { volumes: [cm('config')], volumeMounts: [{ volume: 'conf', mountPath: '/etc/app' }] }, "ExposedApp 'test/web': volumeMounts[0].volume \"conf\" names no volume of the pod (volumes: config)"],
  ['relative mount path', { volumes: [cm('config')], volumeMounts: [{ volume: 'config', mountPath: 'etc/app' }] }, "ExposedApp 'test/web': volumeMounts[0].mountPath \"etc/app\" must be an absolute path"],
  ['duplicate mount path', { volumes: [cm('a'), cm('b')], volumeMounts: [{ volume: 'a', mountPath: '/etc/app' }, { volume: 'b', mountPath: '/etc/app' }] }, "ExposedApp 'test/web': volumeMounts[1].mountPath \"/etc/app\" is already used by volumeMounts[0]: mount paths must be unique in a container"],
  ['subPath with ..', { volumes: [cm('config')], volumeMounts: [{ volume: 'config', mountPath: '/etc/app', subPath: 'a/../b' }] }, "ExposedApp 'test/web': volumeMounts[0].subPath \"a/../b\" must not contain a \"..\" element"],
  ['absolute subPath', { volumes: [cm('config')], volumeMounts: [{ volume: 'config', mountPath: '/etc/app', subPath: '/app.yaml' }] }, "ExposedApp 'test/web': volumeMounts[0].subPath \"/app.yaml\" must be a relative path"],
  ['item path starting with ..', { volumes: [Volume.fromConfigMap('config', 'cfg', { items: [{ key: 'a', path: '..a' }] })] }, "ExposedApp 'test/web': volumes[0].items[0].path \"..a\" must not start with \"..\""],
  ['duplicate item paths', { volumes: [Volume.fromSecret('tls', 'web-tls', { items: [{ key: 'a', path: 'x' }, { key: 'b', path: 'x' }] })] }, "ExposedApp 'test/web': volumes[0].items[1].path \"x\" is already used: file paths must be unique in the volume"],
  ['decimal-looking defaultMode', { volumes: [Volume.fromSecret('tls', 'web-tls', { defaultMode: 644 })] }, "ExposedApp 'test/web': volumes[0].defaultMode 644 is not a file mode: an integer 0-511, written in TypeScript as octal 0o000-0o777"],
  ['bad Secret name', { volumes: [Volume.fromSecret('tls', 'Web_TLS')] }, "ExposedApp 'test/web': volumes[0].secretName \"Web_TLS\" is not a valid DNS-1123 subdomain: lower-case labels of letters, digits and \"-\" joined by \".\""],
  ['empty claim name', { volumes: [Volume.fromPersistentVolumeClaim('data', '')] }, "ExposedApp 'test/web': volumes[0].claimName \"\" is not a valid DNS-1123 subdomain: lower-case labels of letters, digits and \"-\" joined by \".\""],
  ['hostPath volume', { podSecurity: PodSecurity.BASELINE, volumes: [Volume.fromSource('host', 'hostPath', { path: '/var/run' })] }, "ExposedApp 'test/web': volumes[0].type \"hostPath\" is forbidden by PodSecurity BASELINE: use a PersistentVolumeClaim or a CSI volume, or podSecurity: PodSecurity.PRIVILEGED for node agents"],
  ['nfs under RESTRICTED', { volumes: [Volume.fromSource('shared', 'nfs', { server: 'nfs', path: '/x' })] }, "ExposedApp 'test/web': volumes[0].type \"nfs\" is not allowed by PodSecurity RESTRICTED (allowed: configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret): use podSecurity: PodSecurity.BASELINE"],
  ['token expiring in 5 minutes', { volumes: [Volume.projected('t', [Projection.serviceAccountToken({ path: 'token', expiration: Duration.minutes(5) })])] }, "ExposedApp 'test/web': volumes[0].sources[0].expiration 300 must be whole seconds from 10 minutes (600) to 2^32 seconds"],
  ['duplicate projected paths', { volumes: [Volume.projected('p', [Projection.secret('a', [{ key: 'k', path: 'x' }]), Projection.configMap('b', [{ key: 'k', path: 'x' }])])] }, "ExposedApp 'test/web': volumes[0].sources[1].items[0].path \"x\" is already used: file paths must be unique in the volume"],
  ['downward API spec field in a volume', { volumes: [Volume.projected('p', [Projection.downwardApi([{ path: 'node', fieldPath: 'spec.nodeName' }])])] }, "ExposedApp 'test/web': volumes[0].sources[0].files[0].fieldPath \"spec.nodeName\" is not a field the API allows in a volume: metadata.name, metadata.namespace, metadata.uid, metadata.labels, metadata.annotations"],
  ['env in both env and envValues', { env: { A: '1' }, envValues: { A: EnvValue.fromValue('2') } }, "ExposedApp 'test/web': envValues key \"A\" is also set in env: give each variable once"],
  ['bad envValues name', { envValues: { '1A': EnvValue.fromSecret('db', 'password') } }, "ExposedApp 'test/web': envValues key \"1A\" is not a valid environment variable name: letters, digits, \"_\", \"-\" and \".\", not starting with a digit"],
  ['bad Secret key', { envValues: { P: EnvValue.fromSecret('db', 'pass word') } }, "ExposedApp 'test/web': envValues[\"P\"].key \"pass word\" is not a valid key: letters, digits, \"-\", \"_\" and \".\""],
  ['bad ConfigMap name', { envValues: { P: EnvValue.fromConfigMap('Flags', 'x') } }, "ExposedApp 'test/web': envValues[\"P\"].name \"Flags\" is not a valid DNS-1123 subdomain: lower-case labels of letters, digits and \"-\" joined by \".\""],
  ['status.phase is no env field', { envValues: { P: EnvValue.fromFieldRef('status.phase') } }, "ExposedApp 'test/web': envValues[\"P\"].fieldPath \"status.phase\" is not a pod field the API allows in env: metadata.name, metadata.namespace, metadata.uid, spec.nodeName, spec.serviceAccountName, status.hostIP, status.hostIPs, status.podIP, status.podIPs, metadata.labels['<key>'] or metadata.annotations['<key>']"],
  ['whole label map in env', { envValues: { P: EnvValue.fromFieldRef('metadata.labels') } }, "ExposedApp 'test/web': envValues[\"P\"].fieldPath \"metadata.labels\" is not a pod field the API allows in env: metadata.name, metadata.namespace, metadata.uid, spec.nodeName, spec.serviceAccountName, status.hostIP, status.hostIPs, status.podIP, status.podIPs, metadata.labels['<key>'] or metadata.annotations['<key>']"],
  ['extended resource in env', { envValues: { P: EnvValue.fromResource('limits.nvidia.com/gpu') } }, "ExposedApp 'test/web': envValues[\"P\"].resource \"limits.nvidia.com/gpu\" is not a resource the API allows: limits.<r> or requests.<r> with r one of cpu, memory, ephemeral-storage, hugepages-<size>"],
  ['bad cpu divisor', { envValues: { P: EnvValue.fromResource('limits.cpu', { divisor: '1Mi' }) } }, "ExposedApp 'test/web': envValues[\"P\"].divisor \"1Mi\" is not allowed for cpu: use 1m or 1"],
  ['bad memory divisor', { envValues: { P: EnvValue.fromResource('limits.memory', { divisor: '2Mi' }) } }, "ExposedApp 'test/web': envValues[\"P\"].divisor \"2Mi\" is not allowed: use 1, 1k, 1M, 1G, 1T, 1P, 1E or 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei"],
  ['bad envFrom name', { envFrom: [EnvFrom.configMap('Web_Env')] }, "ExposedApp 'test/web': envFrom[0].name \"Web_Env\" is not a valid DNS-1123 subdomain: lower-case labels of letters, digits and \"-\" joined by \".\""],
  ['bad envFrom prefix', { envFrom: [EnvFrom.secret('web', { prefix: '1X' })] }, "ExposedApp 'test/web': envFrom[0].prefix \"1X\" is not a valid environment variable name: letters, digits, \"_\", \"-\" and \".\", not starting with a digit"],
  ['init container with a probe', { initContainers: [{ name: 'migrate', image: IMAGE, readiness: Probe.exec(['true']) }] }, "ExposedApp 'test/web': initContainers[0].readiness \"exec\" is only allowed on sidecars and main containers: an init container runs to completion"],
  ['init container with a hook', { initContainers: [{ name: 'migrate', image: IMAGE, postStart: LifecycleHandler.exec(['true']) }] }, "ExposedApp 'test/web': initContainers[0].postStart \"exec\" is only allowed on sidecars and main containers: an init container runs to completion"],
  ['container name clash', { sidecars: [{ name: 'web', image: IMAGE }] }, "ExposedApp 'test/web': sidecars[0].name \"web\" is already used by containerName: container names must be unique in the pod"],
  ['bad sidecar name', { sidecars: [{ name: 'Proxy', image: IMAGE }] }, "ExposedApp 'test/web': sidecars[0].name \"Proxy\" is not a valid DNS-1123 label: lower-case letters, digits and \"-\", starting and ending with a letter or digit"],
  ['sidecar without image', { sidecars: [{ name: 'proxy', image: '' }] }, "ExposedApp 'test/web': sidecars[0].image \"\" is not a valid image reference: it must be non-empty and contain no spaces"],
  ['port clash across containers', { sidecars: [{ name: 'proxy', image: IMAGE, extraPorts: [{ containerPort: 80 }] }] }, "ExposedApp 'test/web': sidecars[0].extraPorts[0].containerPort 80 is already used by a Service port for TCP: a port may be declared once in the pod"],
  ['port name clash across containers', { extraPorts: [{ name: 'metrics', containerPort: 9000 }], sidecars: [{ name: 'proxy', image: IMAGE, extraPorts: [{ name: 'metrics', containerPort: 9001 }] }] }, "ExposedApp 'test/web': sidecars[0].extraPorts[0].name \"metrics\" is already used by extraPorts[0]: port names must be unique in the pod"],
  ['sidecar probe on a port it does not have', { sidecars: [{ name: 'proxy', image: IMAGE, liveness: Probe.tcpSocket({ portName: 'http' }) }] }, "ExposedApp 'test/web': sidecars[0].liveness.portName \"http\" names no TCP container port of this container (TCP ports: none)"],
  ['relative workingDir', { workingDir: 'app' }, "ExposedApp 'test/web': workingDir \"app\" must be an absolute path"],
  ['bad pull policy', { imagePullPolicy: 'always' as ImagePullPolicy }, "ExposedApp 'test/web': imagePullPolicy \"always\" is not one of Always, IfNotPresent, Never"],
  ['NET_ADMIN under RESTRICTED', { addCapabilities: ['NET_ADMIN'] }, "ExposedApp 'test/web': addCapabilities[0] \"NET_ADMIN\" is not allowed by PodSecurity RESTRICTED, which allows only NET_BIND_SERVICE: remove it"],
  ['CHOWN under RESTRICTED', { addCapabilities: ['CHOWN'] }, "ExposedApp 'test/web': addCapabilities[0] \"CHOWN\" is not allowed by PodSecurity RESTRICTED, which allows only NET_BIND_SERVICE: remove it, or podSecurity: PodSecurity.BASELINE"],
  ['SYS_ADMIN under BASELINE', { podSecurity: PodSecurity.BASELINE, addCapabilities: ['SYS_ADMIN'] }, "ExposedApp 'test/web': addCapabilities[0] \"SYS_ADMIN\" is not allowed by PodSecurity BASELINE (allowed: AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT): use podSecurity: PodSecurity.PRIVILEGED"],
  ['CAP_ prefix', { podSecurity: PodSecurity.BASELINE, addCapabilities: ['CAP_CHOWN'] }, "ExposedApp 'test/web': addCapabilities[0] \"CAP_CHOWN\" is not a capability name: upper-case without the CAP_ prefix, e.g. NET_BIND_SERVICE"],
  ['zero sleep', { preStop: LifecycleHandler.sleep(Duration.seconds(0)) }, "ExposedApp 'test/web': preStop.duration \"0 seconds\" must be a whole number of seconds, at least 1"],
  ['fractional sleep', { preStop: LifecycleHandler.sleep(Duration.millis(1500)) }, "ExposedApp 'test/web': preStop.duration \"1 second 500 millis\" must be a whole number of seconds, at least 1"],
  ['sleep beyond the grace period', { preStop: LifecycleHandler.sleep(Duration.minutes(1)) }, "ExposedApp 'test/web': preStop.duration 60 is longer than the termination grace period (30 seconds): set gracefulShutdown.terminationGracePeriod"],
  ['postStart sleep beyond the grace period', { postStart: LifecycleHandler.sleep(Duration.minutes(1)) }, "ExposedApp 'test/web': postStart.duration 60 is longer than the termination grace period (30 seconds): set gracefulShutdown.terminationGracePeriod"],
  ['sidecar postStart sleep beyond the grace period', { gracefulShutdown: { terminationGracePeriod: Duration.seconds(20) }, sidecars: [{ name: 'proxy', image: IMAGE, postStart: LifecycleHandler.sleep(Duration.seconds(21)) }] }, "ExposedApp 'test/web': sidecars[0].postStart.duration 21 is longer than the termination grace period (20 seconds): set gracefulShutdown.terminationGracePeriod"],
  ['sidecar preStop sleep beyond the grace period', { sidecars: [{ name: 'proxy', image: IMAGE, preStop: LifecycleHandler.sleep(Duration.seconds(31)) }] }, "ExposedApp 'test/web': sidecars[0].preStop.duration 31 is longer than the termination grace period (30 seconds): set gracefulShutdown.terminationGracePeriod"],
  ['hostPath with a ".." element', { podSecurity: PodSecurity.PRIVILEGED, volumes: [Volume.fromSource('host', 'hostPath', { path: '/var/../etc' })] }, "ExposedApp 'test/web': volumes[0].source.path \"/var/../etc\" must not contain a \"..\" element"],
  ['hostPath without a path', { podSecurity: PodSecurity.PRIVILEGED, volumes: [Volume.fromSource('host', 'hostPath', { path: '' })] }, "ExposedApp 'test/web': volumes[0].source.path \"\" is required: the path on the node"],
  ['hostPath with an unknown type', { podSecurity: PodSecurity.PRIVILEGED, volumes: [Volume.fromSource('host', 'hostPath', { path: '/var/log', type: 'directory' })] }, "ExposedApp 'test/web': volumes[0].source.type \"directory\" is not one of DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice, BlockDevice (or \"\" for no check)"],
  ['preStop with a pause length', { preStop: LifecycleHandler.exec(['drain']), gracefulShutdown: { preStopPause: Duration.seconds(10) } }, "ExposedApp 'test/web': preStop \"exec\" cannot be combined with gracefulShutdown.preStopPause or execSleep: the preStop hook replaces the pause"],
  ['hook path without slash', { postStart: LifecycleHandler.httpGet('warm') }, "ExposedApp 'test/web': postStart.path \"warm\" must start with \"/\""],
  ['empty hook command', { preStop: LifecycleHandler.exec([]) }, "ExposedApp 'test/web': preStop.command [] must not be empty"],
  ['fractional GPU', { resources: { extended: { 'nvidia.com/gpu': 0.5 } } }, "ExposedApp 'test/web': resources.extended[\"nvidia.com/gpu\"] 0.5 must be an integer"],
  ['extended resource without a domain', { resources: { extended: { gpu: 1 } } }, "ExposedApp 'test/web': resources.extended key \"gpu\" is not an extended resource name: domain-prefixed (e.g. nvidia.com/gpu) and outside kubernetes.io"],
  ['ephemeral request above limit', { resources: { ephemeralStorageRequest: Size.gibibytes(2), ephemeralStorageLimit: Size.gibibytes(1) } }, "ExposedApp 'test/web': resources.ephemeralStorageRequest \"2Gi\" is more than the ephemeral-storage limit 1Gi: a request must be <= its limit"],
  ['Recreate with rollingUpdate', { strategy: DeploymentStrategy.RECREATE, rollingUpdate: { maxSurge: PercentOrAbsolute.absolute(1) } }, "ExposedApp 'test/web': rollingUpdate {\"maxSurge\":\"1\"} cannot be combined with strategy RECREATE: a Recreate Deployment has no rolling update"],
  ['bad node selector value', { nodeSelector: { disk: 'fast ssd' } }, "ExposedApp 'test/web': nodeSelector[\"disk\"] \"fast ssd\" is not a valid label value: at most 63 characters of letters, digits, \"-\", \"_\" and \".\", starting and ending with a letter or digit"],
  ['toleration without key and with Equal', { tolerations: [{ value: 'x' }] }, "ExposedApp 'test/web': tolerations[0].operator \"Equal\" must be EXISTS when no key is given (a toleration of every taint)"],
  ['toleration value with Exists', { tolerations: [{ key: 'a', operator: TolerationOperator.EXISTS, value: 'x' }] }, "ExposedApp 'test/web': tolerations[0].value \"x\" must not be given with operator EXISTS"],
  ['tolerationSeconds without NoExecute', { tolerations: [{ key: 'a', effect: TaintEffect.NO_SCHEDULE, tolerationSeconds: Duration.seconds(60) }] }, "ExposedApp 'test/web': tolerations[0].tolerationSeconds 60 is only allowed with effect NO_EXECUTE (got NoSchedule)"],
  ['In without values', { affinity: { nodes: [{ requirements: [{ key: 'zone', operator: LabelOperator.IN }] }] } }, "ExposedApp 'test/web': affinity.nodes[0].requirements[0].values [] must list at least one value for In"],
  ['Exists with values', { affinity: { nodes: [{ requirements: [{ key: 'zone', operator: LabelOperator.EXISTS, values: ['a'] }] }] } }, "ExposedApp 'test/web': affinity.nodes[0].requirements[0].values [\"a\"] must be empty for Exists"],
  ['Gt with a word', { affinity: { nodes: [{ requirements: [{ key: 'cores', operator: LabelOperator.GT, values: ['many'] }] }] } }, "ExposedApp 'test/web': affinity.nodes[0].requirements[0].values [\"many\"] must be exactly one integer for Gt: the scheduler compares the label as a number"],
  ['empty node term', { affinity: { nodes: [{ requirements: [] }] } }, "ExposedApp 'test/web': affinity.nodes[0].requirements [] must list at least one requirement (an empty term matches no node)"],
  ['weight above 100', { affinity: { podAntiAffinity: [{ topologyKey: 'kubernetes.io/hostname', matchLabels: { app: 'web' }, weight: 101 }] } }, "ExposedApp 'test/web': affinity.podAntiAffinity[0].weight 101 must be an integer in 1-100"],
  ['pod term without labels', { affinity: { podAffinity: [{ topologyKey: 'kubernetes.io/hostname', matchLabels: {} }] } }, "ExposedApp 'test/web': affinity.podAffinity[0].matchLabels {} must name at least one label, or matchExpressions a condition: without a selector the term matches no pod"],
  ['pod term with a node-only operator', { affinity: { podAffinity: [{ topologyKey: 'kubernetes.io/hostname', matchExpressions: [{ key: 'rank', operator: LabelOperator.GT, values: ['3'] }] }] } }, "ExposedApp 'test/web': affinity.podAffinity[0].matchExpressions[0].operator \"Gt\" is for node labels only: a pod label selector takes IN, NOT_IN, EXISTS or DOES_NOT_EXIST"],
  ['pod term value that is no label value', { affinity: { podAntiAffinity: [{ topologyKey: 'kubernetes.io/hostname', matchExpressions: [{ key: 'app', operator: LabelOperator.IN, values: ['a b'] }] }] } }, "ExposedApp 'test/web': affinity.podAntiAffinity[0].matchExpressions[0].values[0] \"a b\" is not a valid label value: at most 63 characters of letters, digits, \"-\", \"_\" and \".\", starting and ending with a letter or digit"],
  ['pod term IN without values', { affinity: { podAffinity: [{ topologyKey: 'kubernetes.io/hostname', matchExpressions: [{ key: 'app', operator: LabelOperator.IN }] }] } }, "ExposedApp 'test/web': affinity.podAffinity[0].matchExpressions[0].values [] must list at least one value for In"],
  ['bad priority class', { priorityClassName: 'High' }, "ExposedApp 'test/web': priorityClassName \"High\" is not a valid DNS-1123 subdomain: lower-case labels of letters, digits and \"-\" joined by \".\""],
  ['bad workload name', { workloadName: 'Web' }, "ExposedApp 'test/web': workloadName \"Web\" is not a valid DNS-1123 label: lower-case letters, digits and \"-\", starting and ending with a letter or digit"],
  ['bad PDB name', { names: { disruptionBudget: 'Web PDB' } }, "ExposedApp 'test/web': names.disruptionBudget \"Web PDB\" is not a valid DNS-1123 subdomain: lower-case labels of letters, digits and \"-\" joined by \".\""],
];


const app = (s: Construct, props: Partial<ExposedAppProps> = {}) => new ExposedApp(s, 'myapp', { image: IMAGE, ...props });
const SERVICE: Array<[string, (s: Construct) => void, string]> = [
  ['no pods', (s) => { new Service(s, 'svc', { pods: undefined as unknown as IPodSource }); }, "Service 'test/svc': pods undefined is required"],
  ['empty selector', (s) => { new Service(s, 'svc', { pods: PodSource.fromLabels({}), ports: [{ port: 80 }] }); }, "Service 'test/svc': pods \"{}\" must be a pod source with a non-empty selector (an ExposedApp, HeadlessGroup, PodSource.fromLabels/fromPlusWorkload/tracks)"],
  ['no ports for label pods', (s) => { new Service(s, 'svc', { pods: PodSource.fromLabels({ app: 'x' }) }); }, "Service 'test/svc': ports [] must list at least one port: the pods have no named container port to default to"],
  ['bad name', (s) => { app(s).addService({ name: 'MyApp_NodePort' }); }, "Service 'test/myapp/MyApp_NodePort': name \"MyApp_NodePort\" is not a valid DNS-1035 label: lower-case letters, digits and \"-\", starting with a letter and ending with a letter or digit"],
  ['addService without a name', (s) => { app(s).addService({} as never); }, "ExposedApp 'test/myapp': addService.name undefined is required: the name of the new Service"],
  ['two Services with one name', (s) => { const a = app(s); a.addService({ name: 'extra' }); new Service(s, 'extra', { pods: a }); }, "Service 'test/extra': name \"extra\" clashes with 'test/myapp/extra': both write Service \"extra\" in namespace \"default\""],
  ['a name the workload Service has', (s) => { app(s).addService({ name: 'myapp' }); }, "Service 'test/myapp/myapp': name \"myapp\" clashes with 'test/myapp': both write Service \"myapp\" in namespace \"default\""],
  ['targetPort name the pods lack', (s) => { app(s).addService({ name: 'x', ports: [{ port: 80, targetPortName: 'metrics' }] }); }, "Service 'test/myapp/x': ports[0].targetPortName \"metrics\" names no TCP container port of the pods (named ports: http (80/TCP))"],
  ['targetPort name with the wrong protocol', (s) => { app(s).addService({ name: 'x', ports: [{ port: 53, targetPortName: 'http', protocol: Protocol.UDP }] }); }, "Service 'test/myapp/x': ports[0].targetPortName \"http\" names no UDP container port of the pods (named ports: http (80/TCP))"],
  ['targetPort and targetPortName', (s) => { app(s).addService({ name: 'x', ports: [{ port: 80, targetPort: 8080, targetPortName: 'http' }] }); }, "Service 'test/myapp/x': ports[0].targetPortName \"http\" cannot be combined with targetPort: give one"],
  ['unnamed port among several', (s) => { app(s).addService({ name: 'x', ports: [{ port: 80 }, { name: 'b', port: 81 }] }); }, "Service 'test/myapp/x': ports[0].name \"\" is required when a Service has several ports"],
  ['duplicate port names', (s) => { app(s).addService({ name: 'x', ports: [{ name: 'a', port: 80 }, { name: 'a', port: 81 }] }); }, "Service 'test/myapp/x': ports[1].name \"a\" is already used by ports[0]: port names must be unique"],
  ['duplicate port numbers', (s) => { app(s).addService({ name: 'x', ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }); }, "Service 'test/myapp/x': ports[1].port 80 is already used by ports[0] for TCP: a port number may appear once per protocol"],
  ['port 0', (s) => { app(s).addService({ name: 'x', ports: [{ port: 0 }] }); }, "Service 'test/myapp/x': ports[0].port 0 is not a valid port: it must be an integer in 1-65535"],
  ['nodePort on ClusterIP', (s) => { app(s).addService({ name: 'x', ports: [{ port: 80, nodePort: 30080 }] }); }, "Service 'test/myapp/x': ports[0].nodePort 30080 is only allowed with serviceType NodePort or LoadBalancer (got ClusterIP)"],
  ['nodePort out of range', (s) => { app(s).addService({ name: 'x', serviceType: ServiceType.NODE_PORT, ports: [{ port: 80, nodePort: 80 }] }); }, "Service 'test/myapp/x': ports[0].nodePort 80 is outside 30000-32767"],
  ['node port used by another Service', (s) => {
    const a = app(s, { serviceType: ServiceType.NODE_PORT, nodePort: 30080 });
    a.addService({ name: 'x', serviceType: ServiceType.NODE_PORT, ports: [{ name: 'http', port: 80, nodePort: 30080 }] });
  }, "Service 'test/myapp/x': ports[0].nodePort 30080 is already used by 'test/myapp': node ports are cluster-wide"],
  ['headless LoadBalancer', (s) => { app(s).addService({ name: 'x', headless: true, serviceType: ServiceType.LOAD_BALANCER }); }, "Service 'test/myapp/x': headless true is only allowed with serviceType CLUSTER_IP (got LoadBalancer)"],
  ['affinity on a headless Service', (s) => { app(s).addService({ name: 'x', headless: true, sessionAffinity: SessionAffinity.CLIENT_IP }); }, "Service 'test/myapp/x': sessionAffinity \"ClientIP\" has no effect on a headless Service: clients connect to pod addresses directly"],
  ['namespace other than the pods\'', (s) => { new Service(s, 'x', { pods: app(s, { namespace: 'shop' }), namespace: 'other' }); }, "Service 'test/x': namespace \"other\" differs from the pods' namespace \"shop\": a Service selects pods of its own namespace only"],
  ['two families single-stack', (s) => { app(s).addService({ name: 'x', ipFamilies: [IpFamily.IPV4, IpFamily.IPV6] }); }, "Service 'test/myapp/x': ipFamilies [\"IPv4\",\"IPv6\"] lists two families, which needs ipFamilyPolicy PREFER_DUAL_STACK or REQUIRE_DUAL_STACK (the API server defaults it to SingleStack)"],
  ['family twice', (s) => { app(s).addService({ name: 'x', ipFamilies: [IpFamily.IPV4, IpFamily.IPV4] }); }, "Service 'test/myapp/x': ipFamilies[1] \"IPv4\" is listed twice"],
  ['source ranges on NodePort', (s) => { app(s).addService({ name: 'x', serviceType: ServiceType.NODE_PORT, loadBalancerSourceRanges: ['10.0.0.0/8'] }); }, "Service 'test/myapp/x': loadBalancerSourceRanges [\"10.0.0.0/8\"] are only allowed with serviceType LoadBalancer (got NodePort)"],
  ['bad selector label', (s) => { new Service(s, 'x', { pods: PodSource.fromLabels({ app: 'a b' }), ports: [{ port: 80 }] }); }, "Service 'test/x': pods selector[\"app\"] \"a b\" is not a valid label value: at most 63 characters of letters, digits, \"-\", \"_\" and \".\", starting and ending with a letter or digit"],
  ['tracks in two namespaces', (s) => { PodSource.tracks(s, [app(s, { namespace: 'a', labels: { app: 'web' } }), new ExposedApp(s, 'b', { image: IMAGE, namespace: 'b', labels: { app: 'web' } })], { app: 'web' }); }, "PodSource 'test': sources[1] \"test/b\" is in namespace \"b\", not \"a\": a Service selects pods of one namespace"],
  ['tracks without a selector', (s) => { PodSource.tracks(s, [app(s)], {}); }, "PodSource 'test': selector {} must name at least one label that every track carries"],
  ['not a cdk8s-plus workload', (s) => { PodSource.fromPlusWorkload(app(s)); }, "PodSource 'test/myapp': workload \"test/myapp\" is not a cdk8s-plus workload (a Deployment, StatefulSet or DaemonSet with matchLabels and containers)"],
  ['HeadlessGroup pod DNS without headless', (s) => { new HeadlessGroup(s, 'kv', { image: IMAGE, headless: false }).podDnsName(0); }, "HeadlessGroup 'test/kv': podDnsName 0 is only available with a headless governing Service (headless: true): pods get no DNS records of their own otherwise"],
];

// As JavaScript and other jsii languages call the library: no compiler checks the shapes.
// `js` hands any value to a typed parameter.
const js = <T>(v: unknown) => v as T;
const PLAIN_JS: Array<[string, (s: Construct) => void, string]> = [
  ['ExposedApp without props', (s) => { new ExposedApp(s, 'web', js(undefined)); }, "ExposedApp 'test/web': props undefined is required"],
  ['ExposedApp with null props', (s) => { new ExposedApp(s, 'web', js(null)); }, "ExposedApp 'test/web': props null must be an ExposedAppProps, not null"],
  ['image as a number', (s) => { new ExposedApp(s, 'web', js({ image: 42 })); }, "ExposedApp 'test/web': image 42 must be a string, not a number"],
  ['replicas as a string', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, replicas: '3' })); }, "ExposedApp 'test/web': replicas \"3\" must be a number, not a string"],
  ['replicas 2**31', (s) => { new ExposedApp(s, 'web', { image: IMAGE, replicas: 2 ** 31 }); }, "ExposedApp 'test/web': replicas 2147483648 must fit 32 bits (-2147483648 to 2147483647)"],
  ['replicas 1e21', (s) => { new ExposedApp(s, 'web', { image: IMAGE, replicas: 1e21 }); }, "ExposedApp 'test/web': replicas 1e+21 must fit 32 bits (-2147483648 to 2147483647)"],
  // Misspelt and renamed props: TypeScript and the jsii languages refuse them when compiling.
  ['a misspelt prop', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, replica: 2 })); }, "ExposedApp 'test/web': replica 2 is not a prop of ExposedAppProps: did you mean replicas?"],
  ['an unknown prop', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, colour: 'blue' })); }, "ExposedApp 'test/web': colour \"blue\" is not a prop of ExposedAppProps"],
  ['a prop renamed in 0.2 (minReadySeconds)', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, minReadySeconds: 5 })); }, "ExposedApp 'test/web': minReadySeconds 5 is not a prop of ExposedAppProps: did you mean minReady?"],
  ['a nested renamed prop', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, gracefulShutdown: { terminationGracePeriodSeconds: 60 } })); }, "ExposedApp 'test/web': gracefulShutdown.terminationGracePeriodSeconds 60 is not a prop of GracefulShutdownOptions: did you mean terminationGracePeriod?"],
  ['a renamed option of a factory', (s) => { new ExposedApp(s, 'web', { image: IMAGE, readiness: Probe.httpGet('/', js({ periodSeconds: 5 })) }); }, "Probe.httpGet: periodSeconds 5 is not a prop of HttpGetProbeOptions: did you mean period?"],
  ['a renamed default', (s) => { PatternDefaults.set(s, js({ networkPolicies: true })); }, "PatternDefaults.set: networkPolicies true is not a prop of PatternDefaultsProps: did you mean networkPolicy?"],
  ['replicas NaN', (s) => { new ExposedApp(s, 'web', { image: IMAGE, replicas: NaN }); }, "ExposedApp 'test/web': replicas NaN must be an integer"],
  ['nodePort as a string', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, serviceType: 'NodePort', nodePort: '30080' })); }, "ExposedApp 'test/web': nodePort \"30080\" must be a number, not a string"],
  ['ports as an object', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, ports: { name: 'http', port: 80 } })); }, "ExposedApp 'test/web': ports {\"name\":\"http\",\"port\":80} must be a list of ExposedPort values, not an object"],
  ['null port item', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, ports: [null] })); }, "ExposedApp 'test/web': ports[0] null must be an ExposedPort, not null"],
  ['port item without a port', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, ports: [{ name: 'http' }] })); }, "ExposedApp 'test/web': ports[0].port undefined is required"],
  ['env value a number', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, env: { PORT: 8080 } })); }, "ExposedApp 'test/web': env[\"PORT\"] 8080 must be a string, not a number"],
  ['env as a list', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, env: ['A=1'] })); }, "ExposedApp 'test/web': env [\"A=1\"] must be a map of strings, not a list"],
  ['label value a boolean', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, labels: { canary: true } })); }, "ExposedApp 'test/web': labels[\"canary\"] true must be a string, not a boolean"],
  ['annotation value null', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, podAnnotations: { a: null } })); }, "ExposedApp 'test/web': podAnnotations[\"a\"] null must be a string, not null"],
  ['command as a string', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, command: 'nginx -g daemon off;' })); }, "ExposedApp 'test/web': command \"nginx -g daemon off;\" must be a list of strings, not a string"],
  ['args with a number', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, args: ['--port', 8080] })); }, "ExposedApp 'test/web': args[1] 8080 must be a string, not a number"],
  ['serviceType lower-case', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, serviceType: 'nodeport' })); }, "ExposedApp 'test/web': serviceType \"nodeport\" is not one of ClusterIP, NodePort, LoadBalancer"],
  ['podSecurity unknown', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, podSecurity: 'strict' })); }, "ExposedApp 'test/web': podSecurity \"strict\" is not one of restricted, baseline, privileged"],
  ['readiness as a string', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, readiness: '/healthz' })); }, "ExposedApp 'test/web': readiness \"/healthz\" must be a Probe, not a string"],
  ['resources as a string', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, resources: '1Gi' })); }, "ExposedApp 'test/web': resources \"1Gi\" must be a ResourceOptions, not a string"],
  ['CPU as a quantity string', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, resources: { cpuRequest: '250m' } })); }, "ExposedApp 'test/web': resources.cpuRequest \"250m\" must be a Cpu, not a string"],
  ['memory as a quantity string', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, resources: { memoryLimit: '1Gi' } })); }, "ExposedApp 'test/web': resources.memoryLimit \"1Gi\" must be a Size, not a string"],
  ['the old none sentinel', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, resources: { memoryLimit: 'none' } })); }, "ExposedApp 'test/web': resources.memoryLimit \"none\" must be a Size, not a string"],
  ['omit with a field that is not one', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, resources: { omit: ['memory'] } })); }, "ExposedApp 'test/web': resources.omit[0] \"memory\" is not one of cpuRequest, cpuLimit, memoryRequest, memoryLimit, ephemeralStorageRequest, ephemeralStorageLimit"],
  ['a GPU count as a string', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, resources: { extended: { 'nvidia.com/gpu': '1' } } })); }, "ExposedApp 'test/web': resources.extended[\"nvidia.com/gpu\"] \"1\" must be a number, not a string"],
  ['fractional millicores', (s) => { new ExposedApp(s, 'web', { image: IMAGE, resources: { cpuRequest: Cpu.millis(0.5) } }); }, "Cpu.millis: amount 0.5 must be an integer"],
  ['Cpu.units with a string', (s) => { new ExposedApp(s, 'web', { image: IMAGE, resources: { cpuRequest: Cpu.units('2' as unknown as number) } }); }, "Cpu.units: amount \"2\" must be a number, not a string"],
  ['storage as a quantity string', (s) => { new HeadlessGroup(s, 'web', js({ image: IMAGE, volumeClaims: [{ name: 'data', storage: '1Gi', mountPath: '/data' }] })); }, "HeadlessGroup 'test/web': volumeClaims[0].storage \"1Gi\" must be a Size, not a string"],
  ['memoryLimit a number', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, resources: { memoryLimit: 512 } })); }, "ExposedApp 'test/web': resources.memoryLimit 512 must be a Size, not a number"],
  ['readOnlyRootFilesystem as a string', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, readOnlyRootFilesystem: 'true' })); }, "ExposedApp 'test/web': readOnlyRootFilesystem \"true\" must be a boolean, not a string"],
  ['volumes with a plain object', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, volumes: ['config'] })); }, "ExposedApp 'test/web': volumes[0] \"config\" must be a Volume, not a string"],
  ['sidecar without a name', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, sidecars: [{ image: IMAGE }] })); }, "ExposedApp 'test/web': sidecars[0].name undefined is required"],
  ['tolerations as an object', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, tolerations: { key: 'a' } })); }, "ExposedApp 'test/web': tolerations {\"key\":\"a\"} must be a list of Toleration values, not an object"],
  ['ingress as a string', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, ingress: 'shop.example.com' })); }, "ExposedApp 'test/web': ingress \"shop.example.com\" must be an IngressOptions, not a string"],
  ['ingress path a number', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, ingress: { path: 1 } })); }, "ExposedApp 'test/web': ingress.path 1 must be a string, not a number"],
  ['autoscaling without maxReplicas', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, autoscaling: { minReplicas: 2 } })); }, "ExposedApp 'test/web': autoscaling.maxReplicas undefined is required"],
  ['HeadlessGroup volumeClaims item null', (s) => { new HeadlessGroup(s, 'db', js({ image: IMAGE, volumeClaims: [null] })); }, "HeadlessGroup 'test/db': volumeClaims[0] null must be a VolumeClaimOptions, not null"],
  ['HeadlessGroup partition as a string', (s) => { new HeadlessGroup(s, 'db', js({ image: IMAGE, partition: '1' })); }, "HeadlessGroup 'test/db': partition \"1\" must be a number, not a string"],
  ['ExternalDatabase addresses as a string', (s) => { new ExternalDatabase(s, 'db', js({ addresses: '192.0.2.1', port: 5432 })); }, "ExternalDatabase 'test/db': addresses \"192.0.2.1\" must be a list of strings, not a string"],
  ['ExternalDatabase port as a string', (s) => { new ExternalDatabase(s, 'db', js({ addresses: ['192.0.2.1'], port: '5432' })); }, "ExternalDatabase 'test/db': port \"5432\" must be a number, not a string"],
  ['ExternalDatabase IPv6 zone', (s) => { new ExternalDatabase(s, 'db', { addresses: ['2001:db8::1%eth0'], port: 5432 }); }, "ExternalDatabase 'test/db': addresses[0] \"2001:db8::1%eth0\" is not a valid IP address"],
  ['ServiceAlias without a target', (s) => { new ServiceAlias(s, 'alias', js({})); }, "ServiceAlias 'test/alias': target undefined is required"],
  ['IngressRouter props as a string', (s) => { new IngressRouter(s, 'edge', js('nginx')); }, "IngressRouter 'test/edge': props \"nginx\" must be an IngressRouterProps, not a string"],
  ['addRoute without a backend', (s) => { new IngressRouter(s, 'edge').addRoute(js({ host: 'a.example.com' })); }, "IngressRouter 'test/edge': a route needs a backend (a Service) or a resource (another object): give one"],
  ['addRoute host a number', (s) => { new IngressRouter(s, 'edge').addRoute(js({ host: 1, backend: new ExposedApp(s, 'web', { image: IMAGE }) })); }, "IngressRouter 'test/edge': host 1 must be a string, not a number"],
  ['connectTo without a provider', (s) => { new ExposedApp(s, 'web', { image: IMAGE }).connectTo(js(undefined)); }, "ExposedApp 'test/web': provider undefined is required"],
  ['connectTo with a string', (s) => { new ExposedApp(s, 'web', { image: IMAGE }).connectTo(js('db')); }, "ExposedApp 'test/web': provider \"db\" must be an IServiceEndpoint, not a string"],
  ['connectTo port as a string', (s) => { const db = new ExposedApp(s, 'db', { image: IMAGE }); new ExposedApp(s, 'web', { image: IMAGE }).connectTo(db, js({ port: '80' })); }, "ExposedApp 'test/web': port \"80\" must be a number, not a string"],
  ['PatternDefaults replicas as a string', (s) => { PatternDefaults.set(s, js({ replicas: '3' })); }, "PatternDefaults.set: replicas \"3\" must be a number, not a string"],
  ['PatternDefaults as null', (s) => { PatternDefaults.set(s, js(null)); }, "PatternDefaults.set: defaults null must be a PatternDefaultsProps, not null"],
  ['Probe.httpGet path a number', () => { Probe.httpGet(js(8080)); }, "Probe.httpGet: path 8080 must be a string, not a number"],
  ['Probe.tcpSocket port as a string', () => { Probe.tcpSocket(js({ port: '80' })); }, "Probe.tcpSocket: port \"80\" must be a number, not a string"],
  ['Probe.exec command as a string', () => { Probe.exec(js('cat /tmp/healthy')); }, "Probe.exec: command \"cat /tmp/healthy\" must be a list of strings, not a string"],
  ['Volume.fromSecret without a secret name', () => { Volume.fromSecret(js('tls'), js(undefined)); }, "Volume.fromSecret: secretName undefined is required"],
  ['EnvValue.fromSecret key a number', () => { EnvValue.fromSecret('db', js(1)); }, "EnvValue.fromSecret: key 1 must be a string, not a number"],
  ['LifecycleHandler.sleep with seconds', () => { LifecycleHandler.sleep(js(5)); }, "LifecycleHandler.sleep: duration 5 must be a Duration, not a number"],
  ['ServiceRef.fromName port as a string', (s) => { ServiceRef.fromName(s, 'ref', 'legacy', js({ port: '80' })); }, "ServiceRef.fromName: port \"80\" must be a number, not a string"],
  ['PodSource.fromLabels as a string', () => { PodSource.fromLabels(js('app=web')); }, "PodSource.fromLabels: selector \"app=web\" must be a map of strings, not a string"],
  ['Gateway without listeners', (s) => { new Gateway(s, 'gw', js({ gatewayClassName: 'eg' })); }, "Gateway 'test/gw': listeners undefined is required"],
  ['Gateway listener port as a string', (s) => { new Gateway(s, 'gw', js({ gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: 'HTTP', port: '80' }] })); }, "Gateway 'test/gw': listeners[0].port \"80\" must be a number, not a string"],
  ['GatewayRef.fromName name as a number', (s) => { GatewayRef.fromName(s, 'gw', js(1)); }, "GatewayRef.fromName: name 1 must be a string, not a number"],
  ['Topology.describe with an unknown format', (s) => { Topology.describe(s, js('svg')); }, "Topology.describe: format \"svg\" is not one of mermaid, dot"],
  ['Projection.secret items as an object', () => { Projection.secret('s', js({ key: 'a', path: 'b' })); }, "Projection.secret: items {\"key\":\"a\",\"path\":\"b\"} must be a list of KeyToPath values, not an object"],
  ['EnvFrom.configMap prefix a number', () => { EnvFrom.configMap('c', js({ prefix: 1 })); }, "EnvFrom.configMap: prefix 1 must be a string, not a number"],
  ['addTls hosts as a string', (s) => { new IngressRouter(s, 'edge').addTls(js({ secretName: 't', hosts: 'a.example.com' })); }, "IngressRouter 'test/edge': hosts \"a.example.com\" must be a list of strings, not a string"],
  ['setDefaultBackend without a backend', (s) => { new IngressRouter(s, 'edge').setDefaultBackend(js(undefined)); }, "IngressRouter 'test/edge': backend undefined is required"],
  ['connectionEnv prefix a number', (s) => { new ExposedApp(s, 'web', { image: IMAGE }).connectionEnv(js(1)); }, "ExposedApp 'test/web': prefix 1 must be a string, not a number"],
  ['addService ports as an object', (s) => { new ExposedApp(s, 'web', { image: IMAGE }).addService(js({ name: 'x', ports: { port: 80 } })); }, "ExposedApp 'test/web': ports {\"port\":80} must be a list of ServicePortOptions values, not an object"],
  ['Service headless as a string', (s) => { new Service(s, 'x', js({ pods: PodSource.fromLabels({ app: 'a' }), ports: [{ port: 80 }], headless: 'yes' })); }, "Service 'test/x': headless \"yes\" must be a boolean, not a string"],
  ['Volume.projected defaultMode as a string', () => { Volume.projected('p', [], js('0644')); }, "Volume.projected: defaultMode \"0644\" must be a number, not a string"],
  // Hand-made look-alikes of the library's value classes and interfaces (issue #27).
  ['hand-made EnvValue', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, envValues: { PW: { source: 'secretKeyRef', ref: 'db', key: 'pw' } } })); }, "ExposedApp 'test/web': envValues[\"PW\"] {\"source\":\"secretKeyRef\",\"ref\":\"db\",\"key\":\"pw\"} must be an EnvValue made by EnvValue.fromSecret, fromConfigMap, fromFieldRef, fromResource or fromValue, not a hand-made object"],
  ['hand-made EnvFrom', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, sidecars: [{ name: 'proxy', image: IMAGE, envFrom: [{ kind: 'configMapRef', name: 5 }] }] })); }, "ExposedApp 'test/web': sidecars[0].envFrom[0] {\"kind\":\"configMapRef\",\"name\":5} must be an EnvFrom made by EnvFrom.configMap or EnvFrom.secret, not a hand-made object"],
  ['hand-made Probe', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, liveness: { kind: 'exec', options: {} } })); }, "ExposedApp 'test/web': liveness {\"kind\":\"exec\",\"options\":{}} must be a Probe made by Probe.httpGet, tcpSocket, exec or none, not a hand-made object"],
  ['hand-made LifecycleHandler', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, preStop: { kind: 'sleep' } })); }, "ExposedApp 'test/web': preStop {\"kind\":\"sleep\"} must be a LifecycleHandler made by LifecycleHandler.exec, httpGet or sleep, not a hand-made object"],
  ['hand-made Cpu', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, resources: { cpuRequest: { millicores: 100 } } })); }, "ExposedApp 'test/web': resources.cpuRequest {\"millicores\":100} must be a Cpu made by Cpu.millis or Cpu.units, not a hand-made object"],
  ['hand-made Volume', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, volumes: [{ name: 'v', type: 'emptyDir', source: {} }] })); }, "ExposedApp 'test/web': volumes[0] {\"name\":\"v\",\"type\":\"emptyDir\",\"source\":{}} must be a Volume made by Volume.fromConfigMap, fromSecret, fromPersistentVolumeClaim, fromEmptyDir, projected or fromSource, not a hand-made object"],
  ['route gateway {}', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, route: { gateway: {} } })); }, "ExposedApp 'test/web': route.gateway {} must be an IGatewayRef (a Gateway, or GatewayRef.fromName): its gatewayName is not a string"],
  ['ServiceAlias target {}', (s) => { new ServiceAlias(s, 'alias', js({ target: {} })); }, "ServiceAlias 'test/alias': target {} must be an IServiceEndpoint (an ExposedApp, HeadlessGroup, ExternalDatabase, ServiceAlias or ServiceRef): its node is not an object"],
  ['Service pods without a selector', (s) => { new Service(s, 'svc', js({ pods: { podNamespace: 'default' }, ports: [{ port: 80 }] })); }, "Service 'test/svc': pods {\"podNamespace\":\"default\"} must be an IPodSource (an ExposedApp, HeadlessGroup, or a PodSource): its podSelector is not an object"],
  ['HeadlessGroup.podDnsName as a string', (s) => { new HeadlessGroup(s, 'db', { image: IMAGE }).podDnsName(js('0')); }, "HeadlessGroup 'test/db': ordinal \"0\" must be a number, not a string"],
];

const OTHERS: BadInput[] = [
  {
    construct: 'ServiceRef', title: 'bad Service name', message: "ServiceRef 'test/ref': name \"Legacy_Web\" is not a valid DNS-1035 label: lower-case letters, digits and \"-\", starting with a letter and ending with a letter or digit",
    build: (s) => { ServiceRef.fromName(s, 'ref', 'Legacy_Web'); },
  },
  {
    construct: 'ServiceRef', title: 'bad port', message: "ServiceRef 'test/ref': port 0 is not a valid port: it must be an integer in 1-65535",
    build: (s) => { ServiceRef.fromName(s, 'ref', 'legacy', { port: 0 }); },
  },
  {
    construct: 'ServiceAlias', title: 'bad alias name', message: "ServiceAlias 'test/Alias_1': name \"alias_1\" (from the construct id) is not a valid DNS-1035 label: lower-case letters, digits and \"-\", starting with a letter and ending with a letter or digit; pass a valid name",
    build: (s) => { new ServiceAlias(s, 'Alias_1', { target: ServiceRef.fromName(s, 'ref', 'api', { namespace: 'other' }) }); },
  },
  {
    construct: 'IngressRouter', title: 'bad class name', message: "IngressRouter 'test/edge': ingressClassName \"NGINX\" is not a valid DNS-1123 subdomain: lower-case labels of letters, digits and \"-\" joined by \".\"",
    build: (s) => { new IngressRouter(s, 'edge', { ingressClassName: 'NGINX' }); },
  },
  {
    construct: 'IngressRouter', title: 'bad TLS host', message: "IngressRouter 'test/edge': tls[0].hosts[0] \"*.*.example.com\" is not a valid wildcard host: only one leading \"*.\" followed by a DNS-1123 subdomain, e.g. *.example.com",
    build: (s) => { new IngressRouter(s, 'edge', { tls: [{ secretName: 'x', hosts: ['*.*.example.com'] }] }); },
  },
  {
    construct: 'IngressRouter', title: 'route conflict', message: "IngressRouter 'test/edge': route \"a.example.com/\" (Prefix) from 'test/b' conflicts with the same route from 'test/a'",
    build: (s) => {
      const router = new IngressRouter(s, 'edge');
      router.addRoute({ host: 'a.example.com', backend: new ExposedApp(s, 'a', { image: IMAGE }) });
      router.addRoute({ host: 'a.example.com', backend: new ExposedApp(s, 'b', { image: IMAGE }) });
    },
  },
  {
    construct: 'IngressRouter', title: 'resource backend with a slash in its kind', message: "IngressRouter 'test/edge': resource.kind \"storage/Bucket\" must not contain \"/\" or \"%\"",
    build: (s) => { new IngressRouter(s, 'edge', { routes: [{ path: '/icons', resource: { apiGroup: 'k8s.example.com', kind: 'storage/Bucket', name: 'icons' } }] }); },
  },
  {
    construct: 'IngressRouter', title: 'resource backend in Gateway mode', message: "IngressRouter 'test/edge': defaultResourceBackend \"StorageBucket/static\" is an Ingress resource backend, which api GATEWAY cannot write: an HTTPRoute of this router routes to Services (use api INGRESS, or a Service backend)",
    build: (s) => { new IngressRouter(s, 'edge', { api: RouteApi.GATEWAY, gateway: GatewayRef.fromName(s, 'gw', 'gw'), defaultResourceBackend: { kind: 'StorageBucket', name: 'static' } }); },
  },
  {
    construct: 'IngressRouter', title: 'one HTTPRoute name for two hosts', message: "IngressRouter 'test/edge': httpRouteNames[\"b.example.com\"] \"web\" is also given to host \"a.example.com\": each host's HTTPRoute needs a name of its own",
    build: (s) => { new IngressRouter(s, 'edge', { api: RouteApi.GATEWAY, gateway: GatewayRef.fromName(s, 'gw', 'gw'), httpRouteNames: { 'a.example.com': 'web', 'b.example.com': 'web' } }); },
  },
];

const gw = (s: Construct) => GatewayRef.fromName(s, 'gw-ref', 'public', { namespace: 'infra' });
const http = { name: 'http', protocol: ListenerProtocol.HTTP };
const GATEWAY: BadInput[] = [
  ...([
    ['IP hostname', (s: Construct) => ({ gateway: gw(s), hostnames: ['10.0.0.1'] }), "ExposedApp 'test/web': route.hostnames[0] \"10.0.0.1\" must be a DNS name, not an IP address"],
    ['too many hostnames', (s: Construct) => ({ gateway: gw(s), hostnames: Array.from({ length: 17 }, (_, i) => `h${i}.example.com`) }), "ExposedApp 'test/web': route.hostnames 17 hostnames are more than the 16 an HTTPRoute allows"],
    ['duplicate hostname', (s: Construct) => ({ gateway: gw(s), hostnames: ['a.example.com', 'a.example.com'] }), "ExposedApp 'test/web': route.hostnames[1] \"a.example.com\" is listed twice"],
    ['relative path', (s: Construct) => ({ gateway: gw(s), path: 'api' }), "ExposedApp 'test/web': route.path \"api\" must start with \"/\""],
    ['fragment in path', (s: Construct) => ({ gateway: gw(s), path: '/a#b' }), "ExposedApp 'test/web': route.path \"/a#b\" must not contain \"#\""],
    ['bad gateway name', (s: Construct) => ({ gateway: GatewayRef.fromName(s, 'gw-ref', 'Public') }), "ExposedApp 'test/web': route.gateway.name \"Public\" is not a valid DNS-1123 subdomain: lower-case labels of letters, digits and \"-\" joined by \".\""],
    ['unknown port', (s: Construct) => ({ gateway: gw(s), portName: 'admin' }), "ExposedApp 'test/web': route.portName \"admin\" is not a TCP port of Service \"web\" (TCP ports: 80 (http))"],
  ] as Array<[string, (s: Construct) => HttpRouteOptions, string]>).map(([title, route, message]) => ({
    construct: 'ExposedApp route', title, message, build: (s: Construct) => { new ExposedApp(s, 'web', { image: IMAGE, route: route(s) }); },
  })),
  {
    construct: 'IngressRouter', title: 'regular expression on an Ingress', message: "IngressRouter 'test/edge': pathType \"RegularExpression\" is HTTPRoute only: an Ingress matches PREFIX, EXACT or IMPLEMENTATION_SPECIFIC (a controller's regular expressions)",
    build: (s) => {
      const router = new IngressRouter(s, 'edge');
      router.addRoute({ path: '/v[0-9]+', pathType: PathType.REGULAR_EXPRESSION, backend: new ExposedApp(s, 'web', { image: IMAGE }) });
    },
  },
  {
    construct: 'ExposedApp', title: 'regular expression on its own Ingress', message: "ExposedApp 'test/web': ingress.pathType \"RegularExpression\" is HTTPRoute only: an Ingress matches PREFIX, EXACT or IMPLEMENTATION_SPECIFIC (a controller's regular expressions)",
    build: (s) => { new ExposedApp(s, 'web', { image: IMAGE, ingress: { host: 'a.example.com', path: '/v[0-9]+', pathType: PathType.REGULAR_EXPRESSION } }); },
  },
  {
    construct: 'ExposedApp route', title: 'ImplementationSpecific on an HTTPRoute', message: "ExposedApp 'test/web': route.pathType \"ImplementationSpecific\" is Ingress only: an HTTPRoute matches PREFIX, EXACT or REGULAR_EXPRESSION",
    build: (s) => { new ExposedApp(s, 'web', { image: IMAGE, route: { gateway: gw(s), path: '/x', pathType: PathType.IMPLEMENTATION_SPECIFIC } }); },
  },
  {
    construct: 'IngressRouter gateway', title: 'GATEWAY without a gateway', message: "IngressRouter 'test/edge': gateway undefined is required with api GATEWAY: the Gateway the HTTPRoutes attach to",
    build: (s) => { new IngressRouter(s, 'edge', { api: RouteApi.GATEWAY }); },
  },
  {
    construct: 'IngressRouter gateway', title: 'ImplementationSpecific path', message: "IngressRouter 'test/edge': pathType \"ImplementationSpecific\" is Ingress only: an HTTPRoute matches PREFIX, EXACT or REGULAR_EXPRESSION",
    build: (s) => {
      const router = new IngressRouter(s, 'edge', { api: RouteApi.GATEWAY, gateway: gw(s) });
      router.addRoute({ path: '/x', pathType: PathType.IMPLEMENTATION_SPECIFIC, backend: new ExposedApp(s, 'web', { image: IMAGE }) });
    },
  },
  ...([
    ['HTTPS without a certificate', [{ name: 'https', protocol: ListenerProtocol.HTTPS }], "Gateway 'test/gw': listeners[0].tlsSecretName \"\" is required for an HTTPS listener (its certificate)"],
    ['certificate on HTTP', [{ ...http, tlsSecretName: 'x' }], "Gateway 'test/gw': listeners[0].tlsSecretName \"x\" is only allowed on HTTPS listeners"],
    ['duplicate listener names', [http, { ...http, port: 8080 }], "Gateway 'test/gw': listeners[1].name \"http\" is already used: listener names must be unique"],
    ['same port, protocol and host', [http, { ...http, name: 'other' }], "Gateway 'test/gw': listeners[1].port 80 with protocol HTTP and hostname (any) is already used by another listener"],
    ['bad listener port', [{ ...http, port: 0 }], "Gateway 'test/gw': listeners[0].port 0 is not a valid port: it must be an integer in 1-65535"],
    ['no listeners', [], "Gateway 'test/gw': listeners 0 listeners: a Gateway needs 1-64"],
    ['IP listener hostname', [{ ...http, hostname: '10.1.1.1' }], "Gateway 'test/gw': listeners[0].hostname \"10.1.1.1\" must be a DNS name, not an IP address"],
  ] as Array<[string, GatewayListener[], string]>).map(([title, listeners, message]) => ({
    construct: 'Gateway', title, message, build: (s: Construct) => { new Gateway(s, 'gw', { gatewayClassName: 'eg', listeners }); },
  })),
];

export const BAD_INPUTS: BadInput[] = [
  ...OTHERS,
  ...GATEWAY,
  ...EXPOSED_APP.map(([title, props, message, id]) => ({
    construct: 'ExposedApp', title, message, build: (s: Construct) => { new ExposedApp(s, id ?? 'web', { image: IMAGE, ...props }); },
  })),
  ...SERVICE.map(([title, build, message]) => ({ construct: 'Service', title, message, build })),
  ...PLAIN_JS.map(([title, build, message]) => ({ construct: 'plain JS', title, message, build })),
  ...POD_MODEL.map(([title, props, message]) => ({
    construct: 'ExposedApp pod', title, message, build: (s: Construct) => { new ExposedApp(s, 'web', { image: IMAGE, ...props }); },
  })),
  ...PRODUCTION.map(([title, props, message]) => ({
    construct: 'ExposedApp', title, message, build: (s: Construct) => { new ExposedApp(s, 'web', { image: IMAGE, ...props }); },
  })),
  ...APP_INGRESS.map(([title, ingress, message, extra]) => ({
    construct: 'ExposedApp ingress', title, message, build: (s: Construct) => { new ExposedApp(s, 'web', { image: IMAGE, ingress, ...extra }); },
  })),
  ...HEADLESS_GROUP.map(([title, props, message]) => ({
    construct: 'HeadlessGroup', title, message, build: (s: Construct) => { new HeadlessGroup(s, 'web', { image: IMAGE, ...props }); },
  })),
  ...EXTERNAL_DATABASE.map(([title, props, message]) => ({
    construct: 'ExternalDatabase', title, message, build: (s: Construct) => { new ExternalDatabase(s, 'mysql', props); },
  })),
];
