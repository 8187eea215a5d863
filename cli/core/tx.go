package core

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/akt-project/akt/chain"
)

// chainCommands returns the commands that talk to a chain or the keyring;
// the root adds them with root.AddCommand(chainCommands(a)...).
func chainCommands(a *App) []*cobra.Command {
	return []*cobra.Command{
		newKeysCmd(a), newBalanceCmd(a), newSendCmd(a), newDeployCmd(a), newBidsCmd(a),
		newLeaseCmd(a), newProviderCmd(a), newAuthzCmd(a), newFeegrantCmd(a), newActCmd(a),
	}
}

// txFlags are the flags every transaction command takes.
type txFlags struct {
	yes           bool
	dryRun        bool
	gas           string
	gasAdjustment float64
	gasPrices     string
	fees          string
	feeGranter    string
	memo          string
	accountNumber int64
	sequence      int64
	chainID       string
	noWait        bool
	execAs        string
}

func addTxFlags(cmd *cobra.Command) *txFlags {
	f := &txFlags{}
	fs := cmd.Flags()
	fs.BoolVarP(&f.yes, "yes", "y", false, "sign and broadcast without asking")
	fs.BoolVar(&f.dryRun, "dry-run", false, "print the unsigned tx and its sign bytes (hex) without broadcasting")
	fs.StringVar(&f.gas, "gas", "auto", `gas limit, or "auto" to simulate`)
	fs.Float64Var(&f.gasAdjustment, "gas-adjustment", 0, "multiplier of the simulated gas (default: the network's)")
	fs.StringVar(&f.gasPrices, "gas-prices", "", "gas price, e.g. 0.025uakt (default: the network's)")
	fs.StringVar(&f.fees, "fees", "", "explicit fee, e.g. 5000uakt (instead of gas × price)")
	fs.StringVar(&f.feeGranter, "fee-granter", "", "address paying the fee through a fee grant")
	fs.StringVar(&f.memo, "memo", "", "memo")
	fs.Int64Var(&f.accountNumber, "account-number", -1, "account number (offline signing)")
	fs.Int64Var(&f.sequence, "sequence", -1, "account sequence (offline signing)")
	fs.StringVar(&f.chainID, "chain-id", "", "chain id (offline signing; default: the network's)")
	fs.BoolVar(&f.noWait, "no-wait", false, "return after broadcast instead of waiting for inclusion")
	fs.StringVar(&f.execAs, "exec-as", "", "act for GRANTER through a generic authz grant: the messages are the granter's, wrapped in MsgExec signed by --from")
	return f
}

// offline reports whether the tx can be prepared without a node.
func (f *txFlags) offline() bool {
	return f.dryRun && f.accountNumber >= 0 && f.sequence >= 0 && f.chainID != ""
}

// txOptions maps flags and the network to chain tx options.
func txOptions(a *App, f *txFlags) ([]chain.TxOption, error) {
	cfg, err := a.Config()
	if err != nil {
		return nil, err
	}
	n := cfg.Network
	var opts []chain.TxOption
	price, denom := n.GasPrice, n.FeeDenom
	if f.gasPrices != "" {
		i := strings.IndexFunc(f.gasPrices, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
		if i <= 0 {
			return nil, fmt.Errorf("--gas-prices %q: want an amount and a denom, e.g. 0.025uakt", f.gasPrices)
		}
		price, denom = f.gasPrices[:i], f.gasPrices[i:]
	}
	if price != "" && denom != "" {
		opts = append(opts, chain.WithGasPrice(price, denom))
	}
	adj := n.GasAdjustment
	if f.gasAdjustment > 0 {
		adj = f.gasAdjustment
	}
	if adj > 0 {
		opts = append(opts, chain.WithGasAdjustment(adj))
	}
	if f.gas != "" && f.gas != "auto" {
		g, err := strconv.ParseUint(f.gas, 10, 64)
		if err != nil || g == 0 {
			return nil, fmt.Errorf("--gas %q: want a positive integer or auto", f.gas)
		}
		opts = append(opts, chain.WithGas(g))
	}
	if f.fees != "" {
		fees, err := chain.ParseCoins(f.fees)
		if err != nil {
			return nil, fmt.Errorf("--fees: %w", err)
		}
		opts = append(opts, chain.WithFees(fees))
	}
	if f.feeGranter != "" {
		opts = append(opts, chain.WithFeeGranter(f.feeGranter))
	}
	if f.memo != "" {
		opts = append(opts, chain.WithMemo(f.memo))
	}
	if f.accountNumber >= 0 && f.sequence >= 0 {
		opts = append(opts, chain.WithAccount(uint64(f.accountNumber), uint64(f.sequence)))
	} else if f.accountNumber >= 0 || f.sequence >= 0 {
		return nil, errors.New("--account-number and --sequence go together")
	}
	chainID := n.ChainID
	if f.chainID != "" {
		chainID = f.chainID
	}
	if chainID != "" {
		opts = append(opts, chain.WithTxChainID(chainID))
	}
	return opts, nil
}

// txSigner opens the keyring and returns the --from signer.
func txSigner(a *App) (chain.Signer, error) {
	cfg, err := a.Config()
	if err != nil {
		return nil, err
	}
	if cfg.From == "" {
		return nil, errors.New("no signing key selected: use --from NAME (see akt keys list)")
	}
	kr, err := openKeyring(a)
	if err != nil {
		return nil, err
	}
	return kr.Signer(cfg.From)
}

// dryRunJSON is what --dry-run prints.
type dryRunJSON struct {
	Plan         *chain.Plan     `json:"plan"`
	UnsignedTx   json.RawMessage `json:"unsigned_tx"`
	SignBytesHex string          `json:"sign_bytes_hex"`
}

// txResultJSON is what a broadcast prints.
type txResultJSON struct {
	Hash     string          `json:"hash"`
	Included bool            `json:"included"`
	Height   int64           `json:"height,omitempty"`
	GasUsed  int64           `json:"gas_used,omitempty"`
	Events   []chain.Event   `json:"events,omitempty"`
	Plan     *chain.Plan     `json:"plan"`
	Result   *chain.TxResult `json:"-"`
}

// runTx prepares msgs (built by build for the signer's address), then
// prints a dry run, or confirms, broadcasts and waits.
func runTx(a *App, ctx context.Context, f *txFlags, build func(from string) ([]chain.Msg, error)) (*txResultJSON, error) {
	signer, err := txSigner(a)
	if err != nil {
		return nil, err
	}
	msgs, err := buildMsgs(f, signer.Address(), build)
	if err != nil {
		return nil, err
	}
	opts, err := txOptions(a, f)
	if err != nil {
		return nil, err
	}
	var client *chain.Client
	if !f.offline() {
		if client, _, err = dial(a, ctx); err != nil {
			return nil, err
		}
	}
	tc, err := chain.NewTxClient(client, signer, opts...)
	if err != nil {
		return nil, err
	}
	plan, err := tc.Prepare(ctx, msgs...)
	if err != nil {
		return nil, err
	}
	if f.dryRun {
		return nil, printDryRun(a, tc, plan)
	}
	printPlan(a, plan)
	if !f.yes {
		ok, err := confirm(a, "Sign and broadcast?")
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, errors.New("transaction not sent")
		}
	}
	res, err := tc.Broadcast(ctx, plan)
	if err != nil {
		return nil, err
	}
	out := &txResultJSON{Hash: res.Hash, Plan: plan}
	fmt.Fprintf(a.Err, "Broadcast %s\n", res.Hash)
	if f.noWait {
		return out, printTxResult(a, out)
	}
	tr := res.Included
	if tr == nil {
		fmt.Fprintln(a.Err, "Waiting for inclusion…")
		r, err := tc.Wait(ctx, res.Hash)
		if err != nil {
			return nil, err
		}
		tr = &r
	}
	out.Included, out.Height, out.GasUsed, out.Events, out.Result = true, tr.Height, tr.GasUsed, tr.Events, tr
	return out, printTxResult(a, out)
}

func printDryRun(a *App, tc *chain.TxClient, plan *chain.Plan) error {
	unsigned, err := plan.UnsignedJSON(tc.Encoding())
	if err != nil {
		return err
	}
	sb, err := plan.SignBytes(tc.Encoding())
	if err != nil {
		return err
	}
	if a.JSON() {
		return a.PrintJSON(dryRunJSON{Plan: plan, UnsignedTx: unsigned, SignBytesHex: hex.EncodeToString(sb)})
	}
	printPlanTo(a, plan, true)
	fmt.Fprintf(a.Out, "\nunsigned tx:\n%s\n\nsign bytes (hex):\n%s\n", unsigned, hex.EncodeToString(sb))
	return nil
}

// printPlan shows the confirm summary on stderr (stdout stays clean for JSON).
func printPlan(a *App, p *chain.Plan) { printPlanTo(a, p, false) }

func printPlanTo(a *App, p *chain.Plan, stdout bool) {
	w := a.Err
	if stdout {
		w = a.Out
	}
	fmt.Fprintf(w, "Network:  %s\nSigner:   %s\n", p.ChainID, p.Signer)
	for _, m := range p.Messages {
		fmt.Fprintf(w, "  • %s\n", m.Text)
	}
	fee := make([]string, 0, len(p.Fee))
	for _, c := range p.Fee {
		fee = append(fee, c.String())
	}
	est := ""
	if p.GasEstimated {
		est = " (simulated)"
	}
	fmt.Fprintf(w, "Gas:      %d%s\nFee:      %s", p.Gas, est, strings.Join(fee, ","))
	if p.FeeGranter != "" {
		fmt.Fprintf(w, " paid by %s", p.FeeGranter)
	}
	fmt.Fprintln(w)
	if p.Memo != "" {
		fmt.Fprintf(w, "Memo:     %s\n", p.Memo)
	}
}

func printTxResult(a *App, r *txResultJSON) error {
	if a.JSON() {
		return a.PrintJSON(r)
	}
	if r.Included {
		fmt.Fprintf(a.Out, "Included in block %d (gas used %d): %s\n", r.Height, r.GasUsed, r.Hash)
	} else {
		fmt.Fprintf(a.Out, "Broadcast: %s\n", r.Hash)
	}
	return nil
}

// printTx runs a tx and prints nothing more (the common case).
func txRunE(a *App, f *txFlags, build func(cmd *cobra.Command, args []string, from string) ([]chain.Msg, error)) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		_, err := runTx(a, cmd.Context(), f, func(from string) ([]chain.Msg, error) { return build(cmd, args, from) })
		return err
	}
}

// one turns a message constructor's result into the message list a tx
// command builds.
func one(m chain.Msg, err error) ([]chain.Msg, error) {
	if err != nil {
		return nil, err
	}
	return []chain.Msg{m}, nil
}

// buildMsgs builds the tx's messages for the signer, or, with --exec-as
// GRANTER, builds them for the granter and wraps them in one MsgExec signed
// by the grantee (the chain checks the grantee holds a grant for each).
func buildMsgs(f *txFlags, signer string, build func(from string) ([]chain.Msg, error)) ([]chain.Msg, error) {
	if f.execAs == "" {
		return build(signer)
	}
	if err := chain.ValidateAddress(f.execAs); err != nil {
		return nil, fmt.Errorf("--exec-as: %w", err)
	}
	inner, err := build(f.execAs)
	if err != nil {
		return nil, err
	}
	return one(chain.NewExec(signer, inner...))
}
