package sdl

import (
	"strconv"
	"testing"
)

// TestAppendExpose: the one-run form of the usual expose and the general
// form write the same keys in the same order.
func TestAppendExpose(t *testing.T) {
	t.Parallel()
	def := HTTPOptions{MaxBodySize: 1048576, ReadTimeout: 60000, SendTimeout: 60000, NextTries: 3, NextCases: []string{"error", "timeout"}}
	custom := HTTPOptions{MaxBodySize: 10, ReadTimeout: 20, SendTimeout: 30, NextTries: 4, NextTimeout: 5, NextCases: []string{"off"}}
	const defJSON = `"httpOptions":{"maxBodySize":1048576,"nextCases":["error","timeout"],"nextTimeout":0,"nextTries":3,"readTimeout":60000,"sendTimeout":60000}`
	for _, c := range []struct {
		name   string
		global bool
		hosts  []string
		h      HTTPOptions
		ip     string
		want   string
	}{
		{"usual global", true, nil, def, "",
			`{"endpointSequenceNumber":0,"externalPort":80,"global":true,"hosts":null,` + defJSON + `,"ip":"","port":8080,"proto":"TCP","service":"web"}`},
		{"usual local", false, nil, def, "",
			`{"endpointSequenceNumber":0,"externalPort":80,"global":false,"hosts":null,` + defJSON + `,"ip":"","port":8080,"proto":"TCP","service":"web"}`},
		{"hosts", true, []string{"a.example", "b<c"}, def, "",
			`{"endpointSequenceNumber":0,"externalPort":80,"global":true,"hosts":["a.example","b\u003cc"],` + defJSON + `,"ip":"","port":8080,"proto":"TCP","service":"web"}`},
		{"ip", true, nil, def, "myip",
			`{"endpointSequenceNumber":0,"externalPort":80,"global":true,"hosts":null,` + defJSON + `,"ip":"myip","port":8080,"proto":"TCP","service":"web"}`},
		{"custom options", false, nil, custom, "",
			`{"endpointSequenceNumber":0,"externalPort":80,"global":false,"hosts":null,"httpOptions":{"maxBodySize":10,"nextCases":["off"],"nextTimeout":5,"nextTries":4,"readTimeout":20,"sendTimeout":30},"ip":"","port":8080,"proto":"TCP","service":"web"}`},
		{"no next cases", false, nil, HTTPOptions{}, "",
			`{"endpointSequenceNumber":0,"externalPort":80,"global":false,"hosts":null,"httpOptions":{"maxBodySize":0,"nextCases":[],"nextTimeout":0,"nextTries":0,"readTimeout":0,"sendTimeout":0},"ip":"","port":8080,"proto":"TCP","service":"web"}`},
	} {
		got := string(appendExpose(nil, 0, 80, c.global, c.hosts, &c.h, c.ip, 8080, "TCP", "web"))
		if got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

// TestAppendUint: appendUint writes what strconv writes, on both sides of
// each number of digits it handles itself.
func TestAppendUint(t *testing.T) {
	t.Parallel()
	for n := uint32(0); n < 200000; n++ {
		if got, want := string(appendUint([]byte("x"), n)), "x"+strconv.FormatUint(uint64(n), 10); got != want {
			t.Fatalf("appendUint(%d) = %s, want %s", n, got, want)
		}
	}
	for _, n := range []uint32{999999, 1000000, 1<<32 - 1} {
		if got, want := string(appendUint(nil, n)), strconv.FormatUint(uint64(n), 10); got != want {
			t.Fatalf("appendUint(%d) = %s, want %s", n, got, want)
		}
	}
}
