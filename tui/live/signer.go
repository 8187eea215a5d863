package live

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/akt-project/akt/chain"
	"github.com/akt-project/akt/config"
	"github.com/akt-project/akt/tui/svc"
)

// signer implements svc.Signer: Prepare turns an Action into chain messages and simulates
// them (nothing is signed); Broadcast signs exactly the prepared plan, sends it and waits
// for inclusion. The TUI shows the plan and asks before it calls Broadcast.
type signer struct{ s *Session }

var _ svc.Signer = signer{}

func newSigner(s *Session) svc.Signer { return signer{s} }

// prepared is the adapter's handle on a prepared transaction (svc.Plan.Ref).
type prepared struct {
	gen     int
	network string
	tc      *chain.TxClient
	plan    *chain.Plan
	action  svc.Action
	dseq    uint64 // the deployment's sequence, for CreateDeployment and UpdateDeployment
	sdl     []byte // the SDL to store once the transaction is included
}

// txOptions are the network's fee settings.
func txOptions(n config.Network) []chain.TxOption {
	var opts []chain.TxOption
	if n.GasPrice != "" && n.FeeDenom != "" {
		opts = append(opts, chain.WithGasPrice(n.GasPrice, n.FeeDenom))
	}
	if n.GasAdjustment > 0 {
		opts = append(opts, chain.WithGasAdjustment(n.GasAdjustment))
	}
	if n.ChainID != "" {
		opts = append(opts, chain.WithTxChainID(n.ChainID))
	}
	return opts
}

// Prepare implements svc.Signer.
func (sg signer) Prepare(ctx context.Context, a svc.Action) (svc.Plan, error) {
	s := sg.s
	key, st, err := s.signer()
	if err != nil {
		return svc.Plan{}, err
	}
	ctx, cancel := s.call(ctx)
	defer cancel()
	c, st, err := s.chainClient(ctx)
	if err != nil {
		return svc.Plan{}, err
	}
	p := &prepared{gen: st.gen, network: st.netName, action: a}
	msgs, err := sg.messages(ctx, c, key.Address(), a, p)
	if err != nil {
		return svc.Plan{}, fmt.Errorf("%s on %s: %w", a.Summary(), st.netName, err)
	}
	tc, err := chain.NewTxClient(c, key, txOptions(st.net)...)
	if err != nil {
		return svc.Plan{}, fmt.Errorf("%s on %s: %w", a.Summary(), st.netName, err)
	}
	plan, err := tc.Prepare(ctx, msgs...)
	if err != nil {
		return svc.Plan{}, txErr(fmt.Sprintf("preparing %q on %s", a.Summary(), st.netName), err)
	}
	p.tc, p.plan = tc, plan
	out := svc.Plan{Gas: plan.Gas, ChainID: plan.ChainID, From: fmt.Sprintf("%s (%s)", st.from, plan.Signer), Ref: p}
	for _, m := range plan.Messages {
		out.Messages = append(out.Messages, m.Text)
	}
	for _, f := range plan.Fee {
		if f.Denom == chain.DenomAKT {
			out.FeeUAKT, _ = strconv.ParseUint(f.Amount, 10, 64)
		}
	}
	return out, nil
}

// messages builds the chain messages of an action signed by owner.
func (sg signer) messages(ctx context.Context, c *chain.Client, owner string, a svc.Action, p *prepared) ([]chain.Msg, error) {
	var (
		m   chain.Msg
		err error
	)
	switch a := a.(type) {
	case svc.CreateDeployment:
		groups, version, _, perr := chain.DeploymentFromSDL(a.SDL)
		if perr != nil {
			return nil, fmt.Errorf("reading the SDL: %w", perr)
		}
		status, serr := c.Status(ctx)
		if serr != nil {
			return nil, fmt.Errorf("reading the latest block for the deployment sequence: %w", serr)
		}
		sources, serr := depositSources(a.Sources)
		if serr != nil {
			return nil, serr
		}
		p.dseq, p.sdl = uint64(status.LatestHeight), append([]byte(nil), a.SDL...)
		deposit := chain.Coin{Denom: chain.DenomACT, Amount: strconv.FormatUint(a.DepositUACT, 10)}
		m, err = chain.NewCreateDeployment(owner, p.dseq, groups, version, deposit, sources)
	case svc.UpdateDeployment:
		_, version, _, perr := chain.DeploymentFromSDL(a.SDL)
		if perr != nil {
			return nil, fmt.Errorf("reading the SDL: %w", perr)
		}
		p.dseq, p.sdl = a.DSeq, append([]byte(nil), a.SDL...)
		m, err = chain.NewUpdateDeployment(owner, a.DSeq, version)
	case svc.CloseDeployment:
		m, err = chain.NewCloseDeployment(owner, a.DSeq)
	case svc.MintACT:
		m, err = chain.NewMintACT(owner, chain.Coin{Denom: chain.DenomAKT, Amount: strconv.FormatUint(a.UAKT, 10)})
	case svc.BurnACT:
		m, err = chain.NewBurnACT(owner, chain.Coin{Denom: chain.DenomACT, Amount: strconv.FormatUint(a.UACT, 10)})
	case svc.AddFunds:
		if a.Denom != chain.DenomACT && a.Denom != chain.DenomAKT {
			return nil, fmt.Errorf("deposit denom %q: want uact or uakt", a.Denom)
		}
		amount := chain.Coin{Denom: a.Denom, Amount: strconv.FormatUint(a.Amount, 10)}
		m, err = chain.NewDeploymentDeposit(owner, owner, a.DSeq, amount, []chain.DepositSource{chain.SourceBalance})
	case svc.AcceptBid:
		id, berr := sg.bidID(ctx, c, owner, a)
		if berr != nil {
			return nil, berr
		}
		m, err = chain.NewCreateLease(id)
	default:
		return nil, fmt.Errorf("akt cannot sign a %T yet", a)
	}
	if err != nil {
		return nil, err
	}
	return []chain.Msg{m}, nil
}

// bidID finds the open bid an AcceptBid names (the chain's bid id includes its bseq).
func (sg signer) bidID(ctx context.Context, c *chain.Client, owner string, a svc.AcceptBid) (chain.LeaseID, error) {
	bids, err := c.Bids(ctx, owner, a.DSeq, "open")
	if err != nil {
		return chain.LeaseID{}, fmt.Errorf("looking up the bid: %w", err)
	}
	for _, b := range bids {
		if b.ID.Provider == a.Provider && b.ID.GSeq == a.GSeq && b.ID.OSeq == a.OSeq {
			return b.ID, nil
		}
	}
	return chain.LeaseID{}, fmt.Errorf("no open bid of %s on %d/%d/%d (it may have been closed)", a.Provider, a.DSeq, a.GSeq, a.OSeq)
}

// depositSources maps the TUI's sources (in the order the chain tries them).
func depositSources(in []svc.DepositSource) ([]chain.DepositSource, error) {
	out := make([]chain.DepositSource, 0, len(in))
	for _, s := range in {
		switch s {
		case svc.FromBalance:
			out = append(out, chain.SourceBalance)
		case svc.FromGrant:
			out = append(out, chain.SourceGrant)
		default:
			return nil, fmt.Errorf("unknown deposit source %d", s)
		}
	}
	return out, nil
}

// Broadcast implements svc.Signer: it signs the prepared plan, sends it and waits for its
// inclusion. A chain rejection comes back as *svc.TxError. A deployment's SDL is stored
// once the deployment exists or is updated, so its manifest can be sent later.
func (sg signer) Broadcast(ctx context.Context, plan svc.Plan) (svc.TxResult, error) {
	s := sg.s
	p, ok := plan.Ref.(*prepared)
	if !ok || p == nil || p.tc == nil {
		return svc.TxResult{}, errors.New("broadcasting: the plan was not prepared by this console")
	}
	if st := s.snapshot(); st.gen != p.gen {
		return svc.TxResult{}, fmt.Errorf("broadcasting %q: the network or key changed since it was prepared on %s; prepare it again", p.action.Summary(), p.network)
	}
	what := fmt.Sprintf("%q on %s", p.action.Summary(), p.network)
	res, err := p.tc.Broadcast(ctx, p.plan)
	if err != nil {
		return svc.TxResult{}, txErr("broadcasting "+what, err)
	}
	s.log.Info("broadcast", "tx", res.Hash, "action", p.action.Summary(), "network", p.network)
	included := res.Included
	if included == nil {
		r, err := p.tc.Wait(ctx, res.Hash)
		if err != nil {
			return svc.TxResult{}, txErr(fmt.Sprintf("waiting for %s (tx %s)", what, res.Hash), err)
		}
		included = &r
	}
	out := svc.TxResult{Hash: res.Hash, Height: included.Height}
	if _, ok := p.action.(svc.CreateDeployment); ok {
		out.DSeq = p.dseq
	}
	if p.sdl != nil {
		if err := s.store.Put(p.network, p.dseq, p.sdl); err != nil {
			s.log.Warn("storing the deployment's SDL", "dseq", p.dseq, "err", err)
		}
	}
	return out, nil
}

// txErr turns a chain rejection into the TUI's TxError and wraps anything else.
func txErr(what string, err error) error {
	var te *chain.TxError
	if errors.As(err, &te) {
		return &svc.TxError{Code: te.Code, Codespace: te.Codespace, RawLog: te.Log}
	}
	return fmt.Errorf("%s: %w", what, err)
}
