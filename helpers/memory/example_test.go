package memory_test

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/go-concurrency-lab/course/helpers/memory"
)

// What does a goroutine that waits at a gate cost?
func ExampleMeasure() {
	const n = 1000
	memory.Release() // start from the memory really in use
	gate := make(chan struct{})
	var waiting atomic.Int64
	meter := memory.Measure(n)
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
	fmt.Println("a few KB of stack each:", cost.Stack >= 1*memory.KB && cost.Stack <= 16*memory.KB)
	// Output:
	// a few KB of stack each: true
}

// Steps at growing sizes, each reckoned at the cost measured in the step before.
func ExampleBudget_Steps() {
	budget := memory.Budget{Bytes: 64 * memory.MB, Reason: "MemoryBudget (64 MB)"}
	costs, err := budget.Steps("goroutines", []int{1_000, 10_000, 100_000}, 8*memory.KB, func(n int) memory.Cost {
		// A stand-in for a real measurement with memory.Measure.
		return memory.Cost{N: n, Stack: 2 * memory.KB, FromOS: 2.5 * memory.KB, Start: 500 * time.Nanosecond}
	})
	fmt.Println(costs.Counts(), costs.FromOSKB(), err)
	// Output:
	//   1,000 goroutines: 2.0 KB of stack and 2.5 KB from the OS each; 0.50 µs each to start
	//  10,000 goroutines: 2.0 KB of stack and 2.5 KB from the OS each; 0.50 µs each to start
	// 100,000 goroutines: not started. At 2.5 KB each they would need about 244 MB, more than MemoryBudget (64 MB) allows.
	// [1,000 10,000] [2.5 2.5] <nil>
}

func ExampleSize() {
	fmt.Println(memory.Size(2765), memory.Size(268*memory.MB), memory.Size(2.6*memory.GB))
	// Output:
	// 2.7 KB 268 MB 2.6 GB
}
