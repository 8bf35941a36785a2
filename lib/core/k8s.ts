// The Kubernetes API types the renderers build their objects as, so a misspelt, misplaced or
// mistyped field fails to compile. They come from kubernetes-models (generated from the API
// server's OpenAPI documents) and @kubernetes-models/gateway-api, development dependencies: only
// types are imported, and only function bodies and module-private functions use them, so nothing
// of them reaches the JavaScript or the public declarations, and users need neither package.
import type { IHTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import type { IGateway } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway';
import type { IReferenceGrant } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1/ReferenceGrant';

export type { IAffinity as K8sAffinity } from 'kubernetes-models/v1/Affinity';
export type { IConfigMapVolumeSource as K8sConfigMapVolumeSource } from 'kubernetes-models/v1/ConfigMapVolumeSource';
export type { IContainer as K8sContainer } from 'kubernetes-models/v1/Container';
export type { ICronJobSpec as K8sCronJobSpec } from 'kubernetes-models/batch/v1/CronJobSpec';
export type { IContainerPort as K8sContainerPort } from 'kubernetes-models/v1/ContainerPort';
export type { IDeploymentSpec as K8sDeploymentSpec } from 'kubernetes-models/apps/v1/DeploymentSpec';
export type { IEmptyDirVolumeSource as K8sEmptyDirVolumeSource } from 'kubernetes-models/v1/EmptyDirVolumeSource';
export type { IEndpoint as K8sEndpoint } from 'kubernetes-models/discovery.k8s.io/v1/Endpoint';
export type { IEndpointPort as K8sEndpointPort } from 'kubernetes-models/discovery.k8s.io/v1/EndpointPort';
export type { IEndpointSubset as K8sEndpointSubset } from 'kubernetes-models/v1/EndpointSubset';
export type { IEnvFromSource as K8sEnvFromSource } from 'kubernetes-models/v1/EnvFromSource';
export type { IEnvVar as K8sEnvVar } from 'kubernetes-models/v1/EnvVar';
export type { IHorizontalPodAutoscalerSpec as K8sHorizontalPodAutoscalerSpec } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscalerSpec';
export type { IJobSpec as K8sJobSpec } from 'kubernetes-models/batch/v1/JobSpec';
export type { IIngressBackend as K8sIngressBackend } from 'kubernetes-models/networking.k8s.io/v1/IngressBackend';
export type { IIngressSpec as K8sIngressSpec } from 'kubernetes-models/networking.k8s.io/v1/IngressSpec';
export type { IKeyToPath as K8sKeyToPath } from 'kubernetes-models/v1/KeyToPath';
export type { ILifecycleHandler as K8sLifecycleHandler } from 'kubernetes-models/v1/LifecycleHandler';
export type { IMetricSpec as K8sMetricSpec } from 'kubernetes-models/autoscaling/v2/MetricSpec';
export type { INetworkPolicyEgressRule as K8sNetworkPolicyEgressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyEgressRule';
export type { INetworkPolicyIngressRule as K8sNetworkPolicyIngressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyIngressRule';
export type { INetworkPolicyPeer as K8sNetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
export type { INetworkPolicyPort as K8sNetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
export type { INetworkPolicySpec as K8sNetworkPolicySpec } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicySpec';
export type { INodeSelectorRequirement as K8sNodeSelectorRequirement } from 'kubernetes-models/v1/NodeSelectorRequirement';
export type { IPersistentVolumeClaimVolumeSource as K8sPersistentVolumeClaimVolumeSource } from 'kubernetes-models/v1/PersistentVolumeClaimVolumeSource';
export type { IPersistentVolumeClaimSpec as K8sPersistentVolumeClaimSpec } from 'kubernetes-models/v1/PersistentVolumeClaimSpec';
export type { IPodAffinity as K8sPodAffinity } from 'kubernetes-models/v1/PodAffinity';
export type { IPodDisruptionBudgetSpec as K8sPodDisruptionBudgetSpec } from 'kubernetes-models/policy/v1/PodDisruptionBudgetSpec';
export type { IPodSecurityContext as K8sPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
export type { ISecurityContext as K8sSecurityContext } from 'kubernetes-models/v1/SecurityContext';
export type { IPodSpec as K8sPodSpec } from 'kubernetes-models/v1/PodSpec';
export type { IPodTemplateSpec as K8sPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
export type { IProbe as K8sProbe } from 'kubernetes-models/v1/Probe';
export type { IProjectedVolumeSource as K8sProjectedVolumeSource } from 'kubernetes-models/v1/ProjectedVolumeSource';
export type { ISecretVolumeSource as K8sSecretVolumeSource } from 'kubernetes-models/v1/SecretVolumeSource';
export type { IServicePort as K8sServicePort } from 'kubernetes-models/v1/ServicePort';
export type { IServiceSpec as K8sServiceSpec } from 'kubernetes-models/v1/ServiceSpec';
export type { IStatefulSetSpec as K8sStatefulSetSpec } from 'kubernetes-models/apps/v1/StatefulSetSpec';
export type { IToleration as K8sToleration } from 'kubernetes-models/v1/Toleration';
export type { ITopologySpreadConstraint as K8sTopologySpreadConstraint } from 'kubernetes-models/v1/TopologySpreadConstraint';
export type { IVolume as K8sVolume } from 'kubernetes-models/v1/Volume';
export type { IVolumeMount as K8sVolumeMount } from 'kubernetes-models/v1/VolumeMount';
export type { IVolumeProjection as K8sVolumeProjection } from 'kubernetes-models/v1/VolumeProjection';

export type K8sHttpRouteSpec = NonNullable<IHTTPRoute['spec']>;
export type K8sGatewaySpec = NonNullable<IGateway['spec']>;
export type K8sReferenceGrantSpec = NonNullable<IReferenceGrant['spec']>;
