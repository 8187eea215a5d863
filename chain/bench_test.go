package chain

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/akt-project/akt/internal/testutil"
)

// BenchmarkSignCreateDeployment measures the offline path of
// `akt deploy create --dry-run`: SDL → groups → plan → signed tx.
func BenchmarkSignCreateDeployment(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(sharedDirB(b), "sdl-corpus", "golden", "input", "v2.0", "multiple-services", "input.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	kr, _ := OpenKeyring(BackendMemory, "", nil)
	mn, err := os.ReadFile(filepath.Join(sharedDirB(b), "protocol", "jwt", "test-mnemonic.txt"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := kr.Recover("k", string(mn)); err != nil {
		b.Fatal(err)
	}
	s, _ := kr.Signer("k")
	tc, err := NewTxClient(nil, s, WithTxChainID("akashnet-2"), WithAccount(1, 2), WithGas(300000))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		groups, version, _, err := DeploymentFromSDL(data)
		if err != nil {
			b.Fatal(err)
		}
		m, err := NewCreateDeployment(s.Address(), uint64(i+1), groups, version, Coin{Denom: "uact", Amount: "5000000"}, nil)
		if err != nil {
			b.Fatal(err)
		}
		plan, err := tc.Prepare(ctx, m)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Sign(ctx, tc.Encoding(), plan, s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewEncoding measures building the codec, paid once by the
// first chain command.
func BenchmarkNewEncoding(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := NewEncoding(); err != nil {
			b.Fatal(err)
		}
	}
}

func sharedDirB(b *testing.B) string { b.Helper(); return testutil.Shared(b) }
