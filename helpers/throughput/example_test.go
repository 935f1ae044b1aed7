package throughput_test

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/go-concurrency-lab/course/helpers/throughput"
)

// Four goroutines share 100,000 increments of one counter behind a mutex.
func ExampleMeasure() {
	var mu sync.Mutex
	counter := 0
	rate, err := throughput.Measure(4, 100_000, func() {
		mu.Lock()
		counter++
		mu.Unlock()
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("increments:", rate.Ops, "counter:", counter)
	_ = rate.String() // for example "31.25 million ops/s (100000 ops in 3.2ms)"
	// Output:
	// increments: 100000 counter: 100000
}

func ExampleMeasure_error() {
	_, err := throughput.Measure(0, 1000, func() {})
	fmt.Println(err)
	// Output:
	// throughput.Measure: goroutines must be >= 1, got 0
}

// The fastest of 5 runs of one goroutine against two goroutines, each
// incrementing an atomic counter; SpeedupOver compares the two.
func ExampleFastest() {
	var n atomic.Int64
	alone, _ := throughput.Fastest(5, 1, 50_000, func() { n.Add(1) })
	two, _ := throughput.Fastest(5, 2, 50_000, func() { n.Add(1) })
	fmt.Println("calls:", n.Load()) // (5 timed runs + 1 warm-up) × 2 × 50,000
	_ = two.SpeedupOver(alone)      // for example 0.6: a shared counter does not scale
	// Output:
	// calls: 600000
}

func ExampleRate() {
	rate := throughput.Rate{Ops: 2_000_000, Elapsed: 50_000_000} // 2 million ops in 50ms
	base := throughput.Rate{Ops: 1_000_000, Elapsed: 50_000_000}
	fmt.Println(rate)
	fmt.Println(rate.PerSecond(), rate.Millions(), rate.SpeedupOver(base))
	// Output:
	// 40 million ops/s (2000000 ops in 50ms)
	// 4e+07 40 2
}
