package lab_test

import (
	"fmt"
	"sync"
	"time"

	"github.com/go-concurrency-lab/course/helpers/lab"
	"github.com/go-concurrency-lab/course/helpers/timeline"
)

// Notebook 02: three trials at each sleep, with a stand-in for the trial in
// which the goroutine has run whenever main slept at all.
func ExamplePeekAfterSleeps() {
	look := func(d, work time.Duration) lab.Peek {
		return lab.Peek{Ran: d > 0, Looked: d, FlagRose: work}
	}
	sleeps := []time.Duration{0, time.Millisecond}
	peeked, err := lab.PeekAfterSleeps("stand-in", 3, sleeps, time.Microsecond, look)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(lab.SleepLabels(sleeps), lab.RanLine(peeked).Y)
	// Output:
	// stand-in, had run when main looked: d=0s: 0/3 (0%) (main looked after 0s, the flag rose after 1µs); d=1ms: 3/3 (100%) (main looked after 1ms, the flag rose after 1µs)
	// [0s 1ms] [0 100]
}

// Notebook 03: one trial watched two ways, by a sleep that is too short and
// by wg.Wait.
func ExampleTracker() {
	const workers = 3
	track := lab.Track(workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			time.Sleep(20 * time.Millisecond) // the work
			track.Finished()
		})
	}
	time.Sleep(time.Millisecond) // "sleep 1ms and hope"
	slept := track.Look()
	wg.Wait()
	waited := track.Look()
	trial := track.Trial(slept, waited)

	fmt.Println("sleep complete:", slept.Complete(workers))
	fmt.Println("wg.Wait complete:", waited.Complete(workers), "after the slowest:", waited.At >= trial.Slowest)
	// Output:
	// sleep complete: false
	// wg.Wait complete: true after the slowest: true
}

// mutexCounter has goroutines goroutines add one each to a counter behind a mutex.
func mutexCounter(goroutines int) int {
	counter := 0
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			mu.Lock()
			counter++
			mu.Unlock()
		})
	}
	wg.Wait()
	return counter
}

// Notebook 04: a counter behind a mutex never loses an update.
func ExampleRepeat() {
	locked, err := lab.Repeat(200, 2, lab.Counter{
		Name:  "sync.Mutex",
		Want:  50,
		Count: func() int { return mutexCounter(50) },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("GOMAXPROCS=%d, %s: exact in %v of trials; lost updates in %v; lowest %d\n",
		locked.Procs, locked.Name, locked.Exact(), locked.Lost(), locked.Lowest())
	// Output:
	// GOMAXPROCS=2, sync.Mutex: exact in 200/200 (100%) of trials; lost updates in 0/200 (0%); lowest 50
}

func ExampleRepeat_error() {
	_, err := lab.Repeat(10, 2, lab.Counter{Name: "racy", Want: 1})
	fmt.Println(err)
	// Output:
	// lab.Repeat: the Count of counter "racy" is nil
}

// One bar per counter, at one GOMAXPROCS setting: the share of trials that
// lost updates, with its 95% confidence interval as the error bar.
func ExampleLostBars() {
	trial := 0
	scripted := func() int { // a stand-in for a racy counter: every 4th trial loses an update
		trial++
		if trial%4 == 0 {
			return 19
		}
		return 20
	}
	var counted []lab.Counted
	for _, c := range []lab.Counter{
		{Name: "sync.Mutex", Want: 20, Count: func() int { return mutexCounter(20) }},
		{Name: "scripted", Want: 20, Count: scripted},
	} {
		r, _ := lab.Repeat(100, 1, c)
		counted = append(counted, r)
	}
	bars := lab.LostBars("GOMAXPROCS=1", counted...)
	for i, c := range counted {
		fmt.Printf("%s: %.0f%% of trials lost updates (95%% CI %.1f–%.1f%%)\n", c.Name, bars.Values[i], bars.Low[i], bars.High[i])
	}
	// Output:
	// sync.Mutex: 0% of trials lost updates (95% CI 0.0–3.7%)
	// scripted: 25% of trials lost updates (95% CI 17.5–34.3%)
}

// Notebook 04: a recorded trial of three goroutines in which two read the
// same value.
func ExampleRecording() {
	trial := lab.Recording{
		Reads: []int{0, 0, 1},
		Final: 2,
		Spans: []timeline.Span{{Lane: "goroutine 1", Label: "read counter", Kind: "1. read", End: time.Millisecond}},
	}
	fmt.Println(trial)
	fmt.Println(trial.Takeaway())
	// Output:
	// lost 1 update(s): final counter 2, want 3
	//   goroutine 1 read 0 and wrote 1
	//   goroutine 2 read 0 and wrote 1
	//   goroutine 3 read 1 and wrote 2
	// goroutines 1 and 2 both read 0, so both wrote 1: the counter ends at 2, not 3
}
