package trials

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Mix is a read/write workload, such as many goroutines reading a cache that
// is written now and then. [Mix.Measure] runs it against the read and write
// functions of one implementation.
type Mix struct {
	// Goroutines is how many goroutines call read or write without pause, at
	// least 1. Their calls are what the Rate counts.
	Goroutines int
	// WarmUp is how long they run before the window starts, 0 or more. Calls
	// during the warm-up are not counted. Right after a contended measurement,
	// goroutines that never block often ran at one core's speed for a few
	// milliseconds (on a 2-core test machine, 36% of 10 ms windows without a
	// warm-up; 1–3% of 20 ms windows after 5 ms of warm-up); the warm-up keeps
	// that start out of the count.
	WarmUp time.Duration
	// Window is how long they run and are counted, more than 0.
	Window time.Duration
	// ReadPercent is how many of every 100 calls of a goroutine are reads,
	// from 0 to 100; the rest are writes. Reads and writes alternate evenly:
	// a goroutine's call number n is a read when n%100 < ReadPercent.
	ReadPercent int
	// WriteEvery, when more than 0, starts one more goroutine that calls write
	// every WriteEvery while the others run (a writer that comes now and
	// then). Its writes are not counted. 0 means no such writer.
	WriteEvery time.Duration
	// OneAtATime makes every read and write hold one shared sync.Mutex, so
	// that no two calls overlap: the same implementation as if a plain Mutex
	// guarded it, the baseline that a lock letting readers share must beat.
	OneAtATime bool
}

// Measure runs the workload: m.Goroutines goroutines call read or write, in
// the proportion m.ReadPercent, for m.WarmUp and then m.Window, while one more
// goroutine calls write every m.WriteEvery if that is set. Only the calls in
// the window count. Before it starts the goroutines, Measure runs a garbage
// collection, as testing.B does before a benchmark, so that garbage left by an
// earlier measurement is not collected during this one. Each function is passed the calling
// goroutine's count of calls so far (0, 1, 2, …), which the caller can
// use to pick a key or a value.
//
// read returns nil for a correct answer and an error that says what was wrong
// otherwise: a fast implementation that answers wrongly is no good. Measure
// returns the Rate of the goroutines' calls and, if any read failed, an error
// that counts the failed reads and quotes the first, such as "3 reads failed;
// the first: Price("fig") returned 0, false".
//
// Measure returns an error, without calling read or write, if a field of m is
// out of range, read is nil while m.ReadPercent > 0, or write is nil while
// writes are due (m.ReadPercent < 100 or m.WriteEvery > 0).
func (m Mix) Measure(read func(call int) error, write func(call int)) (Rate, error) {
	const fn = "trials.Mix.Measure"
	switch {
	case m.Goroutines < 1:
		return Rate{}, fmt.Errorf("%s: Mix.Goroutines must be >= 1, got %d", fn, m.Goroutines)
	case m.WarmUp < 0:
		return Rate{}, fmt.Errorf("%s: Mix.WarmUp must be >= 0, got %v", fn, m.WarmUp)
	case m.Window <= 0:
		return Rate{}, fmt.Errorf("%s: Mix.Window must be > 0, got %v", fn, m.Window)
	case m.ReadPercent < 0 || m.ReadPercent > 100:
		return Rate{}, fmt.Errorf("%s: Mix.ReadPercent must be between 0 and 100, got %d", fn, m.ReadPercent)
	case m.WriteEvery < 0:
		return Rate{}, fmt.Errorf("%s: Mix.WriteEvery must be >= 0 (0: no extra writer), got %v", fn, m.WriteEvery)
	case read == nil && m.ReadPercent > 0:
		return Rate{}, fmt.Errorf("%s: read is nil, but %d%% of the calls are reads", fn, m.ReadPercent)
	case write == nil && m.ReadPercent < 100:
		return Rate{}, fmt.Errorf("%s: write is nil, but %d%% of the calls are writes", fn, 100-m.ReadPercent)
	case write == nil && m.WriteEvery > 0:
		return Rate{}, fmt.Errorf("%s: write is nil, but Mix.WriteEvery is %v", fn, m.WriteEvery)
	}
	if m.OneAtATime {
		var one sync.Mutex
		read, write = oneAtATime(&one, read), oneAtATimeWrite(&one, write)
	}

	// Only failures touch shared variables: a counter that every read updated
	// would be contended, and slow down the reads being measured.
	var failed atomic.Int64
	var first atomic.Pointer[error]
	fail := func(err error) {
		failed.Add(1)
		first.CompareAndSwap(nil, &err)
	}

	stop := make(chan struct{})
	writerDone := make(chan struct{})
	if m.WriteEvery > 0 {
		go func() { // the writer that comes now and then
			defer close(writerDone)
			for call := 0; ; call++ {
				write(call)
				select {
				case <-stop:
					return
				case <-time.After(m.WriteEvery):
				}
			}
		}()
	} else {
		close(writerDone)
	}

	readPercent := m.ReadPercent
	rate := runFor(m.Goroutines, m.WarmUp, m.Window, func(call int) {
		if call%100 >= readPercent {
			write(call)
		} else if err := read(call); err != nil {
			fail(err)
		}
	})
	close(stop)
	<-writerDone
	if n := failed.Load(); n > 0 {
		return rate, fmt.Errorf("%d reads failed; the first: %w", n, *first.Load())
	}
	return rate, nil
}

// oneAtATime returns read made to hold one while it runs; nil stays nil.
func oneAtATime(one *sync.Mutex, read func(int) error) func(int) error {
	if read == nil {
		return nil
	}
	return func(call int) error {
		one.Lock()
		defer one.Unlock()
		return read(call)
	}
}

// oneAtATimeWrite returns write made to hold one while it runs; nil stays nil.
func oneAtATimeWrite(one *sync.Mutex, write func(int)) func(int) {
	if write == nil {
		return nil
	}
	return func(call int) {
		one.Lock()
		defer one.Unlock()
		write(call)
	}
}

// runFor starts goroutines goroutines that each call op(0), op(1), … without
// pause through one [Window] (a garbage collection, warmUp not counted, then
// window), waits until all of them have stopped, and returns how many calls
// they made together in the window and how long that took.
func runFor(goroutines int, warmUp, window time.Duration, op func(call int)) Rate {
	w := StartWindow(warmUp, window)
	var total atomic.Int64
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() { total.Add(int64(w.Count(op))) })
	}
	wg.Wait()
	return w.Rate(int(total.Load()))
}
