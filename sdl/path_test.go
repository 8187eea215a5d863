package sdl

import "testing"

// TestPathString checks that lazy paths render as the string helpers join
// them, including empty keys and literal prefixes holding dots.
func TestPathString(t *testing.T) {
	t.Parallel()
	root := rawPath("services")
	web := joinPath(root, "web")
	expose := indexPath(joinPath(web, "expose"), 0)
	tests := []struct {
		name string
		got  dpath
		want string
	}{
		{"empty", dpath{}, ""},
		{"raw", rawPath("profiles.compute"), "profiles.compute"},
		{"key", web, joinPathString("services", "web")},
		{"index", expose, "services.web.expose[0]"},
		{"deep", indexPath(joinPath(expose, "to"), 12), "services.web.expose[0].to[12]"},
		{"index at root", indexPath(dpath{}, 3), indexPathString("", 3)},
		{"key at root", joinPath(dpath{}, "version"), joinPathString("", "version")},
		{"empty key", joinPath(web, ""), joinPathString("services.web", "")},
		{"dotted key", joinPath(joinPath(rawPath("services.a"), "params.storage"), "data"), "services.a.params.storage.data"},
	}
	for _, tc := range tests {
		if got := tc.got.String(); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
