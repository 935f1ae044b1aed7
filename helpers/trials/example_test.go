package trials_test

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/go-concurrency-lab/course/helpers/stats"
	"github.com/go-concurrency-lab/course/helpers/trials"
)

// count has 10 goroutines increment a shared counter 100 times each, guarded
// by a mutex, and returns the final value.
func count() int {
	var (
		mu      sync.Mutex
		counter int
		wg      sync.WaitGroup
	)
	for range 10 {
		wg.Go(func() {
			for range 100 {
				mu.Lock()
				counter++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return counter
}

func ExampleRun() {
	finals, err := trials.Run(200, count)
	if err != nil {
		fmt.Println(err)
		return
	}
	wrong, _ := stats.Fraction(finals, func(v int) bool { return v != 1000 })
	fmt.Println("wrong results:", wrong)
	// Output:
	// wrong results: 0/200 (0%)
}

func ExampleRun_error() {
	_, err := trials.Run(-3, count)
	fmt.Println(err)
	// Output:
	// trials.Run: n must be > 0, got -3
}

func ExampleRunEach() {
	squares, _ := trials.RunEach(5, func(trial int) int { return trial * trial })
	fmt.Println(squares)
	// Output:
	// [0 1 4 9 16]
}

func ExampleWithProcs() {
	err := trials.WithProcs(1, func() {
		fmt.Println("inside:", runtime.GOMAXPROCS(0))
	})
	fmt.Println("error:", err)
	// Output:
	// inside: 1
	// error: <nil>
}

func ExampleProcs() {
	for _, procs := range []int{1, 2} {
		finals, _ := trials.Procs(procs, func() []int {
			finals, _ := trials.Run(50, count)
			return finals
		})
		s, _ := stats.Summarize(finals)
		fmt.Printf("GOMAXPROCS=%d: %v\n", procs, s)
	}
	// Output:
	// GOMAXPROCS=1: n=50 min=1000 median=1000 (95% CI 1000–1000) mean=1000 max=1000
	// GOMAXPROCS=2: n=50 min=1000 median=1000 (95% CI 1000–1000) mean=1000 max=1000
}

func ExampleDurations() {
	ds, err := trials.Durations(100, func() { count() })
	if err != nil {
		fmt.Println(err)
		return
	}
	s, _ := stats.Summarize(ds)
	fmt.Println(len(ds), "timed calls")
	_ = s.Durations() // for example "n=100 min=52.1µs median=61.3µs (95% CI …) …"
	// Output:
	// 100 timed calls
}

func ExampleBenchmark() {
	var mu sync.Mutex
	timing := trials.Benchmark(func() {
		mu.Lock()
		mu.Unlock()
	})
	// timing.String() is for example "7.91 ns/op  0 B/op  0 allocs/op  (151516258 calls)".
	fmt.Println("error:", timing.Err)
	fmt.Println("allocations per Lock/Unlock:", timing.AllocsPerOp)
	// Output:
	// error: <nil>
	// allocations per Lock/Unlock: 0
}

func ExampleBenchmarkParallel() {
	var mu sync.Mutex
	counter := 0
	for _, procs := range []int{1, 2} {
		timing, _ := trials.Procs(procs, func() trials.Timing {
			return trials.BenchmarkParallel(func() {
				mu.Lock()
				counter++
				mu.Unlock()
			})
		})
		fmt.Printf("GOMAXPROCS=%d: error %v\n", procs, timing.Err) // and timing.NsPerOp
	}
	// Output:
	// GOMAXPROCS=1: error <nil>
	// GOMAXPROCS=2: error <nil>
}
