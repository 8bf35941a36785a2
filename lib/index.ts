// The public API: re-exports of modules that hold public types only. Internal helpers live
// in other lib/core modules (problems, port-model, pod-template, ...) and are not exported.
export * from './core/errors';
export * from './core/endpoint';
export * from './core/ports';
export * from './core/workload';
export * from './core/container';
export * from './core/volume';
export * from './core/scheduling';
export * from './core/warnings';
export * from './core/defaults';
export * from './core/identity';
export * from './probe';
export * from './base/service-workload';
export * from './core/service-spec';
export * from './service';
export * from './namespaces';
export * from './exposed-app';
export * from './core/routes';
export * from './service-ref';
export * from './ingress-router';
export * from './headless-group';
export * from './external-database';
export * from './service-alias';
export * from './topology';
export * from './core/gateway-types';
export * from './gateway';
export * from './fast-app';
