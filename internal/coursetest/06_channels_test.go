package coursetest_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

const nb06 = "06_channels.ipynb"

// TestNotebook06 checks the facts 06_channels.ipynb claims, on the numbers its cells
// print and the data of its charts: once as it runs by default, and once with
// GOMAXPROCS=1 for the whole kernel (a machine that gives Go a single P).
func TestNotebook06(t *testing.T) {
	t.Run("default", func(t *testing.T) { check06(t, run(t, nb06)) })
	t.Run("GOMAXPROCS=1", func(t *testing.T) {
		nb := run(t, nb06, "GOMAXPROCS=1")
		if out := cell(t, nb, "handoff-cost").Text(); !strings.Contains(out, "GOMAXPROCS=1") {
			t.Fatalf("the kernel did not run with GOMAXPROCS=1:\n%s", out)
		}
		check06(t, nb)
	})
	t.Run("lessons", test06Lessons)
}

// check06 asserts the notebook's claims on one executed copy.
func check06(t *testing.T, nb *notebook.Notebook) {
	text := func(tag string) string { return cell(t, nb, tag).Text() }

	t.Run("an unbuffered send waits for the receiver, a buffered one does not", func(t *testing.T) {
		ch := charts(t, nb, "send-waits", 1)[0]
		unbuffered, buffered := series(t, ch, "make(chan int)"), series(t, ch, "make(chan int, 1)")
		delays := []float64{0, 1, 2, 4} // ms, as the cell's delays
		if len(unbuffered) != len(delays) || len(buffered) != len(delays) {
			t.Fatalf("want %d delays per series, got %d and %d", len(delays), len(unbuffered), len(buffered))
		}
		for i, d := range delays {
			// "the send returned only when the receiver took the value, a little over delay"
			if d > 0 && (unbuffered[i] < 0.95*d || unbuffered[i] > d+2) {
				t.Errorf("receiver busy %v ms: the unbuffered send took a median %.3f ms, want about the delay", d, unbuffered[i])
			}
			// "with room for one value ... the send took nanoseconds"
			if buffered[i] > 0.05 {
				t.Errorf("receiver busy %v ms: the buffered send took a median %.3f ms, want well under a microsecond's order (< 50 µs)", d, buffered[i])
			}
		}
		if unbuffered[0] > 0.5 {
			t.Errorf("a receiver that is ready: the unbuffered send took %.3f ms", unbuffered[0])
		}
	})

	t.Run("a handoff costs several times a locked increment", func(t *testing.T) {
		ch := charts(t, nb, "handoff-cost", 1)[0]
		channel, mutex := series(t, ch, "unbuffered channel"), series(t, ch, "sync.Mutex counter")
		if len(channel) != 4 || len(mutex) != 4 {
			t.Fatalf("want 4 goroutine counts, got %d and %d", len(channel), len(mutex))
		}
		// "a few hundred nanoseconds"
		if channel[0] < 100 || channel[0] > 1000 {
			t.Errorf("one sender: a handoff costs %.0f ns per item, want a few hundred", channel[0])
		}
		for i := range channel {
			// "several times a locked counter++"
			if channel[i] < 3*mutex[i] {
				t.Errorf("point %d: a handoff costs %.0f ns, less than 3× the locked counter's %.0f ns", i, channel[i], mutex[i])
			}
		}
		// "More senders do not make it cheaper."
		if last := channel[len(channel)-1]; last < 0.7*channel[0] {
			t.Errorf("8 senders: %.0f ns per item, far below one sender's %.0f ns", last, channel[0])
		}
	})

	t.Run("close, range, ok and the two panics", func(t *testing.T) {
		wantAll06(t, text("close-rules"),
			"range received 1\n", "range received 2\n",
			"receive after the range: 0, ok=false",
			"send on the closed channel: panicked: send on closed channel",
			"close it a second time: panicked: close of closed channel")
	})

	t.Run("one close releases every waiter", func(t *testing.T) {
		ch := charts(t, nb, "broadcast", 1)[0]
		perWaiter := series(t, ch, "time until the last ran, per waiter")
		if len(perWaiter) != 5 {
			t.Fatalf("want 5 waiter counts, got %d", len(perWaiter))
		}
		out := text("broadcast")
		for _, m := range regexp.MustCompile(`(\d+)/(\d+) woke`).FindAllStringSubmatch(out, -1) {
			if m[1] != m[2] {
				t.Errorf("only %s of %s waiters woke", m[1], m[2])
			}
		}
		if n := strings.Count(out, "woke; the last ran"); n != 5 {
			t.Errorf("want 5 lines of waiters that woke, got %d:\n%s", n, out)
		}
		// "the time grows with their number ... about linearly: ... that line levels off at
		// a few hundred nanoseconds each" (per waiter, from 1,000 to 10,000 waiters)
		if r := perWaiter[4] / perWaiter[3]; r < 0.5 || r > 2 {
			t.Errorf("time per waiter (ns) %v: from 1,000 to 10,000 waiters it changed %.2f×, want about level", perWaiter, r)
		}
		if perWaiter[4] < 100 || perWaiter[4] > 2000 {
			t.Errorf("10,000 waiters: %.0f ns per waiter, want a few hundred", perWaiter[4])
		}
	})

	t.Run("a buffer helps up to a burst, then stops", func(t *testing.T) {
		ch := charts(t, nb, "buffer-sizes", 1)[0]
		rate := series(t, ch, "items per ms")
		if len(rate) != 5 {
			t.Fatalf("want 5 capacities (0, 1, 8, 64, 1024), got %d", len(rate))
		}
		if rate[3] < 1.3*rate[0] {
			t.Errorf("capacity 64: %.1f items/ms, want well above unbuffered's %.1f", rate[3], rate[0])
		}
		if r := rate[4] / rate[3]; r < 0.9 || r > 1.1 {
			t.Errorf("capacity 1024: %.1f items/ms against 64's %.1f: a bigger buffer should change nothing more", rate[4], rate[3])
		}
		// "Capacity 8 holds a quarter of a burst ... it gained little here"
		if rate[2] > 0.9*rate[3] {
			t.Errorf("capacity 8: %.1f items/ms, close to capacity 64's %.1f, although it holds a quarter of a burst", rate[2], rate[3])
		}
	})

	t.Run("the race detector flags the plain flag, not close(done)", func(t *testing.T) {
		racy, closed := text("flag-racy"), text("flag-closed")
		// "two DATA RACE reports for the plain flag, one on done and one on result, although main read 42"
		if strings.Count(racy, "WARNING: DATA RACE") != 2 || !strings.Contains(racy, "plain flag: done=true") || !strings.Contains(racy, "result 42") {
			t.Errorf("the plain flag should get two reports, with main reading 42:\n%s", racy)
		}
		if strings.Contains(closed, "DATA RACE") || !strings.Contains(closed, "close(done): result 42, race detector on: true") {
			t.Errorf("close(done) should give 42 under the race detector, without a report:\n%s", closed)
		}
		if !strings.Contains(text("race-off"), "%goflags=[]") {
			t.Errorf("the race detector is not switched off again:\n%s", text("race-off"))
		}
	})

	t.Run("deadlock: reported when every goroutine is blocked, a hang otherwise", func(t *testing.T) {
		out := text("deadlock-program")
		first, second, found := strings.Cut(out, "--- plus a heartbeat goroutine")
		if !found {
			t.Fatalf("no run of the heartbeat program:\n%s", out)
		}
		wantAll06(t, first, "total so far 14", "exit status 2", "fatal error: all goroutines are asleep - deadlock!", "[chan receive]", "main.main()")
		if !strings.Contains(second, "total so far 14") || !strings.Contains(second, "still running after 2s, stopped") || strings.Contains(second, "fatal error") {
			t.Errorf("the heartbeat program should get every value and then hang until stopped:\n%s", second)
		}
		if strings.Contains(out, "total: 14") {
			t.Errorf("a range over a channel nobody closes ended:\n%s", out)
		}
		ran := series(t, charts(t, nb, "deadlock-program", 1)[0], "time until the program ended or was stopped")
		if len(ran) != 2 || ran[0] > 1 || ran[1] < 2 {
			t.Errorf("run times %v s: want the first ended by the runtime within 1 s, the second stopped at 2 s", ran)
		}
	})

	t.Run("nil channels block; select switches their cases off", func(t *testing.T) {
		wantAll06(t, text("nil-channels"), "receive from a nil channel: blocked", "number 1", "number 2", "word go",
			"numbers closed: case off", "words closed: case off", "both closed: the loop ends")
	})

	t.Run("the starters fail for the reasons the exercises give", func(t *testing.T) {
		// The starter's range never ends: its trial is still running at the timeout.
		if v := verdict(t, nb, "06_shutdown"); !strings.HasPrefix(v, "FAIL:") ||
			!(strings.Contains(v, "blocked") || strings.Contains(v, "still running after")) {
			t.Errorf("exercise 1's starter should block: %s", v)
		}
		if v := verdict(t, nb, "06_collect"); !strings.HasPrefix(v, "FAIL:") || !strings.Contains(v, "waited for the slowest job") {
			t.Errorf("exercise 2's starter should deliver its results only after the slowest job: %s", v)
		}
	})
}

// test06Lessons checks the shape the prose promises (see lessons).
func test06Lessons(t *testing.T) {
	lessons(t, nb06, 6, map[string][]string{
		"send-time":      {"go func() {", "ch <- 1", "<-ch", "make(chan int, capacity)"},
		"handoff-rounds": {"go func() {", "ch <- i", "<-ch"},
		"locked-rounds":  {"go func() {", "mu.Lock()", "wg.Wait()"},
		"wake-all":       {"go func() {", "<-done", "close(done)"},
		"bursty":         {"go func() {", "items <- i", "close(items)", "for range items"},
		"flag-closed":    {"close(done)", "<-done"},
		"nil-channels":   {"select {", "= nil"},
	})
}

// wantAll06 reports every one of wants that text does not contain.
func wantAll06(t *testing.T, text string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("want %q in:\n%s", want, text)
		}
	}
}
