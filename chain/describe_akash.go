package chain

import (
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/cosmos/cosmos-sdk/x/authz"

	depositv1 "github.com/akt-project/akt/chain/types/base/deposit/v1"
	bmev1 "github.com/akt-project/akt/chain/types/bme/v1"
	certv1 "github.com/akt-project/akt/chain/types/cert/v1"
	dv1beta4 "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	escrowv1 "github.com/akt-project/akt/chain/types/escrow/v1"
	mv1beta5 "github.com/akt-project/akt/chain/types/market/v1beta5"
)

// describeAkash describes the Akash messages.
func describeAkash(m Msg) (string, bool) {
	switch v := m.(type) {
	case *dv1beta4.MsgCreateDeployment:
		return fmt.Sprintf("Create deployment %d with %d group(s), version %s, deposit %s from %s",
			v.ID.DSeq, len(v.Groups), shortHex(v.Hash), v.Deposit.Amount, describeSources(v.Deposit.Sources)), true
	case *dv1beta4.MsgUpdateDeployment:
		return fmt.Sprintf("Update deployment %d to version %s", v.ID.DSeq, shortHex(v.Hash)), true
	case *dv1beta4.MsgCloseDeployment:
		return fmt.Sprintf("Close deployment %d (its leases end, the escrow is refunded)", v.ID.DSeq), true
	case *dv1beta4.MsgCloseGroup:
		return fmt.Sprintf("Close group %d/%d", v.ID.DSeq, v.ID.GSeq), true
	case *dv1beta4.MsgPauseGroup:
		return fmt.Sprintf("Pause group %d/%d", v.ID.DSeq, v.ID.GSeq), true
	case *dv1beta4.MsgStartGroup:
		return fmt.Sprintf("Start group %d/%d", v.ID.DSeq, v.ID.GSeq), true
	case *escrowv1.MsgAccountDeposit:
		return fmt.Sprintf("Add %s to escrow %s from %s", v.Deposit.Amount, v.ID.XID, describeSources(v.Deposit.Sources)), true
	case *mv1beta5.MsgCreateLease:
		return fmt.Sprintf("Accept the bid of %s for %d/%d/%d", v.BidID.Provider, v.BidID.DSeq, v.BidID.GSeq, v.BidID.OSeq), true
	case *mv1beta5.MsgCloseLease:
		return fmt.Sprintf("Close the lease %d/%d/%d with %s", v.ID.DSeq, v.ID.GSeq, v.ID.OSeq, v.ID.Provider), true
	case *certv1.MsgCreateCertificate:
		return "Publish a client certificate for " + v.Owner, true
	case *certv1.MsgRevokeCertificate:
		return "Revoke certificate " + v.ID.Serial, true
	case *bmev1.MsgMintACT:
		return fmt.Sprintf("Burn %s to mint ACT", v.CoinsToBurn), true
	case *bmev1.MsgBurnACT:
		return fmt.Sprintf("Burn %s to get AKT back", v.CoinsToBurn), true
	}
	return "", false
}

// describeAkashAuthorization describes Akash authorizations.
func describeAkashAuthorization(a authz.Authorization) (string, bool) {
	if v, ok := a.(*escrowv1.DepositAuthorization); ok {
		scopes := make([]string, 0, len(v.Scopes))
		for _, s := range v.Scopes {
			scopes = append(scopes, escrowv1.DepositAuthorization_Scope_name[int32(s)])
		}
		return fmt.Sprintf("deposits up to %s for %s", v.SpendLimits, strings.Join(scopes, " and ")), true
	}
	return "", false
}

func describeSources(ss depositv1.Sources) string {
	names := make([]string, 0, len(ss))
	for _, s := range ss {
		names = append(names, depositv1.Source_name[int32(s)])
	}
	if len(names) == 0 {
		return "balance"
	}
	return strings.Join(names, " then ")
}

func shortHex(b []byte) string {
	h := hex.EncodeToString(b)
	if len(h) > 12 {
		return h[:12] + "…"
	}
	return h
}
