package codec

import (
	"encoding/hex"
	"fmt"
	"math/big"
	"strconv"

	sdkmath "cosmossdk.io/math"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/dynamicpb"
)

// decFields are string fields holding a LegacyDec: the wire carries the
// integer scaled by 10^18, the TS SDK takes decimal text and scales it.
var decFields = map[protoreflect.FullName]bool{
	"cosmos.base.v1beta1.DecCoin.amount":                  true,
	"akash.escrow.types.v1.Balance.amount":                true,
	"akash.bme.v1.CollateralRatio.ratio":                  true,
	"akash.bme.v1.CollateralRatio.reference_price":        true,
	"akash.bme.v1.CoinPrice.price":                        true,
	"akash.bme.v1.EventMintStatusChange.collateral_ratio": true,
	"akash.bme.v1.QueryStatusResponse.collateral_ratio":   true,
	"akash.bme.v1.QueryStatusResponse.warn_threshold":     true,
	"akash.bme.v1.QueryStatusResponse.halt_threshold":     true,
}

// intTextFields hold integers as text (math.Int custom types).
var intTextFields = map[protoreflect.FullName]bool{
	"cosmos.base.v1beta1.Coin.amount":                true,
	"akash.base.resources.v1beta4.ResourceValue.val": true,
}

// filler fills every field of a message with distinct non-default values.
type filler struct {
	n int
}

// fill returns a message of type md with every field set. For each oneof, it
// sets the member at index variant (modulo the oneof's size).
func (f *filler) fill(md protoreflect.MessageDescriptor, variant, depth int) *dynamicpb.Message {
	m := dynamicpb.NewMessage(md)
	if depth > 8 {
		return m
	}
	if md.FullName() == "google.protobuf.Duration" {
		f.n++
		m.Set(md.Fields().ByName("seconds"), protoreflect.ValueOfInt64(int64(3600+f.n)))
		m.Set(md.Fields().ByName("nanos"), protoreflect.ValueOfInt32(int32(500+f.n)))
		return m
	}
	fields := md.Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		if od := fd.ContainingOneof(); od != nil && !od.IsSynthetic() {
			if od.Fields().Get(variant%od.Fields().Len()) != fd {
				continue
			}
		}
		if fd.IsList() {
			list := m.Mutable(fd).List()
			for j := 0; j < 2; j++ {
				list.Append(f.value(fd, variant, depth))
			}
			continue
		}
		m.Set(fd, f.value(fd, variant, depth))
	}
	return m
}

// value returns a distinct non-default value for one (element of a) field.
func (f *filler) value(fd protoreflect.FieldDescriptor, variant, depth int) protoreflect.Value {
	f.n++
	n := f.n
	switch fd.Kind() {
	case protoreflect.MessageKind, protoreflect.GroupKind:
		return protoreflect.ValueOfMessage(f.fill(fd.Message(), variant, depth+1))
	case protoreflect.StringKind:
		switch {
		case decFields[fd.FullName()]:
			// n + 0.25: exercises the fractional digits of the 10^18 scaling.
			return protoreflect.ValueOfString(strconv.Itoa(n) + "250000000000000000")
		case intTextFields[fd.FullName()]:
			return protoreflect.ValueOfString(strconv.Itoa(1000000 + n))
		}
		return protoreflect.ValueOfString(fmt.Sprintf("%s-%d", fd.Name(), n))
	case protoreflect.BytesKind:
		if intTextFields[fd.FullName()] {
			return protoreflect.ValueOfBytes([]byte(strconv.Itoa(1000 + n)))
		}
		return protoreflect.ValueOfBytes([]byte{byte(n), 0xff, byte(n >> 8), 0x00, 0x80})
	case protoreflect.BoolKind:
		return protoreflect.ValueOfBool(true)
	case protoreflect.EnumKind:
		vals := fd.Enum().Values()
		if vals.Len() == 0 {
			panic(fmt.Sprintf("filler: enum %s of %s has no values (placeholder %v)", fd.Enum().FullName(), fd.FullName(), fd.Enum().IsPlaceholder()))
		}
		return protoreflect.ValueOfEnum(vals.Get(vals.Len() - 1 - n%max(1, vals.Len()-1)).Number())
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		return protoreflect.ValueOfInt32(int32(100000 + n))
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		return protoreflect.ValueOfUint32(uint32(200000 + n))
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		return protoreflect.ValueOfInt64(int64(1)<<40 + int64(n))
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		return protoreflect.ValueOfUint64(uint64(1)<<50 + uint64(n))
	}
	panic(fmt.Sprintf("filler: unsupported kind %s of %s", fd.Kind(), fd.FullName()))
}

// tsValue converts a message to the partial object the TS SDK's fromPartial
// takes: camelCase keys, 64-bit integers as strings, enums as numbers, bytes
// as {"$bytes": hex}, LegacyDec amounts as decimal text.
func tsValue(m protoreflect.Message) map[string]any {
	out := map[string]any{}
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.IsList() {
			list := v.List()
			items := make([]any, list.Len())
			for i := range items {
				items[i] = tsScalar(fd, list.Get(i))
			}
			out[fd.JSONName()] = items
			return true
		}
		out[fd.JSONName()] = tsScalar(fd, v)
		return true
	})
	return out
}

func tsScalar(fd protoreflect.FieldDescriptor, v protoreflect.Value) any {
	switch fd.Kind() {
	case protoreflect.MessageKind, protoreflect.GroupKind:
		return tsValue(v.Message())
	case protoreflect.StringKind:
		if decFields[fd.FullName()] {
			i, ok := new(big.Int).SetString(v.String(), 10)
			if !ok {
				panic("filler: bad LegacyDec text " + v.String())
			}
			return sdkmath.LegacyNewDecFromBigIntWithPrec(i, sdkmath.LegacyPrecision).String()
		}
		return v.String()
	case protoreflect.BytesKind:
		return map[string]string{"$bytes": hex.EncodeToString(v.Bytes())}
	case protoreflect.EnumKind:
		return int(v.Enum())
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		return strconv.FormatInt(v.Int(), 10)
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		return strconv.FormatUint(v.Uint(), 10)
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		return v.Int()
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		return v.Uint()
	case protoreflect.BoolKind:
		return v.Bool()
	}
	panic(fmt.Sprintf("filler: unsupported kind %s of %s", fd.Kind(), fd.FullName()))
}

// clearFields clears, recursively, the fields named in skip.
func clearFields(m protoreflect.Message, skip map[protoreflect.FullName]map[protoreflect.Name]bool) {
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if skip[m.Descriptor().FullName()][fd.Name()] {
			m.Clear(fd)
			return true
		}
		if fd.Kind() != protoreflect.MessageKind {
			return true
		}
		if fd.IsList() {
			for i := 0; i < v.List().Len(); i++ {
				clearFields(v.List().Get(i).Message(), skip)
			}
			return true
		}
		clearFields(v.Message(), skip)
		return true
	})
}
