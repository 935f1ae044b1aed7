package chart

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkHistogram10k builds and renders a histogram of 10,000 values: the
// binning, the go-echarts chart, its option and the notebook HTML.
func BenchmarkHistogram10k(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	values := make([]float64, 10_000)
	for i := range values {
		values[i] = r.NormFloat64()
	}
	b.ReportAllocs()
	for b.Loop() {
		c := Histogram(Labels{Title: "10,000 values", X: "value", Y: "count"}, Data("v", values))
		if c.Err() != nil || len(c.HTML()) == 0 {
			b.Fatal(c.Err())
		}
	}
}
