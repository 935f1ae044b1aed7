package stats

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/internal/badinput"
)

func TestBadInput(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	isOdd := func(x int) bool { return x%2 == 1 }
	badinput.Check(t, []badinput.Case{
		{Name: "Summarize nil", Call: func() error { _, err := Summarize[int](nil); return err },
			Want: "stats.Summarize: values is empty"},
		{Name: "Summarize empty", Call: func() error { _, err := Summarize([]float64{}); return err },
			Want: "stats.Summarize: values is empty"},
		{Name: "Summarize NaN", Call: func() error { _, err := Summarize([]float64{1, 2, 3, 4, nan}); return err },
			Want: "stats.Summarize: values[4] is NaN"},
		{Name: "Summarize +Inf", Call: func() error { _, err := Summarize([]float64{inf}); return err },
			Want: "stats.Summarize: values[0] is +Inf"},
		{Name: "Summarize -Inf float32", Call: func() error { _, err := Summarize([]float32{1, float32(-inf)}); return err },
			Want: "stats.Summarize: values[1] is -Inf"},
		{Name: "Summarize percentile 0", Call: func() error { _, err := Summarize([]int{1}, 50, 0); return err },
			Want: "stats.Summarize: percentiles[1] must be in (0, 100], got 0"},
		{Name: "Summarize percentile 150", Call: func() error { _, err := Summarize([]int{1}, 150); return err },
			Want: "stats.Summarize: percentiles[0] must be in (0, 100], got 150"},
		{Name: "Summarize percentile NaN", Call: func() error { _, err := Summarize([]int{1}, nan); return err },
			Want: "stats.Summarize: percentiles[0] must be in (0, 100], got NaN"},
		{Name: "Fraction empty", Call: func() error { _, err := Fraction([]int{}, isOdd); return err },
			Want: "stats.Fraction: values is empty"},
		{Name: "Fraction nil holds", Call: func() error { _, err := Fraction([]int{1}, nil); return err },
			Want: "stats.Fraction: holds is nil"},
		{Name: "Bins zero bins", Call: func() error { _, err := Bins([]int{1}, 0); return err },
			Want: "stats.Bins: bins must be > 0, got 0"},
		{Name: "Bins negative bins", Call: func() error { _, err := Bins([]int{1}, -3); return err },
			Want: "stats.Bins: bins must be > 0, got -3"},
		{Name: "Bins empty", Call: func() error { _, err := Bins([]time.Duration{}, 10); return err },
			Want: "stats.Bins: values is empty"},
		{Name: "Bins NaN", Call: func() error { _, err := Bins([]float64{0, nan}, 10); return err },
			Want: "stats.Bins: values[1] is NaN"},
		{Name: "SharedBins no series", Call: func() error { _, err := SharedBins[int](10); return err },
			Want: "stats.SharedBins: no series given"},
		{Name: "SharedBins zero bins", Call: func() error { _, err := SharedBins(0, []int{1}); return err },
			Want: "stats.SharedBins: bins must be > 0, got 0"},
		{Name: "SharedBins empty series", Call: func() error { _, err := SharedBins(10, []int{1}, nil); return err },
			Want: "stats.SharedBins: series[1] is empty"},
		{Name: "SharedBins Inf", Call: func() error { _, err := SharedBins(10, []float64{1}, []float64{2, 3, inf}); return err },
			Want: "stats.SharedBins: series[1][2] is +Inf"},
	})
}

func TestSummarize(t *testing.T) {
	values := []int{5, 1, 4, 2, 3}
	s, err := Summarize(values, 25, 100, 50)
	if err != nil {
		t.Fatal(err)
	}
	if s.Count != 5 || s.Min != 1 || s.Median != 3 || s.Mean != 3 || s.Max != 5 {
		t.Errorf("got %+v, want count 5, min 1, median 3, mean 3, max 5", s)
	}
	want := map[float64]float64{25: 2, 50: 3, 100: 5}
	for p, v := range want {
		if s.Percentiles[p] != v {
			t.Errorf("percentile %v = %v, want %v", p, s.Percentiles[p], v)
		}
	}
	if len(s.Percentiles) != len(want) {
		t.Errorf("Percentiles = %v, want the keys of %v", s.Percentiles, want)
	}
	if !slices.Equal(values, []int{5, 1, 4, 2, 3}) {
		t.Errorf("Summarize changed its input to %v", values)
	}

	s, err = Summarize([]float64{4, 1, 3, 2}, 90)
	if err != nil {
		t.Fatal(err)
	}
	if s.Median != 2.5 || s.Mean != 2.5 || s.Percentiles[90] != 3.7 {
		t.Errorf("got median %v, mean %v, p90 %v; want 2.5, 2.5, 3.7", s.Median, s.Mean, s.Percentiles[90])
	}

	s, err = Summarize([]float64{7})
	if err != nil {
		t.Fatal(err)
	}
	if s.Count != 1 || s.Min != 7 || s.Median != 7 || s.Mean != 7 || s.Max != 7 || s.MedianLow != 7 || s.MedianHigh != 7 || s.Percentiles != nil {
		t.Errorf("one value: got %+v", s)
	}

	// Large values must not overflow the mean or the median.
	s, err = Summarize([]float64{math.MaxFloat64, math.MaxFloat64})
	if err != nil {
		t.Fatal(err)
	}
	if s.Mean != math.MaxFloat64 || s.Median != math.MaxFloat64 {
		t.Errorf("huge values: got mean %v, median %v", s.Mean, s.Median)
	}
}

func TestSummarizeIsDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	values := make([]float64, 500)
	for i := range values {
		values[i] = r.ExpFloat64()
	}
	a, _ := Summarize(values)
	b, _ := Summarize(values)
	if a.MedianLow != b.MedianLow || a.MedianHigh != b.MedianHigh {
		t.Errorf("two runs gave CIs %v–%v and %v–%v", a.MedianLow, a.MedianHigh, b.MedianLow, b.MedianHigh)
	}
	if !(a.MedianLow < a.Median && a.Median < a.MedianHigh) {
		t.Errorf("CI %v–%v does not strictly contain the median %v of 500 distinct values", a.MedianLow, a.MedianHigh, a.Median)
	}
}

// The interval should cover the true median about 95% of the time and have
// about the width theory predicts.
func TestSummarizeCICoverage(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const samples, n = 200, 101
	covered := 0
	var width float64
	for range samples {
		values := make([]float64, n)
		for i := range values {
			values[i] = r.Float64() // true median 0.5
		}
		s, err := Summarize(values)
		if err != nil {
			t.Fatal(err)
		}
		if s.MedianLow <= 0.5 && 0.5 <= s.MedianHigh {
			covered++
		}
		width += (s.MedianHigh - s.MedianLow) / samples
	}
	// P(covered < 176 | p = 0.95) < 1e-5, P(covered = 200 | p = 0.95) ≈ 4e-5.
	if covered < 176 || covered == samples {
		t.Errorf("the CI covered the true median in %d of %d samples, want about 95%%", covered, samples)
	}
	// Asymptotically 2·1.96·sqrt(p(1-p)/n)/f(median) = 2·1.96·0.5/sqrt(101) ≈ 0.195.
	if width < 0.15 || width > 0.25 {
		t.Errorf("mean CI width %.3f, want about 0.195", width)
	}
}

// resampleMedians draws the median of a bootstrap resample directly; check
// it against the exact distribution (odd n) and against resampling (even n).
func TestResampleMediansOdd(t *testing.T) {
	const n, k = 25, 4000
	sorted := make([]float64, n)
	for i := range sorted {
		sorted[i] = float64(i)
	}
	meds := resampleMedians(sorted, k, rand.New(rand.NewPCG(5, 6)))
	// The median of a resample is <= sorted[j] when at least m = 13 of the
	// n draws are <= j: a binomial tail.
	worst := 0.0
	for j := range n {
		got := float64(countAtMost(meds, float64(j))) / k
		want := binomialAtLeast(n, float64(j+1)/n, (n+1)/2)
		worst = max(worst, math.Abs(got-want))
	}
	// Kolmogorov–Smirnov: P(D > 0.04) < 2·exp(-2·0.04²·4000) ≈ 6e-6.
	if !(worst <= 0.04) {
		t.Errorf("largest CDF difference to the exact bootstrap distribution is %.3f", worst)
	}
}

func TestResampleMediansEven(t *testing.T) {
	const n, k = 24, 4000
	r := rand.New(rand.NewPCG(7, 8))
	sorted := make([]float64, n)
	for i := range sorted {
		sorted[i] = r.NormFloat64()
	}
	slices.Sort(sorted)
	direct := resampleMedians(sorted, k, r)
	naive := make([]float64, k)
	resample := make([]float64, n)
	for i := range naive {
		for j := range resample {
			resample[j] = sorted[r.IntN(n)]
		}
		slices.Sort(resample)
		naive[i] = median(resample)
	}
	worst := 0.0
	for _, x := range append(slices.Clone(direct), naive...) {
		d := float64(countAtMost(direct, x)-countAtMost(naive, x)) / k
		worst = max(worst, math.Abs(d))
	}
	// Two-sample KS with 4000 each: P(D > 0.06) < 2·exp(-2·0.06²·2000) ≈ 1e-6.
	if !(worst <= 0.06) {
		t.Errorf("largest CDF difference between direct and naive bootstrap is %.3f", worst)
	}
}

func countAtMost(xs []float64, x float64) int {
	c := 0
	for _, v := range xs {
		if v <= x {
			c++
		}
	}
	return c
}

// binomialAtLeast returns P(X >= m) for X ~ Binomial(n, p).
func binomialAtLeast(n int, p float64, m int) float64 {
	if p >= 1 {
		return 1
	}
	sum := 0.0
	for x := m; x <= n; x++ {
		lg := func(v int) float64 { l, _ := math.Lgamma(float64(v + 1)); return l }
		sum += math.Exp(lg(n) - lg(x) - lg(n-x) + float64(x)*math.Log(p) + float64(n-x)*math.Log1p(-p))
	}
	return sum
}

func TestSummaryString(t *testing.T) {
	s := Summary{Count: 200, Min: 912, Median: 998, Mean: 994.349, Max: 1000,
		MedianLow: 997, MedianHigh: 999, Percentiles: map[float64]float64{99.9: 1000, 90: 999.5}}
	want := "n=200 min=912 median=998 (95% CI 997–999) mean=994.3 max=1000 p90=999.5 p99.9=1000"
	if got := s.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	d := Summary{Count: 3, Min: 812, Median: 45_678, MedianLow: 1_234_567, MedianHigh: 1_235_567,
		Mean: 2.5e9, Max: 3_600e9}
	want = "n=3 min=812ns median=45.7µs (95% CI 1.23ms–1.24ms) mean=2.5s max=1h0m0s"
	if got := d.Durations(); got != want {
		t.Errorf("Durations() = %q, want %q", got, want)
	}
}

func TestFormatNumber(t *testing.T) {
	for x, want := range map[float64]string{
		0: "0", 998: "998", -3: "-3", 997.35: "997.4", 0.012345: "0.01235", 123456.7: "123457",
		1.5: "1.5", 2.25: "2.25", 1e-7: "1e-07", 1e20: "1e+20",
	} {
		if got := FormatNumber(x); got != want {
			t.Errorf("FormatNumber(%v) = %q, want %q", x, got, want)
		}
	}
}

func TestFraction(t *testing.T) {
	values := []int{998, 1000, 1000, 999, 1000}
	s, err := Fraction(values, func(v int) bool { return v != 1000 })
	if err != nil {
		t.Fatal(err)
	}
	if s != (Share{Hits: 2, Total: 5}) || s.Value() != 0.4 || s.Percent() != 40 {
		t.Errorf("got %+v value %v percent %v, want 2/5, 0.4, 40", s, s.Value(), s.Percent())
	}
}

func TestShareInterval(t *testing.T) {
	tests := []struct {
		s         Share
		low, high float64 // Wilson interval, as R's prop.test(correct = FALSE)
	}{
		{Share{37, 200}, 0.137302, 0.244571},
		{Share{0, 200}, 0, 0.018845},
		{Share{200, 200}, 0.981155, 1},
		{Share{1, 2}, 0.094531, 0.905469},
		{Share{0, 0}, 0, 1},
	}
	for _, tt := range tests {
		low, high := tt.s.Interval()
		if math.Abs(low-tt.low) > 1e-5 || math.Abs(high-tt.high) > 1e-5 {
			t.Errorf("%v.Interval() = %.6f, %.6f; want %.6f, %.6f", tt.s, low, high, tt.low, tt.high)
		}
		v := tt.s.Value()
		if low > v || v > high {
			t.Errorf("%v: interval %v–%v does not contain the value %v", tt.s, low, high, v)
		}
		// By definition, an end p0 strictly inside (0, 1) is where the score
		// statistic |v-p0| / sqrt(p0(1-p0)/n) equals z = 1.96.
		for _, p0 := range []float64{low, high} {
			if p0 <= 0 || p0 >= 1 {
				continue
			}
			score := math.Abs(v-p0) / math.Sqrt(p0*(1-p0)/float64(tt.s.Total))
			if math.Abs(score-1.959964) > 1e-5 {
				t.Errorf("%v: score statistic at %v is %v, want 1.96", tt.s, p0, score)
			}
		}
	}
}

func TestShareString(t *testing.T) {
	for s, want := range map[Share]string{
		{37, 200}:        "37/200 (18.5%)",
		{100, 200}:       "100/200 (50%)",
		{1, 3}:           "1/3 (33.3%)",
		{0, 5}:           "0/5 (0%)",
		{5, 5}:           "5/5 (100%)",
		{1, 100000}:      "1/100000 (0.001%)",
		{99999, 100000}:  "99999/100000 (99.999%)",
		{0, 0}:           "0/0 (0%)",
		{2, 3}:           "2/3 (66.7%)",
		{1999, 2000}:     "1999/2000 (99.95%)",
		{999999, 999998}: "999999/999998 (100%)",
	} {
		if got := s.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", s, got, want)
		}
	}
}

// wantBins checks that Bins(values, bins) returns want.
func wantBins[T Number](t *testing.T, values []T, bins int, want Histogram) {
	t.Helper()
	h, err := Bins(values, bins)
	if err != nil {
		t.Fatalf("Bins(%v, %d): %v", values, bins, err)
	}
	if !equalHistograms(h, want) {
		t.Errorf("Bins(%v, %d) = %+v, want %+v", values, bins, h, want)
	}
}

func TestBinsIntegers(t *testing.T) {
	wantBins(t, []int{1000, 998, 1000, 999}, 30,
		Histogram{Kind: Integers, Count: 4, Bins: []Bin{{998, 999, 1}, {999, 1000, 1}, {1000, 1001, 2}}})
	type counter int32
	wantBins(t, []counter{7, 7, 7}, 5, Histogram{Kind: Integers, Count: 3, Bins: []Bin{{7, 8, 3}}})

	values := make([]uint16, 1001) // 0..1000: 1001 integers in 30 bins of 34
	for i := range values {
		values[i] = uint16(i)
	}
	h, err := Bins(values, 30)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Bins) != 30 || h.Bins[0].Low != 0 || h.Bins[0].High != 34 || h.Bins[29].High != 1020 {
		t.Fatalf("got %d bins from %v to %v, first %+v; want 30 bins of width 34 from 0 to 1020",
			len(h.Bins), h.Bins[0].Low, h.Bins[len(h.Bins)-1].High, h.Bins[0])
	}
	for i, b := range h.Bins {
		want := 34
		if i == 29 {
			want = 1001 - 29*34
		}
		if b.Count != want {
			t.Errorf("bin %d %+v: count %d, want %d", i, b, b.Count, want)
		}
	}
}

func TestBinsFloats(t *testing.T) {
	wantBins(t, []float64{0, 0.05, 0.5, 0.999, 1}, 4,
		Histogram{Kind: Floats, Count: 5, Bins: []Bin{{0, 0.25, 2}, {0.25, 0.5, 0}, {0.5, 0.75, 1}, {0.75, 1, 2}}})
	type seconds float32
	wantBins(t, []seconds{2.5, 2.5}, 10, Histogram{Kind: Floats, Count: 2, Bins: []Bin{{2.5, 2.5, 2}}})
}

func TestBinsDurations(t *testing.T) {
	// 1ms..3ms spans 2,000,001 whole nanoseconds: 2 bins of 1,000,001.
	wantBins(t, []time.Duration{time.Millisecond, 3 * time.Millisecond, 2 * time.Millisecond}, 2,
		Histogram{Kind: Durations, Count: 3, Bins: []Bin{{1e6, 2e6 + 1, 2}, {2e6 + 1, 3e6 + 2, 1}}})
}

func TestSharedBins(t *testing.T) {
	racy := []int{912, 950, 990, 1000}
	mutex := []int{1000, 1000, 1000}
	hs, err := SharedBins(10, racy, mutex)
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 2 {
		t.Fatalf("got %d histograms, want 2", len(hs))
	}
	for i, h := range hs {
		if h.Count != []int{4, 3}[i] || len(h.Bins) != len(hs[0].Bins) {
			t.Fatalf("histogram %d: count %d with %d bins", i, h.Count, len(h.Bins))
		}
		for j, b := range h.Bins {
			if b.Low != hs[0].Bins[j].Low || b.High != hs[0].Bins[j].High {
				t.Errorf("histogram %d bin %d is %v–%v, histogram 0 has %v–%v", i, j, b.Low, b.High, hs[0].Bins[j].Low, hs[0].Bins[j].High)
			}
		}
	}
	alone, _ := Bins(append(slices.Clone(racy), mutex...), 10)
	if !slices.EqualFunc(alone.Bins, hs[0].Bins, func(a, b Bin) bool { return a.Low == b.Low && a.High == b.High }) {
		t.Errorf("shared edges %+v differ from the edges of all values binned together %+v", hs[0].Bins, alone.Bins)
	}
	last := hs[1].Bins[len(hs[1].Bins)-1]
	if last.Count != 3 {
		t.Errorf("the mutex series should be all in the last bin, got %+v", hs[1].Bins)
	}
}

func TestFloat64s(t *testing.T) {
	if got := Float64s([]time.Duration{time.Microsecond, -2}); !slices.Equal(got, []float64{1000, -2}) {
		t.Errorf("got %v", got)
	}
	if got := Float64s[int8](nil); got == nil || len(got) != 0 {
		t.Errorf("Float64s(nil) = %#v, want an empty slice", got)
	}
}

func equalHistograms(a, b Histogram) bool {
	return a.Kind == b.Kind && a.Count == b.Count && slices.Equal(a.Bins, b.Bins)
}

// checkHistogram reports the first broken invariant of h as the histogram of
// values, or "".
func checkHistogram[T Number](h Histogram, values []T, bins int) string {
	if h.Count != len(values) {
		return "Count != len(values)"
	}
	if len(h.Bins) == 0 || len(h.Bins) > bins {
		return "wrong number of bins"
	}
	want := make([]int, len(h.Bins))
	sum := 0
	for i, b := range h.Bins {
		sum += b.Count
		if b.Low > b.High || (i > 0 && b.Low != h.Bins[i-1].High) {
			return "bin edges are not consecutive"
		}
	}
	if sum != h.Count {
		return "bin counts do not add up to Count"
	}
	for _, v := range values {
		x := float64(v)
		found := false
		for i, b := range h.Bins {
			last := i == len(h.Bins)-1
			if b.Low <= x && (x < b.High || last && x == b.High) {
				want[i]++
				found = true
				break
			}
		}
		if !found {
			return "a value lies in no bin"
		}
	}
	for i, b := range h.Bins {
		if b.Count != want[i] {
			return "a bin's count differs from the number of values between its edges"
		}
	}
	return ""
}

func TestCheckHistogramCanFail(t *testing.T) {
	good, _ := Bins([]int{1, 2, 3}, 3)
	if msg := checkHistogram(good, []int{1, 2, 3}, 3); msg != "" {
		t.Fatalf("good histogram: %s", msg)
	}
	bad := Histogram{Count: 3, Bins: []Bin{{1, 2, 2}, {2, 4, 1}}}
	if msg := checkHistogram(bad, []int{1, 2, 3}, 3); !strings.Contains(msg, "count differs") {
		t.Errorf("misplaced value not found: %q", msg)
	}
}

func TestKindOf(t *testing.T) {
	type counter uint8
	type millis float32
	for i, tt := range []struct{ got, want Kind }{
		{KindOf[int](), Integers}, {KindOf[counter](), Integers}, {KindOf[uint64](), Integers},
		{KindOf[float64](), Floats}, {KindOf[millis](), Floats}, {KindOf[time.Duration](), Durations},
	} {
		if tt.got != tt.want {
			t.Errorf("case %d: got %v, want %v", i, tt.got, tt.want)
		}
	}
}

func TestRoundDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0s", 812: "812ns", 999: "999ns", 1234: "1.23µs", 45678: "45.7µs", 1234567: "1.23ms",
		45678 * time.Microsecond: "45.7ms", 2500 * time.Millisecond: "2.5s", 83 * time.Second: "1m23s", -1234567: "-1.23ms",
	} {
		if got := RoundDuration(d).String(); got != want {
			t.Errorf("RoundDuration(%d) = %s, want %s", int64(d), got, want)
		}
	}
}
