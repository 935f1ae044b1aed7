package trials

import (
	"errors"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/internal/badinput"
)

func TestMixBadInput(t *testing.T) {
	read := func(int) error { return nil }
	write := func(int) {}

	ms := time.Millisecond
	badinput.Check(t, []badinput.Case{
		{Name: "Mix goroutines", Call: func() error { _, err := Mix{Window: ms}.Measure(read, write); return err },
			Want: "trials.Mix.Measure: Mix.Goroutines must be >= 1, got 0"},
		{Name: "Mix window", Call: func() error { _, err := Mix{Goroutines: 1}.Measure(read, write); return err },
			Want: "trials.Mix.Measure: Mix.Window must be > 0, got 0s"},
		{Name: "Mix warm-up < 0", Call: func() error {
			_, err := Mix{Goroutines: 1, WarmUp: -ms, Window: ms}.Measure(read, write)
			return err
		}, Want: "trials.Mix.Measure: Mix.WarmUp must be >= 0, got -1ms"},
		{Name: "Mix read percent > 100", Call: func() error {
			_, err := Mix{Goroutines: 1, Window: ms, ReadPercent: 101}.Measure(read, write)
			return err
		}, Want: "trials.Mix.Measure: Mix.ReadPercent must be between 0 and 100, got 101"},
		{Name: "Mix read percent < 0", Call: func() error {
			_, err := Mix{Goroutines: 1, Window: ms, ReadPercent: -1}.Measure(read, write)
			return err
		}, Want: "trials.Mix.Measure: Mix.ReadPercent must be between 0 and 100, got -1"},
		{Name: "Mix write every < 0", Call: func() error {
			_, err := Mix{Goroutines: 1, Window: ms, WriteEvery: -ms}.Measure(read, write)
			return err
		}, Want: "trials.Mix.Measure: Mix.WriteEvery must be >= 0 (0: no extra writer), got -1ms"},
		{Name: "Mix nil read", Call: func() error {
			_, err := Mix{Goroutines: 1, Window: ms, ReadPercent: 90}.Measure(nil, write)
			return err
		}, Want: "trials.Mix.Measure: read is nil, but 90% of the calls are reads"},
		{Name: "Mix nil write", Call: func() error {
			_, err := Mix{Goroutines: 1, Window: ms, ReadPercent: 90}.Measure(read, nil)
			return err
		}, Want: "trials.Mix.Measure: write is nil, but 10% of the calls are writes"},
		{Name: "Mix nil write, writer", Call: func() error {
			_, err := Mix{Goroutines: 1, Window: ms, ReadPercent: 100, WriteEvery: ms}.Measure(read, nil)
			return err
		}, Want: "trials.Mix.Measure: write is nil, but Mix.WriteEvery is 1ms"},
	})
}

// Calls during the warm-up are made but not counted, and each goroutine's call
// numbers run on from the warm-up into the window.
func TestMixWarmUpIsNotCounted(t *testing.T) {
	const goroutines = 2
	var made atomic.Int64
	var mu sync.Mutex
	seen := map[int]bool{} // call numbers passed to read
	read := func(call int) error {
		made.Add(1)
		mu.Lock()
		seen[call] = true
		mu.Unlock()
		time.Sleep(100 * time.Microsecond)
		return nil
	}
	m := Mix{Goroutines: goroutines, WarmUp: 20 * time.Millisecond, Window: 20 * time.Millisecond, ReadPercent: 100}
	rate, err := m.Measure(read, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rate.Elapsed < m.Window || rate.Elapsed > m.WarmUp+m.Window {
		t.Errorf("Elapsed %v: want the window only, at least %v and less than warm-up + window", rate.Elapsed, m.Window)
	}
	// Sleeping calls: both phases make calls; the Rate counts only the window's.
	if total := int(made.Load()); rate.Ops <= 0 || rate.Ops >= total {
		t.Errorf("Rate counts %d calls of %d made: want some, but not the warm-up's", rate.Ops, total)
	}
	for call := range len(seen) {
		if !seen[call] {
			t.Errorf("call numbers have a gap at %d: %d numbers seen", call, len(seen))
			break
		}
	}
}

// Functions that are not needed may be nil: all reads need no write, all writes no read.
func TestMixNilWhereNotNeeded(t *testing.T) {
	if _, err := (Mix{Goroutines: 1, Window: time.Millisecond, ReadPercent: 100}).Measure(func(int) error { return nil }, nil); err != nil {
		t.Error(err)
	}
	if _, err := (Mix{Goroutines: 1, Window: time.Millisecond, ReadPercent: 0, OneAtATime: true}).Measure(nil, func(int) {}); err != nil {
		t.Error(err)
	}
}

// runFor counts every call, numbers each goroutine's calls 0, 1, 2, … and
// runs for at least the window.
func TestRunForCounts(t *testing.T) {
	const goroutines = 3
	var calls atomic.Int64
	var mu sync.Mutex
	seen := map[int]int{} // call number → how many goroutines made it
	window := 5 * time.Millisecond
	rate := runFor(goroutines, 0, window, func(call int) {
		calls.Add(1)
		mu.Lock()
		seen[call]++
		mu.Unlock()
	})
	if rate.Ops != int(calls.Load()) || rate.Ops < goroutines {
		t.Errorf("Rate.Ops = %d, op was called %d times", rate.Ops, calls.Load())
	}
	if rate.Elapsed < window {
		t.Errorf("Elapsed = %v, shorter than the window %v", rate.Elapsed, window)
	}
	if seen[0] != goroutines {
		t.Errorf("call 0 made by %d goroutines, want %d", seen[0], goroutines)
	}
	for n := 1; n < len(seen); n++ { // numbers are consecutive: fewer (or as many) goroutines make each next one
		if seen[n] > seen[n-1] {
			t.Errorf("call %d made %d times but call %d only %d times", n, seen[n], n-1, seen[n-1])
		}
	}
}

// While calls are slow the clock is read after every call, so no call starts
// after the window has passed (with 64 calls between looks, dozens would).
func TestRunForSlowCalls(t *testing.T) {
	const window = 10 * time.Millisecond
	var mu sync.Mutex
	var late int
	start := time.Now()
	runFor(1, 0, window, func(int) {
		if time.Since(start) > window+50*time.Millisecond { // a margin for a busy machine; 64 calls would run 128ms past
			mu.Lock()
			late++
			mu.Unlock()
		}
		time.Sleep(2 * time.Millisecond)
	})
	if late > 0 {
		t.Errorf("%d calls started after the window", late)
	}
}

func TestMixReadPercent(t *testing.T) {
	var reads, writes atomic.Int64
	rate, err := Mix{Goroutines: 2, Window: 5 * time.Millisecond, ReadPercent: 90}.Measure(
		func(call int) error { reads.Add(1); return nil },
		func(call int) { writes.Add(1) })
	if err != nil {
		t.Fatal(err)
	}
	total := reads.Load() + writes.Load()
	if int64(rate.Ops) != total {
		t.Errorf("Rate.Ops = %d, reads+writes = %d", rate.Ops, total)
	}
	// Each goroutine reads 90 of every 100 calls: off by at most 10 per goroutine.
	if share := float64(reads.Load()) / float64(total); total > 1000 && math.Abs(share-0.9) > 0.02 {
		t.Errorf("%d reads of %d calls (%.3f), want about 0.9", reads.Load(), total, share)
	}
}

func TestMixFailedReads(t *testing.T) {
	_, err := Mix{Goroutines: 2, Window: 2 * time.Millisecond, ReadPercent: 100}.Measure(func(call int) error {
		if call%2 == 1 {
			return errors.New("wrong answer")
		}
		return nil
	}, nil)
	if err == nil || !strings.Contains(err.Error(), "reads failed; the first: wrong answer") {
		t.Errorf("got error %v, want failed reads quoted", err)
	}
}

// The extra writer writes now and then, and its writes are not counted.
func TestMixWriteEvery(t *testing.T) {
	var reads, writes atomic.Int64
	rate, err := Mix{Goroutines: 2, Window: 20 * time.Millisecond, ReadPercent: 100, WriteEvery: 2 * time.Millisecond}.Measure(
		func(int) error { reads.Add(1); return nil },
		func(int) { writes.Add(1) })
	if err != nil {
		t.Fatal(err)
	}
	if w := writes.Load(); w < 1 || w > 20 {
		t.Errorf("the writer wrote %d times in 20ms, every 2ms; want between 1 and 20", w)
	}
	if int64(rate.Ops) != reads.Load() {
		t.Errorf("Rate.Ops = %d, but %d reads were made: the writer's writes were counted", rate.Ops, reads.Load())
	}
}

// OneAtATime keeps calls from overlapping; without it, sleeping readers overlap.
func TestMixOneAtATime(t *testing.T) {
	overlap := func(oneAtATime bool) int64 {
		var inside, most atomic.Int64
		read := func(int) error {
			n := inside.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			time.Sleep(200 * time.Microsecond)
			inside.Add(-1)
			return nil
		}
		m := Mix{Goroutines: 4, Window: 10 * time.Millisecond, ReadPercent: 100, WriteEvery: time.Millisecond, OneAtATime: oneAtATime}
		if _, err := m.Measure(read, func(int) { read(0) }); err != nil {
			t.Fatal(err)
		}
		return most.Load()
	}
	if got := overlap(true); got != 1 {
		t.Errorf("one at a time: up to %d calls overlapped, want 1", got)
	}
	if got := overlap(false); got < 2 {
		t.Errorf("shared: at most %d call at a time, want overlap", got)
	}
}
