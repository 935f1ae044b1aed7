// Used by notebook 08 (08_patterns.ipynb).

package lab

import "sync/atomic"

// InFlight counts the jobs (or goroutines) that are running right now and
// remembers the most that ever ran at once: the peak in flight, which says
// whether a limit held and whether jobs overlapped at all. A job calls Start
// when it begins and Done when it ends:
//
//	var inFlight lab.InFlight
//	go func() {
//		inFlight.Start()
//		defer inFlight.Done()
//		... the job ...
//	}()
//
// To count goroutines alive rather than jobs running, call Start before the go
// statement and Done as the goroutine ends. The zero InFlight is ready to use;
// its methods are safe for concurrent use. It only counts: it never makes a
// job wait.
type InFlight struct {
	now, peak atomic.Int64
}

// Start counts one more job in flight and raises the peak if it is a new high.
func (f *InFlight) Start() {
	n := f.now.Add(1)
	for {
		p := f.peak.Load()
		if n <= p || f.peak.CompareAndSwap(p, n) {
			return
		}
	}
}

// Done counts one job fewer in flight.
func (f *InFlight) Done() { f.now.Add(-1) }

// Now returns how many jobs are in flight: Start calls minus Done calls.
func (f *InFlight) Now() int { return int(f.now.Load()) }

// Peak returns the most jobs that were in flight at once since f was made.
func (f *InFlight) Peak() int { return int(f.peak.Load()) }
