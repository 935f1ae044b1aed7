package memory

import (
	"slices"
	"testing"
)

func TestStacksAfterGCs(t *testing.T) {
	labels, mb := StacksAfterGCs(3, 0)
	if !slices.Equal(labels, []string{"0 (just back)", "1", "2", "3"}) {
		t.Errorf("labels = %q", labels)
	}
	if len(mb) != 4 {
		t.Fatalf("got %d readings, want 4", len(mb))
	}
	for i, v := range mb {
		if !(v > 0) {
			t.Errorf("reading %d = %v MB of stack, want > 0 (this goroutine's own stack at least)", i, v)
		}
	}
	if labels, mb := StacksAfterGCs(-1, 0); len(labels) != 1 || len(mb) != 1 {
		t.Errorf("gcs = -1 gave %q, %v; want one reading", labels, mb)
	}
}

func TestShowDrawsWithoutPanicking(t *testing.T) {
	c := Cost{N: 10, Stack: 2 * KB, FromOS: 3 * KB, RSS: 3 * KB, Start: 1000}
	ShowGoroutines(Costs{c, c}, Costs{c, c})
	ShowGoroutines(nil, nil)
	ShowThreadVsGoroutine(c, Cost{N: 1, RSS: 20 * KB, Start: 50000})
}
