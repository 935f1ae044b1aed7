//go:build ignore

package main

// One goroutine pulls every shot, one after another: concurrent with main, no overlap.
func rushHour(shotTime time.Duration) []string {
	shots := make([]string, rushOrders)
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range rushOrders {
			shots[i] = pullShot(i, shotTime)
		}
	})
	wg.Wait()
	return shots
}
