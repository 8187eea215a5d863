package chain

import (
	"encoding/json"
	"fmt"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/akt-project/akt/sdl"

	attrv1 "github.com/akt-project/akt/chain/types/base/attributes/v1"
	rv1beta4 "github.com/akt-project/akt/chain/types/base/resources/v1beta4"
	dv1beta4 "github.com/akt-project/akt/chain/types/deployment/v1beta4"
)

// GroupSpecsFromSDL converts the SDL's deployment groups into the protobuf
// GroupSpecs of MsgCreateDeployment (prices become DecCoins, quantities
// integers).
func GroupSpecsFromSDL(groups []sdl.GroupSpec) ([]dv1beta4.GroupSpec, error) {
	out := make([]dv1beta4.GroupSpec, 0, len(groups))
	for _, g := range groups {
		spec := dv1beta4.GroupSpec{
			Name: g.Name,
			Requirements: attrv1.PlacementRequirements{
				SignedBy:   attrv1.SignedBy{AllOf: g.Requirements.SignedBy.AllOf, AnyOf: g.Requirements.SignedBy.AnyOf},
				Attributes: toAttributes(g.Requirements.Attributes),
			},
		}
		for i, ru := range g.Resources {
			unit, err := toResourceUnit(ru)
			if err != nil {
				return nil, fmt.Errorf("group %q, resource unit %d: %w", g.Name, i+1, err)
			}
			spec.Resources = append(spec.Resources, unit)
		}
		out = append(out, spec)
	}
	return out, nil
}

func toResourceUnit(ru sdl.ResourceUnit) (dv1beta4.ResourceUnit, error) {
	price, err := sdkmath.LegacyNewDecFromStr(ru.Price.Amount)
	if err != nil {
		return dv1beta4.ResourceUnit{}, fmt.Errorf("price %q: %w", ru.Price.Amount, err)
	}
	r := ru.Resources
	cpu, err := resourceValue("cpu", r.CPU.Value)
	if err != nil {
		return dv1beta4.ResourceUnit{}, err
	}
	mem, err := resourceValue("memory", r.Memory.Value)
	if err != nil {
		return dv1beta4.ResourceUnit{}, err
	}
	gpu, err := resourceValue("gpu", r.GPU.Value)
	if err != nil {
		return dv1beta4.ResourceUnit{}, err
	}
	res := rv1beta4.Resources{
		ID:     r.ID,
		CPU:    &rv1beta4.CPU{Units: cpu, Attributes: toAttributes(r.CPU.Attributes)},
		Memory: &rv1beta4.Memory{Quantity: mem, Attributes: toAttributes(r.Memory.Attributes)},
		GPU:    &rv1beta4.GPU{Units: gpu, Attributes: toAttributes(r.GPU.Attributes)},
	}
	for _, s := range r.Storage {
		q, err := resourceValue("storage "+s.Name, s.Size)
		if err != nil {
			return dv1beta4.ResourceUnit{}, err
		}
		res.Storage = append(res.Storage, rv1beta4.Storage{Name: s.Name, Quantity: q, Attributes: toAttributes(s.Attributes)})
	}
	for _, e := range r.Endpoints {
		res.Endpoints = append(res.Endpoints, rv1beta4.Endpoint{Kind: rv1beta4.Endpoint_Kind(e.Kind), SequenceNumber: e.SequenceNumber})
	}
	return dv1beta4.ResourceUnit{
		Resource: res,
		Count:    ru.Count,
		Price:    sdk.DecCoin{Denom: ru.Price.Denom, Amount: price},
	}, nil
}

func resourceValue(what, v string) (rv1beta4.ResourceValue, error) {
	if v == "" {
		v = "0"
	}
	n, ok := sdkmath.NewIntFromString(v)
	if !ok {
		return rv1beta4.ResourceValue{}, fmt.Errorf("%s quantity %q is not an integer", what, v)
	}
	return rv1beta4.ResourceValue{Val: n}, nil
}

func toAttributes(as []sdl.Attribute) attrv1.Attributes {
	if len(as) == 0 {
		return nil
	}
	out := make(attrv1.Attributes, 0, len(as))
	for _, a := range as {
		out = append(out, attrv1.Attribute{Key: a.Key, Value: a.Value})
	}
	return out
}

// DeploymentFromSDL parses SDL bytes and returns the groups, the manifest
// version and the SDL itself (whose manifest is sent to providers).
func DeploymentFromSDL(data []byte) ([]dv1beta4.GroupSpec, []byte, *sdl.SDL, error) {
	s, err := sdl.Parse(data)
	if err != nil {
		return nil, nil, nil, err
	}
	groups, err := GroupSpecsFromSDL(s.Groups())
	if err != nil {
		return nil, nil, nil, err
	}
	v := s.Version()
	return groups, v[:], s, nil
}

// ValidationGroups returns an SDL's group specs one JSON document each, in
// the form a provider's /validate reads (Go's encoding of one GroupSpec,
// resource quantities as decimal strings).
func ValidationGroups(data []byte) ([]json.RawMessage, error) {
	specs, _, _, err := DeploymentFromSDL(data)
	if err != nil {
		return nil, err
	}
	out := make([]json.RawMessage, 0, len(specs))
	for _, g := range specs {
		js, err := json.Marshal(g)
		if err != nil {
			return nil, fmt.Errorf("encoding group %q: %w", g.Name, err)
		}
		out = append(out, js)
	}
	return out, nil
}
