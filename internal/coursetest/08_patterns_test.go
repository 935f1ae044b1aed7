package coursetest_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

const nb08 = "08_patterns.ipynb"

// TestNotebook08 checks what the patterns notebook claims, on the data it shows: once as it
// runs by default, and once with GOMAXPROCS=1 for the whole kernel.
func TestNotebook08(t *testing.T) {
	t.Run("default", func(t *testing.T) { check08(t, run(t, nb08)) })
	t.Run("GOMAXPROCS=1", func(t *testing.T) {
		nb := run(t, nb08, "GOMAXPROCS=1")
		if procs := procs08(t, nb); procs != 1 {
			t.Fatalf("with GOMAXPROCS=1 in the kernel's environment the notebook runs with GOMAXPROCS=%v", procs)
		}
		check08(t, nb)
	})
	t.Run("lessons", test08Lessons)
}

// procs08 reads the GOMAXPROCS the setup cell printed.
func procs08(t *testing.T, nb *notebook.Notebook) float64 {
	t.Helper()
	setup := nb.CodeCells()[1].Text()
	return number(t, setup, `GOMAXPROCS=(\d+)`)
}

// curve08 is one series of a chart with its 95% confidence intervals.
type curve08 struct{ median, low, high []float64 }

func ranged08(t *testing.T, ch notebook.Chart, name string, points int) curve08 {
	t.Helper()
	s, _ := ch.SeriesNamed(name)
	c := curve08{series(t, ch, name), s.Low, s.High}
	if len(c.median) != points || len(c.low) != points || len(c.high) != points {
		t.Fatalf("chart %q, series %q: %d medians, %d and %d CI bounds, want %d of each", ch.Title, name, len(c.median), len(c.low), len(c.high), points)
	}
	for i, m := range c.median {
		if !(c.low[i] <= m && m <= c.high[i]) {
			t.Errorf("chart %q, series %q, point %d: median %v outside its CI [%v, %v]", ch.Title, name, i, m, c.low[i], c.high[i])
		}
	}
	return c
}

func check08(t *testing.T, nb *notebook.Notebook) {
	procs := procs08(t, nb)
	cpus := number(t, nb.CodeCells()[1].Text(), `(\d+) CPUs · GOMAXPROCS=`)

	t.Run("how many workers", func(t *testing.T) {
		ch := charts(t, nb, "workers", 1)[0]
		workers := []string{"1", "2", "4", "8", "16", "32", "64", "128", "256"}
		if !slices.Equal(ch.Categories, workers) {
			t.Fatalf("x axis %q, want %q", ch.Categories, workers)
		}
		cpu, wait := ranged08(t, ch, "CPU-bound jobs", 9), ranged08(t, ch, "waiting jobs", 9)
		text := cell(t, nb, "workers").Text()
		number(t, text, `waiting jobs \(jobs/s\): 1: ([\d.]+) \[`) // the rates behind the chart are printed
		// "the CPU-bound line stops at about GOMAXPROCS": never clearly above it, and it gets
		// near it (a loaded machine can keep it lower, not higher).
		best := slices.Max(cpu.median)
		if best > 1.3*procs {
			t.Errorf("CPU-bound speed-up reaches %.2f with GOMAXPROCS=%v: more than computing can gain", best, procs)
		}
		// It gets near GOMAXPROCS only where other programs left the cores free (all but 0.4
		// of a core): the cell prints how busy they kept them ("other programs kept 0.12 of 2
		// CPUs busy").
		if load, known := load01(t, text); !known || cpus-load < procs-0.4 || procs > cpus {
			t.Logf("not asserting that the CPU-bound line reaches GOMAXPROCS=%v: %d CPUs, other programs' load %v (known: %v)", procs, int(cpus), load, known)
		} else if best < 0.6*procs {
			t.Errorf("CPU-bound speed-up peaks at %.2f with GOMAXPROCS=%v and %.2f CPUs free: it should get near GOMAXPROCS", best, procs, cpus-load)
		}
		// "the waiting one climbs almost as the ideal, until there are more workers than jobs"
		for i, w := range []float64{1, 2, 4, 8, 16, 32, 64} {
			if wait.median[i] < 0.6*w {
				t.Errorf("waiting jobs with %v workers: speed-up %.2f, want near %v", w, wait.median[i], w)
			}
		}
		if wait.median[7] < 40 || wait.median[7] < 10*cpu.median[7] {
			t.Errorf("128 workers: waiting speed-up %.1f, CPU-bound %.2f; want at least 40 and 10 times the CPU-bound one", wait.median[7], cpu.median[7])
		}
		if wait.median[8] > 1.25*wait.median[7] {
			t.Errorf("256 workers gained %.1f× over 128 with 128 jobs: the extra workers have no jobs", wait.median[8]/wait.median[7])
		}
	})

	t.Run("a goroutine per job against a pool", func(t *testing.T) {
		ch := charts(t, nb, "per-job", 1)[0]
		if len(ch.Categories) != 2 || ch.Categories[0] != "a goroutine per job" || !strings.HasPrefix(ch.Categories[1], "a pool of ") {
			t.Fatalf("categories %q", ch.Categories)
		}
		times, memory := ranged08(t, ch, "time (ms)", 2), ranged08(t, ch, "peak memory (MB)", 2)
		if memory.median[0] < 10 || memory.median[0] < 10*memory.median[1] {
			t.Errorf("peak memory: a goroutine per job %.2f MB, the pool %.2f MB; want tens of MB, at least 10 times the pool's", memory.median[0], memory.median[1])
		}
		if times.high[1] >= times.low[0] {
			t.Errorf("time: pool %.1f ms [%.1f–%.1f], a goroutine per job %.1f ms [%.1f–%.1f]: the prose says the pool is faster", times.median[1], times.low[1], times.high[1], times.median[0], times.low[0], times.high[0])
		}
		text := cell(t, nb, "per-job").Text()
		if alive := number(t, text, `up to (\d+) goroutines alive at once`); alive < 1000 {
			t.Errorf("only %v goroutines alive at once: the prose says thousands", alive)
		}
		number(t, text, `a goroutine per job: time median ([\d.]+)ms`)
	})

	t.Run("pipeline", func(t *testing.T) {
		ch := charts(t, nb, "pipeline", 1)[0]
		if !slices.Equal(ch.Categories, []string{"1", "2", "4", "8"}) {
			t.Fatalf("x axis %q", ch.Categories)
		}
		plain, buffered := ranged08(t, ch, "unbuffered", 4), ranged08(t, ch, "buffers of 8", 4)
		for i, w := range []string{"1", "2"} { // the slow stage is the bottleneck: a tie
			if buffered.low[i] > plain.high[i] && buffered.median[i] > 1.05*plain.median[i] {
				t.Errorf("%s workers: buffered %.0f [%.0f–%.0f] beats unbuffered %.0f [%.0f–%.0f], but the prose says they tie", w, buffered.median[i], buffered.low[i], buffered.high[i], plain.median[i], plain.low[i], plain.high[i])
			}
		}
		if buffered.low[2] <= plain.high[2] {
			t.Errorf("4 workers: buffered %.0f [%.0f–%.0f] not above unbuffered %.0f [%.0f–%.0f], but the prose says the buffers help", buffered.median[2], buffered.low[2], buffered.high[2], plain.median[2], plain.low[2], plain.high[2])
		}
		if gap4, gap8 := buffered.median[2]/plain.median[2], buffered.median[3]/plain.median[3]; gap8 >= gap4 {
			t.Errorf("buffered ÷ unbuffered: %.2f with 4 workers, %.2f with 8; the prose says the gap narrows", gap4, gap8)
		}
		if plain.median[2] < 1.8*plain.median[0] {
			t.Errorf("4 workers give %.0f items/s against %.0f with 1: the prose says workers on the slow stage raise throughput", plain.median[2], plain.median[0])
		}
		m := regexp.MustCompile(`for \[1 2 4 8\] workers: \[([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\]`).FindStringSubmatch(cell(t, nb, "pipeline").Text())
		if m == nil {
			t.Fatal("no line of items waiting in the buffer")
		}
		if one, eight := number(t, m[1], `(.+)`), number(t, m[4], `(.+)`); one < 4 || eight > 1 {
			t.Errorf("items waiting before transform: %v with 1 worker, %v with 8; the prose says nearly full (of 8), then about empty", one, eight)
		}
	})

	t.Run("limits hold exactly", func(t *testing.T) {
		ch := charts(t, nb, "limits", 1)[0]
		limits := []float64{1, 2, 4, 8, 16}
		for _, name := range []string{"buffered-channel semaphore", "errgroup.SetLimit", "limit asked for"} {
			if got := series(t, ch, name); !slices.Equal(got, limits) {
				t.Errorf("%s: most in flight %v, want exactly the limits %v", name, got, limits)
			}
		}
	})

	t.Run("order", func(t *testing.T) {
		ch := charts(t, nb, "order", 1)[0]
		fanIn, indexed, merged := ranged08(t, ch, "fan-in (finishing order)", 1), ranged08(t, ch, "indexed slice", 1), ranged08(t, ch, "sequenced merge", 1)
		if indexed.high[0] < fanIn.low[0] {
			t.Errorf("indexed %.0f [%.0f–%.0f] slower than fan-in %.0f [%.0f–%.0f]: the prose says it costs nothing measurable", indexed.median[0], indexed.low[0], indexed.high[0], fanIn.median[0], fanIn.low[0], fanIn.high[0])
		}
		if merged.high[0] >= fanIn.low[0] {
			t.Errorf("sequenced merge %.0f [%.0f–%.0f] not below fan-in %.0f [%.0f–%.0f]: the prose says it is slower", merged.median[0], merged.low[0], merged.high[0], fanIn.median[0], fanIn.low[0], fanIn.high[0])
		}
		m := regexp.MustCompile(`of 128: \[(\d+) (\d+) (\d+)\]`).FindStringSubmatch(cell(t, nb, "order").Text())
		if m == nil || m[2] != "0" || m[3] != "0" || number(t, m[1], `(.+)`) <= 64 {
			t.Errorf("results out of place (fan-in, indexed, merge): %q; want most of 128, 0 and 0", m)
		}
	})
}

// test08Lessons checks the shape the prose promises (see lessons).
func test08Lessons(t *testing.T) {
	lessons(t, nb08, 5, map[string][]string{
		"pool-decl":       {"for range queue", "close(queue)", "wg.Wait()"},
		"per-job-decl":    {"wg.Go(func() {"},
		"pipeline-decl":   {"for item := range read", "transformed <- item", "close(read)", "close(transformed)"},
		"limits-decl":     {"slots <- struct{}{}", "<-slots", "g.SetLimit(limit)"},
		"order-decl":      {"results <- job(i)", "close(results)"},
		"order-indexed":   {"out[i] = job(i)"},
		"order-sequenced": {"queue <- t.result", "<-result"},
	})
}
