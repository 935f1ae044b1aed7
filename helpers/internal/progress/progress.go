// Package progress shows a live progress line while a long experiment runs.
//
// A [Bar] stays silent for short runs, so quick cells print nothing extra. Inside a
// GoNB cell it appears after about 0.7 s as an HTML bar that is redrawn in place
// (with [display.Update]) at most about 10 times per second, showing the label, the
// count, the percentage, the elapsed time and an estimate of the time left. Outside a
// notebook it prints plain text lines to [display.Stdout], at most once per second and
// only after the first second.
//
// A Bar redraws only from inside [Bar.Add] and [Bar.Done]: it starts no goroutine and
// no timer, so it does not disturb the experiment it reports on (goroutine counts,
// scheduler traces, GOMAXPROCS=1 runs). The flip side is that the display only moves
// when Add is called.
package progress

import (
	"fmt"
	"html"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-concurrency-lab/course/helpers/internal/display"
)

// How long a Bar stays silent, and how often it may redraw afterwards.
const (
	notebookDelay = 700 * time.Millisecond
	notebookEvery = 100 * time.Millisecond
	textDelay     = time.Second
	textEvery     = time.Second
)

// Bar is a progress display for a run of total steps. Create one with [New], call
// [Bar.Add] as steps complete and [Bar.Done] at the end.
//
// Add and Done are safe for concurrent use by multiple goroutines. All methods of a
// nil *Bar do nothing.
type Bar struct {
	label string
	total int
	env   env
	start time.Time

	count atomic.Int64 // steps added so far
	due   atomic.Int64 // nanoseconds after start at which the next redraw may happen

	mu    sync.Mutex // serialises redraws, so they reach the screen in order
	id    string     // display id of the notebook output block
	shown bool       // something has been drawn
	done  bool
}

// env is what a Bar needs from the outside world; tests replace it.
type env struct {
	now      func() time.Time
	notebook bool
	update   func(id string, bundle map[string]string) // replace a block in place
	show     func(bundle map[string]string)            // display a block and wait for it
	text     func() io.Writer                          // where plain lines go outside notebooks
}

func defaultEnv() env {
	return env{
		now:      time.Now,
		notebook: display.InNotebook(),
		update:   display.Update,
		show:     display.Bundle,
		text:     func() io.Writer { return display.Stdout },
	}
}

// New returns a Bar for a run of total steps, started now. A total <= 0 means the
// total is unknown: the bar then shows the count and the elapsed time only. An empty
// label is allowed. New draws nothing; see the package documentation for when the
// bar appears.
func New(label string, total int) *Bar {
	return newBar(label, total, defaultEnv())
}

func newBar(label string, total int, e env) *Bar {
	if total < 0 {
		total = 0
	}
	b := &Bar{label: label, total: total, env: e, start: e.now()}
	if e.notebook {
		b.due.Store(int64(notebookDelay))
	} else {
		b.due.Store(int64(textDelay))
	}
	return b
}

// Add records n more completed steps and redraws the bar if a redraw is due.
// n <= 0 does nothing. Add after Done counts but draws nothing.
// Add is cheap when no redraw is due: an atomic add and a clock read.
func (b *Bar) Add(n int) {
	if b == nil || n <= 0 {
		return
	}
	b.count.Add(int64(n))
	if b.elapsed() < time.Duration(b.due.Load()) {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	el := b.elapsed()
	if b.done || el < time.Duration(b.due.Load()) {
		return // another goroutine redrew meanwhile
	}
	every := textEvery
	if b.env.notebook {
		every = notebookEvery
	}
	b.due.Store(int64(el + every))
	b.draw(el)
}

// Done ends the bar. If the bar was drawn, Done replaces it with one final line such
// as "trials: 200 in 2.3s" (in a notebook: the bar is erased and the line is displayed
// below it, waiting until GoNB has received it so it is not lost when the cell's
// program exits). If nothing was drawn yet, Done draws nothing. Calls after the first
// do nothing.
func (b *Bar) Done() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done {
		return
	}
	b.done = true
	if !b.shown {
		return
	}
	el := b.elapsed()
	n := b.count.Load()
	line := fmt.Sprintf("%s%d in %s", b.prefix(), n, seconds(el))
	if b.total > 0 && n != int64(b.total) {
		line = fmt.Sprintf("%s%d of %d in %s", b.prefix(), n, b.total, seconds(el))
	}
	if b.env.notebook {
		b.env.update(b.id, map[string]string{display.HTML: "", display.Plain: ""})
		b.env.show(map[string]string{display.Plain: line})
		return
	}
	fmt.Fprintln(b.env.text(), line)
}

func (b *Bar) elapsed() time.Duration { return b.env.now().Sub(b.start) }

func (b *Bar) prefix() string {
	if b.label == "" {
		return ""
	}
	return b.label + ": "
}

// draw shows the current state; b.mu is held.
func (b *Bar) draw(el time.Duration) {
	n := b.count.Load()
	status := b.status(n, el)
	if !b.env.notebook {
		fmt.Fprintln(b.env.text(), b.prefix()+status)
		b.shown = true
		return
	}
	if b.id == "" {
		b.id = display.NewID()
	}
	value := "" // no value: an indeterminate bar when the total is unknown
	if b.total > 0 {
		value = fmt.Sprintf(` value="%d"`, min(n, int64(b.total)))
	}
	var label string
	if b.label != "" {
		label = "<span>" + html.EscapeString(b.label) + "</span>"
	}
	bar := fmt.Sprintf(`<div style="display:flex;align-items:center;gap:0.6em;font-family:var(--jp-code-font-family,monospace);font-size:var(--jp-code-font-size,13px)">`+
		`%s<progress%s max="%d" style="width:16em"></progress><span>%s</span></div>`,
		label, value, max(b.total, 1), html.EscapeString(status))
	b.env.update(b.id, map[string]string{display.HTML: bar, display.Plain: b.prefix() + status})
	b.shown = true
}

// status is the count, percentage, elapsed time and time left, e.g.
// "37/200 (18%), 1.2s elapsed, about 5.3s left".
func (b *Bar) status(n int64, el time.Duration) string {
	var s strings.Builder
	if b.total > 0 {
		fmt.Fprintf(&s, "%d/%d (%d%%)", n, b.total, n*100/int64(b.total))
	} else {
		fmt.Fprintf(&s, "%d", n)
	}
	fmt.Fprintf(&s, ", %s elapsed", seconds(el))
	if b.total > 0 && n > 0 && n < int64(b.total) {
		left := time.Duration(float64(el) * float64(int64(b.total)-n) / float64(n))
		fmt.Fprintf(&s, ", about %s left", seconds(left))
	}
	return s.String()
}

// seconds formats d for people: "0.8s", "2.3s", "14s", "2m5s".
func seconds(d time.Duration) string {
	switch {
	case d < 10*time.Second:
		return fmt.Sprintf("%.1fs", d.Seconds())
	case d < time.Minute:
		return fmt.Sprintf("%.0fs", d.Seconds())
	}
	return d.Round(time.Second).String()
}
