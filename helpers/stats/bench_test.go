package stats

import (
	"math/rand/v2"
	"testing"
	"time"
)

func durations10k() []time.Duration {
	r := rand.New(rand.NewPCG(1, 1))
	ds := make([]time.Duration, 10_000)
	for i := range ds {
		ds[i] = time.Duration(r.ExpFloat64() * float64(time.Millisecond))
	}
	return ds
}

func BenchmarkHistogram10k(b *testing.B) {
	ds := durations10k()
	for b.Loop() {
		if _, err := Bins(ds, 30); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSummarize10k(b *testing.B) {
	ds := durations10k()
	for b.Loop() {
		if _, err := Summarize(ds, 90, 99); err != nil {
			b.Fatal(err)
		}
	}
}
