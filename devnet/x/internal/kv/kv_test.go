package kv

import (
	"reflect"
	"testing"

	"github.com/cosmos/cosmos-sdk/types/query"
)

func TestPage(t *testing.T) {
	t.Parallel()
	items := func() []int { return []int{1, 2, 3, 4, 5} }
	cases := []struct {
		name      string
		req       *query.PageRequest
		want      []int
		next      string
		total     uint64
		wantError bool
	}{
		{name: "no request", want: []int{1, 2, 3, 4, 5}},
		{name: "limit", req: &query.PageRequest{Limit: 2, CountTotal: true}, want: []int{1, 2}, next: "2", total: 5},
		{name: "next key", req: &query.PageRequest{Key: []byte("2"), Limit: 2}, want: []int{3, 4}, next: "4"},
		{name: "last page", req: &query.PageRequest{Key: []byte("4"), Limit: 2}, want: []int{5}},
		{name: "offset", req: &query.PageRequest{Offset: 3}, want: []int{4, 5}},
		{name: "past the end", req: &query.PageRequest{Offset: 9}, want: nil},
		{name: "reverse", req: &query.PageRequest{Reverse: true, Limit: 2}, want: []int{5, 4}, next: "2"},
		{name: "foreign key", req: &query.PageRequest{Key: []byte{0xff, 0x01}}, wantError: true},
	}
	for _, c := range cases {
		got, res, err := Page(items(), c.req)
		if c.wantError {
			if err == nil {
				t.Errorf("%s: no error", c.name)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, c.want) || string(res.NextKey) != c.next || res.Total != c.total {
			t.Errorf("%s: got %v next %q total %d err %v; want %v next %q total %d", c.name, got, res.NextKey, res.Total, err, c.want, c.next, c.total)
		}
	}
}
