package landing

import (
	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/svc"
	tea "github.com/charmbracelet/bubbletea"
)

// segmentDoor opens the template gallery of a segment.
func segmentDoor(seg svc.Segment) func(m *Model) tea.Cmd {
	return func(m *Model) tea.Cmd {
		return app.Info("the %s template gallery is not wired yet", seg.Label())
	}
}

// deploymentsDoor opens the deployments list.
func deploymentsDoor(m *Model) tea.Cmd {
	return app.Info("the deployments list is not wired yet")
}
