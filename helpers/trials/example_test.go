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

func ExampleWithProcs() {
	err := trials.WithProcs(1, func() {
		fmt.Println("inside:", runtime.GOMAXPROCS(0))
	})
	fmt.Println("error:", err)
	// Output:
	// inside: 1
	// error: <nil>
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
