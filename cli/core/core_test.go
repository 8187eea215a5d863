package core

import (
	"io"
	"sort"
	"strings"
	"testing"

	"github.com/akt-project/akt/cli"
)

// TestCoreCommandsListed keeps the light akt's forwarding table in step
// with what akt-core really has: every core command is forwarded, and akt
// forwards nothing core lacks.
func TestCoreCommandsListed(t *testing.T) {
	t.Parallel()
	app := cli.NewApp(strings.NewReader(""), io.Discard, io.Discard, cli.BuildInfo{})
	light := map[string]bool{}
	for _, c := range app.Root().Commands() {
		light[c.Name()] = true
	}
	Register(app)
	var registered []string
	for _, c := range app.Root().Commands() {
		if !light[c.Name()] {
			registered = append(registered, c.Name())
		}
	}
	var listed []string
	for _, c := range cli.CoreCommands() {
		listed = append(listed, c.Name)
	}
	sort.Strings(registered)
	sort.Strings(listed)
	if strings.Join(registered, ",") != strings.Join(listed, ",") {
		t.Errorf("akt-core registers %v but cli.CoreCommands lists %v", registered, listed)
	}
}
