package stats

import (
	"encoding/binary"
	"math"
	"strings"
	"testing"
)

// floatsFrom reads data as little-endian float64s (8 bytes each) when wide is
// true, or as int8s otherwise (many repeats and small integer ranges).
func fuzzValues(data []byte, wide bool) []float64 {
	var xs []float64
	if !wide {
		for _, b := range data {
			xs = append(xs, float64(int8(b)))
		}
		return xs
	}
	for ; len(data) >= 8; data = data[8:] {
		xs = append(xs, math.Float64frombits(binary.LittleEndian.Uint64(data)))
	}
	return xs
}

func firstNonFinite(xs []float64) int {
	for i, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return i
		}
	}
	return -1
}

func FuzzSummarize(f *testing.F) {
	f.Add([]byte{1, 2, 3, 250, 7}, false, 90.0)
	f.Add(binary.LittleEndian.AppendUint64(nil, math.Float64bits(1e308)), true, 50.0)
	f.Add(binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(nil, 1), 1), true, 100.0) // two subnormals
	f.Add([]byte{}, true, 0.0)
	f.Fuzz(func(t *testing.T, data []byte, wide bool, p float64) {
		xs := fuzzValues(data, wide)
		s, err := Summarize(xs, p)
		bad := firstNonFinite(xs)
		switch {
		case len(xs) == 0 || bad >= 0 || !(p > 0 && p <= 100):
			if err == nil || !strings.HasPrefix(err.Error(), "stats.Summarize: ") {
				t.Fatalf("bad input %v, p=%v: got error %v", xs, p, err)
			}
			return
		case err != nil:
			t.Fatalf("Summarize(%v, %v): %v", xs, p, err)
		}
		if s.Count != len(xs) {
			t.Errorf("Count %d, want %d", s.Count, len(xs))
		}
		if !(s.Min <= s.MedianLow && s.MedianLow <= s.Median && s.Median <= s.MedianHigh && s.MedianHigh <= s.Max) {
			t.Errorf("want min <= median low <= median <= median high <= max, got %+v", s)
		}
		if !(s.Min <= s.Mean && s.Mean <= s.Max) {
			t.Errorf("mean %v outside [%v, %v]", s.Mean, s.Min, s.Max)
		}
		if v, ok := s.Percentiles[p]; !ok || v < s.Min || v > s.Max {
			t.Errorf("percentile %v = %v (present %v), outside [%v, %v]", p, v, ok, s.Min, s.Max)
		}
		for _, x := range xs {
			if x < s.Min || x > s.Max {
				t.Errorf("value %v outside [min, max] = [%v, %v]", x, s.Min, s.Max)
			}
		}
	})
}

func FuzzBins(f *testing.F) {
	f.Add([]byte{1, 2, 3, 250, 7}, false, 3)
	f.Add([]byte{0, 0, 0}, false, 1)
	f.Add(binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(nil, math.Float64bits(-1e308)), math.Float64bits(1e308)), true, 7)
	f.Add(binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(nil, math.Float64bits(1)), math.Float64bits(math.Nextafter(1, 2))), true, 30)
	f.Fuzz(func(t *testing.T, data []byte, wide bool, bins int) {
		bins = bins % 1000 // keep the bin count (memory) modest
		xs := fuzzValues(data, wide)
		h, err := Bins(xs, bins)
		if len(xs) == 0 || bins <= 0 || firstNonFinite(xs) >= 0 {
			if err == nil || !strings.HasPrefix(err.Error(), "stats.Bins: ") {
				t.Fatalf("bad input %v, bins=%d: got error %v", xs, bins, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Bins(%v, %d): %v", xs, bins, err)
		}
		if msg := checkHistogram(h, xs, bins); msg != "" {
			t.Fatalf("Bins(%v, %d) = %+v: %s", xs, bins, h, msg)
		}
		// The same values as integers take the integer path.
		ints := make([]int64, len(xs))
		for i, x := range xs {
			ints[i] = int64(max(-1<<62, min(1<<62, x)))
		}
		h, err = Bins(ints, bins)
		if err != nil {
			t.Fatalf("Bins(%v, %d): %v", ints, bins, err)
		}
		if msg := checkHistogram(h, ints, bins); msg != "" {
			t.Fatalf("Bins(%v, %d) = %+v: %s", ints, bins, h, msg)
		}
		// Two series with shared edges.
		half := len(xs) / 2
		if half > 0 {
			hs, err := SharedBins(bins, xs[:half], xs[half:])
			if err != nil {
				t.Fatalf("SharedBins: %v", err)
			}
			if msg := checkHistogram(hs[0], xs[:half], bins) + checkHistogram(hs[1], xs[half:], bins); msg != "" {
				t.Fatalf("SharedBins(%d, %v, %v) = %+v: %s", bins, xs[:half], xs[half:], hs, msg)
			}
		}
	})
}
