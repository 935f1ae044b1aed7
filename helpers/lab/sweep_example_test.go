package lab_test

import (
	"fmt"
	"runtime"
	"time"

	"github.com/go-concurrency-lab/course/helpers/lab"
)

// How often does a trial see more than one P? Never with GOMAXPROCS=1,
// always with 2, whatever the size.
func ExampleRunSweep() {
	result, err := lab.RunSweep(lab.Sweep{Procs: []int{1, 2}, Sizes: []int{1, 10}, Trials: 5},
		func(size int) bool { return runtime.GOMAXPROCS(0) > 1 })
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, procs := range result.Sweep.Procs {
		fmt.Printf("GOMAXPROCS=%d: %v yes at sizes %v\n", procs, result.Hits(i), result.SizeLabels())
	}
	fmt.Println("in all:", result.Total(), "failed:", result.Failed)
	for _, line := range result.Lines("GOMAXPROCS=%d") {
		fmt.Println(line.Name, line.Y)
	}
	// Output:
	// GOMAXPROCS=1: [0 0] yes at sizes [1 10]
	// GOMAXPROCS=2: [5 5] yes at sizes [1 10]
	// in all: 10/20 (50%) failed: 0
	// GOMAXPROCS=1 [0 0]
	// GOMAXPROCS=2 [100 100]
}

// A trial that panics or blocks counts as failed, and the first is described.
func ExampleRunSweep_failures() {
	result, _ := lab.RunSweep(lab.Sweep{Procs: []int{1}, Sizes: []int{0, 1}, Trials: 2, Timeout: 50 * time.Millisecond},
		func(size int) bool {
			if size == 0 {
				panic("size 0")
			}
			return true
		})
	fmt.Println("yes:", result.Total())
	fmt.Println(result.Failures())
	// Output:
	// yes: 2/4 (50%)
	// panicked or blocked in 2 of 4 trials (first: GOMAXPROCS=1, size 0: panicked: size 0)
}
