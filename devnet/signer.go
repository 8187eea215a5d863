package devnet

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
)

// Gas and fee the devnet's own accounts (providers, auditor) use for every transaction.
const (
	signerGas  = 400_000
	signerFees = "1000uakt"
)

// signer signs and broadcasts transactions for one in-process account, keeping its
// sequence locally so several transactions can go out in one block.
type signer struct {
	cctx client.Context
	kr   keyring.Keyring
	name string
	addr sdk.AccAddress

	// feeGranter, when set, pays the fees through a feegrant allowance.
	feeGranter sdk.AccAddress

	mu     sync.Mutex
	loaded bool
	accNum uint64
	seq    uint64
}

func newSigner(cctx client.Context, kr keyring.Keyring, name string, addr sdk.AccAddress) *signer {
	return &signer{cctx: cctx, kr: kr, name: name, addr: addr}
}

// broadcast signs msgs and submits them with CheckTx (sync mode). The returned response
// carries the tx hash; a non-zero code is returned as an error.
func (s *signer) broadcast(ctx context.Context, msgs ...sdk.Msg) (*sdk.TxResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		if !s.loaded {
			num, seq, err := authtypes.AccountRetriever{}.GetAccountNumberSequence(s.cctx, s.addr)
			if err != nil {
				return nil, fmt.Errorf("loading account %s (%s): %w", s.name, s.addr, err)
			}
			s.accNum, s.seq, s.loaded = num, seq, true
		}
		res, err := s.signAndSend(ctx, msgs)
		if err == nil {
			s.seq++
			return res, nil
		}
		// A sequence mismatch means our local view is stale: reload once and retry.
		if attempt == 0 && strings.Contains(err.Error(), "account sequence mismatch") {
			s.loaded = false
			continue
		}
		return nil, err
	}
}

func (s *signer) signAndSend(ctx context.Context, msgs []sdk.Msg) (*sdk.TxResponse, error) {
	f := tx.Factory{}.
		WithTxConfig(s.cctx.TxConfig).
		WithKeybase(s.kr).
		WithChainID(s.cctx.ChainID).
		WithAccountNumber(s.accNum).
		WithSequence(s.seq).
		WithGas(signerGas).
		WithFees(signerFees).
		WithSignMode(signing.SignMode_SIGN_MODE_DIRECT).
		WithFeeGranter(s.feeGranter)
	txb, err := f.BuildUnsignedTx(msgs...)
	if err != nil {
		return nil, fmt.Errorf("building tx for %s: %w", s.name, err)
	}
	if err := tx.Sign(ctx, f, s.name, txb, true); err != nil {
		return nil, fmt.Errorf("signing tx for %s: %w", s.name, err)
	}
	bz, err := s.cctx.TxConfig.TxEncoder()(txb.GetTx())
	if err != nil {
		return nil, fmt.Errorf("encoding tx for %s: %w", s.name, err)
	}
	res, err := s.cctx.BroadcastTxSync(bz)
	if err != nil {
		return nil, fmt.Errorf("broadcasting tx for %s: %w", s.name, err)
	}
	if res.Code != 0 {
		return res, fmt.Errorf("tx from %s rejected (code %d): %s", s.name, res.Code, res.RawLog)
	}
	return res, nil
}

// waitTx waits until the tx with hash is in a block and returns its result; a failed
// DeliverTx is returned as an error.
func waitTx(ctx context.Context, cctx client.Context, hash string) (*sdk.TxResponse, error) {
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		res, err := authtx.QueryTx(cctx, hash)
		if err == nil {
			if res.Code != 0 {
				return res, fmt.Errorf("tx %s failed (code %d): %s", hash, res.Code, res.RawLog)
			}
			return res, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("waiting for tx %s: %w", hash, errors.Join(ctx.Err(), err))
		case <-t.C:
		}
	}
}
