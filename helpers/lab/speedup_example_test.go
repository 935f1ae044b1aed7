package lab_test

import (
	"fmt"
	"sync"
	"time"

	"github.com/go-concurrency-lab/course/helpers/lab"
)

// Four tasks that each wait 5ms finish about four times faster all at once than
// one by one, even with a single P: waiting needs no core.
func ExampleSpeedUp() {
	task := func() { time.Sleep(5 * time.Millisecond) }
	oneByOne := func() {
		for range 4 {
			task()
		}
	}
	allAtOnce := func() {
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				task()
			}()
		}
		wg.Wait()
	}
	speedUps, err := lab.SpeedUp([]int{1}, 5, oneByOne, allAtOnce)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("speed-up at GOMAXPROCS=1 above 2.5:", speedUps[0].Median > 2.5)
	// Output:
	// speed-up at GOMAXPROCS=1 above 2.5: true
}

func ExampleSpeedUp_error() {
	_, err := lab.SpeedUp([]int{1, 0}, 5, func() {}, func() {})
	fmt.Println(err)
	// Output:
	// lab.SpeedUp: procs[1] must be between 1 and 256, got 0
}

// Three ways of waiting, timed side by side: one summary per way.
func ExampleMilliseconds() {
	sleep := func(d time.Duration) func() { return func() { time.Sleep(d) } }
	times, err := lab.Milliseconds(5, sleep(4*time.Millisecond), sleep(time.Millisecond), sleep(2*time.Millisecond))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(times), "summaries,", times[0].Count, "times each")
	_ = times[1].Median // for example 1.07 (ms)
	// Output:
	// 3 summaries, 5 times each
}
