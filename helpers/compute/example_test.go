package compute_test

import (
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/go-concurrency-lab/course/helpers/compute"
)

// For computes for about the time it is given: here 20ms, on the clock of a machine
// that is not too busy.
func ExampleFor() {
	compute.Calibrate() // before timing anything
	start := time.Now()
	compute.For(20 * time.Millisecond)
	fmt.Println("took 10ms or more:", time.Since(start) >= 10*time.Millisecond)
	// Output:
	// took 10ms or more: true
}

// Two goroutines computing 20ms each take turns on one P, so together they need
// about 40ms: computing speeds up only with more Ps and free cores.
func ExampleFor_oneP() {
	compute.Calibrate()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	start := time.Now()
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() { compute.For(20 * time.Millisecond) })
	}
	wg.Wait()
	fmt.Println("took 30ms or more:", time.Since(start) >= 30*time.Millisecond)
	// Output:
	// took 30ms or more: true
}
