package svc

import (
	"context"
	"fmt"
)

// GPUModel is a GPU a profile may ask for.
type GPUModel struct {
	// Vendor ("nvidia", "amd") and Model ("h100") as the SDL names them.
	Vendor, Model string
	// RAM is the VRAM ("80Gi"); Interface is "pcie" or "sxm"; both optional in an SDL.
	RAM, Interface string
}

// Label is "nvidia h100 80Gi sxm" with the empty parts left out.
func (g GPUModel) Label() string {
	s := g.Vendor + " " + g.Model
	if g.RAM != "" {
		s += " " + g.RAM
	}
	if g.Interface != "" {
		s += " " + g.Interface
	}
	return s
}

// Profile is one compute profile of an SDL with its placement price and service count: what
// the review screen edits.
type Profile struct {
	// Name is the compute profile's name; Service the service using it.
	Name, Service string
	// CPU in cores; MemoryBytes and StorageBytes per replica.
	CPU                       float64
	MemoryBytes, StorageBytes uint64
	// Count is the number of replicas.
	Count int
	// PriceUACT is the maximum price per block per replica in uact.
	PriceUACT float64
	// GPUUnits is the number of GPUs per replica; GPUModels the acceptable models (any of).
	GPUUnits  int
	GPUModels []GPUModel
}

// Editor reads and edits SDL documents through the sdl package's editing API, keeping the
// document's comments and layout. Calls are pure: bytes in, values out.
type Editor interface {
	// Profiles lists the document's profiles.
	Profiles(sdl []byte) ([]Profile, error)
	// Apply rewrites the profile named p.Name to match p and returns the new document.
	Apply(sdl []byte, p Profile) ([]byte, error)
	// KnownGPUs lists the GPU models the picker offers.
	KnownGPUs() []GPUModel
}

// DepositSource says where a deposit comes from; the order is the order the chain tries.
type DepositSource int

// Deposit sources, numbered as the chain numbers them.
const (
	FromBalance DepositSource = 1
	FromGrant   DepositSource = 2
)

// CreateDeployment creates a deployment from an SDL with a deposit in uact.
type CreateDeployment struct {
	SDL         []byte
	DepositUACT uint64
	Sources     []DepositSource
}

// Summary implements Action.
func (a CreateDeployment) Summary() string {
	return fmt.Sprintf("Create a deployment with a %s ACT deposit", microText(a.DepositUACT))
}

func (CreateDeployment) isAction() {}

func microText(u uint64) string {
	if u%1_000_000 == 0 {
		return fmt.Sprint(u / 1_000_000)
	}
	return fmt.Sprintf("%.6g", float64(u)/1e6)
}

// Grants reads deposit grants received by the active key.
type Grants interface {
	// DepositGrantUACT is the uact the active key may spend from grants; 0 when none.
	DepositGrantUACT(ctx context.Context) (uint64, error)
}
