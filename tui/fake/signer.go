package fake

import (
	"context"
	"fmt"
	"sync"

	"github.com/akt-project/akt/tui/svc"
)

// Signer prepares plans from actions and "includes" them at once, recording what was sent.
type Signer struct {
	mu   sync.Mutex
	sent []svc.Action
	// Fail, when set, is returned by Broadcast (use *svc.TxError for a chain rejection).
	Fail error
}

// Prepare implements svc.Signer.
func (s *Signer) Prepare(ctx context.Context, a svc.Action) (svc.Plan, error) {
	var msg string
	switch a := a.(type) {
	case svc.CloseDeployment:
		msg = fmt.Sprintf("MsgCloseDeployment: close deployment %d and its leases, refund the escrow", a.DSeq)
	case svc.AddFunds:
		msg = fmt.Sprintf("MsgAccountDeposit: deposit %d%s into deployment %d's escrow", a.Amount, a.Denom, a.DSeq)
	case svc.AcceptBid:
		msg = fmt.Sprintf("MsgCreateLease: lease %d/%d/%d from %s", a.DSeq, a.GSeq, a.OSeq, a.Provider)
	case svc.MintACT:
		msg = fmt.Sprintf("MsgMintACT: burn %duakt, mint uact to yourself", a.UAKT)
	case svc.BurnACT:
		msg = fmt.Sprintf("MsgBurnACT: burn %duact, receive uakt", a.UACT)
	case svc.UpdateDeployment:
		msg = fmt.Sprintf("MsgUpdateDeployment: deployment %d, new manifest hash of a %d-byte SDL", a.DSeq, len(a.SDL))
	case svc.CreateDeployment:
		msg = fmt.Sprintf("MsgCreateDeployment: %d-byte SDL, deposit %duact from sources %v", len(a.SDL), a.DepositUACT, a.Sources)
	default:
		return svc.Plan{}, fmt.Errorf("unsupported action %T", a)
	}
	return svc.Plan{Messages: []string{msg}, FeeUAKT: 5_250, Gas: 210_000,
		From: "alice (akash1qyq5j0x2zvd9lq5k3n8gq0ht2zq7f8u6w9x4z3)", ChainID: "sandbox-2", Ref: a}, nil
}

// Broadcast implements svc.Signer.
func (s *Signer) Broadcast(ctx context.Context, p svc.Plan) (svc.TxResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Fail != nil {
		return svc.TxResult{}, s.Fail
	}
	a, ok := p.Ref.(svc.Action)
	if !ok {
		return svc.TxResult{}, fmt.Errorf("plan was not prepared by this signer")
	}
	s.sent = append(s.sent, a)
	res := svc.TxResult{Hash: "9F2C4E0A7B1D3C5E6F708192A3B4C5D6E7F8091A2B3C4D5E6F708192A3B4C5D6", Height: 4_118_230}
	if _, ok := a.(svc.CreateDeployment); ok {
		res.DSeq = 21_004_300
	}
	return res, nil
}

// Sent returns the actions broadcast so far.
func (s *Signer) Sent() []svc.Action {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]svc.Action(nil), s.sent...)
}

// Grants is a fixed deposit grant in uact.
type Grants uint64

// DepositGrantUACT implements svc.Grants.
func (g Grants) DepositGrantUACT(ctx context.Context) (uint64, error) { return uint64(g), nil }
