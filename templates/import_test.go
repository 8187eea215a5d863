package templates

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/akt-project/akt/sdl"
)

type corpusCategory struct {
	Category string `json:"category"`
	Title    string `json:"title"`
}

// buildAwesomeAkash lays out corpus files as the awesome-akash repository
// does (<Dir>/deploy.yaml, variants, nested directories) with a README whose
// headings are the catalog's categories. It returns the tree as a map of
// slash-separated paths, and the categories by directory.
func buildAwesomeAkash(t *testing.T) (map[string][]byte, map[string][]corpusCategory) {
	t.Helper()
	shared := sharedDir(t)
	raw, err := os.ReadFile(filepath.Join(shared, "sdl-corpus", "awesome-akash-categories.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cats map[string][]corpusCategory
	if err := json.Unmarshal(raw, &cats); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	corpus := filepath.Join(shared, "sdl-corpus", "awesome-akash")
	entries, err := os.ReadDir(corpus)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(corpus, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[strings.ReplaceAll(e.Name(), "__", "/")] = data
	}
	// README in the catalog's own shape: a table of contents of anchors, then
	// one heading per category with links to directories.
	byCategory := map[string][]string{}
	var order []string
	dirs := make([]string, 0, len(cats))
	for dir := range cats {
		dirs = append(dirs, dir)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		for _, c := range cats[dir] {
			if _, ok := byCategory[c.Category]; !ok {
				order = append(order, c.Category)
			}
			byCategory[c.Category] = append(byCategory[c.Category], fmt.Sprintf("- [%s](%s)", c.Title, dir))
		}
	}
	var readme strings.Builder
	readme.WriteString("# Awesome Akash\n\nA curated list of apps to deploy on [Akash](https://akash.network).\n\n## Table of Contents\n\n")
	for _, c := range order {
		fmt.Fprintf(&readme, "- [%s](#%s)\n", c, slug(c))
	}
	for _, c := range order {
		fmt.Fprintf(&readme, "\n### %s\n\n%s\n", c, strings.Join(byCategory[c], "\n"))
	}
	readme.WriteString("\n### Tools\n\n- [External tool](https://github.com/example/tool)\n")
	files["README.md"] = []byte(readme.String())
	files["DeepSeek-R1/README.md"] = []byte("# DeepSeek R1\n\n![logo](logo.png)\n\nRun the [DeepSeek R1](https://huggingface.co) reasoning model with vLLM on eight GPUs.\n")
	return files, cats
}

func writeTree(t *testing.T, root string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestImportAwesomeAkashDirectory(t *testing.T) {
	t.Parallel()
	files, cats := buildAwesomeAkash(t)
	root := t.TempDir()
	writeTree(t, root, files)
	report, err := ImportAwesomeAkash(os.DirFS(root), sdlValidate)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("imported %d, rejected %d, notes %d", len(report.Imported), len(report.Rejected), len(report.Notes))

	// Every top-level deploy*.yaml is either imported or rejected with a reason.
	candidates := 0
	for name := range files {
		parts := strings.Split(name, "/")
		if len(parts) == 2 && sdlFilePattern.MatchString(parts[1]) {
			candidates++
		}
	}
	if got := len(report.Imported) + len(report.Rejected); got != candidates {
		t.Errorf("imported+rejected = %d, want %d candidate files", got, candidates)
	}
	if len(report.Imported) < candidates/2 {
		t.Errorf("only %d of %d files imported", len(report.Imported), candidates)
	}
	for _, r := range report.Rejected {
		if r.Reason == "" {
			t.Errorf("%s rejected without a reason", r.Path)
		}
		if _, err := sdl.Parse(files[r.Path]); err == nil && !bytes.Contains(files[r.Path], []byte("{{")) {
			t.Errorf("%s rejected (%s) although sdl.Parse accepts it", r.Path, r.Reason)
		}
	}
	for _, tmpl := range report.Imported {
		src := strings.TrimPrefix(tmpl.Source, "awesome-akash:")
		dir, file, _ := strings.Cut(src, "/")
		if !bytes.Equal(tmpl.SDL(), files[src]) {
			t.Errorf("%s: SDL differs from %s", tmpl.ID, src)
		}
		out, err := tmpl.Render(nil)
		if err != nil || out != string(files[src]) {
			t.Errorf("%s: Render is not the file verbatim (%v)", tmpl.ID, err)
		}
		want := SegmentOther
		if c := cats[dir]; len(c) > 0 {
			want, _ = SegmentForCategory(c[0].Category)
			if !strings.HasPrefix(tmpl.Title, c[0].Title) {
				t.Errorf("%s: title %q, want the README's %q", tmpl.ID, tmpl.Title, c[0].Title)
			}
		}
		if tmpl.Segment != want {
			t.Errorf("%s (%s): segment %s, want %s", tmpl.ID, file, tmpl.Segment, want)
		}
	}
	if !slices.Contains(report.Notes, "Chatterbox/backend/deploy.yaml is in a subdirectory and was not imported") {
		t.Errorf("nested SDL not reported; notes: %q", report.Notes)
	}
	ds, err := findTemplate(report, "aa-deepseek-r1")
	if err != nil {
		t.Fatal(err)
	}
	if ds.Segment != SegmentAIML || !strings.HasPrefix(ds.Summary, "Run the DeepSeek R1 reasoning model") {
		t.Errorf("aa-deepseek-r1: segment %s, summary %q", ds.Segment, ds.Summary)
	}

	// Stored in a user directory, the imports load back and join the built-ins.
	userDir := t.TempDir()
	for _, tmpl := range report.Imported {
		if err := WriteTemplate(userDir, tmpl); err != nil {
			t.Fatal(err)
		}
	}
	loaded, err := Load(os.DirFS(userDir), "user")
	if err != nil {
		t.Fatal(err)
	}
	builtinList, err := Load(BuiltinFS(), "builtin")
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewCatalog(sdlValidate, builtinList, loaded)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(c.List("")); got != len(builtinList)+len(report.Imported) {
		t.Errorf("catalog has %d templates, want %d", got, len(builtinList)+len(report.Imported))
	}
	again, err := c.Get("aa-deepseek-r1")
	if err != nil || again.Source != ds.Source || again.Segment != ds.Segment {
		t.Errorf("reloaded aa-deepseek-r1: %+v, %v", again, err)
	}
}

func findTemplate(r *ImportReport, id string) (*Template, error) {
	for _, t := range r.Imported {
		if t.ID == id {
			return t, nil
		}
	}
	return nil, fmt.Errorf("%s not imported", id)
}

// TestImportAwesomeAkashArchives imports the same tree from the .tar.gz and
// .zip archives GitHub serves (one top-level directory) and expects the same
// result as from a directory.
func TestImportAwesomeAkashArchives(t *testing.T) {
	t.Parallel()
	files, _ := buildAwesomeAkash(t)
	files["AI-Image-App/logo.png"] = []byte("\x89PNG not kept")
	direct, err := ImportAwesomeAkash(mapFS(files), sdlValidate)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)

	var tgz bytes.Buffer
	gz := gzip.NewWriter(&tgz)
	tw := tar.NewWriter(gz)
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	for _, n := range names {
		full := "awesome-akash-master/" + n
		if err := tw.WriteHeader(&tar.Header{Name: full, Mode: 0o644, Size: int64(len(files[n])), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(files[n]); err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(full)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(files[n]); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []interface{ Close() error }{tw, gz, zw} {
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range []struct {
		name string
		data []byte
	}{{"awesome-akash-master.tar.gz", tgz.Bytes()}, {"awesome-akash-master.zip", zbuf.Bytes()}} {
		fsys, err := OpenArchive(a.data, a.name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ImportAwesomeAkash(fsys, sdlValidate)
		if err != nil {
			t.Fatalf("%s: %v", a.name, err)
		}
		if ids(got) != ids(direct) || len(got.Rejected) != len(direct.Rejected) {
			t.Errorf("%s: imported %d / rejected %d, the directory gave %d / %d",
				a.name, len(got.Imported), len(got.Rejected), len(direct.Imported), len(direct.Rejected))
		}
	}
	if _, err := OpenArchive([]byte("x"), "catalog.rar"); err == nil || !strings.Contains(err.Error(), "unsupported format") {
		t.Errorf("unsupported archive: %v", err)
	}
}

func ids(r *ImportReport) string {
	var out []string
	for _, t := range r.Imported {
		out = append(out, t.ID)
	}
	return strings.Join(out, ",")
}

func mapFS(files map[string][]byte) fs.FS {
	m := fstest.MapFS{}
	for k, v := range files {
		m[k] = &fstest.MapFile{Data: v}
	}
	return m
}

func TestImportCategoriesCoverCorpus(t *testing.T) {
	t.Parallel()
	_, cats := buildAwesomeAkash(t)
	for dir, list := range cats {
		for _, c := range list {
			if _, ok := SegmentForCategory(c.Category); !ok {
				t.Errorf("%s: category %q has no segment", dir, c.Category)
			}
		}
	}
	if seg, ok := SegmentForCategory("Quantum Toasters"); ok || seg != SegmentOther {
		t.Errorf("unknown category: %s, %v", seg, ok)
	}
}

func TestImportRejectsNonCatalog(t *testing.T) {
	t.Parallel()
	_, err := ImportAwesomeAkash(os.DirFS(t.TempDir()), nil)
	if err == nil || !strings.Contains(err.Error(), "README.md") {
		t.Fatalf("got %v", err)
	}
}

func TestParseCatalogReadme(t *testing.T) {
	t.Parallel()
	readme := "# Awesome\n\n## Table of Contents\n- [AI](#ai)\n\n### AI - GPU\n\n- [Llama](./llama/) - chat\n* [SD](https://github.com/akash-network/awesome-akash/tree/master/stable-diffusion)\n" +
		"- [Ext](https://example.com/x)\n```\n- [Fenced](fenced)\n```\n### **Hosting**\n- [Caddy](caddy \"title\")\n- [Docs](docs/README.md)\n- [Space](my%20app)\n"
	got := ParseCatalogReadme([]byte(readme))
	want := []CatalogEntry{
		{"llama", "Llama", "AI - GPU"}, {"stable-diffusion", "SD", "AI - GPU"},
		{"caddy", "Caddy", "Hosting"}, {"docs", "Docs", "Hosting"}, {"my app", "Space", "Hosting"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
}
