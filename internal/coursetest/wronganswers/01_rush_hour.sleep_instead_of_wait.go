//go:build ignore

package main

// Goroutines, then a sleep "long enough" for a 10 ms shot.
func rushHour(shotTime time.Duration) []string {
	shots := make([]string, rushOrders)
	for i := range rushOrders {
		go func() { shots[i] = pullShot(i, shotTime) }()
	}
	time.Sleep(15 * time.Millisecond)
	return shots
}
