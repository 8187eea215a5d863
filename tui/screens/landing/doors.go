package landing

import (
	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/screens/deployments"
	"github.com/akt-project/akt/tui/screens/gallery"
	"github.com/akt-project/akt/tui/svc"
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
