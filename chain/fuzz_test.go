package chain

import (
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
)

// FuzzDecodeAkashEvent feeds arbitrary attribute values (they come from
// the network) to the event decoder: it must never panic.
func FuzzDecodeAkashEvent(f *testing.F) {
	f.Add("akash.market.v1.EventBidCreated", `{"owner":"akash1x","dseq":"42","gseq":1,"oseq":1,"provider":"akash1y","bseq":0}`, `{"denom":"uact","amount":"1.5"}`)
	f.Add("akash.market.v1.EventLeaseClosed", `{"dseq":18446744073709551615}`, `"lease_closed_reason_insufficient_funds"`)
	f.Add("akash.deployment.v1.EventDeploymentClosed", `[`, `{}`)
	f.Fuzz(func(t *testing.T, typ, id, second string) {
		e := abci.Event{Type: typ, Attributes: []abci.EventAttribute{{Key: "id", Value: id}, {Key: "price", Value: second}, {Key: "reason", Value: second}}}
		ev, ok := decodeAkashEvent(e, 7, time.Time{})
		if ok && ev.Height != 7 {
			t.Fatalf("height %d", ev.Height)
		}
	})
}

// FuzzParseCoins: user input from flags; errors are fine, panics are not,
// and accepted coins must round-trip through the SDK type.
func FuzzParseCoins(f *testing.F) {
	for _, s := range []string{"5000000uact", "1uakt,2uact", " 3uakt , 4uact", "", "1.5uakt", "-1uakt", "ibc/ABC", "99999999999999999999999999999uakt"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cs, err := ParseCoins(s)
		if err != nil {
			return
		}
		if _, err := toSDKCoins(cs); err != nil {
			t.Fatalf("ParseCoins(%q) = %v, which does not convert back: %v", s, cs, err)
		}
	})
}

// FuzzValidateMnemonic: never panics and never echoes the input.
func FuzzValidateMnemonic(f *testing.F) {
	f.Add("addict worth drip violin note olive final pelican perfect feel goat game horror brass fence deposit dutch improve setup stuff frost spirit smart alien")
	f.Add("zzzz yyyy")
	f.Fuzz(func(t *testing.T, m string) {
		_ = ValidateMnemonic(m)
	})
}
