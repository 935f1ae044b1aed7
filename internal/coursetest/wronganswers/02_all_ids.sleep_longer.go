//go:build ignore

package main

// A longer sleep: enough for most lookups, too long for quick ones, and still no wait.
func recordIDs(n int, lookup time.Duration) []bool {
	seen := make([]bool, n)
	for id := range n {
		go func() {
			time.Sleep(lookup)
			seen[id] = true
		}()
	}
	time.Sleep(50 * time.Millisecond)
	return seen
}
