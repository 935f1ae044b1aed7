package timeline_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/helpers/timeline"
)

// When did the slowest worker finish, and when did Wait return?
func ExampleLastEnd() {
	spans := []timeline.Span{
		{Lane: "worker 1", Kind: timeline.Work, Start: 0, End: 250 * time.Millisecond},
		{Lane: "worker 2", Kind: timeline.Work, Start: 0, End: 400 * time.Millisecond},
		{Lane: "main", Kind: timeline.Wait, Start: 0, End: 401 * time.Millisecond},
		{Lane: "main", Label: "Wait returned", Kind: timeline.Mark, Start: 401 * time.Millisecond, End: 401 * time.Millisecond},
	}
	slowest, _ := timeline.LastEnd(spans, timeline.Work)
	returned, _ := timeline.LastEnd(spans, timeline.Mark)
	fmt.Println(slowest, returned, returned-slowest)
	// Output: 400ms 401ms 1ms
}

func TestLastEnd(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name   string
		spans  []timeline.Span
		kind   string
		want   time.Duration
		wantOK bool
	}{
		{"nil", nil, timeline.Work, 0, false},
		{"no such kind", []timeline.Span{{Kind: timeline.Wait, End: ms}}, timeline.Work, 0, false},
		{"empty kind", []timeline.Span{{Kind: timeline.Work, End: ms}}, "", 0, false},
		{"one at zero", []timeline.Span{{Kind: timeline.Mark}}, timeline.Mark, 0, true},
		{"latest, not last", []timeline.Span{{Kind: timeline.Work, End: 3 * ms}, {Kind: timeline.Work, End: ms}, {Kind: timeline.Wait, End: 9 * ms}}, timeline.Work, 3 * ms, true},
		{"negative offsets", []timeline.Span{{Kind: timeline.Work, Start: -2 * ms, End: -ms}}, timeline.Work, -ms, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := timeline.LastEnd(tt.spans, tt.kind)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("LastEnd(%v, %q) = %v, %v; want %v, %v", tt.spans, tt.kind, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
