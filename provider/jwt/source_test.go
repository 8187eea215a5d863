package jwt_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/akt-project/akt/provider/jwt"
)

type countingSigner struct {
	jwt.Signer
	n atomic.Int32
}

func (c *countingSigner) Sign(ctx context.Context, msg []byte) ([]byte, error) {
	c.n.Add(1)
	return c.Signer.Sign(ctx, msg)
}

func TestSourceCachesAndRefreshes(t *testing.T) {
	t.Parallel()
	base := testSigner(t)
	signer := &countingSigner{Signer: base}
	now := time.Unix(1_800_000_000, 0)
	src := jwt.NewSource(signer, jwt.WithClock(func() time.Time { return now }),
		jwt.WithLifetime(10*time.Minute), jwt.WithRefreshMargin(time.Minute))
	ctx := context.Background()
	t1, err := src.Token(ctx, jwt.Leases{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := jwt.Verify(t1, base.PubKey(), now)
	if err != nil {
		t.Fatalf("token from source rejected: %v", err)
	}
	if c.Exp != now.Unix()+600 || c.Iat != now.Unix()-30 || c.Nbf != c.Iat || c.Leases.Access != jwt.AccessFull {
		t.Fatalf("claims = %+v, want full access from 30 s ago for 10 min", c)
	}
	now = now.Add(8 * time.Minute)
	if t2, _ := src.Token(ctx, jwt.FullAccess()); t2 != t1 || signer.n.Load() != 1 {
		t.Fatalf("token not reused within its lifetime (signatures: %d)", signer.n.Load())
	}
	if _, err := src.Token(ctx, jwt.ScopedAccess(jwt.ScopeLogs)); err != nil || signer.n.Load() != 2 {
		t.Fatalf("a different grant must get its own token (err %v, signatures %d)", err, signer.n.Load())
	}
	now = now.Add(90 * time.Second) // 30 s left: inside the refresh margin
	t3, err := src.Token(ctx, jwt.FullAccess())
	if err != nil || t3 == t1 || signer.n.Load() != 3 {
		t.Fatalf("token not refreshed before expiry (err %v, signatures %d)", err, signer.n.Load())
	}
	src.Invalidate()
	if _, err := src.Token(ctx, jwt.FullAccess()); err != nil || signer.n.Load() != 4 {
		t.Fatalf("Invalidate did not drop the cache (signatures %d)", signer.n.Load())
	}
}
