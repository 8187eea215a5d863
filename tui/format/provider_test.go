package format

import "testing"

func TestProvider(t *testing.T) {
	t.Parallel()
	const addr = "akash16usc8d83kamknrnp276tsldzz7vz5pkhxr6wpn"
	tests := []struct{ host, addr, want string }{
		{"provider.europlots.com", addr, "provider.europlots.com"},
		{"203.0.113.7", addr, "203.0.113.7"},
		{"127.0.0.1", addr, "akash16u…r6wpn"},
		{"::1", addr, "akash16u…r6wpn"},
		{"localhost", addr, "akash16u…r6wpn"},
		{"10.0.3.4", addr, "akash16u…r6wpn"},
		{"0.0.0.0", addr, "akash16u…r6wpn"},
		{"", addr, "akash16u…r6wpn"},
		{"127.0.0.1", "", "127.0.0.1"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := Provider(tt.host, tt.addr); got != tt.want {
			t.Errorf("Provider(%q, %q) = %q, want %q", tt.host, tt.addr, got, tt.want)
		}
	}
}
