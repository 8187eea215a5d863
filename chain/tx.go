package chain

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	sdkmath "cosmossdk.io/math"
	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
)

// Broadcaster prepares, signs, sends and follows transactions for one
// signer. The TUI consumes this interface.
type Broadcaster interface {
	Prepare(ctx context.Context, msgs ...Msg) (*Plan, error)
	Broadcast(ctx context.Context, plan *Plan) (BroadcastResult, error)
	Wait(ctx context.Context, hash string) (TxResult, error)
}

// Defaults of the tx pipeline.
const (
	DefaultGasAdjustment = 1.5
	DefaultGasPrice      = "0.025"
	DefaultFeeDenom      = DenomAKT
	// DefaultOfflineGas is the gas limit of a plan prepared without network
	// access (simulation needs a node) when no gas is given.
	DefaultOfflineGas = 400000
)

// TxOption configures a TxClient.
type TxOption func(*txOptions)

type txOptions struct {
	chainID       string
	gas           uint64
	gasAdjustment float64
	gasPrice      string
	feeDenom      string
	fees          []Coin
	feeGranter    string
	memo          string
	timeoutHeight uint64
	account       *Account
	pollInterval  time.Duration
	waitTimeout   time.Duration
}

// WithTxChainID sets the chain id (required offline).
func WithTxChainID(id string) TxOption { return func(o *txOptions) { o.chainID = id } }

// WithGas sets a fixed gas limit instead of simulating.
func WithGas(gas uint64) TxOption { return func(o *txOptions) { o.gas = gas } }

// WithGasAdjustment multiplies the simulated gas (default 1.5).
func WithGasAdjustment(f float64) TxOption { return func(o *txOptions) { o.gasAdjustment = f } }

// WithGasPrice sets the gas price, a decimal per unit of gas in denom
// (default 0.025 uakt).
func WithGasPrice(price, denom string) TxOption {
	return func(o *txOptions) { o.gasPrice, o.feeDenom = price, denom }
}

// WithFees sets the fee explicitly instead of computing it from the gas price.
func WithFees(fees []Coin) TxOption { return func(o *txOptions) { o.fees = fees } }

// WithFeeGranter makes granter pay the fee through a fee allowance.
func WithFeeGranter(granter string) TxOption { return func(o *txOptions) { o.feeGranter = granter } }

// WithMemo sets the memo.
func WithMemo(memo string) TxOption { return func(o *txOptions) { o.memo = memo } }

// WithTimeoutHeight sets the block height after which the tx is invalid.
func WithTimeoutHeight(h uint64) TxOption { return func(o *txOptions) { o.timeoutHeight = h } }

// WithAccount sets the account number and sequence instead of querying
// them (offline signing).
func WithAccount(number, sequence uint64) TxOption {
	return func(o *txOptions) { o.account = &Account{Number: number, Sequence: sequence} }
}

// WithWait sets how often and how long Wait polls /tx.
func WithWait(interval, timeout time.Duration) TxOption {
	return func(o *txOptions) { o.pollInterval, o.waitTimeout = interval, timeout }
}

// TxClient implements Broadcaster. Its client may be nil for offline use
// (Prepare and Sign only), given WithTxChainID and WithAccount.
type TxClient struct {
	client *Client
	signer Signer
	enc    *Encoding
	opts   txOptions
}

var _ Broadcaster = (*TxClient)(nil)

// NewTxClient returns a Broadcaster signing with signer. client may be nil
// for offline signing.
func NewTxClient(client *Client, signer Signer, opts ...TxOption) (*TxClient, error) {
	o := txOptions{gasAdjustment: DefaultGasAdjustment, gasPrice: DefaultGasPrice, feeDenom: DefaultFeeDenom,
		pollInterval: time.Second, waitTimeout: 60 * time.Second}
	for _, f := range opts {
		f(&o)
	}
	var (
		enc *Encoding
		err error
	)
	if client != nil {
		enc, err = client.Encoding()
		if o.chainID == "" {
			o.chainID = client.ChainID()
		}
	} else {
		enc, err = NewEncoding(defaultRegistrars()...)
	}
	if err != nil {
		return nil, err
	}
	if o.chainID == "" {
		return nil, errors.New("a chain id is needed to sign offline")
	}
	if o.feeGranter != "" {
		if err := ValidateAddress(o.feeGranter); err != nil {
			return nil, fmt.Errorf("fee granter: %w", err)
		}
	}
	return &TxClient{client: client, signer: signer, enc: enc, opts: o}, nil
}

// Encoding returns the codec the client signs with.
func (t *TxClient) Encoding() *Encoding { return t.enc }

// Prepare builds the plan: account number and sequence, gas by simulation
// times the adjustment, and the fee from the gas price.
func (t *TxClient) Prepare(ctx context.Context, msgs ...Msg) (*Plan, error) {
	if len(msgs) == 0 {
		return nil, errors.New("preparing tx: no messages")
	}
	p := &Plan{
		ChainID: t.opts.chainID, Signer: t.signer.Address(), Memo: t.opts.memo, FeeGranter: t.opts.feeGranter,
		TimeoutHeight: t.opts.timeoutHeight, msgs: msgs, pubKey: t.signer.PubKey(), mode: t.signer.SignMode(),
	}
	for _, m := range msgs {
		if err := t.checkSigner(m, p.Signer); err != nil {
			return nil, err
		}
		p.Messages = append(p.Messages, Describe(m))
	}
	if t.opts.account != nil {
		p.AccountNumber, p.Sequence = t.opts.account.Number, t.opts.account.Sequence
	} else {
		if t.client == nil {
			return nil, errors.New("preparing tx offline: the account number and sequence are needed")
		}
		acc, err := t.client.Account(ctx, p.Signer)
		if err != nil {
			return nil, fmt.Errorf("preparing tx: %w", err)
		}
		p.AccountNumber, p.Sequence = acc.Number, acc.Sequence
	}
	switch {
	case t.opts.gas > 0:
		p.Gas = t.opts.gas
	case t.client == nil:
		p.Gas = DefaultOfflineGas
	default:
		used, err := t.simulate(ctx, p)
		if err != nil {
			return nil, err
		}
		p.Gas = uint64(math.Ceil(float64(used)*t.opts.gasAdjustment)) + gasHeadroom(msgs)
		p.GasEstimated = true
	}
	fee, err := t.fee(p.Gas)
	if err != nil {
		return nil, err
	}
	p.Fee = fee
	return p, nil
}

// leaseGasHeadroom is added to the simulated gas of a lease creation:
// accepting a bid closes every other open bid on the order, and bids that
// arrive between simulation and inclusion make it cost more than simulated
// (measured on the devnet: about 45,000 gas per extra bid).
const leaseGasHeadroom = 150000

// gasHeadroom returns the extra gas some messages need beyond simulation:
// accepting a bid, and closing a deployment or group, close every open bid
// on their orders, and bids keep arriving between simulation and inclusion
// (seen on the devnet: a close sent two blocks after create ran out of gas).
func gasHeadroom(msgs []Msg) uint64 {
	var extra uint64
	for _, m := range msgs {
		switch sdk.MsgTypeURL(m) {
		case "/akash.market.v1beta5.MsgCreateLease",
			"/akash.deployment.v1beta4.MsgCloseDeployment",
			"/akash.deployment.v1beta4.MsgCloseGroup":
			extra += leaseGasHeadroom
		}
	}
	return extra
}

// checkSigner makes sure the message is signed by the plan's signer (the
// chain would reject it otherwise, after the user paid for nothing).
func (t *TxClient) checkSigner(m Msg, signer string) error {
	signers, _, err := t.enc.Codec.GetMsgV1Signers(m)
	if err != nil {
		return fmt.Errorf("finding the signer of %s: %w", sdk.MsgTypeURL(m), err)
	}
	want, err := decodeAddress(signer)
	if err != nil {
		return err
	}
	for _, s := range signers {
		if !bytes.Equal(s, want) {
			return fmt.Errorf("%s must be signed by %s, not %s", sdk.MsgTypeURL(m), encodeAddress(s), signer)
		}
	}
	return nil
}

// fee returns the explicit fees or ceil(gas × gas price).
func (t *TxClient) fee(gas uint64) ([]Coin, error) {
	if len(t.opts.fees) > 0 {
		return t.opts.fees, nil
	}
	price, err := sdkmath.LegacyNewDecFromStr(t.opts.gasPrice)
	if err != nil {
		return nil, fmt.Errorf("gas price %q is not a decimal: %w", t.opts.gasPrice, err)
	}
	amt := price.MulInt64(int64(gas)).Ceil().TruncateInt()
	return []Coin{{Denom: t.opts.feeDenom, Amount: amt.String()}}, nil
}

// simulate runs the plan through the node's Simulate service with an empty
// signature and returns the gas used.
func (t *TxClient) simulate(ctx context.Context, p *Plan) (uint64, error) {
	fee, err := t.fee(0)
	if err != nil {
		return 0, err
	}
	sim := *p
	sim.Fee = fee
	tx, err := sim.encodeTx(nil)
	if err != nil {
		return 0, err
	}
	var resp txtypes.SimulateResponse
	err = t.client.abciQuery(ctx, "/cosmos.tx.v1beta1.Service/Simulate", &txtypes.SimulateRequest{TxBytes: tx.Bytes}, &resp)
	var qe *QueryError
	if errors.As(err, &qe) {
		return 0, t.nameAddresses(newTxError("simulate", "", qe.Codespace, qe.Code, qe.Log), p)
	}
	if err != nil {
		return 0, fmt.Errorf("simulating tx: %w", err)
	}
	if resp.GasInfo == nil {
		return 0, errors.New("simulating tx: the node returned no gas info")
	}
	return resp.GasInfo.GasUsed, nil
}

// BroadcastResult is a tx accepted into the mempool.
type BroadcastResult struct {
	Hash string `json:"hash"`
	// Included is set when the tx was found on chain already (after a
	// broadcast whose answer was lost).
	Included *TxResult `json:"included,omitempty"`
}

// Broadcast signs the plan (SIGN_MODE_DIRECT for keyring keys) and sends it
// with broadcast_tx_sync. On a sequence mismatch it refetches the account
// once and re-signs. If the node's answer is lost, it looks the tx up by
// hash and re-sends only the same bytes, so a tx is never signed twice
// with different contents.
func (t *TxClient) Broadcast(ctx context.Context, p *Plan) (BroadcastResult, error) {
	if t.client == nil {
		return BroadcastResult{}, errors.New("broadcasting needs a connection to a node")
	}
	res, err := t.signAndSend(ctx, p)
	if errors.Is(err, ErrSequenceMismatch) && t.opts.account == nil {
		acc, aerr := t.client.Account(ctx, p.Signer)
		if aerr != nil {
			return BroadcastResult{}, fmt.Errorf("refetching account after %v: %w", err, aerr)
		}
		if acc.Sequence == p.Sequence {
			return BroadcastResult{}, err
		}
		retry := *p
		retry.AccountNumber, retry.Sequence = acc.Number, acc.Sequence
		res, err = t.signAndSend(ctx, &retry)
		if err == nil {
			*p = retry
		}
	}
	var te *TxError
	if errors.As(err, &te) {
		t.nameAddresses(te, p)
	}
	return res, err
}

func (t *TxClient) signAndSend(ctx context.Context, p *Plan) (BroadcastResult, error) {
	signed, err := Sign(ctx, t.enc, p, t.signer)
	if err != nil {
		return BroadcastResult{}, err
	}
	return t.send(ctx, signed)
}

// send broadcasts signed bytes; a lost answer is resolved by hash.
func (t *TxClient) send(ctx context.Context, signed SignedTx) (BroadcastResult, error) {
	res, err := t.client.broadcastSync(ctx, signed)
	var ce *connError
	if err == nil || !errors.As(err, &ce) {
		return res, err
	}
	// The node may have the tx: look it up before anything else.
	found, lerr := t.lookup(ctx, signed.Hash, 3)
	if lerr == nil {
		return BroadcastResult{Hash: signed.Hash, Included: &found}, nil
	}
	if !errors.Is(lerr, ErrTxNotFound) {
		return BroadcastResult{}, fmt.Errorf("%w: tx %s: %w; lookup: %w", ErrBroadcastUnknown, signed.Hash, err, lerr)
	}
	// Not on chain: re-send the very same bytes (same hash, same sequence;
	// the chain can include it at most once).
	res, err2 := t.client.broadcastSync(ctx, signed)
	if err2 != nil {
		return BroadcastResult{}, fmt.Errorf("%w: tx %s: %w; re-send: %w", ErrBroadcastUnknown, signed.Hash, err, err2)
	}
	return res, nil
}

// broadcastSync sends tx bytes and classifies CheckTx failures.
func (c *Client) broadcastSync(ctx context.Context, signed SignedTx) (BroadcastResult, error) {
	var res coretypes.ResultBroadcastTx
	params := map[string]any{"tx": base64.StdEncoding.EncodeToString(signed.Bytes)}
	err := c.rpc.call(ctx, "broadcast_tx_sync", params, &res, false)
	var re *rpcError
	if errors.As(err, &re) && strings.Contains(re.Data+re.Message, "already exists in cache") {
		return BroadcastResult{Hash: signed.Hash}, nil
	}
	if err != nil {
		return BroadcastResult{}, fmt.Errorf("broadcasting tx %s: %w", signed.Hash, err)
	}
	if res.Code != 0 {
		return BroadcastResult{}, newTxError("check", signed.Hash, res.Codespace, res.Code, res.Log)
	}
	return BroadcastResult{Hash: signed.Hash}, nil
}
