package timeline

import (
	"slices"
	"strings"
)

// Prefix returns a copy of spans with prefix and " · " in front of every lane, so
// that the spans of several runs can share one chart: Prefix("a) one by one",
// spans) turns lane "order 1" into "a) one by one · order 1". The spans
// themselves are not changed.
func Prefix(prefix string, spans []Span) []Span {
	out := slices.Clone(spans)
	for i := range out {
		out[i].Lane = prefix + " · " + out[i].Lane
	}
	return out
}

// KindByLabel returns a copy of spans in which every span whose label starts
// with labelPrefix takes its label as its kind (a chart gives each kind a colour
// of its own), sorted stably by kind. A timeline chart gives colours to kinds in
// the order they first appear, so after KindByLabel the same label has the same
// colour in every chart: KindByLabel(spans, "order") colours each order of a
// Scheduler trace apart, in both a GOMAXPROCS=1 and a GOMAXPROCS=2 chart, while
// other goroutines keep their kind. The spans themselves are not changed.
func KindByLabel(spans []Span, labelPrefix string) []Span {
	out := slices.Clone(spans)
	for i, s := range out {
		if strings.HasPrefix(s.Label, labelPrefix) {
			out[i].Kind = s.Label
		}
	}
	slices.SortStableFunc(out, func(x, y Span) int { return strings.Compare(x.Kind, y.Kind) })
	return out
}
