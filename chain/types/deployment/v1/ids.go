// Package deploymentv1 holds akash.deployment.v1: deployment and group
// identifiers, the stored deployment and deployment events.
package deploymentv1

import "strconv"

// String returns the ID as "owner/dseq".
func (id DeploymentID) String() string {
	return id.Owner + "/" + strconv.FormatUint(id.DSeq, 10)
}

// GroupID returns the ID of group gseq of this deployment.
func (id DeploymentID) GroupID(gseq uint32) GroupID {
	return GroupID{Owner: id.Owner, DSeq: id.DSeq, GSeq: gseq}
}

// String returns the ID as "owner/dseq/gseq".
func (id GroupID) String() string {
	return id.DeploymentID().String() + "/" + strconv.FormatUint(uint64(id.GSeq), 10)
}

// DeploymentID returns the ID of the group's deployment.
func (id GroupID) DeploymentID() DeploymentID {
	return DeploymentID{Owner: id.Owner, DSeq: id.DSeq}
}
