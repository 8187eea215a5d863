package jwt_test

import (
	"testing"
	"time"

	"github.com/akt-project/akt/provider/jwt"
)

// FuzzVerify feeds arbitrary tokens to the verifier: it must never panic, and whatever it
// accepts must have schema-valid claims issued by the key's account.
func FuzzVerify(f *testing.F) {
	signer := testSigner(f)
	for _, seed := range []string{
		"eyJhbGciOiJFUzI1NksiLCJ0eXAiOiJKV1QifQ.eyJ2ZXJzaW9uIjoiIiwibGVhc2VzIjp7ImFjY2VzcyI6IiJ9fQ.fQFwGyhJDyF9i_zCX6IwJ43_arjs_1qJmxNSph6t8INMMZ7hBvrzwg0Ym8N06G7O_ZDw0mujQCfmOmR1jegnmA",
		"a.b.c", "..", "", "eyJ9.e30.",
	} {
		f.Add(seed)
	}
	pub := signer.PubKey()
	now := time.Unix(1_800_000_000, 0)
	f.Fuzz(func(t *testing.T, token string) {
		c, err := jwt.Verify(token, pub, now)
		if err != nil {
			return
		}
		if c.Iss != signer.Address() || c.Validate() != nil {
			t.Fatalf("accepted claims %+v", c)
		}
	})
}

// FuzzValidatePayload checks the claims validator never panics on arbitrary JSON.
func FuzzValidatePayload(f *testing.F) {
	for _, seed := range []string{
		`{"iss":"akash1qufa3xzrf34qvwyejkhvnc4psf49fftaw0asmh","iat":1,"nbf":1,"exp":2,"version":"v1","leases":{"access":"full"}}`,
		`{"leases":{"access":"granular","permissions":[{"provider":"x","access":"granular","deployments":[{"dseq":1,"scope":["logs"],"services":["a"],"oseq":1}]}]}}`,
		`[]`, `null`, `{"iat":1.5}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(_ *testing.T, payload []byte) {
		_ = jwt.ValidatePayload(payload)
	})
}
