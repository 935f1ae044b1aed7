package timeline

import "time"

// LastEnd returns the latest End of the spans of the given kind: with Work,
// when the slowest worker finished; with Mark, the instant of the last mark
// (a Mark's End equals its Start), such as when "Wait returned". It returns
// false if no span has that kind.
func LastEnd(spans []Span, kind string) (end time.Duration, ok bool) {
	for _, s := range spans {
		if s.Kind == kind && (!ok || s.End > end) {
			end, ok = s.End, true
		}
	}
	return end, ok
}
