import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { PatternObject } from '../core/api-object';
import { nonEmptyMap } from '../core/collections';
import { Problems } from '../core/problems';
import { claimName } from '../core/registry';
import { IServiceEndpoint } from '../services/endpoint';
import { IngressResourceBackend, RouteMatch } from './routes';
import { checkRouteMatch, checkTlsHostsServed, ingressSpec } from './routes-model';
import { RendererSettings, RouterRenderer, RouteTable } from './router-table';

/** A router's table as one `networking.k8s.io/v1` Ingress named after the router. */
export class IngressRenderer implements RouterRenderer {
  public readonly httpRoutes: ApiObject[] = [];

  constructor(private readonly scope: Construct, private readonly table: RouteTable, private readonly settings: RendererSettings) {}

  public checkSettings(problems: Problems): void {
    if (this.settings.httpRouteNames !== undefined) {
      problems.add('httpRouteNames', this.settings.httpRouteNames, 'is for api GATEWAY: an Ingress is one object, named after the router (use name)');
    }
    claimName(this.scope, problems, 'name', 'Ingress', this.table.namespace, this.table.name);
  }

  public start(): ApiObject {
    return new PatternObject(this.scope, 'Resource', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: this.table.name,
        ...this.table.metadata,
        annotations: nonEmptyMap(this.settings.annotations),
      },
      spec: Lazy.any({ produce: () => this.spec(this.settings.ingressClassName) }),
    });
  }

  public checkMatch(problems: Problems, match: RouteMatch): void {
    checkRouteMatch(problems, '', match);
  }

  public checkService(problems: Problems, field: string, backend: IServiceEndpoint): void {
    if (backend.namespace !== this.table.namespace) {
      problems.add(field, backend.node.path, `is in namespace "${backend.namespace}" but the Ingress is in "${this.table.namespace}": an Ingress can only reach Services in its own namespace (use a ServiceAlias, or api GATEWAY)`);
    }
  }

  public checkResource(_problems: Problems, _field: string, _resource: IngressResourceBackend): void {
    // An Ingress may name any kind: the controller decides what it serves.
  }

  public claimHost(): void {
    // Every host is a rule of the one Ingress, claimed when the router was made.
  }

  public use(): void {
    // The Ingress renders the whole table at synth.
  }

  public validate(problems: Problems): void {
    const hosts = this.table.hosts().filter((h): h is string => h !== undefined);
    for (const tls of this.table.tls) checkTlsHostsServed(problems, 'tls.hosts', tls.hosts ?? [], hosts);
  }

  private spec(ingressClassName?: string): object {
    return ingressSpec({ ingressClassName, defaultBackend: this.table.defaultBackend, tls: this.table.tls, paths: [...this.table.routes.values()].map((r) => ({ ...r.target, host: r.host, path: r.path, pathType: r.pathType })) });
  }
}
