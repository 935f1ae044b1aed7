//go:build ignore

package main

// A counter, but read without the lock that guards its increments: a data race.
func recordIDs(n int, lookup time.Duration) []bool {
	seen := make([]bool, n)
	var mu sync.Mutex
	finished := 0
	for id := range n {
		go func() {
			time.Sleep(lookup)
			seen[id] = true
			mu.Lock()
			finished++
			mu.Unlock()
		}()
	}
	for finished < n {
		runtime.Gosched()
	}
	return seen
}
