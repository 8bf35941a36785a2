/** Network protocol of a port; the values are the Kubernetes API strings. */
export enum Protocol {
  /** TCP. */
  TCP = 'TCP',
  /** UDP. */
  UDP = 'UDP',
  /** SCTP. */
  SCTP = 'SCTP',
}

/** One port of a multi-port app: the Service port, the container port it maps to, and more. */
export interface ExposedPort {
  /** Port name, an IANA service name (1-15 characters: lower-case letters, digits, '-'). */
  readonly name: string;
  /** The port the Service listens on. */
  readonly port: number;
  /**
   * The container port traffic is sent to (the Service's targetPort).
   * @default - the same as `port`
   */
  readonly containerPort?: number;
  /**
   * Protocol of the port.
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
  /**
   * Fixed node port, for NodePort and LoadBalancer Services only.
   * @default - Kubernetes allocates one
   */
  readonly nodePort?: number;
  /**
   * Application protocol of the port (the Service port's `appProtocol`): an IANA service name
   * (`http`, `https`, `grpc`, `postgresql`), a Kubernetes one (`kubernetes.io/h2c`,
   * `kubernetes.io/ws`, `kubernetes.io/wss`) or a domain-prefixed name. It decides the scheme of
   * the URLs handed out for the port, before the port's name and number.
   * @default - none written; the scheme comes from the name or a well-known port number, if any
   */
  readonly appProtocol?: string;
}

/** A port of a Service, as other code sees it (discovery handles, routes, connections). */
export interface ServicePortInfo {
  /** Port name. */
  readonly name: string;
  /** Service port number. */
  readonly port: number;
  /** Protocol. */
  readonly protocol: Protocol;
  /**
   * Port number on the pods (or endpoints) behind the Service.
   * @default - the same as `port`
   */
  readonly targetPort?: number;
  /**
   * Node port, when one was fixed.
   * @default - none
   */
  readonly nodePort?: number;
  /**
   * Application protocol, when one was given.
   * @default - none
   */
  readonly appProtocol?: string;
}

/** Inclusive range of node ports the cluster allocates from (`--service-node-port-range`). */
export interface NodePortRange {
  /** Lowest allowed node port. */
  readonly min: number;
  /** Highest allowed node port. */
  readonly max: number;
}

/** The ports of a workload's Service: one port from the single-port props, or several. */
export interface PortOptions {
  /**
   * Service port (single-port form).
   * @default 80
   */
  readonly port?: number;
  /**
   * Container port the Service port maps to (the targetPort).
   * @default - the same as `port`
   */
  readonly containerPort?: number;
  /**
   * Port name (an IANA service name: at most 15 characters); clients also find named ports through
   * DNS SRV records (`_<name>._<protocol>.<service>...`).
   * @default - what the port is known to be, never more: the protocol's name for a well-known port
   * number (`http` for 80 and 8080, `https` for 443 and 8443, `postgresql` for 5432, `mysql`,
   * `redis`, `mongodb`, `amqp`, `nats`), `http` when an Ingress or HTTPRoute routes to it, else
   * `tcp` (`udp`, `sctp` for those protocols)
   */
  readonly portName?: string;
  /**
   * Protocol of the port.
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
  /**
   * Application protocol of the port (single-port form), written as the Service port's
   * `appProtocol`; see `ExposedPort.appProtocol`.
   * @default - none written
   */
  readonly appProtocol?: string;
  /**
   * Several ports, instead of the single-port props; at least one.
   * @default - one port from the single-port props
   */
  readonly ports?: ExposedPort[];
}
