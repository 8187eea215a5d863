package chain

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/cosmos/cosmos-sdk/types/bech32"
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
	// named maps raw address bytes, as some SDK errors print them, to the
	// bech32 address of an account the tx involves.
	named map[string]string
}

// Error returns the stage, the chain's code and its log.
func (e *TxError) Error() string {
	h := ""
	if e.Hash != "" {
		h = " " + e.Hash
	}
	return fmt.Sprintf("tx%s rejected at %s (%s code %d): %s", h, e.Stage, e.Codespace, e.Code, e.ReadableLog())
}

var (
	grpcPrefixRE = regexp.MustCompile(`^rpc error: code = \w+ desc = `)
	sourcePathRE = regexp.MustCompile(` \[[^\]\s]+\.go:\d+\]`)
	gasUsedRE    = regexp.MustCompile(` with gas used: '\d+'`)
)

// ReadableLog is the chain's log without the parts meant for node
// operators (gRPC status prefix, Go source paths, gas used, "unknown
// request"), and with raw address bytes replaced by the bech32 addresses
// of the accounts the tx involves. Log keeps the raw text.
func (e *TxError) ReadableLog() string {
	log := e.Log
	for raw, addr := range e.named {
		log = strings.ReplaceAll(log, raw, addr)
	}
	log = grpcPrefixRE.ReplaceAllString(log, "")
	log = sourcePathRE.ReplaceAllString(log, "")
	log = gasUsedRE.ReplaceAllString(log, "")
	log = strings.TrimSuffix(strings.TrimSpace(log), ": unknown request")
	return log
}

// coerceUTF8 renders b as encoding/json does: every byte that is not part
// of valid UTF-8 becomes U+FFFD.
func coerceUTF8(b []byte) string {
	var sb strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			sb.WriteRune(utf8.RuneError)
		} else {
			sb.Write(b[:size])
		}
		b = b[size:]
	}
	return sb.String()
}

// nameAddresses teaches e the accounts of the tx (signer, fee granter and
// plan p's, when known) so its log can name them; it returns e.
func (t *TxClient) nameAddresses(e *TxError, p *Plan) *TxError {
	addrs := []string{t.opts.feeGranter}
	if t.signer != nil {
		addrs = append(addrs, t.signer.Address())
	}
	if p != nil {
		addrs = append(addrs, p.Signer, p.FeeGranter)
	}
	for _, a := range addrs {
		if a == "" {
			continue
		}
		_, raw, err := bech32.DecodeAndConvert(a)
		if err != nil || len(raw) == 0 {
			continue
		}
		if e.named == nil {
			e.named = map[string]string{}
		}
		e.named[string(raw)] = a
		// The log reaches akt through JSON, which turns each invalid UTF-8
		// byte into U+FFFD: match that form too.
		e.named[coerceUTF8(raw)] = a
	}
	return e
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
