// Package deploymentv1beta4 holds akash.deployment.v1beta4: deployment and
// group messages, group specs, queries and the Msg and Query services.
package deploymentv1beta4

// GroupSpecs is a list of group specs.
type GroupSpecs []GroupSpec

// ResourceUnits is a list of resource units.
type ResourceUnits []ResourceUnit

// Groups is a list of groups.
type Groups []Group

// DeploymentResponses is a list of deployment query results.
type DeploymentResponses []QueryDeploymentResponse
