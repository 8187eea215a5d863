package sdl

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// brokenSDL returns baseSDL with each old text replaced by the new one
// that follows it (each exactly once), to break it in several places.
func brokenSDL(pairs ...string) string {
	s := baseSDL
	for i := 0; i+1 < len(pairs); i += 2 {
		if strings.Count(s, pairs[i]) != 1 {
			panic(fmt.Sprintf("baseSDL holds %q %d times", pairs[i], strings.Count(s, pairs[i])))
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

// synWant is one expected syntax diagnostic: its line, column and a
// substring of its message.
type synWant struct {
	line, col int
	msg       string
}

// multiErrorSDL has five mistakes: a quote left open (which runs on to the
// next quote), a tab, a key indented one space short (hidden from YAML by
// the tab's blanking, which takes the lines below it), an unclosed {, and
// "key: value: x".
const multiErrorSDL = "version: \"2.0\"\n" +
	"services:\n" +
	"  web:\n" +
	"    image: \"nginx:1.25\n" +
	"    env:\n" +
	"      - \"A=1\"\n" +
	"\t  - \"B=2\"\n" +
	"    expose:\n" +
	"      - port: 80\n" +
	"        as: 80\n" +
	"       to:\n" +
	"          - global: true\n" +
	"profiles:\n" +
	"  compute:\n" +
	"    web:\n" +
	"      resources:\n" +
	"        cpu: {units: 0.5\n" +
	"        memory:\n" +
	"          size: 512Mi\n" +
	"  placement:\n" +
	"    dc:\n" +
	"      pricing:\n" +
	"        web: denom: uakt\n" +
	"deployment:\n" +
	"  web:\n" +
	"    dc:\n" +
	"      profile: web\n" +
	"      count: 1\n"

func TestSyntaxErrorsAreAllReported(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		doc  string
		want []synWant // every diagnostic, in order
	}{
		{"a real SDL with several mistakes", multiErrorSDL,
			[]synWant{{4, 12, `unclosed quote: the string opened here by " runs on to the " at line 6, col 9; is its closing " missing?`},
				{7, 1, "tab character in the indentation: YAML indents with spaces only"},
				{17, 14, "unclosed {: the flow mapping opened here has no closing }"},
				{23, 19, `unexpected ":": a value cannot hold another "key: value" on the same line`}}},
		{"unterminated quote and key: value: x",
			brokenSDL(`image: nginx:1.25`, `image: "nginx:1.25`, "denom: uact", "denom: uact: x"),
			[]synWant{{4, 12, `unclosed quote: the string opened here by " never ends`},
				{24, 22, `unexpected ":": a value cannot hold another "key: value"`}}},
		{"unterminated quote on the first line",
			brokenSDL(`version: "2.0"`, `version: "2.0`),
			[]synWant{{1, 10, "unclosed quote"}}},
		{"single quote in a flow mapping",
			brokenSDL("units: 0.5", "units: {v: 'half, x: 1}"),
			[]synWant{{15, 22, "unclosed quote: the string opened here by ' never ends"}}},
		{"unclosed quote that runs on to a later quote",
			brokenSDL(`image: nginx:1.25`, `image: "nginx:1.25`, "- port: 80", `- port: "80"`),
			[]synWant{{4, 12, `the string opened here by " runs on to the " at line 6, col 15`}}},
		{"tab indentation, twice",
			brokenSDL("    expose:", "\texpose:", "      profile: web", "\t\t\tprofile: web"),
			[]synWant{{5, 1, "tab character in the indentation"}, {29, 1, "tab character in the indentation"}}},
		{"tab after spaces",
			brokenSDL("          size: 512Mi", "        \t  size: 512Mi"),
			[]synWant{{17, 9, "tab character in the indentation"}}},
		{"bad indentation of keys",
			brokenSDL("        as: 80", "       as: 80", "      count: 1", "     count: 1"),
			[]synWant{{7, 8, `bad indentation: this line lines up neither with the list items`},
				{30, 6, "bad indentation: this line does not line up with the keys above it"}}},
		{"key indented deeper than its sibling",
			brokenSDL("    expose:", "     expose:"),
			[]synWant{{5, 6, "bad indentation: this key is indented deeper than line 4, which makes it part of that line's value"}}},
		{"unclosed [ and {",
			brokenSDL("          - global: true", "          - [global, true", "          units: 0.5", "          units: {v: 0.5"),
			[]synWant{{9, 13, "unclosed [: the flow list opened here has no closing ]"},
				{15, 18, "unclosed {: the flow mapping opened here has no closing }"}}},
		{"missing comma in a closed flow list, then key: value: x",
			brokenSDL("image: nginx:1.25", `image: ["a" "b"]`, "count: 1", "count: 1: 2"),
			[]synWant{{4, 12, "invalid flow list: its items must be separated by commas"},
				{30, 15, `unexpected ":"`}}},
		{"characters that cannot start a value",
			brokenSDL("denom: uact", "denom: @uact", "profile: web", "profile: `web`"),
			[]synWant{{24, 18, `'@' cannot start a value`}, {29, 16, "'`' cannot start a value"}}},
		{"text after a quoted value",
			brokenSDL(`version: "2.0"`, `version: "2.0" final`),
			[]synWant{{1, 16, "unexpected text after the value"}}},
		{"block scalar content indented too little",
			brokenSDL("    image: nginx:1.25", "    command:\n      - |\n        echo hi\n       exit"),
			[]synWant{{7, 8, "bad indentation"}}},
		{"colon in a continuation line",
			"a: 1\n  b: 2\nc: d: e\n",
			[]synWant{{2, 3, "bad indentation: this key is indented deeper"}, {3, 5, `unexpected ":"`}}},
		{"line without a colon before a key",
			"a\nb: 1\n",
			[]synWant{{2, 1, `line 1 is not a "key: value" pair, so YAML reads this line as more of its text`}}},
		{"text without a key",
			"a: b\nc\n",
			[]synWant{{2, 1, `expected "key: value", but this line has no ":" after its text`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkSyntax(t, tt.doc, tt.want)
		})
	}
}

// TestSyntaxRecoveryMakesNoArtefacts: documents where blanking the first
// error's line naively would make the rest look broken report only the
// real errors.
func TestSyntaxRecoveryMakesNoArtefacts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		doc  string
		want []synWant
	}{
		// Blanking line 2 alone would leave "    c: 2" continuing "1".
		{"children of a deeper key", "a: 1\n  b:\n    c: 2\nd: 3\n",
			[]synWant{{2, 3, "bad indentation"}}},
		// Blanking the item would leave "port: 80" misaligned.
		{"item after an unclosed quote", "a:\n  - name: \"x\n    port: 80\n  - name: y\n",
			[]synWant{{2, 11, "unclosed quote"}}},
		// Blanking line 3 takes the ], which would leave [ unclosed.
		{"closing bracket on the blanked line", "a: [\n  b,\n  @c]\nd: e\n",
			[]synWant{{3, 3, "'@' cannot start a value"}}},
		// The children of a tab-indented key go with it.
		{"children of a tab-indented key", "services:\n\tweb:\n            image: x\nprofiles: {}\n",
			[]synWant{{2, 1, "tab character"}}},
		// The unclosed quote's scalar ends on the blanked line: the quote
		// is not reported as never ending.
		{"quote closed on a blanked line", "a: \"x\n  y\" @z\nb: 1\n",
			[]synWant{{2, 6, "'@' cannot start a value"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkSyntax(t, tt.doc, tt.want)
		})
	}
}

// checkSyntax parses doc and compares every diagnostic with want.
func checkSyntax(t *testing.T, doc string, want []synWant) {
	t.Helper()
	_, err := Parse([]byte(doc))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Parse error %v (%T), want *Error", err, err)
	}
	got := e.Diagnostics
	for i := 0; i < max(len(got), len(want)); i++ {
		switch {
		case i >= len(want):
			t.Errorf("extra diagnostic %d: %s", i, got[i])
		case i >= len(got):
			t.Errorf("missing diagnostic %d: line %d, col %d: %s", i, want[i].line, want[i].col, want[i].msg)
		case got[i].Line != want[i].line || got[i].Column != want[i].col || !strings.Contains(got[i].Message, want[i].msg):
			t.Errorf("diagnostic %d: got %s\nwant line %d, col %d: %s", i, got[i], want[i].line, want[i].col, want[i].msg)
		}
	}
	for i, d := range got {
		if d.Path != "" || d.Severity != SeverityError {
			t.Errorf("diagnostic %d is not a plain syntax error: %+v", i, d)
		}
		if last := i == len(got)-1; last != strings.HasSuffix(d.Message, schemaNote) {
			t.Errorf("diagnostic %d: the schema note belongs on the last one only: %q", i, d.Message)
		}
	}
}

// TestSyntaxErrorsSkipSchema: a document with a syntax error reports no
// schema error, even with an unknown key elsewhere.
func TestSyntaxErrorsSkipSchema(t *testing.T) {
	t.Parallel()
	doc := brokenSDL("    image: nginx:1.25", "    imgae: nginx:1.25", "denom: uact", "denom: 'uact")
	checkSyntax(t, doc, []synWant{{24, 18, "unclosed quote"}})
	// Once the YAML is fixed, the schema error shows.
	_, err := Parse([]byte(brokenSDL("    image: nginx:1.25", "    imgae: nginx:1.25")))
	if err == nil || !strings.Contains(err.Error(), `did you mean "image"?`) {
		t.Fatalf("schema error missing: %v", err)
	}
}

func TestSyntaxErrorLimit(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for i := range 30 {
		fmt.Fprintf(&b, "k%d: a: b\n", i)
	}
	_, err := Parse([]byte(b.String()))
	var e *Error
	if !errors.As(err, &e) || len(e.Diagnostics) != maxSyntaxErrors {
		t.Fatalf("got %v, want %d diagnostics", err, maxSyntaxErrors)
	}
	for i, d := range e.Diagnostics {
		if d.Line != i+1 || d.Column != len(fmt.Sprintf("k%d: a:", i)) {
			t.Errorf("diagnostic %d at line %d, col %d", i, d.Line, d.Column)
		}
	}
	if last := e.Diagnostics[maxSyntaxErrors-1].Message; !strings.Contains(last, "stopped after 10 YAML errors") {
		t.Errorf("last diagnostic does not say it stopped: %q", last)
	}
}

// TestDuplicateKeysReportedTogether: duplicate keys come from the loader,
// all at once, alongside schema errors.
func TestDuplicateKeysReportedTogether(t *testing.T) {
	t.Parallel()
	doc := brokenSDL("    image: nginx:1.25", "    image: nginx:1.25\n    image: nginx:1.26",
		"          size: 512Mi", "          size: 512Mi\n          size: 1Gi", "count: 1", "count: 0")
	_, err := Parse([]byte(doc))
	want := []string{
		`services.web.image: duplicate key "image" (line 5, col 5)`,
		`profiles.compute.web.resources.memory.size: duplicate key "size" (line 19, col 11)`,
		"deployment.web.dcloud.count: must be at least 1",
	}
	if err == nil {
		t.Fatal("accepted")
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error lacks %q:\n%v", w, err)
		}
	}
}

func TestDiagnosticStringWithoutColumn(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Line: 4, Message: "m"}, "m (line 4)"},
		{Diagnostic{Line: 4, Column: 2, Message: "m"}, "m (line 4, col 2)"},
		{Diagnostic{Path: "a.b", Message: "m"}, "a.b: m"},
	} {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.d, got, tt.want)
		}
	}
}

// TestSyntaxRecoveryEnds: odd line breaks and every cut of a broken SDL
// end the search (a lone \r once made it loop) within its parse budget.
func TestSyntaxRecoveryEnds(t *testing.T) {
	t.Parallel()
	doc := brokenSDL(`image: nginx:1.25`, "image: \"nginx\r:1.25", "denom: uact", "denom: uact: x\r\n\t\tq: [",
		"count: 1", "count: {1")
	for n := range len(doc) + 1 {
		checkSyntaxDiagnostics(t, []byte(doc[:n]))
	}
	s := &syntaxScan{buf: []byte(doc), budget: 3, mlo: -1, mhi: -1}
	s.lines = lineStarts(s.buf)
	for range 5 {
		_ = s.parse(len(doc))
	}
	if s.budget != 0 || !errors.Is(s.parse(len(doc)), errBudget) {
		t.Fatalf("the parse budget is not enforced: %d left", s.budget)
	}
}

// checkSyntaxDiagnostics runs the syntax search on data directly (Parse
// would turn a panic into a message) and checks what it returns.
func checkSyntaxDiagnostics(t *testing.T, data []byte) {
	t.Helper()
	s := &syntaxScan{buf: data, budget: 1}
	err := s.parse(len(data))
	if err == nil {
		return
	}
	diags := syntaxDiagnostics(data, err)
	if len(diags) == 0 || len(diags) > maxSyntaxErrors {
		t.Fatalf("%q: %d diagnostics", data, len(diags))
	}
	for i, d := range diags {
		if !strings.HasPrefix(d.Message, "invalid YAML: ") || strings.Contains(d.Message, "runtime error") {
			t.Fatalf("%q: diagnostic %d: %s", data, i, d)
		}
		if i > 0 && (d.Line == 0 || d.Line < diags[i-1].Line) {
			t.Fatalf("%q: diagnostic %d out of order: %v", data, i, diags)
		}
	}
}

// FuzzSyntaxDiagnostics: the syntax search never panics, ends, and
// reports between 1 and maxSyntaxErrors errors in document order.
func FuzzSyntaxDiagnostics(f *testing.F) {
	fuzzSeeds(f, func(b []byte) { f.Add(b) })
	f.Add([]byte(brokenSDL(`image: nginx:1.25`, `image: "nginx:1.25`, "- port: 80", `- port: "80"`, "as: 80", "as: 80: 1")))
	f.Add([]byte("a: [\n  b,\n  @c]\nd: e\n\tf: {g\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkSyntaxDiagnostics(t, data)
	})
}
