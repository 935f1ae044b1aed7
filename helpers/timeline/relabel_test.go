package timeline_test

import (
	"slices"
	"testing"

	"github.com/go-concurrency-lab/course/helpers/timeline"
)

func TestPrefix(t *testing.T) {
	spans := []timeline.Span{{Lane: "order 1", Label: "grind"}, {Lane: "order 2", Label: "froth"}}
	got := timeline.Prefix("a) one by one", spans)
	want := []timeline.Span{{Lane: "a) one by one · order 1", Label: "grind"}, {Lane: "a) one by one · order 2", Label: "froth"}}
	if !slices.Equal(got, want) {
		t.Errorf("Prefix = %+v, want %+v", got, want)
	}
	if spans[0].Lane != "order 1" {
		t.Errorf("Prefix changed its input: %+v", spans)
	}
	if got := timeline.Prefix("x", nil); len(got) != 0 {
		t.Errorf("Prefix of nil = %+v", got)
	}
}

func TestKindByLabel(t *testing.T) {
	spans := []timeline.Span{
		{Lane: "P0", Label: "order 2", Kind: timeline.Run, Start: 1},
		{Lane: "P0", Label: "g1", Kind: timeline.Run, Start: 2},
		{Lane: "P1", Label: "order 1", Kind: timeline.Run, Start: 3},
		{Lane: "P1", Label: "order 2", Kind: timeline.Run, Start: 4},
	}
	got := timeline.KindByLabel(spans, "order")
	want := []timeline.Span{
		{Lane: "P1", Label: "order 1", Kind: "order 1", Start: 3},
		{Lane: "P0", Label: "order 2", Kind: "order 2", Start: 1},
		{Lane: "P1", Label: "order 2", Kind: "order 2", Start: 4},
		{Lane: "P0", Label: "g1", Kind: timeline.Run, Start: 2},
	}
	if !slices.Equal(got, want) {
		t.Errorf("KindByLabel =\n%+v\nwant\n%+v", got, want)
	}
	if spans[0].Kind != timeline.Run {
		t.Errorf("KindByLabel changed its input: %+v", spans)
	}
}
