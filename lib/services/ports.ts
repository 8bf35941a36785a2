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
   * @default 'http'
   */
  readonly portName?: string;
  /**
   * Protocol of the port.
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
  /**
   * Several ports, instead of the single-port props; at least one.
   * @default - one port from the single-port props
   */
  readonly ports?: ExposedPort[];
}
