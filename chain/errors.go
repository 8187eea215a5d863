package chain

import (
	"errors"
	"fmt"
	"strings"
)

// Error kinds a caller can test with errors.Is. A *TxError wraps one of
// them when the chain's code says which.
var (
	ErrInsufficientFunds = errors.New("insufficient funds")
	ErrInsufficientFee   = errors.New("insufficient fee")
	ErrOutOfGas          = errors.New("out of gas")
	ErrUnauthorized      = errors.New("unauthorized")
	ErrSequenceMismatch  = errors.New("account sequence mismatch")
	ErrTxNotFound        = errors.New("transaction not found in time")
	ErrTxFailed          = errors.New("transaction failed")
	ErrChainIDMismatch   = errors.New("chain id mismatch")
	ErrNoEndpoint        = errors.New("no reachable RPC endpoint")
	ErrNotFound          = errors.New("not found")
	ErrBroadcastUnknown  = errors.New("broadcast result unknown")
)

// TxError is a transaction rejected by the chain (in CheckTx, DeliverTx or
// simulation), with the chain's codespace, code and raw log.
type TxError struct {
	Hash      string
	Codespace string
	Code      uint32
	Log       string
	Stage     string // "simulate", "check" or "deliver"
	kind      error
}

// Error returns the stage, the chain's code and its log.
func (e *TxError) Error() string {
	h := ""
	if e.Hash != "" {
		h = " " + e.Hash
	}
	return fmt.Sprintf("tx%s rejected at %s (%s code %d): %s", h, e.Stage, e.Codespace, e.Code, e.Log)
}

// Unwrap returns the error kind (ErrInsufficientFunds, ...).
func (e *TxError) Unwrap() error { return e.kind }

// newTxError classifies a chain response code. Codespace "sdk" codes are
// those of cosmos-sdk/types/errors.
func newTxError(stage, hash, codespace string, code uint32, log string) *TxError {
	e := &TxError{Hash: hash, Codespace: codespace, Code: code, Log: log, Stage: stage, kind: ErrTxFailed}
	if codespace == "sdk" || codespace == "" {
		switch code {
		case 4:
			e.kind = ErrUnauthorized
		case 5:
			e.kind = ErrInsufficientFunds
		case 11:
			e.kind = ErrOutOfGas
		case 13:
			e.kind = ErrInsufficientFee
		case 32:
			e.kind = ErrSequenceMismatch
		}
	}
	if codespace == "authz" && e.kind == ErrTxFailed {
		e.kind = ErrUnauthorized
	}
	if e.kind == ErrTxFailed {
		// Simulation through abci_query wraps the real error in a gRPC
		// "unknown request"; its text still names the cause.
		e.kind = kindFromLog(log)
	}
	return e
}

// kindFromLog classifies an error by the SDK's registered error texts.
func kindFromLog(log string) error {
	l := strings.ToLower(log)
	switch {
	case strings.Contains(l, "account sequence mismatch"), strings.Contains(l, "incorrect account sequence"):
		return ErrSequenceMismatch
	case strings.Contains(l, "insufficient fee"):
		return ErrInsufficientFee
	case strings.Contains(l, "insufficient funds"):
		return ErrInsufficientFunds
	case strings.Contains(l, "out of gas"):
		return ErrOutOfGas
	case strings.Contains(l, "unauthorized"), strings.Contains(l, "signature verification failed"),
		strings.Contains(l, "authorization not found"):
		return ErrUnauthorized
	}
	return ErrTxFailed
}

// QueryError is an ABCI query the node answered with a non-zero code.
type QueryError struct {
	Path      string
	Codespace string
	Code      uint32
	Log       string
}

// Error names the query path and the node's answer.
func (e *QueryError) Error() string {
	return fmt.Sprintf("query %s failed (%s code %d): %s", e.Path, e.Codespace, e.Code, e.Log)
}

// Is reports not-found answers as ErrNotFound.
func (e *QueryError) Is(target error) bool {
	return target == ErrNotFound && (e.Code == 38 || e.Code == 22 || containsFold(e.Log, "not found"))
}
