package templates

import (
	"bufio"
	"bytes"
	"net/url"
	"regexp"
	"strings"
)

// CatalogEntry is one template directory as a catalog README lists it.
type CatalogEntry struct {
	// Dir is the template's top-level directory in the catalog.
	Dir string `json:"dir"`
	// Title is the link text.
	Title string `json:"title"`
	// Category is the heading the link is listed under.
	Category string `json:"category"`
}

var (
	headingPattern = regexp.MustCompile(`^(#{2,4})\s+(.+?)\s*#*\s*$`)
	// A list item whose first link is the entry: "- [Title](target)".
	itemPattern = regexp.MustCompile(`^\s*[-*+]\s+\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
	repoPrefix  = regexp.MustCompile(`^https?://github\.com/akash-network/awesome-akash/(?:tree|blob)/[^/]+/`)
)

// ParseCatalogReadme reads an awesome-akash style README: headings name
// categories and list items link to template directories. Links to other
// sites are skipped. A directory listed under several headings yields one
// entry per heading, in order.
func ParseCatalogReadme(readme []byte) []CatalogEntry {
	var out []CatalogEntry
	category := ""
	inFence := false
	sc := bufio.NewScanner(bytes.NewReader(readme))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		if m := headingPattern.FindStringSubmatch(line); m != nil {
			category = cleanMarkdown(m[2])
			continue
		}
		m := itemPattern.FindStringSubmatch(line)
		if m == nil || category == "" {
			continue
		}
		dir, ok := localDir(m[2])
		if !ok {
			continue
		}
		out = append(out, CatalogEntry{Dir: dir, Title: cleanMarkdown(m[1]), Category: category})
	}
	return out
}

// localDir turns a README link into a top-level directory name of the
// catalog, or reports that the link points elsewhere.
func localDir(target string) (string, bool) {
	target = repoPrefix.ReplaceAllString(target, "")
	if strings.Contains(target, "://") || strings.HasPrefix(target, "#") || strings.HasPrefix(target, "mailto:") {
		return "", false
	}
	if i := strings.IndexAny(target, "?#"); i >= 0 {
		target = target[:i]
	}
	if dec, err := url.PathUnescape(target); err == nil {
		target = dec
	}
	target = strings.TrimPrefix(strings.TrimPrefix(target, "./"), "/")
	dir, _, _ := strings.Cut(target, "/")
	if dir == "" || dir == "." || dir == ".." || strings.HasSuffix(strings.ToLower(dir), ".md") {
		return "", false
	}
	return dir, true
}

var linkPattern = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)

// cleanMarkdown keeps the text of a heading or link label.
func cleanMarkdown(s string) string {
	s = linkPattern.ReplaceAllString(s, "$1")
	s = strings.NewReplacer("**", "", "__", "", "`", "", "\\", "").Replace(s)
	return strings.TrimSpace(s)
}
