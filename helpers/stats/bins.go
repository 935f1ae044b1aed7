package stats

import (
	"fmt"
	"math"
	"sort"
)

// Bins counts values in at most bins bins of equal width that cover the
// values from the smallest to the largest.
//
// The histogram's Kind is Durations for [time.Duration] values, Integers for
// other integer types and Floats otherwise. Integer values get integer bin
// edges: when the values span no more than bins integers (max-min+1 <= bins)
// there is one bin per integer k, with Low = k and High = k+1; otherwise each
// bin spans the same whole number of integers, and there may be fewer than
// bins bins. Float values get exactly bins bins over [min, max]; if all the
// values are equal, there is one bin with Low = High = that value.
//
// Every value lies in its bin (Low <= v < High, or v == High in the last
// bin), and the bins' counts add up to Count, which is len(values).
//
// Bins returns an error if bins <= 0, values is empty, or values holds NaN or
// ±Inf. Integers beyond ±2^53 are binned as their nearest float64.
func Bins[T Number](values []T, bins int) (Histogram, error) {
	hs, err := histograms("stats.Bins", bins, [][]T{values}, func(int) string { return "values" })
	if err != nil {
		return Histogram{}, err
	}
	return hs[0], nil
}

// SharedBins bins several series like [Bins], all with the same bin edges:
// those [Bins] would choose for all the values of all series together. The
// result has one Histogram per series, in order, so that a chart can overlay
// them.
//
// SharedBins returns an error if bins <= 0, no series is given, or a series
// is empty or holds NaN or ±Inf.
func SharedBins[T Number](bins int, series ...[]T) ([]Histogram, error) {
	if len(series) == 0 {
		return nil, fmt.Errorf("stats.SharedBins: no series given")
	}
	return histograms("stats.SharedBins", bins, series, func(i int) string { return fmt.Sprintf("series[%d]", i) })
}

// histograms implements Bins and SharedBins; name(i) names series[i] in errors.
func histograms[T Number](fn string, bins int, series [][]T, name func(int) string) ([]Histogram, error) {
	if bins <= 0 {
		return nil, fmt.Errorf("%s: bins must be > 0, got %d", fn, bins)
	}
	floats := make([][]float64, len(series))
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, s := range series {
		xs, err := finiteFloats(fn, name(i), s)
		if err != nil {
			return nil, err
		}
		for _, x := range xs {
			lo, hi = min(lo, x), max(hi, x)
		}
		floats[i] = xs
	}
	edges := binEdges(lo, hi, bins, isInteger[T]())
	kind := KindOf[T]()
	hs := make([]Histogram, len(series))
	for i, xs := range floats {
		h := Histogram{Kind: kind, Count: len(xs), Bins: make([]Bin, len(edges)-1)}
		for j := range h.Bins {
			h.Bins[j].Low, h.Bins[j].High = edges[j], edges[j+1]
		}
		for _, x := range xs {
			h.Bins[binOf(edges, x)].Count++
		}
		hs[i] = h
	}
	return hs, nil
}

// binEdges returns the edges of at most bins bins over [lo, hi]: a
// non-decreasing slice of at least two numbers, the first lo and the last
// >= hi.
func binEdges(lo, hi float64, bins int, integer bool) []float64 {
	if integer {
		span := hi - lo + 1 // number of integers in [lo, hi]
		width := 1.0
		if span > float64(bins) {
			width = math.Ceil(span / float64(bins))
		}
		count := max(1, min(bins, int(math.Ceil(span/width))))
		edges := make([]float64, count+1)
		for k := range edges {
			edges[k] = lo + float64(k)*width
		}
		return monotone(edges, hi)
	}
	if lo == hi {
		return []float64{lo, hi}
	}
	edges := make([]float64, bins+1)
	for k := range edges {
		edges[k] = lerp(lo, hi, float64(k)/float64(bins))
	}
	return monotone(edges, hi)
}

// monotone makes edges non-decreasing with a last edge >= hi, repairing
// rounding in the arithmetic that made them.
func monotone(edges []float64, hi float64) []float64 {
	for k := 1; k < len(edges); k++ {
		edges[k] = max(edges[k], edges[k-1])
	}
	edges[len(edges)-1] = max(edges[len(edges)-1], hi)
	return edges
}

// binOf returns the bin of edges that holds x: the last j < len(edges)-1
// with edges[j] <= x. Searching the edges themselves, rather than computing
// (x-lo)/width, keeps every value inside the bin whose edges are reported.
func binOf(edges []float64, x float64) int {
	j := sort.Search(len(edges), func(i int) bool { return edges[i] > x }) - 1
	return max(0, min(len(edges)-2, j))
}
