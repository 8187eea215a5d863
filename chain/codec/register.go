package codec

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
	"github.com/cosmos/cosmos-sdk/x/authz"

	auditv1 "github.com/akt-project/akt/chain/types/audit/v1"
	bmev1 "github.com/akt-project/akt/chain/types/bme/v1"
	certv1 "github.com/akt-project/akt/chain/types/cert/v1"
	deploymentv1beta4 "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	escrowv1 "github.com/akt-project/akt/chain/types/escrow/v1"
	marketv1beta5 "github.com/akt-project/akt/chain/types/market/v1beta5"
	providerv1beta4 "github.com/akt-project/akt/chain/types/provider/v1beta4"
)

// AminoName pairs a message with its legacy amino name (the amino.name option
// of akt's proto, matching what the chain registers).
type AminoName struct {
	Msg  sdk.Msg
	Name string
}

// AminoNames lists every akt transaction message with its amino name.
func AminoNames() []AminoName {
	return []AminoName{
		{&deploymentv1beta4.MsgCreateDeployment{}, "akash-sdk/x/deployment/MsgCreateDeployment"},
		{&deploymentv1beta4.MsgUpdateDeployment{}, "akash-sdk/x/deployment/MsgUpdateDeployment"},
		{&deploymentv1beta4.MsgCloseDeployment{}, "akash-sdk/x/deployment/MsgCloseDeployment"},
		{&deploymentv1beta4.MsgCloseGroup{}, "akash-sdk/x/deployment/MsgCloseGroup"},
		{&deploymentv1beta4.MsgPauseGroup{}, "akash-sdk/x/deployment/MsgPauseGroup"},
		{&deploymentv1beta4.MsgStartGroup{}, "akash-sdk/x/deployment/MsgStartGroup"},
		{&deploymentv1beta4.MsgUpdateParams{}, "akash-sdk/x/deployment/MsgUpdateParams"},
		{&marketv1beta5.MsgCreateBid{}, "akash-sdk/x/market/MsgCreateBid"},
		{&marketv1beta5.MsgCloseBid{}, "akash-sdk/x/market/MsgCloseBid"},
		{&marketv1beta5.MsgCreateLease{}, "akash-sdk/x/market/MsgCreateLease"},
		{&marketv1beta5.MsgWithdrawLease{}, "akash-sdk/x/market/MsgWithdrawLease"},
		{&marketv1beta5.MsgCloseLease{}, "akash-sdk/x/market/MsgCloseLease"},
		{&marketv1beta5.MsgLeaseStartReclaim{}, "akash-sdk/x/market/MsgLeaseStartReclaim"},
		{&marketv1beta5.MsgUpdateParams{}, "akash-sdk/x/market/MsgUpdateParams"},
		{&escrowv1.MsgAccountDeposit{}, "akash-sdk/x/escrow/v1/"},
		{&certv1.MsgCreateCertificate{}, "akash-sdk/x/cert/MsgCreateCertificate"},
		{&certv1.MsgRevokeCertificate{}, "akash-sdk/x/cert/MsgRevokeCertificate"},
		{&providerv1beta4.MsgCreateProvider{}, "akash-sdk/x/provider/MsgCreateProvider"},
		{&providerv1beta4.MsgUpdateProvider{}, "akash-sdk/x/provider/MsgUpdateProvider"},
		{&providerv1beta4.MsgDeleteProvider{}, "akash-sdk/x/provider/MsgDeleteProvider"},
		{&auditv1.MsgSignProviderAttributes{}, "akash-sdk/x/audit/MsgSignProviderAttributes"},
		{&auditv1.MsgDeleteProviderAttributes{}, "akash-sdk/x/audit/MsgDeleteProviderAttributes"},
		{&bmev1.MsgUpdateParams{}, "akash/bme/v1/MsgUpdateParams"},
		{&bmev1.MsgFundVault{}, "akash/bme/v1/MsgFundVault"},
		{&bmev1.MsgBurnMint{}, "akash/bme/v1/MsgBurnMint"},
		{&bmev1.MsgMintACT{}, "akash/bme/v1/MsgMintACT"},
		{&bmev1.MsgBurnACT{}, "akash/bme/v1/MsgBurnACT"},
	}
}

// DepositAuthorizationAminoName is the amino name of escrow's DepositAuthorization.
const DepositAuthorizationAminoName = "akash/DepositAuthorization"

// RegisterInterfaces registers every akt message (as sdk.Msg, through the Msg
// service descriptors) and DepositAuthorization (as authz.Authorization).
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	msgservice.RegisterMsgServiceDesc(registry, &deploymentv1beta4.Msg_serviceDesc)
	msgservice.RegisterMsgServiceDesc(registry, &marketv1beta5.Msg_serviceDesc)
	msgservice.RegisterMsgServiceDesc(registry, &escrowv1.Msg_serviceDesc)
	msgservice.RegisterMsgServiceDesc(registry, &certv1.Msg_serviceDesc)
	msgservice.RegisterMsgServiceDesc(registry, &providerv1beta4.Msg_serviceDesc)
	msgservice.RegisterMsgServiceDesc(registry, &auditv1.Msg_serviceDesc)
	msgservice.RegisterMsgServiceDesc(registry, &bmev1.Msg_serviceDesc)
	registry.RegisterImplementations((*authz.Authorization)(nil), &escrowv1.DepositAuthorization{})
}

// RegisterLegacyAminoCodec registers every akt message and DepositAuthorization
// under its amino name.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	for _, n := range AminoNames() {
		cdc.RegisterConcrete(n.Msg, n.Name, nil)
	}
	cdc.RegisterConcrete(&escrowv1.DepositAuthorization{}, DepositAuthorizationAminoName, nil)
}
