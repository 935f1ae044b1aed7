package trials

import (
	"testing"
)

// BenchmarkRunOverhead measures what Run adds to each trial (the call, storing
// the outcome, the progress bar), reported as ns/trial.
func BenchmarkRunOverhead(b *testing.B) {
	const n = 1000
	for b.Loop() {
		if _, err := Run(n, func() int { return 0 }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/trial")
}

// BenchmarkDurationsOverhead measures the time per timed call of an empty
// function: the floor below which Durations cannot see.
func BenchmarkDurationsOverhead(b *testing.B) {
	const n = 1000
	for b.Loop() {
		if _, err := Durations(n, func() {}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/call")
}
