package chain

import (
	"fmt"
	"strings"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	depositv1 "github.com/akt-project/akt/chain/types/base/deposit/v1"
	bmev1 "github.com/akt-project/akt/chain/types/bme/v1"
	certv1 "github.com/akt-project/akt/chain/types/cert/v1"
	dv1 "github.com/akt-project/akt/chain/types/deployment/v1"
	dv1beta4 "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	escrowidv1 "github.com/akt-project/akt/chain/types/escrow/id/v1"
	escrowv1 "github.com/akt-project/akt/chain/types/escrow/v1"
	mv1 "github.com/akt-project/akt/chain/types/market/v1"
	mv1beta5 "github.com/akt-project/akt/chain/types/market/v1beta5"
)

// DepositSource is where a deposit comes from: the signer's balance or the
// deposit grants (authz DepositAuthorization) given to the signer.
type DepositSource string

// Deposit sources.
const (
	SourceBalance DepositSource = "balance"
	SourceGrant   DepositSource = "grant"
)

// ParseDepositSources parses "grant,balance" (the order is the order the
// chain tries them in).
func ParseDepositSources(s string) ([]DepositSource, error) {
	var out []DepositSource
	seen := map[DepositSource]bool{}
	for _, p := range strings.Split(s, ",") {
		src := DepositSource(strings.ToLower(strings.TrimSpace(p)))
		if src != SourceBalance && src != SourceGrant {
			return nil, fmt.Errorf("deposit source %q: want balance or grant", p)
		}
		if seen[src] {
			return nil, fmt.Errorf("deposit source %q given twice", p)
		}
		seen[src] = true
		out = append(out, src)
	}
	return out, nil
}

// toDeposit builds the proto deposit; no sources means [balance].
func toDeposit(amount Coin, sources []DepositSource) (depositv1.Deposit, error) {
	c, err := toSDKCoin(amount)
	if err != nil {
		return depositv1.Deposit{}, fmt.Errorf("deposit: %w", err)
	}
	if !c.IsPositive() {
		return depositv1.Deposit{}, fmt.Errorf("deposit %s must be positive", amount)
	}
	if len(sources) == 0 {
		sources = []DepositSource{SourceBalance}
	}
	d := depositv1.Deposit{Amount: c}
	for _, s := range sources {
		switch s {
		case SourceBalance:
			d.Sources = append(d.Sources, depositv1.SourceBalance)
		case SourceGrant:
			d.Sources = append(d.Sources, depositv1.SourceGrant)
		default:
			return depositv1.Deposit{}, fmt.Errorf("deposit source %q: want balance or grant", s)
		}
	}
	return d, nil
}

// NewCreateDeployment builds MsgCreateDeployment. groups and the 32-byte
// manifest version come from the SDL (see GroupSpecsFromSDL); new
// deployments are funded in uact.
func NewCreateDeployment(owner string, dseq uint64, groups []dv1beta4.GroupSpec, version []byte, deposit Coin, sources []DepositSource) (Msg, error) {
	if err := ValidateAddress(owner); err != nil {
		return nil, fmt.Errorf("owner: %w", err)
	}
	if dseq == 0 {
		return nil, fmt.Errorf("deployment sequence (dseq) must be positive")
	}
	if len(groups) == 0 {
		return nil, fmt.Errorf("a deployment needs at least one group")
	}
	if len(version) != 32 {
		return nil, fmt.Errorf("manifest version has %d bytes, want 32", len(version))
	}
	d, err := toDeposit(deposit, sources)
	if err != nil {
		return nil, err
	}
	return &dv1beta4.MsgCreateDeployment{
		ID: dv1.DeploymentID{Owner: owner, DSeq: dseq}, Groups: groups, Hash: version, Deposit: d,
	}, nil
}

// NewUpdateDeployment points deployment dseq at a new manifest version.
func NewUpdateDeployment(owner string, dseq uint64, version []byte) (Msg, error) {
	if len(version) != 32 {
		return nil, fmt.Errorf("manifest version has %d bytes, want 32", len(version))
	}
	id, err := deploymentID(owner, dseq)
	if err != nil {
		return nil, err
	}
	return &dv1beta4.MsgUpdateDeployment{ID: id, Hash: version}, nil
}

// NewCloseDeployment closes deployment dseq (and its leases), refunding the escrow.
func NewCloseDeployment(owner string, dseq uint64) (Msg, error) {
	id, err := deploymentID(owner, dseq)
	if err != nil {
		return nil, err
	}
	return &dv1beta4.MsgCloseDeployment{ID: id}, nil
}

// GroupAction is what to do with a deployment group.
type GroupAction string

// Group actions.
const (
	GroupClose GroupAction = "close"
	GroupPause GroupAction = "pause"
	GroupStart GroupAction = "start"
)

// NewGroupMsg closes, pauses or starts group gseq of deployment dseq.
func NewGroupMsg(action GroupAction, owner string, dseq uint64, gseq uint32) (Msg, error) {
	did, err := deploymentID(owner, dseq)
	if err != nil {
		return nil, err
	}
	id := dv1.GroupID{Owner: did.Owner, DSeq: did.DSeq, GSeq: gseq}
	switch action {
	case GroupClose:
		return &dv1beta4.MsgCloseGroup{ID: id}, nil
	case GroupPause:
		return &dv1beta4.MsgPauseGroup{ID: id}, nil
	case GroupStart:
		return &dv1beta4.MsgStartGroup{ID: id}, nil
	}
	return nil, fmt.Errorf("group action %q: want close, pause or start", action)
}

// NewDeploymentDeposit adds funds (uact, or uakt converted by the chain) to
// the escrow account of deployment dseq owned by owner; signer pays (or
// spends its grants when sources include grant).
func NewDeploymentDeposit(signer, owner string, dseq uint64, amount Coin, sources []DepositSource) (Msg, error) {
	if err := ValidateAddress(signer); err != nil {
		return nil, fmt.Errorf("signer: %w", err)
	}
	did, err := deploymentID(owner, dseq)
	if err != nil {
		return nil, err
	}
	d, err := toDeposit(amount, sources)
	if err != nil {
		return nil, err
	}
	return &escrowv1.MsgAccountDeposit{
		Signer:  signer,
		ID:      escrowidv1.Account{Scope: escrowidv1.ScopeDeployment, XID: fmt.Sprintf("%s/%d", did.Owner, did.DSeq)},
		Deposit: d,
	}, nil
}

// LeaseID names a lease (and the bid it came from).
type LeaseID struct {
	Owner    string `json:"owner"`
	DSeq     uint64 `json:"dseq"`
	GSeq     uint32 `json:"gseq"`
	OSeq     uint32 `json:"oseq"`
	Provider string `json:"provider"`
	BSeq     uint32 `json:"bseq"`
}

// String formats the id as owner/dseq/gseq/oseq/provider.
func (l LeaseID) String() string {
	return fmt.Sprintf("%s/%d/%d/%d/%s", l.Owner, l.DSeq, l.GSeq, l.OSeq, l.Provider)
}

func (l LeaseID) validate() error {
	if err := validateAddrs(map[string]string{"owner": l.Owner, "provider": l.Provider}); err != nil {
		return err
	}
	if l.DSeq == 0 || l.GSeq == 0 || l.OSeq == 0 {
		return fmt.Errorf("lease %s: dseq, gseq and oseq must be positive", l)
	}
	return nil
}

// NewCreateLease accepts the bid named by id.
func NewCreateLease(id LeaseID) (Msg, error) {
	if err := id.validate(); err != nil {
		return nil, err
	}
	return &mv1beta5.MsgCreateLease{BidID: mv1.BidID{Owner: id.Owner, DSeq: id.DSeq, GSeq: id.GSeq, OSeq: id.OSeq, Provider: id.Provider, BSeq: id.BSeq}}, nil
}

// NewCloseLease closes the lease (as its owner).
func NewCloseLease(id LeaseID) (Msg, error) {
	if err := id.validate(); err != nil {
		return nil, err
	}
	return &mv1beta5.MsgCloseLease{
		ID:     mv1.LeaseID{Owner: id.Owner, DSeq: id.DSeq, GSeq: id.GSeq, OSeq: id.OSeq, Provider: id.Provider, BSeq: id.BSeq},
		Reason: mv1.LeaseClosedOwner,
	}, nil
}

// NewCreateCertificate publishes a PEM client certificate and public key.
func NewCreateCertificate(owner string, certPEM, pubKeyPEM []byte) (Msg, error) {
	if err := ValidateAddress(owner); err != nil {
		return nil, fmt.Errorf("owner: %w", err)
	}
	if !strings.Contains(string(certPEM), "BEGIN CERTIFICATE") {
		return nil, fmt.Errorf("certificate is not PEM (no BEGIN CERTIFICATE block)")
	}
	if !strings.Contains(string(pubKeyPEM), "BEGIN") {
		return nil, fmt.Errorf("public key is not PEM")
	}
	return &certv1.MsgCreateCertificate{Owner: owner, Cert: certPEM, Pubkey: pubKeyPEM}, nil
}

// NewRevokeCertificate revokes the owner's certificate with the given serial.
func NewRevokeCertificate(owner, serial string) (Msg, error) {
	if err := ValidateAddress(owner); err != nil {
		return nil, fmt.Errorf("owner: %w", err)
	}
	if serial == "" {
		return nil, fmt.Errorf("certificate serial is empty")
	}
	return &certv1.MsgRevokeCertificate{ID: certv1.ID{Owner: owner, Serial: serial}}, nil
}

// NewMintACT burns amount of uakt to mint ACT for owner (settled by the
// chain in a later block).
func NewMintACT(owner string, amount Coin) (Msg, error) {
	c, err := bmeCoin(owner, amount, DenomAKT)
	if err != nil {
		return nil, fmt.Errorf("mint ACT: %w", err)
	}
	return &bmev1.MsgMintACT{Owner: owner, To: owner, CoinsToBurn: c}, nil
}

// NewBurnACT burns amount of uact to get AKT back.
func NewBurnACT(owner string, amount Coin) (Msg, error) {
	c, err := bmeCoin(owner, amount, DenomACT)
	if err != nil {
		return nil, fmt.Errorf("burn ACT: %w", err)
	}
	return &bmev1.MsgBurnACT{Owner: owner, To: owner, CoinsToBurn: c}, nil
}

func bmeCoin(owner string, amount Coin, denom string) (sdk.Coin, error) {
	if err := ValidateAddress(owner); err != nil {
		return sdk.Coin{}, fmt.Errorf("owner: %w", err)
	}
	if amount.Denom != denom {
		return sdk.Coin{}, fmt.Errorf("amount %s must be in %s", amount, denom)
	}
	c, err := toSDKCoin(amount)
	if err != nil {
		return sdk.Coin{}, err
	}
	if !c.IsPositive() {
		return sdk.Coin{}, fmt.Errorf("amount %s must be positive", amount)
	}
	return c, nil
}

// DepositScope is what a deposit grant may fund.
type DepositScope string

// Deposit grant scopes.
const (
	ScopeDeployment DepositScope = "deployment"
	ScopeBid        DepositScope = "bid"
)

// NewDepositGrant lets grantee fund deployments (or bids) from granter's
// account up to spendLimits (several denoms allowed), keyed on
// /akash.escrow.v1.MsgAccountDeposit. The grantee spends it by naming
// grant as a deposit source.
func NewDepositGrant(granter, grantee string, spendLimits []Coin, scopes []DepositScope, expiration *time.Time) (Msg, error) {
	limits, err := toSDKCoins(spendLimits)
	if err != nil {
		return nil, fmt.Errorf("spend limit: %w", err)
	}
	if limits.Empty() || !limits.IsAllPositive() {
		return nil, fmt.Errorf("a deposit grant needs a positive spend limit")
	}
	if len(scopes) == 0 {
		scopes = []DepositScope{ScopeDeployment}
	}
	var ps []escrowv1.DepositAuthorization_Scope
	for _, s := range scopes {
		switch s {
		case ScopeDeployment:
			ps = append(ps, escrowv1.DepositScopeDeployment)
		case ScopeBid:
			ps = append(ps, escrowv1.DepositScopeBid)
		default:
			return nil, fmt.Errorf("deposit grant scope %q: want deployment or bid", s)
		}
	}
	a := escrowv1.NewDepositAuthorization(limits, ps...)
	if err := a.ValidateBasic(); err != nil {
		return nil, err
	}
	return newGrant(granter, grantee, a, expiration)
}

// DepositGrantMsgType is the message type deposit grants are keyed on
// (revoke a deposit grant with it).
const DepositGrantMsgType = "/akash.escrow.v1.MsgAccountDeposit"

func deploymentID(owner string, dseq uint64) (dv1.DeploymentID, error) {
	if err := ValidateAddress(owner); err != nil {
		return dv1.DeploymentID{}, fmt.Errorf("owner: %w", err)
	}
	if dseq == 0 {
		return dv1.DeploymentID{}, fmt.Errorf("deployment sequence (dseq) must be positive")
	}
	return dv1.DeploymentID{Owner: owner, DSeq: dseq}, nil
}
