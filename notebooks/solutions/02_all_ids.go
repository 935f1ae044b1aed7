//go:build ignore

package main

import (
	"runtime"
	"sync/atomic"
	"time"
)

// recordIDs starts n goroutines; goroutine id looks its id up, which takes lookup, then
// marks seen[id]. It returns only when every goroutine has done so.
//
// Each goroutine counts itself as done after its mark, and recordIDs waits until the count
// reaches n. The atomic counter also makes every mark visible to the caller: a goroutine's
// write to seen happens before its finished.Add, and the Load that sees n happens after all
// of them. sync.WaitGroup (notebook 03) does the same without the polling loop.
func recordIDs(n int, lookup time.Duration) []bool {
	seen := make([]bool, n)
	var finished atomic.Int64
	for id := range n {
		go func() {
			time.Sleep(lookup) // looking the id up
			seen[id] = true
			finished.Add(1)
		}()
	}
	for finished.Load() < int64(n) {
		runtime.Gosched() // let the goroutines run, then look again
	}
	return seen
}
