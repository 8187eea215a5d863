package table

import (
	"fmt"
	"strings"
	"testing"

	"github.com/akt-project/akt/tui/keys"
	"github.com/akt-project/akt/tui/styles"
	tea "github.com/charmbracelet/bubbletea"
)

type item struct {
	name  string
	price int
}

func newTable(n int) Model[item] {
	cols := []Column[item]{
		{Title: "NAME", Min: 6, Cell: func(i item) string { return i.name },
			Less: func(a, b item) bool { return a.name < b.name }},
		{Title: "PRICE", Width: 6, Right: true, Cell: func(i item) string { return fmt.Sprint(i.price) },
			Less: func(a, b item) bool { return a.price < b.price }},
		{Title: "NOTE", Width: 30, Priority: 1, Cell: func(item) string { return "wide optional column" }},
	}
	t := New(styles.Plain(), keys.Default(), cols)
	rows := make([]item, n)
	for i := range rows {
		rows[i] = item{name: fmt.Sprintf("row-%03d", i), price: (i * 37) % 101}
	}
	t.SetRows(rows)
	t.SetSize(60, 6)
	return t
}

func TestRendersOnlyVisibleRows(t *testing.T) {
	t.Parallel()
	tb := newTable(1000)
	v := tb.View()
	if got := strings.Count(v, "\n") + 1; got != 6 {
		t.Fatalf("view has %d lines, want 6 (header + 5 rows)", got)
	}
	if !strings.Contains(v, "row-004") || strings.Contains(v, "row-005") {
		t.Fatalf("wrong rows visible:\n%s", v)
	}
	tb, _ = tb.Update(tea.KeyMsg{Type: tea.KeyEnd})
	if v := tb.View(); !strings.Contains(v, "› row-999") {
		t.Fatalf("end should show and select the last row:\n%s", v)
	}
}

func TestSortKeepsSelection(t *testing.T) {
	t.Parallel()
	tb := newTable(50)
	tb, _ = tb.Update(tea.KeyMsg{Type: tea.KeyDown})
	tb, _ = tb.Update(tea.KeyMsg{Type: tea.KeyDown})
	want, _ := tb.Selected()
	tb.SortBy(1, true)
	got, _ := tb.Selected()
	if got != want {
		t.Fatalf("selection moved from %v to %v after sorting", want, got)
	}
	rows := tb.rows
	for i := 1; i < len(tb.idx); i++ {
		if rows[tb.idx[i-1]].price < rows[tb.idx[i]].price {
			t.Fatalf("not sorted descending at %d", i)
		}
	}
	if !strings.Contains(tb.View(), "PRICE↓") {
		t.Fatal("the sorted column is not marked")
	}
}

func TestNextSortSkipsUnsortable(t *testing.T) {
	t.Parallel()
	tb := newTable(3)
	var seen []int
	for range 3 {
		tb.NextSort()
		c, _ := tb.Sort()
		seen = append(seen, c)
	}
	if fmt.Sprint(seen) != "[0 1 0]" {
		t.Fatalf("sort columns = %v, want [0 1 0]", seen)
	}
}

func TestFilter(t *testing.T) {
	t.Parallel()
	tb := newTable(100)
	tb.SetFilter(func(i item) bool { return i.price > 90 })
	for i := range tb.Visible() {
		if tb.rows[tb.idx[i]].price <= 90 {
			t.Fatal("filter let a row through")
		}
	}
	tb.SetFilter(func(item) bool { return false })
	if !strings.Contains(tb.View(), "Nothing here yet.") {
		t.Fatal("empty table shows no empty message")
	}
	if _, ok := tb.Selected(); ok {
		t.Fatal("an empty table has no selection")
	}
}

func TestAppendKeepsCursorRow(t *testing.T) {
	t.Parallel()
	tb := newTable(10)
	tb.SortBy(1, false)
	tb, _ = tb.Update(tea.KeyMsg{Type: tea.KeyDown})
	want, _ := tb.Selected()
	tb.Append(item{name: "cheap", price: -1})
	if got, _ := tb.Selected(); got != want {
		t.Fatalf("selection = %v, want %v", got, want)
	}
}

func TestAppendKeepsUntouchedCursorOnTop(t *testing.T) {
	t.Parallel()
	tb := newTable(10)
	tb.SortBy(1, false)
	tb.Append(item{name: "cheap", price: -1})
	if got, _ := tb.Selected(); got.name != "cheap" || tb.Cursor() != 0 {
		t.Fatalf("selection = %v at %d, want the new top row", got, tb.Cursor())
	}
}

func TestNarrowDropsOptionalColumns(t *testing.T) {
	t.Parallel()
	tb := newTable(3)
	tb.SetSize(100, 5)
	if !strings.Contains(tb.View(), "NOTE") {
		t.Fatal("wide table lacks the optional column")
	}
	tb.SetSize(30, 5)
	v := tb.View()
	if strings.Contains(v, "NOTE") || !strings.Contains(v, "PRICE") {
		t.Fatalf("narrow table should drop NOTE and keep PRICE:\n%s", v)
	}
	for _, line := range strings.Split(v, "\n") {
		if w := len([]rune(line)); w > 30 {
			t.Fatalf("line %q is %d wide", line, w)
		}
	}
}

func BenchmarkView1000(b *testing.B) {
	tb := newTable(1000)
	tb.SetSize(200, 60)
	for b.Loop() {
		tb, _ = tb.Update(tea.KeyMsg{Type: tea.KeyDown})
		_ = tb.View()
	}
}

func TestFlexibleColumnsStopAtMax(t *testing.T) {
	t.Parallel()
	cols := []Column[item]{
		{Title: "NAME", Min: 6, Max: 20, Cell: func(i item) string { return i.name }},
		{Title: "OTHER", Min: 6, Cell: func(i item) string { return i.name }},
		{Title: "PRICE", Width: 6, Cell: func(i item) string { return fmt.Sprint(i.price) }},
	}
	tb := New(styles.Plain(), keys.Default(), cols)
	tb.SetSize(200, 4)
	w := tb.computeLayout()
	if w[0] != 20 || w[2] != 6 {
		t.Fatalf("widths %v: NAME must stop at its Max 20, PRICE keep 6", w)
	}
	if w[1] <= 20 {
		t.Fatalf("widths %v: the uncapped column should take the rest", w)
	}
	tb.SetSize(30, 4)
	if w := tb.computeLayout(); w[0] < 6 || w[0] > 20 {
		t.Fatalf("narrow widths %v", w)
	}
}
