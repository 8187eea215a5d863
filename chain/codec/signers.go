package codec

import (
	"fmt"

	"cosmossdk.io/core/address"
	"cosmossdk.io/x/tx/signing"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// SignerField names the nested field holding the signer's bech32 address of a
// message whose proto carries no cosmos.msg.v1.signer option on the live
// chain: deployment and market messages and cert MsgRevokeCertificate.
type SignerField struct {
	// Msg is the message's full proto name.
	Msg protoreflect.FullName
	// Path is the field path from the message to the address, e.g. id, owner.
	Path []protoreflect.Name
}

// SignerFields lists every akt message whose signer is a nested field. The
// chain registers the same paths in Go (its RegisterCustomSignerField calls).
var SignerFields = []SignerField{
	{"akash.deployment.v1beta4.MsgCreateDeployment", []protoreflect.Name{"id", "owner"}},
	{"akash.deployment.v1beta4.MsgUpdateDeployment", []protoreflect.Name{"id", "owner"}},
	{"akash.deployment.v1beta4.MsgCloseDeployment", []protoreflect.Name{"id", "owner"}},
	{"akash.deployment.v1beta4.MsgCloseGroup", []protoreflect.Name{"id", "owner"}},
	{"akash.deployment.v1beta4.MsgPauseGroup", []protoreflect.Name{"id", "owner"}},
	{"akash.deployment.v1beta4.MsgStartGroup", []protoreflect.Name{"id", "owner"}},
	{"akash.market.v1beta5.MsgCreateLease", []protoreflect.Name{"bid_id", "owner"}},
	{"akash.market.v1beta5.MsgCloseLease", []protoreflect.Name{"id", "owner"}},
	{"akash.market.v1beta5.MsgCreateBid", []protoreflect.Name{"id", "provider"}},
	{"akash.market.v1beta5.MsgCloseBid", []protoreflect.Name{"id", "provider"}},
	{"akash.market.v1beta5.MsgWithdrawLease", []protoreflect.Name{"id", "provider"}},
	{"akash.market.v1beta5.MsgLeaseStartReclaim", []protoreflect.Name{"id", "provider"}},
	{"akash.cert.v1.MsgRevokeCertificate", []protoreflect.Name{"id", "owner"}},
}

// CustomSigners returns the signer functions of SignerFields for the x/tx
// signing context, decoding addresses with addrs. A depinject-built node
// supplies these as its []signing.CustomGetSigner.
func CustomSigners(addrs address.Codec) []signing.CustomGetSigner {
	out := make([]signing.CustomGetSigner, 0, len(SignerFields))
	for _, f := range SignerFields {
		out = append(out, signing.CustomGetSigner{MsgType: f.Msg, Fn: nestedSigner(f, addrs)})
	}
	return out
}

// DefineCustomSigners adds the signer functions of SignerFields to opts,
// decoding addresses with opts.AddressCodec.
func DefineCustomSigners(opts *signing.Options) {
	for _, s := range CustomSigners(opts.AddressCodec) {
		opts.DefineCustomGetSigners(s.MsgType, s.Fn)
	}
}

// nestedSigner returns a GetSignersFunc reading the bech32 address at f.Path.
func nestedSigner(f SignerField, addrs address.Codec) signing.GetSignersFunc {
	return func(msg proto.Message) ([][]byte, error) {
		m := msg.ProtoReflect()
		if m.Descriptor().FullName() != f.Msg {
			return nil, fmt.Errorf("signer of %s: got a %s", f.Msg, m.Descriptor().FullName())
		}
		for i, name := range f.Path {
			fd := m.Descriptor().Fields().ByName(name)
			if fd == nil {
				return nil, fmt.Errorf("signer of %s: no field %q in %s", f.Msg, name, m.Descriptor().FullName())
			}
			if i < len(f.Path)-1 {
				if fd.Kind() != protoreflect.MessageKind {
					return nil, fmt.Errorf("signer of %s: field %q is not a message", f.Msg, name)
				}
				m = m.Get(fd).Message()
				continue
			}
			if fd.Kind() != protoreflect.StringKind {
				return nil, fmt.Errorf("signer of %s: field %q is not a string", f.Msg, name)
			}
			text := m.Get(fd).String()
			addr, err := addrs.StringToBytes(text)
			if err != nil {
				return nil, fmt.Errorf("signer of %s: address %q at %v: %w", f.Msg, text, f.Path, err)
			}
			return [][]byte{addr}, nil
		}
		return nil, fmt.Errorf("signer of %s: empty field path", f.Msg)
	}
}
