package sdl

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"unsafe"
)

// sameTree compares two loaded trees: kinds, values, keys and positions.
func sameTree(a, b *value, path string) error {
	if a.kind != b.kind {
		return fmt.Errorf("%s: kind %v vs %v", path, a.kind, b.kind)
	}
	if a.p != b.p {
		return fmt.Errorf("%s: position %v vs %v", path, a.p, b.p)
	}
	switch a.kind {
	case kBool:
		if a.b != b.b {
			return fmt.Errorf("%s: %v vs %v", path, a.b, b.b)
		}
	case kNumber:
		if a.num != b.num && !(math.IsNaN(a.num) && math.IsNaN(b.num)) || a.str != b.str {
			return fmt.Errorf("%s: %v (%q) vs %v (%q)", path, a.num, a.str, b.num, b.str)
		}
	case kString, kOther:
		if a.str != b.str {
			return fmt.Errorf("%s: %q vs %q", path, a.str, b.str)
		}
	case kSeq:
		if len(a.seq) != len(b.seq) {
			return fmt.Errorf("%s: %d vs %d items", path, len(a.seq), len(b.seq))
		}
		for i := range a.seq {
			if err := sameTree(a.seq[i], b.seq[i], indexPathString(path, i)); err != nil {
				return err
			}
		}
	case kMap:
		if len(a.keys) != len(b.keys) {
			return fmt.Errorf("%s: keys %q vs %q", path, a.keys, b.keys)
		}
		for i := range a.keys {
			if a.keys[i] != b.keys[i] || a.keyP[i] != b.keyP[i] {
				return fmt.Errorf("%s: key %q at %v vs %q at %v", path, a.keys[i], a.keyP[i], b.keys[i], b.keyP[i])
			}
			if err := sameTree(a.vals[i], b.vals[i], joinPathString(path, a.keys[i])); err != nil {
				return err
			}
		}
	}
	return nil
}

// keepsNoView fails when a string of the tree points into buf, the text
// the fast reader scans (the caller's, free to change once a read is over).
func keepsNoView(v *value, buf []byte, path string) error {
	if len(buf) == 0 {
		return nil
	}
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(buf)))
	hi := lo + uintptr(cap(buf))
	in := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return s != "" && p >= lo && p < hi
	}
	if in(v.str) {
		return fmt.Errorf("%s: the text %q points into the reader's buffer", path, v.str)
	}
	for _, item := range v.seq {
		if err := keepsNoView(item, buf, path+"[]"); err != nil {
			return err
		}
	}
	if v.mapData != nil {
		for i, k := range v.keys {
			if in(k) {
				return fmt.Errorf("%s: the key %q points into the reader's buffer", path, k)
			}
			if err := keepsNoView(v.vals[i], buf, joinPathString(path, k)); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkFastAgrees fails when the fast reader accepts data but reads it
// differently from yaml.v3. It reports whether the fast reader handled it.
func checkFastAgrees(t testing.TB, name string, data []byte) bool {
	t.Helper()
	sd := &diagList{}
	fast, bufs := fastRead(data)
	if fast == nil {
		return false
	}
	defer bufs.release()
	if err := keepsNoView(fast, data, ""); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	slow, err := slowLoad(data, sd)
	if err != nil {
		t.Fatalf("%s: fast reader accepted what yaml.v3 rejects: %v", name, err)
	}
	if err := sameTree(fast, slow, ""); err != nil {
		t.Fatalf("%s: fast reader differs from yaml.v3: %v", name, err)
	}
	if len(sd.list) > 0 {
		// the fast reader has no diagnostics: it leaves such input to yaml.v3
		t.Fatalf("%s: fast reader accepted what yaml.v3 reports: %v", name, sd.list)
	}
	return true
}

func TestFastReaderAgreesOnCorpus(t *testing.T) {
	t.Parallel()
	fast := 0
	rows := loadCorpus(t)
	for _, r := range rows {
		if checkFastAgrees(t, r.File, r.Data) {
			fast++
		}
	}
	t.Logf("fast reader handled %d of %d corpus files", fast, len(rows))
	if fast < len(rows)*9/10 {
		t.Errorf("fast reader handled only %d of %d corpus files", fast, len(rows))
	}
}

func TestFastReaderCases(t *testing.T) {
	t.Parallel()
	cases := []string{
		"a: 1\nb:\n  - x\n  - y: 2\n    z: [1, 'two', \"th\\\"ree\"]\n",
		"a:\n- 1\n- 2\nb: {c: d, e: [f, g]}\n",
		"a: |\n  line1\n   line2\n\n  line3\nb: >-\n  folded\n  text\n\n  para\n",
		"a: >\n  x\n\n\nb: |+\n  keep\n\nc: 1\n",
		"# c\n---\na: 'it''s' # c\nb: \"\\u00e9\\x41\"\n",
		"a: \nb: ~\nc: null\nd: true\ne: 0x1F\nf: 1_000\ng: .inf\nh: 2001-12-14\n",
		"a: 0.5\nb: 12.25\nc: 00.5\nd: 1.\ne: false\nf: True\ng: 'x'\nh: \"\"\ni: ''\nj: 'a''b'\nk: \"a\\\\b\"\nl: 1.5e3\n",
		"a: [-c, --port, -1, +1, -.5, -.inf, +_1, -_c, -x_1, -Inf, +e1]\nb: [yes, no, on, off, y, n, Yes, NO, tRUE, nil, None, nginx, TCP, Null, FALSE, nan, NaN, inf, Infinity, +Inf, -nan, .5, ~, <<x]\n",
		"list:\n  -\n  - x\n",
		"a:\n  b:\n    c: [\n      1,\n      2\n    ]\n",
		"é: ü\nb: [é, ü]\n",
		"--- # doc\na : 1\r\nb: |\r\n  x\r\n  y\r\nc: [d]\r\n",
		"a: x\u2028y\nb: \u0085\n",
		"... :\n",
		"a: b\n  c\n",
		"a: *x\n",
		"a: 1\na: 2\n",
		"\"\": 1\n'x': 2\n",
		"ab: 1\nb: 2\n2: 3\n10: 4\nba: 5\n",
		// quoted and block scalars are strings whatever their text
		"a: '1'\nb: \"true\"\nc: 'null'\nd: \"~\"\ne: |\n  5\nf: >-\n  ~\ng: [\"0x1F\", '.inf', \"\"]\nh: {i: 'false'}\n",
	}
	handled := 0
	for i, c := range cases {
		if checkFastAgrees(t, fmt.Sprintf("case %d", i), []byte(c)) {
			handled++
		}
	}
	// the last five (line separators, a document marker, a continued plain
	// scalar, an alias, a duplicate key) exercise fallbacks; so does the
	// flow sequence closing at its key's indentation
	if handled < len(cases)-6 {
		t.Errorf("fast reader handled only %d of %d cases", handled, len(cases))
	}
}

// TestFastReaderOutcomes: quoted scalars going on over several lines (two
// corpus files have them) read as yaml.v3 reads them, and what yaml.v3
// rejects inside them goes to yaml.v3; so do duplicate keys.
func TestFastReaderOutcomes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		doc  string
		fast bool
	}{
		{"a: 'x\n  y\n\n  z '\nb: 1\n", true},
		{"a: 'x\ny'\n", true},
		{"a: 'x\n   \n \n y' # c\n", true},
		{"a: 'it''s\n  ok'''\n", true},
		{"a: \"p \\\n  q\\n  r\"\n", true},
		{"a: \"p\\\n\n\n  q\"\n", true},
		{"a: \"\\u00e9\n  \\x41\"\n", true},
		{"a:\n- 'x\n  y'\n- \"a\\\n\"\n", true},
		{"a:\r\n  b: 'x\r\n    y'\r\n", true},
		{"a: \"\\'\"\n", true},
		{"a: 'x\n---\n'\n", false},       // a document marker inside
		{"a: 'x\n... y'\n", false},       // the same
		{"a: 'x\n", false},               // the document ends inside
		{"a: 'x\n y' z\n", false},        // text after the closing quote
		{"a: 'x\n y'\n  b\n", false},     // a more indented line after it
		{"a: \"\\/\"\n", false},          // yaml.v3 knows no \/ escape
		{"'a\n b': c\n", false},          // keys stay on one line
		{"ab: 1\nb: 2\nab : 3\n", false}, // a duplicate key
		{"a: b\tc\n", false},             // tabs, lone CRs and control
		{"a: 1\rb: 2\n", false},          // characters: yaml.v3 reads them
		{"a: \x7f\n", false},
		{"a: 1\r\nb: é\r\n", true}, // CRLF with non-ASCII text
		{"a:\n  b: 'é\n    x'\n  c: d\n", true},
		{"a:\n  '': 1\n  \"\": 2\n", false},
	}
	for _, c := range cases {
		if got := checkFastAgrees(t, c.doc, []byte(c.doc)); got != c.fast {
			t.Errorf("%q: fast reader handled it: %v, want %v", c.doc, got, c.fast)
		}
	}
}

// TestSplitLinesShortTable: a pooled line table too short for the text, at
// every length, is sized and the text split again, plain or not.
func TestSplitLinesShortTable(t *testing.T) {
	t.Parallel()
	for _, text := range []string{
		"a: 1\nb:\n  c: 2\n\n# x\nd: [e, f]\n" + strings.Repeat("g: h\n", 30),
		"a: é\nb:\n  c: 2\n\nd: 3\n",
		"a: 1\r\nb: 2\r\n",
		// text that stops being plain after some lines: the splitter
		// goes on from the lines split already
		"a: 1\nb:\n  c: é\n  d: 2\n" + strings.Repeat("e: f\n", 20) + "g: ü",
		"a: 1\n  # x\nb: 2\r\nc: 3\n",
		strings.Repeat("long: line of plain text to cross a 64-byte block\n", 3) + "x: \u00e9\n",
	} {
		parts := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
		for room := range len(parts) + 2 {
			f := &fastParser{src: []byte(text), s: text, lines: make([]fastLine, 0, room)}
			if !f.splitLines() {
				t.Fatalf("%q with room for %d lines: not split", text, room)
			}
			if len(f.lines) != len(parts) {
				t.Fatalf("%q with room for %d lines: %d lines, want %d", text, room, len(f.lines), len(parts))
			}
			for i, p := range parts {
				ind := len(p) - len(strings.TrimLeft(p, " "))
				blank := ind == len(p) || p[ind] == '#'
				l := f.lines[i]
				if got := f.text(i); got != p || int(l.indent) != ind || (l.flags&lineBlank != 0) != blank {
					t.Fatalf("%q with room for %d lines: line %d = %q indented %d, flags %b; want %q indented %d, blank %v",
						text, room, i, got, l.indent, l.flags, p, ind, blank)
				}
			}
		}
	}
}
