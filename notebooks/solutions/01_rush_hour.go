//go:build ignore

package main

const (
	rushOrders = 8                     // orders that arrive at once
	shotTime   = 10 * time.Millisecond // the espresso machine's time for one shot
)

// pullShot waits for the espresso machine and returns the shot. Leave it as it is.
func pullShot(order int) string {
	time.Sleep(shotTime)
	return fmt.Sprintf("shot %d", order)
}

// rushHour pulls a shot for every order, all at once, and returns them in order.
// Each goroutine writes only its own element of shots, so no two goroutines touch the
// same memory, and wg.Wait makes sure every shot is in before shots is returned.
func rushHour() []string {
	shots := make([]string, rushOrders)
	var wg sync.WaitGroup
	for i := range rushOrders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			shots[i] = pullShot(i)
		}()
	}
	wg.Wait()
	return shots
}
