package codec

import (
	"sync"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

var configureOnce sync.Once

// ConfigureSDK sets the Cosmos SDK's process-wide bech32 prefixes to Akash's
// (akash, akashvaloper, akashvalcons and their pub forms) so that
// sdk.AccAddress.String and the keyring print akash addresses. It is safe to
// call many times; it does not seal the config. Call it before using the SDK's
// address types, never from an init function.
func ConfigureSDK() {
	configureOnce.Do(func() {
		cfg := sdk.GetConfig()
		cfg.SetBech32PrefixForAccount(AccountPrefix, AccountPrefix+"pub")
		cfg.SetBech32PrefixForValidator(ValidatorPrefix, ValidatorPrefix+"pub")
		cfg.SetBech32PrefixForConsensusNode(ConsensusPrefix, ConsensusPrefix+"pub")
	})
}
