package codec

import "testing"

// BenchmarkNew measures building the codecs (done once per process).
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarshalCreateDeployment measures encoding a one-group deployment.
func BenchmarkMarshalCreateDeployment(b *testing.B) {
	msg := sampleCreateDeployment("akash1y3lwau235l0gpdxh7schfhwm6dtw4l2xyrehly")
	for b.Loop() {
		if _, err := msg.Marshal(); err != nil {
			b.Fatal(err)
		}
	}
}
