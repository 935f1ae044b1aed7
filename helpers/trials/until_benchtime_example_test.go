package trials_test

import (
	"fmt"
	"sync"
	"time"

	"github.com/go-concurrency-lab/course/helpers/trials"
)

// Keep rolling a die until it shows a six, for at most 100 rolls.
func ExampleUntil() {
	rolls := []int{3, 1, 4, 1, 5, 6, 2}
	next := 0
	roll := func() int { next++; return rolls[next-1] }

	last, calls, err := trials.Until(100, roll, func(face int) bool { return face == 6 })
	fmt.Println(last, calls, err)
	// Output:
	// 6 6 <nil>
}

// Measure an uncontended Lock/Unlock for 20ms instead of a whole second,
// five times, to see the spread.
func ExampleBenchmarkFor() {
	var mu sync.Mutex
	ns, _ := trials.Run(5, func() float64 {
		return trials.BenchmarkFor(20*time.Millisecond, func() {
			mu.Lock()
			mu.Unlock()
		}).NsPerOp
	})
	fmt.Println(len(ns), "measurements") // for example [7.9 8.1 7.9 8.0 9.2] ns per call
	// Output:
	// 5 measurements
}
