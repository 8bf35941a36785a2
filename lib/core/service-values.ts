// Rules of the API server for Service values that both the constructs and the validator check
// (K8S-RULES.md §2; pkg/apis/core/validation/validation.go of kubernetes 1.32): one copy of each.

/** The kubelet's port, which a LoadBalancer Service may not expose (ValidateService). */
export const KUBELET_PORT = 10250;

/** sessionAffinityConfig.clientIP.timeoutSeconds: 1 to 86400, both inclusive (validateAffinityTimeout). */
export const CLIENT_IP_TIMEOUT_SECONDS = { min: 1, max: 86400 } as const;
