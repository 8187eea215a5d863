package tui

import (
	"context"
	"fmt"

	"github.com/akt-project/akt/tui/app"
	tea "github.com/charmbracelet/bubbletea"
)

// blocksOpenedMsg carries a new block stream (or why it could not be opened).
type blocksOpenedMsg struct {
	ch  <-chan int64
	err error
}

// blockArrivedMsg is one height from stream ch.
type blockArrivedMsg struct {
	ch     <-chan int64
	height int64
}

// blocksClosedMsg says stream ch ended.
type blocksClosedMsg struct{ ch <-chan int64 }

// watchBlocks (re)opens the block stream; the previous stream's context is cancelled.
func (m *Model) watchBlocks() tea.Cmd {
	if m.blockCtl != nil {
		m.blockCtl()
	}
	m.blocks = nil
	src := m.deps.Blocks
	if src == nil {
		return nil
	}
	ctx, cancel := context.WithCancel(m.ctx)
	m.blockCtl = cancel
	return func() tea.Msg {
		ch, err := src.WatchHeights(ctx)
		if err != nil {
			err = fmt.Errorf("watching new blocks: %w", err)
		}
		return blocksOpenedMsg{ch: ch, err: err}
	}
}

// waitBlock drains one height from ch.
func waitBlock(ch <-chan int64) tea.Cmd {
	return func() tea.Msg {
		h, ok := <-ch
		if !ok {
			return blocksClosedMsg{ch: ch}
		}
		return blockArrivedMsg{ch: ch, height: h}
	}
}

func (m *Model) handleBlocks(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case blocksOpenedMsg:
		if msg.err != nil {
			return app.Error(msg.err, "the block height will not update; check the network's RPC")
		}
		m.blocks = msg.ch
		return waitBlock(msg.ch)
	case blockArrivedMsg:
		if msg.ch != m.blocks {
			return nil // a stream from before a network switch
		}
		m.block = msg.height
		return tea.Batch(waitBlock(msg.ch), m.broadcast(app.BlockMsg{Height: msg.height}))
	case blocksClosedMsg:
		if msg.ch == m.blocks {
			m.blocks = nil
		}
	}
	return nil
}
