package devnet

import (
	"context"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
)

// BenchmarkStart measures starting a devnet with five providers until its first block.
// Run bounded: go test -run - -bench Start -benchtime 3x ./devnet/
func BenchmarkStart(b *testing.B) {
	for i := 0; i < b.N; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		d, err := Start(ctx, Options{Home: b.TempDir(), BlockTime: 150 * time.Millisecond, Seed: uint64(i + 1), Ports: Ports{Auto: true}})
		cancel()
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		_ = d.Close()
		b.StartTimer()
	}
}

// BenchmarkSendInclusion measures a bank send from broadcast to inclusion at the test
// devnet's 150 ms blocks. Run bounded: -bench SendInclusion -benchtime 10x.
func BenchmarkSendInclusion(b *testing.B) {
	kr, err := openKeyring(shared.Endpoints().Home, shared.enc.Codec)
	if err != nil {
		b.Fatal(err)
	}
	s := newSigner(shared.ClientContext(), kr, TenantKeyName, shared.TenantAddress())
	to := sdk.AccAddress([]byte("bench-send-recipient"))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := s.broadcast(ctx, banktypes.NewMsgSend(shared.TenantAddress(), to, sdk.NewCoins(sdk.NewInt64Coin(DenomAKT, 1))))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := waitTx(ctx, shared.ClientContext(), res.TxHash); err != nil {
			b.Fatal(err)
		}
	}
}
