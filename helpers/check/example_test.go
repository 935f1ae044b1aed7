package check_test

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-concurrency-lab/course/helpers/check"
)

// count is a learner's solution: 10 goroutines add 100 each to a counter
// protected by a mutex.
func count() int {
	var (
		mu sync.Mutex
		n  int
		wg sync.WaitGroup
	)
	for range 10 {
		wg.Go(func() {
			for range 100 {
				mu.Lock()
				n++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return n
}

func ExampleExact() {
	check.Exact("counter", check.Spec{Trials: 100, Procs: []int{1, 2}}, 1000, count)
	// Output: PASS: counter: 200/200 trials gave 1000 (GOMAXPROCS 1, 2; 100 trials each)
}

// racy is a solution that loses updates: n++ is a load, an add and a store, and
// two goroutines running in parallel can interleave them.
func racy() int {
	n := 0
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for range 1_000_000 {
				n++ // a data race
			}
		})
	}
	wg.Wait()
	return n
}

// A solution that loses updates fails with the evidence: how many trials went
// wrong, which results came out, and under which GOMAXPROCS. (The numbers vary
// from run to run, so this example is not run as a test.)
func ExampleExact_race() {
	check.Exact("counter", check.Spec{Trials: 50, Procs: []int{1, 2}}, 2_000_000, racy)
	// Prints, for example:
	// FAIL: counter: 48 of 100 trials did not give 2000000 (got min 1022938, max 1531193)
	// By GOMAXPROCS: 1: 0 of 50 wrong, 2: 48 of 50 wrong
	// Hint: only some trials went wrong, so the result depends on timing: goroutines probably use shared data at the same time (a data race). Protect it with a sync.Mutex, or use sync/atomic or a channel.
	// Second opinion: put %goflags -race in a cell, rerun, then %goflags "" to reset.
}

// A deadlock fails the check after one Timeout, at the first trial that blocks.
func ExampleExact_deadlock() {
	check.Exact("counter", check.Spec{Timeout: 100 * time.Millisecond}, 1000, func() int {
		var mu sync.Mutex
		mu.Lock()
		mu.Lock() // forgot to Unlock
		return 1000
	})
	// Output:
	// FAIL: counter: trial 1 at GOMAXPROCS=1 blocked: still waiting after 100ms — a goroutine is waiting for something that never happens (a deadlock)
	// Hint: look for a Lock without its Unlock, a channel send or receive that has no partner, or a WaitGroup whose Add and Done counts differ.
}

func ExampleThat() {
	check.That("all results arrive", check.Spec{Trials: 50, Procs: []int{1, 2}}, func() error {
		results := make(chan int, 3)
		var wg sync.WaitGroup
		for i := range 3 {
			wg.Go(func() { results <- i * i })
		}
		wg.Wait()
		close(results)
		sum := 0
		for r := range results {
			sum += r
		}
		if sum != 5 {
			return fmt.Errorf("sum of squares is %d, want 5", sum)
		}
		return nil
	})
	// Output: PASS: all results arrive: 100/100 trials passed (GOMAXPROCS 1, 2; 50 trials each)
}

func ExampleClose() {
	predicted := 1.8 // the learner's guess of the speed-up on 2 cores
	measured := 1.93
	check.Close("speed-up", predicted, measured, 0.2)
	check.Close("speed-up", 4, measured, 0.2)
	// Output:
	// PASS: speed-up: predicted 1.8, measured 1.93 — within 20% (off by 6.74%)
	// FAIL: speed-up: predicted 4, measured 1.93 — off by 107%, more than the 20% allowed
}

// Waits grades "wait for the work, not for a length of time": each trial hands
// fanOut another job time, from 1 to 40 ms, so that a fixed time.Sleep either
// returns too early for slow jobs or waits too long for quick ones.
func ExampleWaits() {
	fanOut := func(jobs int, jobTime time.Duration) int64 {
		var wg sync.WaitGroup
		var finished atomic.Int64
		for range jobs {
			wg.Go(func() {
				time.Sleep(jobTime) // the job
				finished.Add(1)
			})
		}
		wg.Wait()
		return finished.Load()
	}
	check.Waits("fan-out", check.Spec{Trials: 12, Procs: []int{1, 2}}, func(jobTime time.Duration) error {
		if got := fanOut(100, jobTime); got != 100 {
			return fmt.Errorf("fanOut returned when %d of 100 jobs had finished", got)
		}
		return nil
	})
	// Prints, for example:
	// PASS: fan-out: 24/24 trials waited for their 1ms–40ms of work, and no longer (median 1.07× the work; GOMAXPROCS 1, 2; 12 trials each)
}
