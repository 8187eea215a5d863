package marketv1

import "testing"

func TestIDStrings(t *testing.T) {
	t.Parallel()
	bid := BidID{Owner: "akash1o", DSeq: 42, GSeq: 1, OSeq: 2, Provider: "akash1p", BSeq: 3}
	cases := []struct{ got, want string }{
		{bid.OrderID().String(), "akash1o/42/1/2"},
		{bid.String(), "akash1o/42/1/2/akash1p"},
		{bid.LeaseID().String(), "akash1o/42/1/2/akash1p/3"},
		{LeaseID{Owner: "akash1o", DSeq: 42, GSeq: 1, OSeq: 2, Provider: "akash1p"}.String(), "akash1o/42/1/2/akash1p"},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	if bid.LeaseID().BidID() != bid {
		t.Error("LeaseID().BidID() does not round-trip")
	}
}
