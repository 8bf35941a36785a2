// Well-known public images that cannot start under PodSecurity RESTRICTED as they are: they
// run as root (the entrypoint drops privileges itself) or name their user instead of giving a
// numeric id, so `runAsNonRoot: true` makes the kubelet refuse them (CreateContainerConfigError).
// Evidence: the USER line (or its absence) of each image's Dockerfile in docker-library.
import { ResolvedContainer } from './container-model';
import { PodSecurity } from '../core/pod-security';
import { remembered } from '../core/collections';

const ROOT_IMAGES: { [name: string]: string } = {
  nginx: 'nginxinc/nginx-unprivileged',
  httpd: '',
  mysql: '',
  mariadb: '',
  postgres: '',
  redis: '',
  mongo: '',
  rabbitmq: '',
  memcached: '',
  wordpress: '',
  tomcat: '',
  haproxy: '',
  cassandra: '',
  zookeeper: '',
  busybox: '',
  alpine: '',
  ubuntu: '',
  debian: '',
};

const REPOSITORIES = new Map<string, string>();

/** The repository of an image reference without registry, tag or digest: `docker.io/library/nginx:1.27` is `nginx`. */
function repository(image: string): string {
  return remembered(REPOSITORIES, image, parseRepository);
}

function parseRepository(image: string): string {
  let ref = image.split('@')[0];
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) ref = ref.slice(0, colon);
  const parts = ref.split('/');
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
    if (!/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)$/.test(parts[0])) return ref;
    parts.shift();
  }
  if (parts.length === 2 && parts[0] === 'library') parts.shift();
  return parts.join('/');
}

/** A synth-time warning for a well-known root image under RESTRICTED without a user id. */
export function rootImageWarning(c: ResolvedContainer, podSecurity: PodSecurity, podRunAsUser: number | undefined): string | undefined {
  if (podSecurity !== PodSecurity.RESTRICTED || typeof c.image !== 'string') return undefined;
  if (podRunAsUser !== undefined || c.runAsUser !== undefined) return undefined;
  const repo = repository(c.image);
  if (!(repo in ROOT_IMAGES)) return undefined;
  const variant = ROOT_IMAGES[repo] ? `, use the unprivileged image ${ROOT_IMAGES[repo]}` : '';
  const field = c.field === '' ? 'image' : `${c.field}image`;
  return `${field} "${c.image}" runs as root or as a named user, so PodSecurity RESTRICTED stops it at run time (CreateContainerConfigError): set podSecurity: PodSecurity.BASELINE${variant}, or set runAsUser to a non-root id the image supports`;
}
