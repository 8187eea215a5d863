package sdl

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// corpusRow is one line of official-results.tsv.
type corpusRow struct {
	File      string // relative to sdl-corpus
	TSOK      bool
	TSResult  string // version hex or error
	GoOK      bool
	GoResult  string
	Path      string // absolute
	Data      []byte
	oracleOut *oracleResult
}

type oracleResult struct {
	File     string          `json:"file"`
	OK       bool            `json:"ok"`
	Version  string          `json:"version"`
	Sorted   string          `json:"sorted"`
	Manifest json.RawMessage `json:"manifest"`
	Groups   json.RawMessage `json:"groups"`
	Errors   []string        `json:"errors"`
}

func loadCorpus(t testing.TB) []*corpusRow {
	t.Helper()
	dir := filepath.Join(sharedDir(t), "sdl-corpus")
	raw, err := os.ReadFile(filepath.Join(dir, "official-results.tsv"))
	if err != nil {
		t.Fatalf("reading corpus results: %v", err)
	}
	var rows []*corpusRow
	for i, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		if i == 0 {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			t.Fatalf("official-results.tsv line %d: %d fields", i+1, len(f))
		}
		r := &corpusRow{File: f[0], TSOK: f[1] == "ok", TSResult: f[2], GoOK: f[3] == "ok", GoResult: f[4],
			Path: filepath.Join(dir, f[0])}
		if r.Data, err = os.ReadFile(r.Path); err != nil {
			t.Fatalf("reading %s: %v", r.File, err)
		}
		rows = append(rows, r)
	}
	return rows
}

// runOracle runs the TS SDK once over all files.
func runOracle(t testing.TB, script string, rows []*corpusRow) {
	t.Helper()
	paths := make([]string, len(rows))
	for i, r := range rows {
		paths[i] = r.Path
	}
	in, _ := json.Marshal(paths)
	cmd := exec.Command("node", script, "--stdin")
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running the TS SDK oracle: %v\n%s", err, stderr.String())
	}
	byPath := map[string]*corpusRow{}
	for _, r := range rows {
		byPath[r.Path] = r
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var res oracleResult
		if err := json.Unmarshal(sc.Bytes(), &res); err != nil {
			t.Fatalf("decoding oracle output: %v", err)
		}
		if r := byPath[res.File]; r != nil {
			r.oracleOut = &res
		}
	}
	for _, r := range rows {
		if r.oracleOut == nil {
			t.Fatalf("oracle gave no result for %s", r.File)
		}
	}
}

// safeParse parses and builds everything, turning a panic into a failure.
func safeParse(data []byte) (s *SDL, crash any, err error) {
	defer func() {
		if r := recover(); r != nil {
			crash = r
		}
	}()
	s, err = Parse(data)
	if err == nil {
		s.Groups()
	}
	return s, nil, err
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// TestConformance compares akt with the official TS SDK, run live, over the
// whole corpus, and checks the recorded results of both official SDKs.
func TestConformance(t *testing.T) {
	script := requireOracle(t)
	rows := loadCorpus(t)
	runOracle(t, script, rows)
	var bothOK, bothOKSame, bothErr, bothErrLocated, disagree, disAccept, disReject, liveOK, liveSame int
	for _, r := range rows {
		s, crash, err := safeParse(r.Data)
		if crash != nil {
			t.Errorf("%s: akt crashed: %v", r.File, crash)
			continue
		}
		o := r.oracleOut
		if o.OK != r.TSOK {
			t.Errorf("%s: the live TS SDK says ok=%v, the recorded result ok=%v", r.File, o.OK, r.TSOK)
		}
		// Whenever both the TS SDK and akt accept a file, the outputs must be identical.
		if o.OK && err == nil {
			liveOK++
			if same := compareWithOracle(t, r, s, o); same {
				liveSame++
			}
		}
		switch {
		case r.TSOK && r.GoOK:
			bothOK++
			if err != nil {
				t.Errorf("%s: both SDKs accept it, akt rejects it:\n%v", r.File, err)
				continue
			}
			if v := s.Version(); hex.EncodeToString(v[:]) == r.TSResult {
				bothOKSame++
			} else {
				t.Errorf("%s: version %x, TS SDK %s", r.File, v, r.TSResult)
			}
		case !r.TSOK && !r.GoOK:
			bothErr++
			if err == nil {
				t.Errorf("%s: both SDKs reject it (%s), akt accepts it", r.File, r.TSResult)
				continue
			}
			if located(err) {
				bothErrLocated++
			} else {
				t.Errorf("%s: rejected without a location for every error:\n%v", r.File, err)
			}
		default:
			disagree++
			if err == nil {
				disAccept++
			} else {
				disReject++
			}
		}
	}
	t.Logf("conformance: %d files; both SDKs accept %d: akt same version %d; both reject %d: akt rejects with location %d; "+
		"SDKs disagree %d: akt accepts %d, rejects %d; TS and akt both accept %d: identical manifest, groups and version %d",
		len(rows), bothOK, bothOKSame, bothErr, bothErrLocated, disagree, disAccept, disReject, liveOK, liveSame)
	fmt.Printf("sdl conformance summary: files=%d both-accept=%d identical=%d both-reject=%d rejected-located=%d disagree=%d akt-accepts=%d akt-rejects=%d live-identical=%d/%d\n",
		len(rows), bothOK, bothOKSame, bothErr, bothErrLocated, disagree, disAccept, disReject, liveSame, liveOK)
}

// compareWithOracle checks manifest bytes, manifest structure, groups and version.
func compareWithOracle(t *testing.T, r *corpusRow, s *SDL, o *oracleResult) bool {
	t.Helper()
	same := true
	if got := s.ManifestJSON(); string(got) != o.Sorted {
		same = false
		if !jsonEqual(got, o.Manifest) {
			t.Errorf("%s: manifest differs from the TS SDK's\n akt: %s\n  ts: %s", r.File, got, o.Sorted)
		} else {
			t.Errorf("%s: manifest bytes differ from the TS SDK's (same structure)\n akt: %s\n  ts: %s", r.File, got, o.Sorted)
		}
	}
	if got := GroupsJSON(s.Groups()); !jsonEqual(got, o.Groups) {
		same = false
		t.Errorf("%s: groups differ from the TS SDK's\n akt: %s\n  ts: %s", r.File, got, o.Groups)
	}
	if v := s.Version(); hex.EncodeToString(v[:]) != o.Version {
		same = false
		t.Errorf("%s: version %x, TS SDK %s", r.File, v, o.Version)
	}
	return same
}
