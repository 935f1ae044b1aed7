package timeline

import (
	"testing"
	"time"
)

func TestOverlap(t *testing.T) {
	ms := time.Millisecond
	span := func(lane string, start, end time.Duration) Span {
		return Span{Lane: lane, Kind: Run, Start: start * ms, End: end * ms}
	}
	tests := []struct {
		name    string
		spans   []Span
		atLeast int
		want    time.Duration
	}{
		{"none", nil, 2, 0},
		{"one span", []Span{span("P0", 0, 10)}, 2, 0},
		{"one span, at least one", []Span{span("P0", 2, 10)}, 1, 8 * ms},
		{"one P: spans only touch", []Span{span("P0", 0, 5), span("P0", 5, 9), span("P0", 9, 12)}, 2, 0},
		{"two Ps", []Span{span("P0", 0, 10), span("P1", 4, 14)}, 2, 6 * ms},
		{"unsorted, nested", []Span{span("P1", 3, 4), span("P0", 0, 10)}, 2, 1 * ms},
		{"three at once for 2ms", []Span{span("P0", 0, 10), span("P1", 2, 8), span("P2", 5, 7)}, 3, 2 * ms},
		{"three, at least two", []Span{span("P0", 0, 10), span("P1", 2, 8), span("P2", 5, 7)}, 2, 6 * ms},
		{"same lane counts too", []Span{span("order 1", 0, 10), span("order 1", 5, 10)}, 2, 5 * ms},
		{"a mark never counts", []Span{span("P0", 0, 10), {Lane: "P1", Kind: Mark, Start: 5 * ms, End: 5 * ms}}, 2, 0},
		{"more than there are", []Span{span("P0", 0, 10), span("P1", 0, 10)}, 3, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Overlap(tt.spans, tt.atLeast)
			if err != nil || got != tt.want {
				t.Errorf("Overlap = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestOverlapBadInput(t *testing.T) {
	ok := []Span{{Start: 0, End: time.Millisecond}}
	tests := []struct {
		name    string
		spans   []Span
		atLeast int
		want    string
	}{
		{"atLeast 0", ok, 0, "timeline.Overlap: atLeast must be >= 1, got 0"},
		{"atLeast < 0", ok, -2, "timeline.Overlap: atLeast must be >= 1, got -2"},
		{"ends before it starts", append(ok, Span{Lane: "P1", Start: 5 * time.Millisecond, End: 2 * time.Millisecond}), 2,
			"timeline.Overlap: spans[1] ends before it starts (Start 5ms, End 2ms)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Overlap(tt.spans, tt.atLeast)
			if err == nil || err.Error() != tt.want || got != 0 {
				t.Errorf("Overlap = %v, %v; want 0 and the error %q", got, err, tt.want)
			}
		})
	}
}
