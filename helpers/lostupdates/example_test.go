package lostupdates_test

import (
	"fmt"
	"sync"
	"time"

	"github.com/go-concurrency-lab/course/helpers/lostupdates"
	"github.com/go-concurrency-lab/course/helpers/timeline"
)

// mutexCounter has goroutines goroutines add one each to a counter behind a mutex.
func mutexCounter(goroutines int) int {
	counter := 0
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			counter++
			mu.Unlock()
		}()
	}
	wg.Wait()
	return counter
}

func ExampleRepeat() {
	locked, err := lostupdates.Repeat(200, 2, lostupdates.Program{
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
	_, err := lostupdates.Repeat(0, 1, lostupdates.Program{Name: "racy", Want: 1, Count: func() int { return 1 }})
	fmt.Println(err)
	// Output:
	// lostupdates.Repeat: n must be > 0, got 0
}

// One bar per program, at one GOMAXPROCS setting: the share of trials that
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
	var results []lostupdates.Result
	for _, p := range []lostupdates.Program{
		{Name: "sync.Mutex", Want: 20, Count: func() int { return mutexCounter(20) }},
		{Name: "scripted", Want: 20, Count: scripted},
	} {
		r, _ := lostupdates.Repeat(100, 1, p)
		results = append(results, r)
	}
	bars := lostupdates.LostBars("GOMAXPROCS=1", results...)
	for i, r := range results {
		fmt.Printf("%s: %.0f%% of trials lost updates (95%% CI %.1f–%.1f%%)\n", r.Name, bars.Values[i], bars.Low[i], bars.High[i])
	}
	// Output:
	// sync.Mutex: 0% of trials lost updates (95% CI 0.0–3.7%)
	// scripted: 25% of trials lost updates (95% CI 17.5–34.3%)
}

// A recorded trial of three goroutines in which two read the same value.
func ExampleRecording() {
	trial := lostupdates.Recording{
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
