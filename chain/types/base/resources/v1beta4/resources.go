// Package resourcesv1beta4 holds akash.base.resources.v1beta4: the compute
// resources deployments request and providers offer.
package resourcesv1beta4

import "cosmossdk.io/math"

// Volumes is a list of storage volumes.
type Volumes []Storage

// Endpoints is a list of endpoints.
type Endpoints []Endpoint

// NewResourceValue returns a resource quantity; on the wire its bytes are the
// decimal text of v (e.g. "1000").
func NewResourceValue(v uint64) ResourceValue {
	return ResourceValue{Val: math.NewIntFromUint64(v)}
}

// Uint64 returns the quantity, or 0 if it is unset or does not fit.
func (r ResourceValue) Uint64() uint64 {
	if r.Val.IsNil() || r.Val.IsNegative() || !r.Val.IsUint64() {
		return 0
	}
	return r.Val.Uint64()
}
