package timeline

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"
)

func TestRecorderConcurrent(t *testing.T) {
	const workers, each = 32, 200
	rec := NewRecorder()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			lane := fmt.Sprintf("worker %d", w)
			for i := range each {
				stop := rec.Start(lane, fmt.Sprint("job ", i), Work)
				if i%2 == 0 {
					rec.Mark(lane, "half")
				}
				stop()
			}
		})
	}
	// Read while the workers record: must be race-free and always sorted.
	wg.Go(func() {
		for range 50 {
			checkSorted(t, rec.Spans())
		}
	})
	wg.Wait()

	spans := rec.Spans()
	if want := workers * (each + each/2); len(spans) != want {
		t.Fatalf("got %d spans, want %d", len(spans), want)
	}
	checkSorted(t, spans)
	perLane := map[string][]Span{}
	for _, s := range spans {
		if s.End < s.Start || s.Start < 0 {
			t.Errorf("span %+v: want 0 <= Start <= End", s)
		}
		if s.Kind == Mark && s.Start != s.End {
			t.Errorf("mark %+v: want Start == End", s)
		}
		perLane[s.Lane] = append(perLane[s.Lane], s)
	}
	if got := Lanes(spans); len(got) != workers || got[0] != "worker 0" || got[workers-1] != fmt.Sprintf("worker %d", workers-1) {
		t.Errorf("Lanes = %q, want worker 0 … worker %d", got, workers-1)
	}
	// Each worker recorded its jobs one after the other: on its lane, the Work spans
	// appear in job order and do not overlap.
	for lane, ss := range perLane {
		var prev *Span
		job := 0
		for i := range ss {
			s := &ss[i]
			if s.Kind != Work {
				continue
			}
			if want := fmt.Sprint("job ", job); s.Label != want {
				t.Fatalf("%s: span %d is %q, want %q", lane, job, s.Label, want)
			}
			if prev != nil && s.Start < prev.End {
				t.Errorf("%s: %q starts at %v, before %q ends at %v", lane, s.Label, s.Start, prev.Label, prev.End)
			}
			prev = s
			job++
		}
		if job != each {
			t.Errorf("%s: %d Work spans, want %d", lane, job, each)
		}
	}
}

func checkSorted(t *testing.T, spans []Span) {
	t.Helper()
	if !slices.IsSortedFunc(spans, func(a, b Span) int {
		if a.Start != b.Start {
			return int(a.Start - b.Start)
		}
		return compareNatural(a.Lane, b.Lane)
	}) {
		t.Errorf("spans are not sorted by Start, then Lane")
	}
}

func TestRecorderOpenSpanAndDoubleStop(t *testing.T) {
	rec := NewRecorder()
	stop := rec.Start("order 1", "brew", Wait)
	time.Sleep(2 * time.Millisecond)
	first := rec.Spans()
	if len(first) != 1 || first[0].End <= first[0].Start {
		t.Fatalf("open span: got %+v, want one span that ends at the call to Spans", first)
	}
	stop()
	stopped := rec.Spans()[0]
	time.Sleep(2 * time.Millisecond)
	stop() // a second stop changes nothing
	if again := rec.Spans()[0]; again != stopped {
		t.Errorf("second stop moved the span: %+v, then %+v", stopped, again)
	}
	if stopped.End < first[0].End {
		t.Errorf("stopped span ends at %v, before it was seen open at %v", stopped.End, first[0].End)
	}
	want := Span{Lane: "order 1", Label: "brew", Kind: Wait, Start: stopped.Start, End: stopped.End}
	if stopped != want {
		t.Errorf("got %+v, want %+v", stopped, want)
	}
}

func TestRecorderOffsets(t *testing.T) {
	rec := NewRecorder()
	time.Sleep(3 * time.Millisecond)
	rec.Mark("main", "later")
	s := rec.Spans()[0]
	if s.Start < 3*time.Millisecond {
		t.Errorf("Mark 3ms after NewRecorder is at %v, want >= 3ms", s.Start)
	}
	// The zero Recorder starts its clock at its first use.
	var zero Recorder
	zero.Mark("main", "first")
	if got := zero.Spans()[0].Start; got != 0 {
		t.Errorf("first mark of a zero Recorder is at %v, want 0", got)
	}
}

func TestRecorderNil(t *testing.T) {
	var rec *Recorder
	stop := rec.Start("lane", "label", Work)
	if stop == nil {
		t.Fatal("nil Recorder: Start returned a nil stop function")
	}
	stop()
	rec.Mark("lane", "label")
	if got := rec.Spans(); got != nil {
		t.Errorf("nil Recorder: Spans = %v, want nil", got)
	}
}
