// Package escrowidv1 holds akash.escrow.id.v1: escrow account and payment identifiers.
package escrowidv1

import "strconv"

// DeploymentAccount returns the escrow account ID of deployment owner/dseq.
func DeploymentAccount(owner string, dseq uint64) Account {
	return Account{Scope: ScopeDeployment, XID: owner + "/" + strconv.FormatUint(dseq, 10)}
}
