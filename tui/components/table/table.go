// Package table is a generic, keyboard-driven table over typed rows. It sorts and filters an
// index instead of the rows, and renders only the rows that fit, so a thousand rows cost the
// same per frame as twenty.
package table

import (
	"sort"
	"strings"

	"github.com/akt-project/akt/tui/keys"
	"github.com/akt-project/akt/tui/styles"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Column describes one column over rows of type T.
type Column[T any] struct {
	// Title is the header text.
	Title string
	// Width is the fixed width; 0 makes the column share the space left over (at least Min,
	// at most Max when Max is set, so a wide terminal does not stretch names across it).
	Width, Min, Max int
	// Right aligns numbers.
	Right bool
	// Priority decides which columns go first when the table is too narrow: higher goes
	// first, 0 is never dropped.
	Priority int
	// Cell renders the value.
	Cell func(T) string
	// Tone colours the cell; nil is normal text.
	Tone func(T) styles.Tone
	// Less sorts by this column; nil makes it unsortable.
	Less func(a, b T) bool
}

// Model is the table state.
type Model[T any] struct {
	cols    []Column[T]
	rows    []T
	idx     []int // rows shown, filtered and sorted
	filter  func(T) bool
	sortCol int // -1 = insertion order
	desc    bool
	cursor  int
	// chosen is set once the user moves the cursor: from then on rows
	// landing (Append) keep it on the row they chose; until then it stays
	// on the top row, the best by the current sort.
	chosen bool
	offset int
	width  int
	height int
	st     *styles.Styles
	km     keys.Map
	// Empty is shown when no row matches.
	Empty string
}

// New builds a table.
func New[T any](st *styles.Styles, km keys.Map, cols []Column[T]) Model[T] {
	return Model[T]{cols: cols, sortCol: -1, st: st, km: km, Empty: "Nothing here yet."}
}

// SetRows replaces the rows, keeping the sort and filter.
func (m *Model[T]) SetRows(rows []T) {
	m.rows = rows
	m.reindex()
}

// Append adds one row (a bid landing). A cursor the user moved stays on the
// same row; an untouched one stays on the top row, so the best row by the
// current sort is the one selected while rows stream in.
func (m *Model[T]) Append(row T) {
	sel, ok := m.selectedIndex()
	m.rows = append(m.rows, row)
	m.reindex()
	if ok && m.chosen {
		m.focusRow(sel)
	}
}

// Rows returns all rows, unfiltered and unsorted.
func (m *Model[T]) Rows() []T { return m.rows }

// VisibleRows returns the rows passing the filter, in display order; first..first+n only
// (n < 0 for all), so a chart of the top rows does not copy a thousand.
func (m *Model[T]) VisibleRows(first, n int) []T {
	if n < 0 || first+n > len(m.idx) {
		n = len(m.idx) - first
	}
	out := make([]T, 0, max(0, n))
	for i := first; i < first+n; i++ {
		out = append(out, m.rows[m.idx[i]])
	}
	return out
}

// Offset is the index of the first row on screen.
func (m *Model[T]) Offset() int { return m.offset }

// Visible returns the number of rows passing the filter.
func (m *Model[T]) Visible() int { return len(m.idx) }

// SetFilter keeps only rows for which keep is true; nil shows all.
func (m *Model[T]) SetFilter(keep func(T) bool) {
	sel, ok := m.selectedIndex()
	m.filter = keep
	m.reindex()
	if ok {
		m.focusRow(sel)
	}
}

// SortBy sorts by column c (an index into the columns), descending if desc.
func (m *Model[T]) SortBy(c int, desc bool) {
	if c >= 0 && (c >= len(m.cols) || m.cols[c].Less == nil) {
		return
	}
	sel, ok := m.selectedIndex()
	m.sortCol, m.desc = c, desc
	m.reindex()
	if ok {
		m.focusRow(sel)
	}
}

// Sort returns the sort column (-1 for none) and direction.
func (m *Model[T]) Sort() (int, bool) { return m.sortCol, m.desc }

// NextSort moves the sort to the next sortable column.
func (m *Model[T]) NextSort() {
	for i := 1; i <= len(m.cols); i++ {
		c := (m.sortCol + i) % len(m.cols)
		if c < 0 {
			c += len(m.cols)
		}
		if m.cols[c].Less != nil {
			m.SortBy(c, m.desc)
			return
		}
	}
}

// Selected returns the row under the cursor.
func (m *Model[T]) Selected() (T, bool) {
	i, ok := m.selectedIndex()
	if !ok {
		var zero T
		return zero, false
	}
	return m.rows[i], true
}

// Cursor is the cursor's position among the visible rows.
func (m *Model[T]) Cursor() int { return m.cursor }

// SetSize sets the table's size including its header line.
func (m *Model[T]) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.clamp()
}

func (m *Model[T]) selectedIndex() (int, bool) {
	if m.cursor < 0 || m.cursor >= len(m.idx) {
		return 0, false
	}
	return m.idx[m.cursor], true
}

func (m *Model[T]) focusRow(row int) {
	for i, r := range m.idx {
		if r == row {
			m.cursor = i
			break
		}
	}
	m.clamp()
}

func (m *Model[T]) reindex() {
	m.idx = m.idx[:0]
	for i := range m.rows {
		if m.filter == nil || m.filter(m.rows[i]) {
			m.idx = append(m.idx, i)
		}
	}
	if m.sortCol >= 0 {
		less := m.cols[m.sortCol].Less
		rows, desc := m.rows, m.desc
		sort.SliceStable(m.idx, func(a, b int) bool {
			if desc {
				return less(rows[m.idx[b]], rows[m.idx[a]])
			}
			return less(rows[m.idx[a]], rows[m.idx[b]])
		})
	}
	m.clamp()
}

func (m *Model[T]) bodyHeight() int { return max(0, m.height-1) }

func (m *Model[T]) clamp() {
	m.cursor = min(max(0, m.cursor), max(0, len(m.idx)-1))
	h := m.bodyHeight()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if h > 0 && m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = max(0, min(m.offset, len(m.idx)-h))
}

// Update moves the cursor on movement keys and the mouse wheel; other messages are ignored.
func (m Model[T]) Update(msg tea.Msg) (Model[T], tea.Cmd) {
	before := m.cursor
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.km.Up):
			m.cursor--
		case key.Matches(msg, m.km.Down):
			m.cursor++
		case key.Matches(msg, m.km.PageUp):
			m.cursor -= max(1, m.bodyHeight())
		case key.Matches(msg, m.km.PageDown):
			m.cursor += max(1, m.bodyHeight())
		case key.Matches(msg, m.km.Top):
			m.cursor = 0
		case key.Matches(msg, m.km.Bottom):
			m.cursor = len(m.idx) - 1
		}
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			m.cursor--
		case tea.MouseButtonWheelDown:
			m.cursor++
		}
	}
	m.clamp()
	if m.cursor != before {
		m.chosen = true
	}
	return m, nil
}

// KeyBindings are the movement keys, for help.
func (m Model[T]) KeyBindings() []key.Binding {
	return []key.Binding{m.km.Up, m.km.Down, m.km.PageUp, m.km.PageDown, m.km.Top, m.km.Bottom}
}

// computeLayout gives each shown column its width; 0 hides a column.
func (m *Model[T]) computeLayout() []int {
	w := make([]int, len(m.cols))
	on := make([]bool, len(m.cols))
	for i := range m.cols {
		on[i] = true
	}
	need := func() int {
		n := gutter
		for i, c := range m.cols {
			if on[i] {
				n += max(c.Width, c.Min, 1) + 1
			}
		}
		return n
	}
	// Drop the highest-priority-number columns until the rest fit.
	for need() > m.width {
		drop, p := -1, 0
		for i, c := range m.cols {
			if on[i] && c.Priority > p {
				drop, p = i, c.Priority
			}
		}
		if drop < 0 {
			break
		}
		on[drop] = false
	}
	flex, fixed, mins := 0, gutter, 0
	for i, c := range m.cols {
		if !on[i] {
			continue
		}
		if c.Width > 0 {
			w[i] = c.Width
			fixed += c.Width + 1
		} else {
			flex++
			fixed++
			mins += max(c.Min, 1)
		}
	}
	// Flexible columns get their minimum, then share what is left evenly.
	spare := max(0, m.width-fixed-mins)
	for i, c := range m.cols {
		if on[i] && c.Width == 0 {
			share := spare / max(1, flex)
			if c.Max > 0 {
				share = min(share, max(0, c.Max-max(c.Min, 1)))
			}
			w[i] = max(c.Min, 1) + share
			spare -= share
			flex--
		}
	}
	return w
}

// View renders the header and the visible rows, padded to the table's height.
func (m Model[T]) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	layout := m.computeLayout()
	var b strings.Builder
	// Header.
	var hdr strings.Builder
	hdr.WriteString("  ")
	for i, c := range m.cols {
		if layout[i] == 0 {
			continue
		}
		title := c.Title
		if i == m.sortCol {
			arrow := "↑"
			if m.desc {
				arrow = "↓"
			}
			title = strings.TrimSpace(title) + arrow
			if ansi.StringWidth(title) > layout[i] {
				title = arrow
			}
		}
		st := m.st.TableHeader
		if i == m.sortCol {
			st = m.st.TableHeaderSorted
		}
		hdr.WriteString(st.Render(fit(title, layout[i], c.Right)))
		hdr.WriteByte(' ')
	}
	b.WriteString(ansi.Truncate(hdr.String(), m.width, ""))
	h := m.bodyHeight()
	if len(m.idx) == 0 && h > 0 {
		b.WriteString("\n" + m.st.Muted.Render(ansi.Truncate(" "+m.Empty, m.width, "…")))
		h--
	}
	end := min(len(m.idx), m.offset+h)
	for vi := m.offset; vi < end; vi++ {
		row := m.rows[m.idx[vi]]
		b.WriteByte('\n')
		b.WriteString(m.renderRow(row, layout, vi == m.cursor))
	}
	for i := max(0, end-m.offset); i < h; i++ {
		b.WriteByte('\n')
	}
	return b.String()
}

func (m *Model[T]) renderRow(row T, layout []int, selected bool) string {
	var line strings.Builder
	if selected {
		line.WriteString("› ")
	} else {
		line.WriteString("  ")
	}
	for i, c := range m.cols {
		if layout[i] == 0 {
			continue
		}
		text := fit(c.Cell(row), layout[i], c.Right) + " "
		if selected || c.Tone == nil {
			line.WriteString(text)
			continue
		}
		line.WriteString(m.st.ToneStyle(c.Tone(row)).Render(text))
	}
	s := line.String()
	if selected {
		return m.st.TableSelected.Render(fit(s, m.width, false))
	}
	return ansi.Truncate(s, m.width, "")
}

// gutter is the width of the cursor mark left of each row.
const gutter = 2

// fit pads or truncates plain text to exactly w cells.
func fit(s string, w int, right bool) string {
	n := ansi.StringWidth(s)
	if n > w {
		return ansi.Truncate(s, w, "…")
	}
	pad := strings.Repeat(" ", w-n)
	if right {
		return pad + s
	}
	return s + pad
}

// Fit pads or truncates s to exactly w cells; exported for screens laying out their own rows.
func Fit(s string, w int) string { return fit(s, max(0, w), false) }
