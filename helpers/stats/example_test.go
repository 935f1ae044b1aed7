package stats_test

import (
	"fmt"
	"time"

	"github.com/go-concurrency-lab/course/helpers/stats"
)

// Final values of a counter that ten goroutines incremented 100 times each,
// without a mutex.
var counts = []int{1000, 998, 1000, 1000, 997, 1000, 999, 1000, 1000, 986, 1000, 1000}

func ExampleSummarize() {
	s, err := stats.Summarize(counts, 90)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s)
	fmt.Println("median:", s.Median)
	// Output:
	// n=12 min=986 median=1000 (95% CI 998.5–1000) mean=998.3 max=1000 p90=1000
	// median: 1000
}

func ExampleSummarize_error() {
	_, err := stats.Summarize([]float64{1, 2, 0.0 / zero})
	fmt.Println(err)
	// Output:
	// stats.Summarize: values[2] is NaN
}

var zero = 0.0

func ExampleSummary_Durations() {
	waits := []time.Duration{1200 * time.Microsecond, 950 * time.Microsecond, 3 * time.Millisecond, 1100 * time.Microsecond}
	s, _ := stats.Summarize(waits)
	fmt.Println(s.Durations())
	// Output:
	// n=4 min=950µs median=1.15ms (95% CI 950µs–3ms) mean=1.56ms max=3ms
}

func ExampleFraction() {
	lost, err := stats.Fraction(counts, func(c int) bool { return c != 1000 })
	if err != nil {
		fmt.Println(err)
		return
	}
	low, high := lost.Interval()
	fmt.Printf("%v of the runs lost updates (95%% CI %.0f%%–%.0f%%)\n", lost, 100*low, 100*high)
	// Output:
	// 4/12 (33.3%) of the runs lost updates (95% CI 14%–61%)
}

func ExampleBins() {
	h, err := stats.Bins(counts, 30)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range h.Bins {
		if b.Count > 0 {
			fmt.Printf("%v: %d\n", b.Low, b.Count)
		}
	}
	// Output:
	// 986: 1
	// 997: 1
	// 998: 1
	// 999: 1
	// 1000: 8
}

func ExampleSharedBins() {
	racy := []float64{0.91, 0.95, 0.99, 1}
	mutex := []float64{1, 1, 1, 1}
	hs, err := stats.SharedBins(3, racy, mutex)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range hs[0].Bins {
		fmt.Printf("[%.2f, %.2f) ", b.Low, b.High)
	}
	fmt.Println("← edges shared by both")
	for _, h := range hs {
		fmt.Println(h.Bins[0].Count, h.Bins[1].Count, h.Bins[2].Count)
	}
	// Output:
	// [0.91, 0.94) [0.94, 0.97) [0.97, 1.00) ← edges shared by both
	// 1 1 2
	// 0 0 4
}

func ExampleFloat64s() {
	fmt.Println(stats.Float64s([]time.Duration{time.Microsecond, 2 * time.Microsecond}))
	// Output:
	// [1000 2000]
}

func ExampleFormatSignificant() {
	for _, x := range []float64{1.934, 1234, 0.05, 2} {
		fmt.Println(stats.FormatSignificant(x, 3))
	}
	// Output:
	// 1.93
	// 1230
	// 0.05
	// 2
}
