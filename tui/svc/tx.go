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
}

// Summary implements Action.
func (a CloseDeployment) Summary() string { return fmt.Sprintf("Close deployment %d", a.DSeq) }

// Summary implements Action.
func (a AddFunds) Summary() string { return fmt.Sprintf("Add funds to deployment %d", a.DSeq) }

// Summary implements Action.
func (a AcceptBid) Summary() string {
	return fmt.Sprintf("Accept the bid of %s on %d/%d/%d", a.Provider, a.DSeq, a.GSeq, a.OSeq)
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
