package svc

import (
	"context"
	"fmt"
)

// Action is a transaction the user asked for. The set is closed: adapters switch on the
// concrete types below and turn each into chain messages.
type Action interface {
	// Summary is a short imperative sentence for titles ("Close deployment 123").
	Summary() string
	isAction()
}

// CloseDeployment closes a deployment and its leases; the escrow's remainder is refunded.
type CloseDeployment struct{ DSeq uint64 }

// AddFunds deposits into a deployment's escrow account.
type AddFunds struct {
	DSeq uint64
	// Denom is "uact" or "uakt" (AKT is converted by the chain); Amount in that micro-unit.
	Denom  string
	Amount uint64
}

// AcceptBid creates a lease from a bid.
type AcceptBid struct {
	DSeq     uint64
	GSeq     uint32
	OSeq     uint32
	Provider string
	// Host names the provider in the dialog; adapters ignore it.
	Host string
}

// Summary implements Action.
func (a CloseDeployment) Summary() string { return fmt.Sprintf("Close deployment %d", a.DSeq) }

// Summary implements Action.
func (a AddFunds) Summary() string { return fmt.Sprintf("Add funds to deployment %d", a.DSeq) }

// Summary implements Action.
func (a AcceptBid) Summary() string {
	who := a.Host
	if who == "" {
		who = a.Provider
	}
	return fmt.Sprintf("Accept the bid of %s on %d/%d/%d", who, a.DSeq, a.GSeq, a.OSeq)
}

func (CloseDeployment) isAction() {}
func (AddFunds) isAction()        {}
func (AcceptBid) isAction()       {}

// Plan is a prepared, unsigned transaction: everything the confirm dialog shows.
type Plan struct {
	// Messages describe each message in words ("MsgCloseDeployment: close deployment 123").
	Messages []string
	// FeeUAKT is the fee in uakt; Gas the gas limit.
	FeeUAKT uint64
	Gas     uint64
	// From is the signer's key name and address; ChainID the network it goes to.
	From, ChainID string
	// Ref is the adapter's own handle to the prepared transaction, passed back to Broadcast.
	Ref any
}

// TxResult is an included transaction.
type TxResult struct {
	Hash   string
	Height int64
	// DSeq is the new deployment's sequence, set for CreateDeployment.
	DSeq uint64
}

// TxError is a transaction the chain rejected: the dialog shows the code and the raw log.
type TxError struct {
	Code      uint32
	Codespace string
	RawLog    string
}

// Error implements error.
func (e *TxError) Error() string {
	return fmt.Sprintf("transaction failed with code %d (%s): %s", e.Code, e.Codespace, e.RawLog)
}

// Signer prepares and broadcasts transactions: Prepare simulates and prices without signing,
// Broadcast signs, sends and waits for inclusion.
type Signer interface {
	Prepare(ctx context.Context, a Action) (Plan, error)
	Broadcast(ctx context.Context, p Plan) (TxResult, error)
}

// MintACT burns AKT to mint ACT at the chain's rate; it settles in a later block.
type MintACT struct{ UAKT uint64 }

// BurnACT burns ACT to get AKT back at the chain's rate; it settles in a later block.
type BurnACT struct{ UACT uint64 }

// Summary implements Action.
func (a MintACT) Summary() string { return fmt.Sprintf("Mint ACT from %s AKT", microText(a.UAKT)) }

// Summary implements Action.
func (a BurnACT) Summary() string { return fmt.Sprintf("Burn %s ACT back to AKT", microText(a.UACT)) }

func (MintACT) isAction() {}
func (BurnACT) isAction() {}

// UpdateDeployment replaces a deployment's SDL (its manifest version); the new manifest must
// then be sent to every lease.
type UpdateDeployment struct {
	DSeq uint64
	SDL  []byte
}

// Summary implements Action.
func (a UpdateDeployment) Summary() string { return fmt.Sprintf("Update deployment %d", a.DSeq) }

func (UpdateDeployment) isAction() {}
