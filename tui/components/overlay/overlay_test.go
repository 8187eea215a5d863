package overlay

import "testing"

func TestCenterKeepsBackgroundAround(t *testing.T) {
	t.Parallel()
	bg := "aaaaaaaaaa\nbbbbbbbbbb\ncccccccccc"
	got := Center(bg, "XX", 10, 3)
	want := "aaaaaaaaaa\nbbbbXXbbbb\ncccccccccc"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}
