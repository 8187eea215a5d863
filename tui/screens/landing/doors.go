package landing

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/components/form"
	"github.com/akt-project/akt/tui/screens/deployments"
	"github.com/akt-project/akt/tui/screens/gallery"
	"github.com/akt-project/akt/tui/screens/review"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// segmentDoor opens the template gallery of a segment.
func segmentDoor(seg svc.Segment) func(m *Model) tea.Cmd {
	return func(m *Model) tea.Cmd {
		return app.Push(gallery.New(m.deps, seg))
	}
}

// deploymentsDoor opens the deployments list.
func deploymentsDoor(m *Model) tea.Cmd {
	return app.Push(deployments.New(m.deps))
}

// maxSDLBytes bounds what "open an SDL file" reads: SDLs are a few kilobytes.
const maxSDLBytes = 1 << 20

// sdlFileReadMsg carries an SDL file's content.
type sdlFileReadMsg struct {
	path string
	data []byte
	err  error
}

// readSDL reads an SDL file in a command, refusing files too large to be one.
func readSDL(path string) tea.Cmd {
	return func() tea.Msg {
		if rest, ok := strings.CutPrefix(path, "~/"); ok {
			if home, err := os.UserHomeDir(); err == nil {
				path = filepath.Join(home, rest)
			}
		}
		f, err := os.Open(path)
		if err != nil {
			return sdlFileReadMsg{path: path, err: fmt.Errorf("opening %s: %w", path, err)}
		}
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, maxSDLBytes+1))
		switch {
		case err != nil:
			err = fmt.Errorf("reading %s: %w", path, err)
		case len(data) > maxSDLBytes:
			err = fmt.Errorf("reading %s: larger than 1 MiB, which is not an SDL", path)
		}
		return sdlFileReadMsg{path: path, data: data, err: err}
	}
}

// openSDLDoor asks for a path.
func openSDLDoor(m *Model) tea.Cmd {
	f := form.New(m.deps.Styles, m.deps.KeyMap, form.Spec{Name: "path", Label: "SDL file",
		Help: "A path such as deploy.yaml or ~/sdl/web.yml", Placeholder: "deploy.yaml", Required: true})
	f.SetSize(60, 4)
	m.opening = &f
	return nil
}

func (m *Model) handleOpenKey(k tea.KeyMsg) tea.Cmd {
	if key.Matches(k, m.deps.KeyMap.Back) {
		m.opening = nil
		return nil
	}
	f, ev, cmd := m.opening.Update(k)
	m.opening = &f
	if !ev.Submit {
		return cmd
	}
	path := strings.TrimSpace(f.Value("path"))
	if path == "" {
		return cmd
	}
	m.opening = nil
	return tea.Batch(cmd, readSDL(path))
}

func (m *Model) handleSDLRead(msg sdlFileReadMsg) tea.Cmd {
	if msg.err != nil {
		return app.Error(msg.err, "check the path and try again (o)")
	}
	return app.Push(review.New(m.deps, msg.data, filepath.Base(msg.path)))
}
