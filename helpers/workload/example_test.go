package workload_test

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-concurrency-lab/course/helpers/workload"
)

// For computes for about the time it is given: here 20ms, on the clock of a machine
// that is not too busy.
func ExampleFor() {
	workload.Calibrate() // before timing anything
	start := time.Now()
	workload.For(20 * time.Millisecond)
	fmt.Println("took 10ms or more:", time.Since(start) >= 10*time.Millisecond)
	// Output:
	// took 10ms or more: true
}

// Two goroutines computing 20ms each take turns on one P, so together they need
// about 40ms: computing speeds up only with more Ps and free cores.
func ExampleFor_oneP() {
	workload.Calibrate()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	start := time.Now()
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() { workload.For(20 * time.Millisecond) })
	}
	wg.Wait()
	fmt.Println("took 30ms or more:", time.Since(start) >= 30*time.Millisecond)
	// Output:
	// took 30ms or more: true
}

// Eight workers each take 2 ms plus a random extra with a mean of 2 ms. How
// likely is it that all of them are done 10 ms after they started?
func ExampleExponential() {
	workTime, err := workload.Exponential(2*time.Millisecond, 2*time.Millisecond)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(workTime)
	one, _ := workTime.AllDoneBy(1, 4*time.Millisecond)
	fmt.Printf("one worker done by 4ms: %.1f%%\n", 100*one)
	all, _ := workTime.AllDoneBy(8, 10*time.Millisecond)
	fmt.Printf("all 8 done by 10ms: %.1f%%\n", 100*all)
	for _, d := range workTime.Draws(8) {
		if d < 2*time.Millisecond {
			fmt.Println("a draw below the base:", d)
		}
	}
	// Output:
	// 2ms + exponential(mean 2ms)
	// one worker done by 4ms: 63.2%
	// all 8 done by 10ms: 86.3%
}

func ExampleExponential_badInput() {
	_, err := workload.Exponential(2*time.Millisecond, 0)
	fmt.Println(err)
	// Output: workload.Exponential: mean must be > 0, got 0s
}

// A goroutine that sleeps needs no core: its wall-clock time is the sleep, its CPU
// time almost nothing.
func ExampleMedianUsage() {
	slept, err := workload.MedianUsage(3, func() { time.Sleep(20 * time.Millisecond) })
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

func ExampleMedianUsage_error() {
	_, err := workload.MedianUsage(0, func() {})
	fmt.Println(err)
	// Output:
	// workload.MedianUsage: n must be >= 1, got 0
}

// A Stopwatch measures everything between StartStopwatch and Stop, in all
// goroutines.
func ExampleStartStopwatch() {
	watch := workload.StartStopwatch()
	time.Sleep(10 * time.Millisecond) // the experiment
	usage := watch.Stop()
	fmt.Println(usage.Wall >= 10*time.Millisecond)
	_ = usage.Load() // for example "other programs kept 0.12 of 2 CPUs busy"
	// Output:
	// true
}

// Two cores busy for 100ms make 200ms of CPU time; the other programs used 30ms
// meanwhile.
func ExampleUsage() {
	u := workload.Usage{
		Wall:        100 * time.Millisecond,
		CPU:         200 * time.Millisecond,
		Others:      30 * time.Millisecond,
		OthersKnown: true,
		CPUs:        4,
	}
	fmt.Printf("%.2f cores busy\n", u.Cores())
	fmt.Println(u.Load())
	// Output:
	// 2.00 cores busy
	// other programs kept 0.30 of 4 CPUs busy
}

// What does a goroutine that waits at a gate cost?
func ExampleMeasureMemory() {
	const n = 1000
	workload.ReleaseMemory() // start from the memory really in use
	gate := make(chan struct{})
	var waiting atomic.Int64
	meter := workload.MeasureMemory(n)
	for range n {
		go func() {
			waiting.Add(1)
			<-gate
		}()
	}
	meter.Started() // the n go statements are done
	for waiting.Load() < n {
		time.Sleep(100 * time.Microsecond)
	}
	cost := meter.Stop() // while all n wait
	close(gate)
	fmt.Println("a few KB of stack each:", cost.Stack >= 1*workload.KB && cost.Stack <= 16*workload.KB)
	// Output:
	// a few KB of stack each: true
}

// Steps at growing sizes, each reckoned at the cost measured in the step before.
func ExampleBudget_Steps() {
	budget := workload.Budget{Bytes: 64 * workload.MB, Reason: "MemoryBudget (64 MB)"}
	costs, err := budget.Steps("goroutines", []int{1_000, 10_000, 100_000}, 8*workload.KB, func(n int) workload.MemoryCost {
		// A stand-in for a real measurement with workload.MeasureMemory.
		return workload.MemoryCost{N: n, Stack: 2 * workload.KB, FromOS: 2.5 * workload.KB, Start: 500 * time.Nanosecond}
	})
	fmt.Println(costs.Counts(), costs.FromOSKB(), err)
	// Output:
	//   1,000 goroutines: 2.0 KB of stack and 2.5 KB from the OS each; 0.50 µs each to start
	//  10,000 goroutines: 2.0 KB of stack and 2.5 KB from the OS each; 0.50 µs each to start
	// 100,000 goroutines: not started. At 2.5 KB each they would need about 244 MB, more than MemoryBudget (64 MB) allows.
	// [1,000 10,000] [2.5 2.5] <nil>
}

func ExampleFormatBytes() {
	fmt.Println(workload.FormatBytes(2765), workload.FormatBytes(268*workload.MB), workload.FormatBytes(2.6*workload.GB))
	// Output:
	// 2.7 KB 268 MB 2.6 GB
}
