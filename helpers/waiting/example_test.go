package waiting_test

import (
	"fmt"
	"sync"
	"time"

	"github.com/go-concurrency-lab/course/helpers/waiting"
)

// One trial watched two ways: wg.Wait, and a sleep that is too short.
func ExampleTracker() {
	const workers = 3
	track := waiting.Start(workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			time.Sleep(20 * time.Millisecond) // the work
			track.Finished()
		})
	}
	track.SleepUntil(time.Millisecond) // "sleep 1ms and hope"
	slept := track.Look()
	wg.Wait()
	waited := track.Look()
	trial := track.Trial(waited, slept)

	fmt.Println("wg.Wait complete:", waited.Complete(workers), "after", waited.At >= trial.Slowest)
	fmt.Println("sleep complete:", slept.Complete(workers))
	// Output:
	// wg.Wait complete: true after true
	// sleep complete: false
}

// Three trials of four workers, each watched by a sleep and by wg.Wait.
func ExampleTally() {
	ms := time.Millisecond
	trials := []waiting.Trial{
		{Workers: 4, Slowest: 5 * ms, Looks: []waiting.Look{{At: 6 * ms, Finished: 4}, {At: 5*ms + 10*time.Microsecond, Finished: 4}}},
		{Workers: 4, Slowest: 9 * ms, Looks: []waiting.Look{{At: 6 * ms, Finished: 3}, {At: 9*ms + 20*time.Microsecond, Finished: 4}}},
		{Workers: 4, Slowest: 3 * ms, Looks: []waiting.Look{{At: 6 * ms, Finished: 4}, {At: 3*ms + 15*time.Microsecond, Finished: 4}}},
	}
	outcomes, err := waiting.Tally(trials)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("time.Sleep(6ms):", outcomes[0])
	fmt.Println("wg.Wait():      ", outcomes[1])
	fmt.Println("Wait returned", time.Duration(outcomes[1].Late.Median), "after the slowest worker (median)")
	point := waiting.Series("time.Sleep(d)", outcomes[0])
	fmt.Printf("chart point: %.2f ms wasted, %.1f%% complete\n", point.X[0], point.Y[0])
	// Output:
	// time.Sleep(6ms): all done in 2/3 (66.7%), 95% CI 21–94%; 1.33ms wasted on average
	// wg.Wait():       all done in 3/3 (100%), 95% CI 44–100%; 15µs wasted on average
	// Wait returned 15µs after the slowest worker (median)
	// chart point: 1.33 ms wasted, 66.7% complete
}
