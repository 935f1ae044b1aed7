package guard_test

import (
	"fmt"
	"sync"
	"time"

	"github.com/go-concurrency-lab/course/helpers/guard"
)

// A forgotten Unlock: the second Lock waits forever. Run gives up after the
// timeout and says so, instead of hanging the cell.
func ExampleRun() {
	var mu sync.Mutex
	o := guard.Run(100*time.Millisecond, func() {
		mu.Lock()
		mu.Lock() // never returns
	})
	fmt.Println(o.Blocked)
	fmt.Println(o)
	// Output:
	// true
	// blocked: still waiting after 100ms — a goroutine is waiting for something that never happens (a deadlock)
}

// A panic is recovered and reported with its message.
func ExampleRun_panic() {
	o := guard.Run(time.Second, func() {
		var wg sync.WaitGroup
		wg.Add(1)
		wg.Done()
		wg.Done() // one Done too many
	})
	fmt.Println(o)
	// Output: panicked: sync: negative WaitGroup counter
}

func ExampleReport() {
	guard.Report("unbuffered send, no receiver", 100*time.Millisecond, func() {
		ch := make(chan int)
		ch <- 1
	})
	// Output: unbuffered send, no receiver: blocked: still waiting after 100ms — a goroutine is waiting for something that never happens (a deadlock)
}

// Goroutines started with guard.Go report their panics to the waiting Run,
// instead of crashing the program.
func ExampleGo() {
	o := guard.Run(time.Second, func() {
		results := make(chan int)
		guard.Go(func() {
			var counts map[string]int // bug: the map is never made
			counts["go"]++
			results <- counts["go"]
		})
		fmt.Println(<-results)
	})
	fmt.Println(o)
	// Output: panicked in a goroutine started with guard.Go: assignment to entry in nil map
}
