package timeline

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// Overlap returns how long at least atLeast of spans were in progress at the same
// instant, whatever their lanes: with atLeast 2 and the spans of [Scheduler], how
// long two goroutines or more were executing at once, which is parallelism. A span
// is in progress from its Start up to, not including, its End, so spans that only
// touch (one ends as the next starts, as on one P) do not overlap, and a span of
// kind Mark, with Start == End, never counts.
//
// Overlap returns an error if atLeast < 1 or a span ends before it starts.
func Overlap(spans []Span, atLeast int) (time.Duration, error) {
	if atLeast < 1 {
		return 0, fmt.Errorf("timeline.Overlap: atLeast must be >= 1, got %d", atLeast)
	}
	type edge struct {
		at   time.Duration
		step int // +1 where a span starts, -1 where one ends
	}
	edges := make([]edge, 0, 2*len(spans))
	for i, s := range spans {
		if s.End < s.Start {
			return 0, fmt.Errorf("timeline.Overlap: spans[%d] ends before it starts (Start %v, End %v)", i, s.Start, s.End)
		}
		edges = append(edges, edge{s.Start, +1}, edge{s.End, -1})
	}
	// At the same instant, ends come before starts: touching spans do not overlap.
	slices.SortFunc(edges, func(a, b edge) int { return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.step, b.step)) })
	var total time.Duration
	running := 0
	for i, e := range edges {
		if running >= atLeast {
			total += e.at - edges[i-1].at
		}
		running += e.step
	}
	return total, nil
}
