package templates

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
)

// importCategories maps awesome-akash README headings to segments. Headings
// not in the table land in "other" and are reported.
//
//go:embed import-categories.json
var importCategoriesJSON []byte

// ImportedPrefix starts the id of every imported template, so imports never
// collide with built-in ids.
const ImportedPrefix = "aa-"

// ImportReport says what an import kept and what it rejected, and why.
type ImportReport struct {
	// Imported are the templates whose SDL validated, ready for WriteTemplate.
	Imported []*Template
	// Rejected lists the SDL files left out, each with its reason.
	Rejected []ImportProblem
	// Notes are non-fatal remarks (unknown categories, unlisted directories).
	Notes []string
}

// ImportProblem is one file that was not imported.
type ImportProblem struct {
	// Path is the file (or directory) relative to the catalog root.
	Path string `json:"path"`
	// Reason is the validator's or reader's message.
	Reason string `json:"reason"`
}

// SegmentForCategory returns the segment an awesome-akash category maps to
// and whether the category is known.
func SegmentForCategory(category string) (Segment, bool) {
	var table map[string]Segment
	if err := json.Unmarshal(importCategoriesJSON, &table); err != nil {
		panic(fmt.Sprintf("embedded import-categories.json: %v", err)) // checked by tests
	}
	seg, ok := table[category]
	if !ok {
		return SegmentOther, false
	}
	return seg, true
}

// sdlFilePattern picks the SDL files of a template directory: deploy.yaml
// and variants such as deploy-mysql.yaml or deploy_static.yml.
var sdlFilePattern = regexp.MustCompile(`^deploy(?:[-_.]([A-Za-z0-9_.-]+?))?\.ya?ml$`)

// ImportAwesomeAkash imports a checkout of the awesome-akash catalog (a
// directory holding README.md and one directory per template, or the same
// inside a single top-level directory as in a downloaded archive). README
// headings give categories, mapped to segments; every deploy*.yaml that
// validate accepts becomes a parameterless template with id "aa-<dir>" (or
// "aa-<dir>-<variant>"). validate may be nil to only check that the file is a
// YAML mapping.
func ImportAwesomeAkash(src fs.FS, validate Validator) (*ImportReport, error) {
	root, err := catalogRoot(src)
	if err != nil {
		return nil, err
	}
	if root != "." {
		if src, err = fs.Sub(src, root); err != nil {
			return nil, fmt.Errorf("opening %s: %w", root, err)
		}
	}
	readme, err := fs.ReadFile(src, "README.md")
	if err != nil {
		return nil, fmt.Errorf("reading the catalog README: %w", err)
	}
	report := &ImportReport{}
	listed := map[string][]CatalogEntry{}
	unknown := map[string]bool{}
	for _, e := range ParseCatalogReadme(readme) {
		listed[e.Dir] = append(listed[e.Dir], e)
		if _, ok := SegmentForCategory(e.Category); !ok && !unknown[e.Category] {
			unknown[e.Category] = true
			report.Notes = append(report.Notes, fmt.Sprintf("README category %q has no segment mapping; its templates go to %q", e.Category, SegmentOther))
		}
	}
	dirs, err := fs.ReadDir(src, ".")
	if err != nil {
		return nil, fmt.Errorf("listing the catalog: %w", err)
	}
	ids := map[string]string{}
	for _, d := range dirs {
		if !d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			continue
		}
		files, err := fs.ReadDir(src, d.Name())
		if err != nil {
			report.Rejected = append(report.Rejected, ImportProblem{Path: d.Name(), Reason: err.Error()})
			continue
		}
		var sdlFiles []string
		for _, f := range files {
			if !f.IsDir() && sdlFilePattern.MatchString(f.Name()) {
				sdlFiles = append(sdlFiles, f.Name())
			}
			if f.IsDir() {
				report.Notes = append(report.Notes, nestedSDLNotes(src, d.Name()+"/"+f.Name())...)
			}
		}
		if len(sdlFiles) == 0 {
			continue
		}
		entries := listed[d.Name()]
		if len(entries) == 0 {
			report.Notes = append(report.Notes, fmt.Sprintf("%s is not listed in the README; imported as %q", d.Name(), SegmentOther))
		}
		summary := dirSummary(src, d.Name())
		for _, name := range sdlFiles {
			rel := d.Name() + "/" + name
			t, err := importOne(src, d.Name(), name, entries, summary, validate)
			if err != nil {
				report.Rejected = append(report.Rejected, ImportProblem{Path: rel, Reason: err.Error()})
				continue
			}
			if prev, dup := ids[t.ID]; dup {
				report.Rejected = append(report.Rejected, ImportProblem{Path: rel, Reason: fmt.Sprintf("id %s is already taken by %s", t.ID, prev)})
				continue
			}
			ids[t.ID] = rel
			report.Imported = append(report.Imported, t)
		}
	}
	sort.Slice(report.Imported, func(i, j int) bool { return report.Imported[i].ID < report.Imported[j].ID })
	sort.Slice(report.Rejected, func(i, j int) bool { return report.Rejected[i].Path < report.Rejected[j].Path })
	return report, nil
}

// catalogRoot finds the directory holding README.md: the root itself, or the
// single top-level directory of an extracted archive.
func catalogRoot(src fs.FS) (string, error) {
	if _, err := fs.Stat(src, "README.md"); err == nil {
		return ".", nil
	}
	entries, err := fs.ReadDir(src, ".")
	if err != nil {
		return "", fmt.Errorf("listing the catalog: %w", err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	if len(dirs) == 1 {
		if _, err := fs.Stat(src, path.Join(dirs[0], "README.md")); err == nil {
			return dirs[0], nil
		}
	}
	return "", errors.New("no README.md at the top of the catalog (expected an awesome-akash checkout or archive)")
}

func importOne(src fs.FS, dir, file string, entries []CatalogEntry, summary string, validate Validator) (*Template, error) {
	data, err := fs.ReadFile(src, path.Join(dir, file))
	if err != nil {
		return nil, err
	}
	if bytes.Contains(data, []byte("{{")) {
		return nil, errors.New(`contains "{{", which akt templates reserve for parameters`)
	}
	if validate != nil {
		if err := validate(data); err != nil {
			return nil, err
		}
	}
	id := ImportedPrefix + slug(dir)
	if m := sdlFilePattern.FindStringSubmatch(file); m[1] != "" {
		id += "-" + slug(m[1])
	}
	title := dir
	segment := SegmentOther
	tags := []string{"awesome-akash"}
	for i, e := range entries {
		if i == 0 {
			title = e.Title
			segment, _ = SegmentForCategory(e.Category)
		}
		if tag := slug(e.Category); tag != "" && !contains(tags, tag) {
			tags = append(tags, tag)
		}
	}
	if variant := sdlFilePattern.FindStringSubmatch(file)[1]; variant != "" {
		title += " (" + variant + ")"
	}
	if summary == "" {
		summary = "Imported from awesome-akash " + dir + "/" + file + "."
	}
	desc := &Template{
		ID: id, Title: title, Summary: summary, Segment: segment, Tags: tags, Params: []*Param{},
		Source: "awesome-akash:" + dir + "/" + file,
	}
	descJSON, err := json.Marshal(desc)
	if err != nil {
		return nil, err
	}
	t, err := Parse(descJSON, data)
	if err != nil {
		return nil, err
	}
	return t, nil
}

var slugStrip = regexp.MustCompile(`[^a-z0-9]+`)

// slug makes a lower-case, dash-separated id fragment.
func slug(s string) string {
	return strings.Trim(slugStrip.ReplaceAllString(strings.ToLower(s), "-"), "-")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// dirSummary takes the first sentence-like line of a template directory's
// README as its one-line summary.
func dirSummary(src fs.FS, dir string) string {
	data, err := fs.ReadFile(src, path.Join(dir, "README.md"))
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "!") ||
			strings.HasPrefix(line, "<") || strings.HasPrefix(line, "|") || strings.HasPrefix(line, "```") ||
			strings.HasPrefix(line, "[!") || strings.HasPrefix(line, "---") {
			continue
		}
		line = strings.TrimLeft(cleanMarkdown(line), "-*> ")
		if len(line) < 12 {
			continue
		}
		if r := []rune(line); len(r) > 160 {
			line = strings.TrimSpace(string(r[:157])) + "..."
		}
		return line
	}
	return ""
}

// nestedSDLNotes names the SDL files one level down a template directory
// (parts of a multi-part example), which an import does not take.
func nestedSDLNotes(src fs.FS, dir string) []string {
	files, err := fs.ReadDir(src, dir)
	if err != nil {
		return nil
	}
	var notes []string
	for _, f := range files {
		if !f.IsDir() && sdlFilePattern.MatchString(f.Name()) {
			notes = append(notes, fmt.Sprintf("%s/%s is in a subdirectory and was not imported", dir, f.Name()))
		}
	}
	return notes
}
