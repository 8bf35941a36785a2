// A small client for the test API server: raw requests, discovery, server-side apply and create,
// each returning the status, the body and the warnings the server sent (Pod Security among them).
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';

export interface KubeResponse {
  readonly status: number;
  /** The parsed JSON answer; empty when the server answered plain text (such as /readyz). */
  readonly body: Record<string, unknown>;
  /** The server's message for a failed request (a Status object's message). */
  readonly message: string;
  /** The texts of the server's `Warning: 299 - "..."` headers. */
  readonly warnings: string[];
}

export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

interface Resource {
  readonly plural: string;
  readonly namespaced: boolean;
}

function parseWarnings(header: string | string[] | undefined): string[] {
  const text = Array.isArray(header) ? header.join(', ') : header ?? '';
  return [...text.matchAll(/299 - "((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].replace(/\\(.)/g, '$1'));
}

export class KubeClient {
  private readonly resources = new Map<string, Promise<Map<string, Resource>>>();

  /** A client from the environment `npm run test:apiserver` sets for the tests. */
  public static fromEnvironment(): KubeClient {
    const { KUBE_TEST_SERVER: url, KUBE_TEST_TOKEN: token, KUBE_TEST_CA: ca } = process.env;
    if (!url || !token || !ca) throw new Error('no test API server: run these tests with `npm run test:apiserver`');
    return new KubeClient(url, token, readFileSync(ca, 'utf8'));
  }

  public constructor(public readonly url: string, private readonly token: string, private readonly ca: string) {}

  public request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<KubeResponse> {
    const payload = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = httpsRequest(new URL(path, this.url), {
        method,
        ca: this.ca,
        // The self-signed serving certificate names localhost, not 127.0.0.1.
        servername: 'localhost',
        checkServerIdentity: () => undefined,
        headers: {
          'Authorization': `Bearer ${this.token}`,
          'Accept': 'application/json',
          ...(payload === undefined ? {} : { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(payload) }),
        },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Record<string, unknown> = {};
          try {
            body = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // plain-text answers such as /readyz
          }
          const status = res.statusCode ?? 0;
          const message = status >= 400 ? String(body.message ?? text) : '';
          resolve({ status, body, message, warnings: parseWarnings(res.headers.warning) });
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /**
   * Watches a collection from `resourceVersion` on; `onEvent` gets each event (type and object) in
   * the order the server wrote them. Returns a function that ends the watch.
   */
  public watch(path: string, resourceVersion: string, onEvent: (type: string, object: Record<string, unknown>) => void): () => void {
    const url = new URL(path, this.url);
    url.searchParams.set('watch', '1');
    url.searchParams.set('resourceVersion', resourceVersion);
    url.searchParams.set('allowWatchBookmarks', 'false');
    let buffered = '';
    const req = httpsRequest(url, {
      ca: this.ca,
      servername: 'localhost',
      checkServerIdentity: () => undefined,
      headers: { Authorization: `Bearer ${this.token}`, Accept: 'application/json' },
    }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffered += chunk;
        let newline;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          if (line.trim() === '') continue;
          const event = JSON.parse(line) as { type: string; object: Record<string, unknown> };
          onEvent(event.type, event.object);
        }
      });
    });
    req.on('error', () => undefined);
    req.end();
    return () => req.destroy();
  }

  private async resource(apiVersion: string, kind: string): Promise<Resource> {
    let group = this.resources.get(apiVersion);
    if (!group) {
      group = this.request('GET', apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`).then((res) => {
        const map = new Map<string, Resource>();
        for (const r of (res.body.resources ?? []) as Array<{ name: string; kind: string; namespaced: boolean }>) {
          if (!r.name.includes('/')) map.set(r.kind, { plural: r.name, namespaced: r.namespaced });
        }
        return map;
      });
      this.resources.set(apiVersion, group);
    }
    const found = (await group).get(kind);
    if (!found) throw new Error(`the server does not serve ${kind} in ${apiVersion}`);
    return found;
  }

  /** The collection path of a manifest's kind, in `namespace` when the kind is namespaced. */
  public async collectionPath(manifest: Manifest, namespace = 'default'): Promise<string> {
    const { plural, namespaced } = await this.resource(manifest.apiVersion, manifest.kind);
    const base = manifest.apiVersion.includes('/') ? `/apis/${manifest.apiVersion}` : `/api/${manifest.apiVersion}`;
    return namespaced ? `${base}/namespaces/${manifest.metadata.namespace ?? namespace}/${plural}` : `${base}/${plural}`;
  }

  /**
   * Server-side apply, as `kubectl apply --server-side` does, with strict field validation. With
   * `yaml`, that text is sent as the patch, so the server's Go YAML parser reads it.
   */
  public async apply(manifest: Manifest, options: { dryRun?: boolean; namespace?: string; yaml?: string } = {}): Promise<KubeResponse> {
    const path = `${await this.collectionPath(manifest, options.namespace)}/${encodeURIComponent(manifest.metadata.name)}`;
    const query = `fieldManager=cdk8s-service-patterns-tests&fieldValidation=Strict&force=true${options.dryRun ? '&dryRun=All' : ''}`;
    return this.request('PATCH', `${path}?${query}`, options.yaml ?? manifest, 'application/apply-patch+yaml');
  }

  /** A plain create with strict field validation: what only a create checks (allocation) happens here. */
  public async create(manifest: Manifest, options: { dryRun?: boolean; namespace?: string } = {}): Promise<KubeResponse> {
    const query = `fieldValidation=Strict${options.dryRun ? '&dryRun=All' : ''}`;
    return this.request('POST', `${await this.collectionPath(manifest, options.namespace)}?${query}`, manifest);
  }

  public async delete(manifest: Manifest, namespace?: string): Promise<KubeResponse> {
    return this.request('DELETE', `${await this.collectionPath(manifest, namespace)}/${encodeURIComponent(manifest.metadata.name)}`);
  }

  /** Creates a namespace with the given labels (Pod Security levels among them). */
  public async createNamespace(name: string, labels: Record<string, string> = {}): Promise<void> {
    const res = await this.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
    if (res.status !== 201 && res.status !== 409) throw new Error(`creating namespace ${name}: ${res.status} ${res.message}`);
  }
}
