// Package modbase holds the boilerplate every devnet Akash module shares: a module basic
// whose interfaces are registered centrally (by akt's chain/codec) and which has no REST
// gateway routes.
package modbase

import (
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"
)

// Basic is a module basic named by its value.
type Basic string

// Name returns the module name.
func (b Basic) Name() string { return string(b) }

// RegisterLegacyAminoCodec does nothing: akt's chain/codec registers every Akash type.
func (Basic) RegisterLegacyAminoCodec(*codec.LegacyAmino) {}

// RegisterInterfaces does nothing: akt's chain/codec registers every Akash type.
func (Basic) RegisterInterfaces(codectypes.InterfaceRegistry) {}

// RegisterGRPCGatewayRoutes does nothing: the devnet serves Akash queries over gRPC and
// ABCI only, not REST.
func (Basic) RegisterGRPCGatewayRoutes(client.Context, *gwruntime.ServeMux) {}

// IsOnePerModuleType marks a module.
func (Basic) IsOnePerModuleType() {}

// IsAppModule marks an app module.
func (Basic) IsAppModule() {}
