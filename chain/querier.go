package chain

import "context"

// Querier is the read side of the chain the TUI consumes. *Client
// implements it; tests fake it.
type Querier interface {
	Status(ctx context.Context) (NodeStatus, error)
	Balances(ctx context.Context, addr string) ([]Coin, error)
	Account(ctx context.Context, addr string) (Account, error)
	Deployments(ctx context.Context, f DeploymentFilter) ([]Deployment, error)
	Deployment(ctx context.Context, owner string, dseq uint64) (Deployment, error)
	Orders(ctx context.Context, owner string, dseq uint64) ([]Order, error)
	Bids(ctx context.Context, owner string, dseq uint64, state string) ([]Bid, error)
	Leases(ctx context.Context, f LeaseFilter) ([]Lease, error)
	Providers(ctx context.Context) ([]Provider, error)
	Provider(ctx context.Context, addr string) (Provider, error)
	Certificates(ctx context.Context, owner, state string) ([]Certificate, error)
	GrantsByGranter(ctx context.Context, granter string) ([]Grant, error)
	GrantsByGrantee(ctx context.Context, grantee string) ([]Grant, error)
	FeeGrantsByGranter(ctx context.Context, granter string) ([]FeeGrant, error)
	FeeGrantsByGrantee(ctx context.Context, grantee string) ([]FeeGrant, error)
	BME(ctx context.Context) (BMEStatus, error)
	Tx(ctx context.Context, hash string) (TxResult, error)
}

var _ Querier = (*Client)(nil)
