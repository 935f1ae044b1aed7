package progress

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/helpers/internal/display"
)

// clock is a fake clock that tests move by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// screen records what a Bar sends. A Bar calls it with its own mutex held, so the
// fields need no lock of their own; tests read them after the Bar is done.
type screen struct {
	updates []update // display.Update calls
	shown   []string // display.Bundle calls (their plain text)
	text    bytes.Buffer
}

type update struct{ id, html, plain string }

func (s *screen) lines() []string {
	out := strings.TrimSuffix(s.text.String(), "\n")
	if out == "" {
		return nil
	}
	return strings.Split(out, "\n")
}

// fake returns a Bar on a fake clock and a fake screen.
func fake(label string, total int, notebook bool) (*Bar, *clock, *screen) {
	c := &clock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	s := &screen{}
	b := newBar(label, total, env{
		now:      c.now,
		notebook: notebook,
		update: func(id string, b map[string]string) {
			s.updates = append(s.updates, update{id, b[display.HTML], b[display.Plain]})
		},
		show: func(b map[string]string) { s.shown = append(s.shown, b[display.Plain]) },
		text: func() io.Writer { return &s.text },
	})
	return b, c, s
}

func TestNotebookBarAppearsLateAndThrottles(t *testing.T) {
	b, c, s := fake("trials", 100, true)
	for range 10 {
		c.advance(60 * time.Millisecond) // 0.6s in total: too early
		b.Add(1)
	}
	if len(s.updates) != 0 {
		t.Fatalf("bar drawn before 0.7s: %v", s.updates)
	}
	c.advance(100 * time.Millisecond) // 0.7s
	b.Add(1)
	if len(s.updates) != 1 {
		t.Fatalf("after 0.7s got %d updates, want 1", len(s.updates))
	}
	first := s.updates[0]
	if first.id == "" || !strings.Contains(first.html, `<progress value="11" max="100"`) ||
		first.plain != "trials: 11/100 (11%), 0.7s elapsed, about 5.7s left" {
		t.Errorf("first update = %+v", first)
	}
	for range 9 { // 90ms: still within the 100ms between redraws
		c.advance(10 * time.Millisecond)
		b.Add(1)
	}
	if len(s.updates) != 1 {
		t.Fatalf("redrawn within 100ms: %d updates", len(s.updates))
	}
	c.advance(10 * time.Millisecond)
	b.Add(1)
	if len(s.updates) != 2 || s.updates[1].id != first.id {
		t.Fatalf("updates = %+v, want a second one with the same id", s.updates)
	}
	c.advance(2 * time.Second)
	b.Add(79)
	b.Done()
	b.Done() // a second Done changes nothing
	b.Add(5) // nor does Add after Done
	last := s.updates[len(s.updates)-1]
	if last.id != first.id || last.html != "" || last.plain != "" {
		t.Errorf("Done did not erase the bar: last update %+v", last)
	}
	if len(s.shown) != 1 || s.shown[0] != "trials: 100 in 2.8s" {
		t.Errorf("final line = %q, want [\"trials: 100 in 2.8s\"]", s.shown)
	}
	if s.text.Len() != 0 {
		t.Errorf("notebook bar wrote text: %q", s.text.String())
	}
}

func TestQuickRunShowsNothing(t *testing.T) {
	for _, notebook := range []bool{true, false} {
		b, c, s := fake("fast", 1000, notebook)
		for range 1000 {
			c.advance(500 * time.Microsecond) // 0.5s in total
			b.Add(1)
		}
		b.Done()
		if len(s.updates)+len(s.shown)+s.text.Len() != 0 {
			t.Errorf("notebook=%v: a 0.5s run drew %v %v %q", notebook, s.updates, s.shown, s.text.String())
		}
	}
}

func TestTextLinesAtMostOncePerSecond(t *testing.T) {
	b, c, s := fake("work", 0, false) // unknown total
	for range 35 {
		c.advance(100 * time.Millisecond)
		b.Add(2)
	}
	b.Done()
	want := []string{
		"work: 20, 1.0s elapsed",
		"work: 40, 2.0s elapsed",
		"work: 60, 3.0s elapsed",
		"work: 70 in 3.5s",
	}
	if got := s.lines(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(s.updates)+len(s.shown) != 0 {
		t.Errorf("text bar used the notebook: %v %v", s.updates, s.shown)
	}
}

func TestStatusAndFinalLine(t *testing.T) {
	tests := []struct {
		label      string
		total, add int
		after      time.Duration
		status     string // the line drawn at `after`
		final      string
	}{
		{"trials", 200, 50, 2 * time.Second, "trials: 50/200 (25%), 2.0s elapsed, about 6.0s left", "trials: 50 of 200 in 2.0s"},
		{"trials", 200, 200, 12 * time.Second, "trials: 200/200 (100%), 12s elapsed", "trials: 200 in 12s"},
		{"", 10, 30, 90 * time.Second, "30/10 (300%), 1m30s elapsed", "30 of 10 in 1m30s"},
		{"x", -4, 3, time.Second, "x: 3, 1.0s elapsed", "x: 3 in 1.0s"},
	}
	for _, tt := range tests {
		b, c, s := fake(tt.label, tt.total, false)
		c.advance(tt.after)
		b.Add(tt.add)
		b.Done()
		got := s.lines()
		if len(got) != 2 || got[0] != tt.status || got[1] != tt.final {
			t.Errorf("New(%q, %d), Add(%d) after %v: lines %q, want %q and %q",
				tt.label, tt.total, tt.add, tt.after, got, tt.status, tt.final)
		}
	}
}

func TestLabelIsEscaped(t *testing.T) {
	b, c, s := fake(`<script>alert("x")</script>`, 0, true)
	c.advance(time.Second)
	b.Add(1)
	if len(s.updates) != 1 || strings.Contains(s.updates[0].html, "<script>") ||
		!strings.Contains(s.updates[0].html, "&lt;script&gt;") {
		t.Errorf("label not escaped: %+v", s.updates)
	}
	if strings.Contains(s.updates[0].html, "value=") {
		t.Errorf("unknown total should give an indeterminate <progress>: %s", s.updates[0].html)
	}
}

// TestBadInput checks that odd arguments neither panic nor draw nonsense.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		run  func(b *Bar)
		want string // the line drawn after one second, then Done's line
	}{
		{"negative Add is ignored", func(b *Bar) { b.Add(-5); b.Add(1) }, "1/3 (33%), 1.0s elapsed, about 2.0s left|1 of 3 in 1.0s"},
		{"zero Add is ignored", func(b *Bar) { b.Add(1); b.Add(0) }, "1/3 (33%), 1.0s elapsed, about 2.0s left|1 of 3 in 1.0s"},
		{"Done twice", func(b *Bar) { b.Add(3); b.Done() }, "3/3 (100%), 1.0s elapsed|3 in 1.0s"},
	}
	for _, tt := range tests {
		b, c, s := fake("", 3, false)
		c.advance(time.Second)
		tt.run(b)
		b.Done()
		if got := strings.Join(s.lines(), "|"); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
	var nilBar *Bar
	nilBar.Add(1) // must not panic
	nilBar.Done()
}

func TestConcurrentAdd(t *testing.T) {
	b, c, s := fake("parallel", 8000, false)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 1000 {
				c.advance(time.Millisecond)
				b.Add(1)
			}
		})
	}
	wg.Wait()
	b.Done()
	lines := s.lines()
	// 8000 steps, 1ms each: 8 seconds, so 7 or 8 progress lines and the final one.
	if n := len(lines); n < 8 || n > 9 {
		t.Fatalf("got %d lines, want 8 or 9:\n%s", n, strings.Join(lines, "\n"))
	}
	if last := lines[len(lines)-1]; last != "parallel: 8000 in 8.0s" {
		t.Errorf("final line %q, want %q", last, "parallel: 8000 in 8.0s")
	}
}

func TestNewUsesRealClock(t *testing.T) {
	b := New("real", 10)
	b.Add(10)
	if b.count.Load() != 10 || b.elapsed() < 0 || b.elapsed() > time.Minute {
		t.Errorf("count %d, elapsed %v", b.count.Load(), b.elapsed())
	}
	b.Done()
}

// BenchmarkAdd is the cost of Add when no redraw is due: what trials.Run pays per trial.
func BenchmarkAdd(b *testing.B) {
	e := defaultEnv()
	e.notebook = false
	e.text = func() io.Writer { return io.Discard }
	bar := newBar("bench", 0, e)
	for b.Loop() {
		bar.Add(1)
	}
	bar.Done()
}
