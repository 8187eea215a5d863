// Package svc declares the services the TUI consumes, as small interfaces with TUI-owned value
// types, so the screens depend on nothing but this package and tests fake each service in a
// few lines. Adapters from the chain, provider, sdl and templates packages implement them.
//
// Every method takes a context: screens derive it from their own context, which is cancelled
// when the screen is popped, and add a timeout per call.
package svc

import (
	"context"
	"time"
)

// DefaultBlockTime is the average Akash block time used for cost and runway estimates when
// the chain has not told us better.
const DefaultBlockTime = 6117 * time.Millisecond

// Network is a chain endpoint the user can switch to.
type Network struct {
	// Name is the user's name for it ("mainnet", "sandbox", "devnet", or a custom name).
	Name string
	// ChainID is the chain id the node reports (akashnet-2, sandbox-2).
	ChainID string
	// RPC is the CometBFT RPC URL.
	RPC string
	// Custom marks a network the user added.
	Custom bool
	// Active marks the network in use.
	Active bool
}

// Probe is the result of probing a network's RPC.
type Probe struct {
	// Latency is the round trip of a status request.
	Latency time.Duration
	// Height is the latest block height the node reported.
	Height int64
	// ChainID is the chain id the node reported.
	ChainID string
}

// Networks lists, switches, probes and adds networks.
type Networks interface {
	// List returns every configured network, the active one flagged.
	List(ctx context.Context) ([]Network, error)
	// Switch makes the named network active for the rest of the session.
	Switch(ctx context.Context, name string) error
	// Probe measures latency and reads the height and chain id of the named network.
	Probe(ctx context.Context, name string) (Probe, error)
	// Add adds a custom network; Active and Custom are ignored.
	Add(ctx context.Context, n Network) error
}

// Key is a key in the keyring.
type Key struct {
	// Name is the keyring name.
	Name string
	// Address is the bech32 account address (akash1...).
	Address string
	// Active marks the key in use.
	Active bool
}

// Keys manages keyring keys. Mnemonics cross this interface only to be shown once or to be
// stored; implementations never log them.
type Keys interface {
	// List returns every key, the active one flagged.
	List(ctx context.Context) ([]Key, error)
	// NewMnemonic generates a fresh 24-word mnemonic without storing anything.
	NewMnemonic(ctx context.Context) (string, error)
	// Import stores a key derived from the mnemonic under name and returns it.
	Import(ctx context.Context, name, mnemonic string) (Key, error)
	// Select makes the named key active.
	Select(ctx context.Context, name string) error
}

// Balances are an account's spendable balances in micro-units.
type Balances struct {
	// UAKT is the AKT balance in uakt (1 AKT = 1,000,000 uakt).
	UAKT uint64
	// UACT is the ACT balance in uact (1 ACT = 1,000,000 uact).
	UACT uint64
}

// Account is what the header and landing screen show: where we are and who we are.
type Account struct {
	// Network is the active network.
	Network Network
	// Key is the active key; nil when the keyring holds no key yet.
	Key *Key
	// Balances of the active key; zero when there is no key.
	Balances Balances
	// ACTPerAKT is the chain's current mint rate (ACT received per AKT burned); 0 if unknown.
	ACTPerAKT float64
	// BlockTime is the recent average block time; 0 means DefaultBlockTime.
	BlockTime time.Duration
}

// Wallet reads the active account.
type Wallet interface {
	// Account returns the active network, key and balances.
	Account(ctx context.Context) (Account, error)
}

// Blocks streams new block heights of the active network.
type Blocks interface {
	// WatchHeights sends each new height until ctx is cancelled, then closes the channel.
	WatchHeights(ctx context.Context) (<-chan int64, error)
}
