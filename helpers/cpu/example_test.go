package cpu_test

import (
	"fmt"
	"time"

	"github.com/go-concurrency-lab/course/helpers/cpu"
)

// A goroutine that sleeps needs no core: its wall-clock time is the sleep, its CPU
// time almost nothing.
func ExampleMedianOf() {
	slept, err := cpu.MedianOf(3, func() { time.Sleep(20 * time.Millisecond) })
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("slept at least 20ms:", slept.Wall >= 20*time.Millisecond)
	fmt.Println("used less than 5ms of CPU time:", slept.CPU < 5*time.Millisecond)
	// Output:
	// slept at least 20ms: true
	// used less than 5ms of CPU time: true
}

func ExampleMedianOf_error() {
	_, err := cpu.MedianOf(0, func() {})
	fmt.Println(err)
	// Output:
	// cpu.MedianOf: n must be >= 1, got 0
}

// A Stopwatch measures everything between Start and Stop, in all goroutines.
func ExampleStart() {
	watch := cpu.Start()
	time.Sleep(10 * time.Millisecond) // the experiment
	usage := watch.Stop()
	fmt.Println(usage.Wall >= 10*time.Millisecond)
	_ = usage.Load() // for example "other programs kept 0.12 of 2 CPUs busy"
	// Output:
	// true
}

// Two cores busy for 100ms make 200ms of CPU time; the other programs used 30ms meanwhile.
func ExampleUsage() {
	u := cpu.Usage{
		Wall:        100 * time.Millisecond,
		CPU:         200 * time.Millisecond,
		Others:      30 * time.Millisecond,
		OthersKnown: true,
		CPUs:        4,
	}
	fmt.Printf("%.2f cores busy\n", u.Cores())
	fmt.Println(u.Load())
	fmt.Println(u)
	// Output:
	// 2.00 cores busy
	// other programs kept 0.30 of 4 CPUs busy
	// wall 100ms, CPU 200ms (2.00 cores) · other programs kept 0.30 of 4 CPUs busy
}
