package svc

import (
	"context"
	"time"
)

// Deployment is one of my deployments with its money side.
type Deployment struct {
	// DSeq is the deployment sequence (its id for the owner).
	DSeq uint64
	// Name is a label from the SDL or the template (may be empty).
	Name string
	// State is "active", "closed", or "paused".
	State string
	// Provider is the provider of the first active lease (host or address); empty if none.
	Provider string
	// ProviderAddress is that provider's account address (akash1...), so screens can tell
	// providers apart when their hosts do not (a devnet's are all 127.0.0.1); may be empty.
	ProviderAddress string
	// PricePerBlock is the sum of the leases' prices in uact per block.
	PricePerBlock float64
	// EscrowUACT is the escrow account's remaining balance in uact.
	EscrowUACT float64
	// CreatedAt is when the deployment was created.
	CreatedAt time.Time
}

// Deployments reads my deployments.
type Deployments interface {
	// List returns every deployment of the active key, newest first.
	List(ctx context.Context) ([]Deployment, error)
}

// Attribute is a provider attribute (key=value), shown in provider detail.
type Attribute struct{ Key, Value string }

// Bid is a provider's offer on one of my orders.
type Bid struct {
	// DSeq, GSeq, OSeq identify the order; Provider the bidder's address.
	DSeq     uint64
	GSeq     uint32
	OSeq     uint32
	Provider string
	// Host is the provider's host URI; Region its region attribute (may be empty).
	Host, Region string
	// Audited is true when a trusted auditor signed the provider's attributes.
	Audited bool
	// Uptime is the provider's uptime fraction (0..1); negative when unknown.
	Uptime float64
	// GPUModels offered for the order's GPU units; GPUs is the order's GPU count.
	GPUModels []string
	GPUs      int
	// PricePerBlock in uact.
	PricePerBlock float64
	// Attributes are the provider's attributes, for the detail view.
	Attributes []Attribute
	// CreatedAt is when the bid landed.
	CreatedAt time.Time
}

// Order is an open order and how long it accepts bids.
type Order struct {
	DSeq uint64
	GSeq uint32
	OSeq uint32
	// BidsCloseAt is when the order's bidding window ends.
	BidsCloseAt time.Time
}

// Market reads orders and bids and streams new bids.
type Market interface {
	// Order returns the open order of a deployment and the bids already on it.
	Order(ctx context.Context, dseq uint64) (Order, []Bid, error)
	// WatchBids sends each new bid on the deployment's orders until ctx is cancelled, then
	// closes the channel. Bids come from chain events, not polling.
	WatchBids(ctx context.Context, dseq uint64) (<-chan Bid, error)
}

// DeploymentSDLs returns the SDL a deployment was created or last updated from (the chain
// stores only its hash, so implementations keep the documents they sent).
type DeploymentSDLs interface {
	SDL(ctx context.Context, dseq uint64) ([]byte, error)
}
