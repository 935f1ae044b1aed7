package timeline

import (
	"cmp"
	"slices"
	"sync"
	"time"
)

// A Recorder collects spans from any number of goroutines at once.
//
// Offsets are measured with the monotonic clock from the moment the Recorder was created
// by [NewRecorder] (a zero Recorder is ready to use; its clock starts at its first Start
// or Mark). A nil *Recorder records nothing: its methods do nothing and Spans returns nil,
// so an experiment can take a *Recorder and run with or without recording.
//
// A Recorder must not be copied after first use.
type Recorder struct {
	mu     sync.Mutex
	origin time.Time // time zero of the offsets
	spans  []Span    // End < 0 marks a span whose stop has not been called yet
}

// NewRecorder returns an empty Recorder whose clock starts now.
func NewRecorder() *Recorder {
	return &Recorder{origin: time.Now()}
}

// noop is the stop function of a nil Recorder.
func noop() {}

// Start records the start of a span on lane, such as "order 3", with a label, such as
// "froth milk", and a kind, such as [Work] or [Wait], and returns the function that ends it.
// The usual form is
//
//	defer rec.Start("order 3", "froth milk", timeline.Work)()
//
// The span appears in [Recorder.Spans] at once; until stop is called its End is the time
// of the call to Spans. Calling stop again, from any goroutine, does nothing. Lane, label
// and kind are recorded as given. Start and stop are safe for concurrent use and cost
// about a mutex-protected append.
func (r *Recorder) Start(lane, label, kind string) (stop func()) {
	if r == nil {
		return noop
	}
	now := time.Now()
	r.mu.Lock()
	at := r.offsetLocked(now)
	i := len(r.spans)
	r.spans = append(r.spans, Span{Lane: lane, Label: label, Kind: kind, Start: at, End: -1})
	r.mu.Unlock()
	return func() {
		now := time.Now()
		r.mu.Lock()
		if s := &r.spans[i]; s.End < 0 {
			s.End = max(r.offsetLocked(now), s.Start)
		}
		r.mu.Unlock()
	}
}

// Mark records an instant on lane, such as "Wait returned": a span of kind [Mark]
// whose Start equals its End. It is safe for concurrent use.
func (r *Recorder) Mark(lane, label string) {
	if r == nil {
		return
	}
	now := time.Now()
	r.mu.Lock()
	at := r.offsetLocked(now)
	r.spans = append(r.spans, Span{Lane: lane, Label: label, Kind: Mark, Start: at, End: at})
	r.mu.Unlock()
}

// Spans returns a copy of the spans recorded so far, sorted by Start, then by Lane in the
// order of [Lanes], then in the order they were started. A span whose stop function has
// not been called yet ends at the time of this call. Spans is safe to call while other
// goroutines are still recording.
func (r *Recorder) Spans() []Span {
	if r == nil {
		return nil
	}
	now := time.Now()
	r.mu.Lock()
	at := r.offsetLocked(now)
	spans := slices.Clone(r.spans)
	r.mu.Unlock()
	for i := range spans {
		if spans[i].End < 0 {
			spans[i].End = max(at, spans[i].Start)
		}
	}
	sortSpans(spans)
	return spans
}

// offsetLocked turns a clock reading into an offset from r.origin; r.mu must be held.
// Readings taken before a lazily set origin count as zero.
func (r *Recorder) offsetLocked(now time.Time) time.Duration {
	if r.origin.IsZero() {
		r.origin = now
	}
	return max(now.Sub(r.origin), 0)
}

// sortSpans sorts by Start, then Lane (natural order), keeping the order of equal spans.
func sortSpans(spans []Span) {
	slices.SortStableFunc(spans, func(a, b Span) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return compareNatural(a.Lane, b.Lane)
	})
}
