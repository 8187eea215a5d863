package app

import (
	"cosmossdk.io/x/tx/signing"
	"github.com/cosmos/cosmos-sdk/types/module"
)

// AkashConfig configures akt's simplified Akash modules.
type AkashConfig struct{}

// AkashKeepers holds the keepers of akt's simplified Akash modules.
type AkashKeepers struct{}

func akashBasics() []module.AppModuleBasic     { return nil }
func akashModuleAccounts() map[string][]string { return nil }
func akashStoreKeys() []string                 { return nil }
func akashModuleNames() []string               { return nil }
func registerCustomSigners(*signing.Options)   {}
func (app *App) newAkash(AkashConfig) ([]module.AppModule, error) {
	app.Akash = &AkashKeepers{}
	return nil, nil
}
func (app *App) registerAkashServices(module.Configurator) error { return nil }
