package devnet

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"
)

// TestReservePortHoldsAPortOutsideTheEphemeralRange: a reserved port is listened on (nobody
// else can take it) and, where the kernel's range is known, lies below it, where outgoing
// connections never land.
func TestReservePortHoldsAPortOutsideTheEphemeralRange(t *testing.T) {
	t.Parallel()
	ln, err := reservePort()
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	if lo := ephemeralLow(); lo > reserveSpan+1024 && (port >= lo || port < lo-reserveSpan) {
		t.Errorf("reserved port %d, want one in [%d, %d)", port, lo-reserveSpan, lo)
	}
	if other, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port)); err == nil {
		other.Close()
		t.Fatalf("port %d could be listened on again while reserved", port)
	} else if !isAddrInUse(err) {
		t.Errorf("second listen on %d: %v, want address in use", port, err)
	}
}

// TestGatewayPortsAreHeldUntilServed: with Auto, every gateway port comes with its listener
// and checkPortsFree does not trip over our own reservations; fixed ports come without.
func TestGatewayPortsAreHeldUntilServed(t *testing.T) {
	t.Parallel()
	ports, held, err := gatewayPorts(Ports{Auto: true}, 3)
	if err != nil {
		t.Fatal(err)
	}
	defer closeListeners(held)
	if len(ports) != 3 || len(held) != 3 {
		t.Fatalf("got %d ports and %d listeners, want 3 and 3", len(ports), len(held))
	}
	for i, ln := range held {
		if ln == nil || ln.Addr().(*net.TCPAddr).Port != ports[i] {
			t.Fatalf("provider %d: listener %v for port %d", i, ln, ports[i])
		}
	}
	free, err := reservePort()
	if err != nil {
		t.Fatal(err)
	}
	p := Ports{Auto: true}
	for _, f := range []*int{&p.RPC, &p.P2P, &p.GRPC, &p.REST, &p.Control} {
		*f = free.Addr().(*net.TCPAddr).Port
	}
	free.Close()
	if err := checkPortsFree(p, ports, held); err != nil {
		t.Errorf("checkPortsFree with our own held gateway ports: %v", err)
	}
	if err := checkPortsFree(p, ports, nil); err == nil || !isAddrInUse(err) {
		t.Errorf("checkPortsFree on taken gateway ports without their listeners: %v, want address in use", err)
	}

	fixed, none, err := gatewayPorts(Ports{Gateway: 42000}, 2)
	if err != nil || none != nil || fixed[0] != 42000 || fixed[1] != 42001 {
		t.Errorf("fixed gateway ports: %v %v %v, want [42000 42001] and no listeners", fixed, none, err)
	}
}

// TestIsAddrInUse holds the retry's test to the errors it meets: the SDK's wrapped listen
// errors and CometBFT's formatted ones.
func TestIsAddrInUse(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, taken := net.Listen("tcp", ln.Addr().String())
	if taken == nil {
		t.Fatal("listening twice on one port succeeded")
	}
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{taken, true},
		{fmt.Errorf("listening for gRPC on %s: %w", ln.Addr(), taken), true},
		{fmt.Errorf("starting CometBFT node: %w", fmt.Errorf("failed to listen on %s: %v", ln.Addr(), taken)), true},
		{errors.New("waiting for the devnet's first block: context deadline exceeded"), false},
		{fmt.Errorf("extra account 0: %w", errors.New("decoding bech32 failed")), false},
	} {
		if got := isAddrInUse(tc.err); got != tc.want {
			t.Errorf("isAddrInUse(%q) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

// TestStartRetriesOnlyLostPortRaces: Start tries again with fresh ports when a free port was
// taken under it, at most startAttempts times, and never for other errors or fixed ports.
func TestStartRetriesOnlyLostPortRaces(t *testing.T) {
	t.Parallel()
	inUse := fmt.Errorf("starting CometBFT node: failed to listen on tcp://127.0.0.1:4242: listen tcp 127.0.0.1:4242: bind: address already in use")
	other := errors.New("creating devnet app: boom")
	for _, tc := range []struct {
		name  string
		auto  bool
		errs  []error // what each attempt returns; nil means success
		calls int
		ok    bool
	}{
		{"first start works", true, []error{nil}, 1, true},
		{"one lost race", true, []error{inUse, nil}, 2, true},
		{"races every time", true, []error{inUse, inUse, inUse, nil}, startAttempts, false},
		{"other error", true, []error{other, nil}, 1, false},
		{"fixed ports", false, []error{inUse, nil}, 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			calls := 0
			d, err := retryPortRaces(context.Background(), tc.auto, func() (*Devnet, error) {
				err := tc.errs[calls]
				calls++
				if err != nil {
					return nil, err
				}
				return &Devnet{}, nil
			})
			if calls != tc.calls || (err == nil) != tc.ok || (d != nil) != tc.ok {
				t.Errorf("%d attempts returned %v, %v; want %d attempts, success %v", calls, d, err, tc.calls, tc.ok)
			}
		})
	}
}
