//go:build ignore

package main

const rushOrders = 8 // orders that arrive at once

// pullShot waits for the espresso machine, which needs shotTime, and returns the shot.
func pullShot(order int, shotTime time.Duration) string {
	time.Sleep(shotTime)
	return fmt.Sprintf("shot %d", order)
}

// rushHour pulls all the shots at once, one goroutine per order, and returns them in
// order. Each goroutine writes only its own shots[i], so no two touch the same element,
// and wg.Wait returns only after every Done: every store happens before the return.
func rushHour(shotTime time.Duration) []string {
	shots := make([]string, rushOrders)
	var wg sync.WaitGroup
	for i := range rushOrders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			shots[i] = pullShot(i, shotTime)
		}()
	}
	wg.Wait()
	return shots
}
