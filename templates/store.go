package templates

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// WriteTemplate stores a template as <dir>/<id>/template.json and deploy.yaml,
// the layout Load reads, replacing an earlier copy. dir is the caller's user
// templates directory (for example $XDG_DATA_HOME/akt/templates).
func WriteTemplate(dir string, t *Template) error {
	if !idPattern.MatchString(t.ID) {
		return fmt.Errorf("writing template: invalid id %q", t.ID)
	}
	desc, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding template %s: %w", t.ID, err)
	}
	target := filepath.Join(dir, t.ID)
	if err := os.MkdirAll(target, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", target, err)
	}
	for name, data := range map[string][]byte{DescriptorFile: append(desc, '\n'), SDLFile: t.sdl} {
		if err := writeFileAtomic(filepath.Join(target, name), data); err != nil {
			return fmt.Errorf("writing template %s: %w", t.ID, err)
		}
	}
	return nil
}

// writeFileAtomic writes through a temporary file and a rename, so a crash
// never leaves half a descriptor behind.
func writeFileAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
