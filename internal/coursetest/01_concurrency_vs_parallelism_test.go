package coursetest_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

const nb01 = "01_concurrency_vs_parallelism.ipynb"

// freeCores01 is how many cores other programs must leave free (the CPUs minus their load,
// as the notebook prints it) for an assertion about parallel speed-up to be made: with
// fewer, two goroutines cannot compute at once, and the assertion is skipped.
const freeCores01 = 1.6

// TestNotebook01 checks what the concurrency-vs-parallelism notebook claims, on the data it
// shows: once as it runs by default, once with GOMAXPROCS=1 for the whole kernel (as on a
// machine that gives Go a single P), and once for the kitchen's CPU work itself.
func TestNotebook01(t *testing.T) {
	t.Run("default", func(t *testing.T) {
		check01(t, run(t, nb01))
	})
	t.Run("GOMAXPROCS=1", func(t *testing.T) {
		nb := run(t, nb01, "GOMAXPROCS=1")
		m := machine01(t, nb)
		if m.cores != 1 {
			t.Fatalf("with GOMAXPROCS=1 in the kernel's environment the notebook uses cores=%d, want 1", m.cores)
		}
		for _, want := range []string{"set by the environment variable GOMAXPROCS=1", "With one P, goroutines take turns"} {
			if !strings.Contains(m.text, want) {
				t.Errorf("the machine cell does not say %q:\n%s", want, m.text)
			}
		}
		if out := cell(t, nb, "barista").Stdout(); !strings.Contains(out, "so c) is b) once more") {
			t.Errorf("the barista cell does not explain that c) equals b) with one P:\n%s", out)
		}
		if out := cell(t, nb, "speedup").Stdout(); m.cpus > 1 && !strings.Contains(out, "is below the") {
			t.Errorf("the speed-up cell does not explain GOMAXPROCS below the CPUs:\n%s", out)
		}
		check01(t, nb)
	})
	t.Run("work is CPU work, not optimised away", test01WorkIsCPUWork)
	t.Run("lessons", test01Lessons)
}

// test01Lessons checks the shape the prose promises (see lessons).
func test01Lessons(t *testing.T) {
	lessons(t, nb01, 5, map[string][]string{
		"kitchen-ways":    {"go func() {", "wg.Add(1)", "defer wg.Done()", "wg.Wait()"},
		"coffee-bar-ways": {"go func() {", "wg.Add(1)", "defer wg.Done()", "wg.Wait()"},
		"barista":         {"runtime.GOMAXPROCS(1)", "asGoroutines(", "oneAfterAnother("},
		"speedup":         {"oneByOne(tasks, cpuTask)", "allAtOnce(tasks, cpuTask)"},
		"misconception":   {"allAtOnce(n, "},
	})
}

// check01 asserts the notebook's claims on one executed copy.
func check01(t *testing.T, nb *notebook.Notebook) {
	m := machine01(t, nb)
	t.Logf("machine: %d CPUs, cores=%d, container CPU limit %v", m.cpus, m.cores, m.cpuLimit)
	t.Run("work-vs-wait", func(t *testing.T) { check01WorkVsWait(t, nb) })
	t.Run("barista", func(t *testing.T) { check01Barista(t, nb, m) })
	t.Run("scheduler", func(t *testing.T) { check01Scheduler(t, nb, m) })
	t.Run("speedup", func(t *testing.T) { check01SpeedUp(t, nb, m) })
	t.Run("misconception", func(t *testing.T) { check01Misconception(t, nb, m) })
}

// machine01Info is what the notebook's machine cell says it runs on.
type machine01Info struct {
	cpus, cores int
	cpuLimit    float64 // the container's CPU limit in CPUs, 0 for none
	text        string
}

// machine01 reads the machine cell.
func machine01(t *testing.T, nb *notebook.Notebook) machine01Info {
	t.Helper()
	text := cell(t, nb, "machine").Stdout()
	m := machine01Info{
		cpus:  int(number(t, text, `CPUs for this program: (\d+)`)),
		cores: int(number(t, text, `use cores=(\d+)`)),
		text:  text,
	}
	if !strings.Contains(text, "container CPU limit:  none") {
		m.cpuLimit = number(t, text, `container CPU limit: +([\d.]+) CPUs`)
	}
	return m
}

// load01 reads "other programs kept 0.12 of 2 CPUs busy" from text; ok is false when the
// notebook could not measure it.
func load01(t *testing.T, text string) (cores float64, ok bool) {
	t.Helper()
	if strings.Contains(text, "other programs' CPU use unknown") {
		return 0, false
	}
	return number(t, text, `other programs kept ([\d.]+) of \d+ CPUs busy`), true
}

// quiet01 reports whether other programs left enough room for parallel work, and why not.
func quiet01(t *testing.T, text string, m machine01Info) (bool, string) {
	t.Helper()
	if m.cpus < 2 || m.cores < 2 {
		return false, fmt.Sprintf("the notebook ran with %d CPUs and cores=%d: parallel speed-up needs 2", m.cpus, m.cores)
	}
	if m.cpuLimit > 0 && m.cpuLimit < 2 {
		return false, fmt.Sprintf("the container's CPU limit is %.3g CPUs: parallel speed-up needs 2", m.cpuLimit)
	}
	load, ok := load01(t, text)
	if !ok {
		return false, "the other programs' CPU use is unknown on this system"
	}
	if free := float64(m.cpus) - load; free < freeCores01 {
		return false, fmt.Sprintf("other programs kept %.2f of %d CPUs busy meanwhile, leaving %.2f free (fewer than %.1f)", load, m.cpus, free, freeCores01)
	}
	return true, ""
}

// check01WorkVsWait: work(20 ms) uses about 20 ms of CPU time; wait(20 ms) almost none.
// This is the notebook's own evidence that the compiler kept the work loop.
func check01WorkVsWait(t *testing.T, nb *notebook.Notebook) {
	ch := charts(t, nb, "work-vs-wait", 1)[0]
	wall, cpu := series(t, ch, "wall-clock time"), series(t, ch, "CPU time")
	if len(wall) != 2 || len(cpu) != 2 {
		t.Fatalf("want two bars per series (work, wait), got wall %v, CPU %v", wall, cpu)
	}
	out := cell(t, nb, "work-vs-wait").Stdout()
	workCPU := number(t, out, `wall, ([\d.]+) ms CPU · wait`)
	waitCPU := number(t, out, `wait\(20 ms\): [\d.]+ ms wall, ([\d.]+) ms CPU`)
	if !(workCPU >= 12 && workCPU <= 60) {
		t.Errorf("work(20 ms) used %.1f ms of CPU time, want about 20 (12 to 60)", workCPU)
	}
	if waitCPU > 5 {
		t.Errorf("wait(20 ms) used %.2f ms of CPU time, want almost none (at most 5)", waitCPU)
	}
	if w := wall[1]; w < 19 {
		t.Errorf("wait(20 ms) took %.1f ms on the clock, want at least 19", w)
	}
	if abs01(cpu[0]-workCPU) > 0.051 {
		t.Errorf("the chart's work CPU time %.2f differs from the printed %.1f", cpu[0], workCPU)
	}
}

// span01 is one bar of a timeline chart.
type span01 struct {
	lane, label, kind string
	start, end        float64 // ms
}

// spans01 decodes the spans of a timeline chart (one series per lane).
func spans01(t *testing.T, ch notebook.Chart) []span01 {
	t.Helper()
	if ch.Kind != "timeline" {
		t.Fatalf("chart %q is a %s, want a timeline", ch.Title, ch.Kind)
	}
	var spans []span01
	for _, s := range ch.Series {
		var items []struct {
			Label string  `json:"label"`
			Kind  string  `json:"kind"`
			Start float64 `json:"start_ms"`
			End   float64 `json:"end_ms"`
		}
		if err := json.Unmarshal(s.Data, &items); err != nil {
			t.Fatalf("lane %q: %v", s.Name, err)
		}
		for _, it := range items {
			spans = append(spans, span01{s.Name, it.Label, it.Kind, it.Start, it.End})
		}
	}
	return spans
}

// check01Barista: one by one takes the sum of the steps; on one P the waits overlap and
// the program keeps at most one core busy; on several free cores the work overlaps too.
func check01Barista(t *testing.T, nb *notebook.Notebook, m machine01Info) {
	const orders, stepSum = 4, 40.0 // ms per order: grind 10, espresso 20, froth 10
	spans := spans01(t, charts(t, nb, "barista", 1)[0])
	byRun := map[string][]span01{}
	for _, s := range spans {
		run, _, ok := strings.Cut(s.lane, " · ")
		if !ok {
			t.Fatalf("lane %q does not start with the run's name", s.lane)
		}
		byRun[run[:2]] = append(byRun[run[:2]], s)
	}
	for _, run := range []string{"a)", "b)", "c)"} {
		got := byRun[run]
		kinds := map[string]int{}
		for _, s := range got {
			kinds[s.kind]++
		}
		if kinds["work"] != 2*orders || kinds["wait"] != orders {
			t.Errorf("run %s has %d work and %d wait spans, want %d and %d", run, kinds["work"], kinds["wait"], 2*orders, orders)
		}
	}

	out := cell(t, nb, "barista").Stdout()
	a := number(t, out, `a\) one by one: (\d+) ms`)
	b := number(t, out, `b\) GOMAXPROCS=1: (\d+) ms`)
	c := number(t, out, `c\) GOMAXPROCS=\d+: (\d+) ms`)
	bCores := number(t, out, `b\) GOMAXPROCS=1: \d+ ms, ([\d.]+) cores busy`)
	cCores := number(t, out, `c\) GOMAXPROCS=\d+: \d+ ms, ([\d.]+) cores busy`)
	t.Logf("a) %v ms, b) %v ms (%.2f cores), c) %v ms (%.2f cores)", a, b, bCores, c, cCores)

	// The work and the waits are real: one by one takes at least the sum of the steps.
	if a < 0.9*orders*stepSum {
		t.Errorf("one by one took %v ms, want at least %v (the sum of the steps)", a, 0.9*orders*stepSum)
	}
	if b >= a {
		t.Errorf("goroutines on one P took %v ms, not less than one by one (%v ms)", b, a)
	}
	// Waiting hidden behind other steps: the b) spans add up to much more than b)'s span.
	var sum, first, last float64 = 0, 1e9, 0
	for _, s := range byRun["b)"] {
		sum += s.end - s.start
		first, last = min(first, s.start), max(last, s.end)
	}
	if hidden := sum - (last - first); hidden < 30 {
		t.Errorf("on one P the steps overlapped for only %.1f ms, want at least 30 (three of the four 20 ms waits)", hidden)
	}
	if bCores > 1.15 {
		t.Errorf("on one P the program kept %.2f cores busy, want at most about 1", bCores)
	}
	t.Run("work overlaps on several Ps", func(t *testing.T) {
		if ok, why := quiet01(t, out, m); !ok {
			t.Skip(why)
		}
		if cCores < 1.2 {
			t.Errorf("on %d Ps the program kept %.2f cores busy, want more than 1.2", m.cores, cCores)
		}
		if c >= b {
			t.Errorf("on %d Ps the orders took %v ms, not less than on one P (%v ms)", m.cores, c, b)
		}
	})
}

// check01Scheduler: the runtime trace shows one P lane at GOMAXPROCS=1, never two goroutines
// at once, and two lanes with goroutines running at the same instant at GOMAXPROCS=2.
func check01Scheduler(t *testing.T, nb *notebook.Notebook, m machine01Info) {
	chs := charts(t, nb, "scheduler", 2)
	out := cell(t, nb, "scheduler").Stdout()
	for i, procs := range []int{1, 2} {
		spans := spans01(t, chs[i])
		lanes := map[string]bool{}
		orders := map[string]bool{}
		for _, s := range spans {
			lanes[s.lane] = true
			if strings.HasPrefix(s.label, "order ") {
				orders[s.label] = true
				if s.kind != s.label {
					t.Errorf("GOMAXPROCS=%d: span %q has kind %q, want its order", procs, s.label, s.kind)
				}
			}
		}
		if len(orders) != 4 {
			t.Errorf("GOMAXPROCS=%d: the trace shows orders %v, want all four", procs, orders)
		}
		for lane := range lanes {
			if n, err := strconv.Atoi(strings.TrimPrefix(lane, "P")); err != nil || n >= procs {
				t.Errorf("GOMAXPROCS=%d: lane %q is not one of the %d Ps", procs, lane, procs)
			}
		}
		both := number(t, out, fmt.Sprintf(`GOMAXPROCS=%d: \d+ ms, P lanes \[[P0-9 ]+\], two goroutines executing at once for ([\d.]+) ms`, procs))
		if procs == 1 && both != 0 {
			t.Errorf("GOMAXPROCS=1: two goroutines executed at once for %v ms, want 0", both)
		}
		if procs == 2 && m.cpus >= 2 {
			if len(lanes) != 2 {
				t.Errorf("GOMAXPROCS=2 on %d CPUs: the trace shows lanes %v, want P0 and P1", m.cpus, lanes)
			}
			if both <= 0 {
				t.Errorf("GOMAXPROCS=2 on %d CPUs: two goroutines never executed at once", m.cpus)
			}
			// For part of the run, not all of it: at times all four orders wait for their espresso.
			wall := number(t, out, `GOMAXPROCS=2: (\d+) ms, P lanes`)
			if both >= wall {
				t.Errorf("GOMAXPROCS=2: two goroutines executed at once for %v ms of a %v ms run, want only part of it", both, wall)
			}
		}
	}
}

// speedPoint01 is one point of the speed-up chart: one GOMAXPROCS setting.
type speedPoint01 struct {
	wait, cpu, cpuLow, cpuHigh float64
}

// check01SpeedUp: the three statistical facts, on the speed-up curves. The
// numbers come from the chart's data (as the bench reads them), not from the printed
// lines, so that rewording a line cannot break the test.
func check01SpeedUp(t *testing.T, nb *notebook.Notebook, m machine01Info) {
	ch := charts(t, nb, "speedup", 1)[0]
	waitY, cpuY := series(t, ch, "wait-bound"), series(t, ch, "CPU-bound")
	ideal := series(t, ch, "ideal: speed-up = GOMAXPROCS")
	cpuSeries, _ := ch.SeriesNamed("CPU-bound")
	out := cell(t, nb, "speedup").Stdout()
	_, cpuLoad, ok := strings.Cut(out, "During the CPU-bound trials") // the other programs' load meanwhile
	if !ok {
		t.Fatalf("the speed-up cell does not report the load during the CPU-bound trials:\n%s", out)
	}
	var procs []int
	for _, x := range ch.Categories {
		p, err := strconv.Atoi(x)
		if err != nil {
			t.Fatalf("the chart's x categories %q are not GOMAXPROCS settings", ch.Categories)
		}
		procs = append(procs, p)
	}
	wantProcs := []int{}
	for p := 1; p <= 2*m.cores; p++ {
		if p <= 4 || p&(p-1) == 0 || p == m.cores || p == 2*m.cores {
			wantProcs = append(wantProcs, p)
		}
	}
	if !slices.Equal(procs, wantProcs) {
		t.Fatalf("the cell measured GOMAXPROCS %v, want %v (1 to 2×cores)", procs, wantProcs)
	}
	if len(waitY) != len(procs) || len(cpuY) != len(procs) || len(ideal) != len(procs) ||
		len(cpuSeries.Low) != len(procs) || len(cpuSeries.High) != len(procs) {
		t.Fatalf("the chart has %d, %d and %d points and %d CPU-bound CIs, want %d", len(waitY), len(cpuY), len(ideal), len(cpuSeries.Low), len(procs))
	}
	points := map[int]speedPoint01{}
	for i, p := range procs {
		points[p] = speedPoint01{wait: waitY[i], cpu: cpuY[i], cpuLow: cpuSeries.Low[i], cpuHigh: cpuSeries.High[i]}
		if ideal[i] != float64(p) {
			t.Errorf("GOMAXPROCS=%d: the ideal line is at %v", p, ideal[i])
		}
		// The printed lines show the chart's numbers (whatever their wording).
		for _, v := range []float64{waitY[i], cpuY[i]} {
			if shown := fmt.Sprintf("%.2f×", v); !strings.Contains(out, shown) {
				t.Errorf("GOMAXPROCS=%d: the chart's speed-up %v is not printed as %q:\n%s", p, v, shown, out)
			}
		}
	}

	t.Run("wait-bound speed-up at GOMAXPROCS=1 is at least 4", func(t *testing.T) {
		if got := points[1].wait; got < 4 {
			t.Errorf("wait-bound speed-up at GOMAXPROCS=1 = %.2f, want >= 4", got)
		}
	})
	t.Run("CPU-bound speed-up at GOMAXPROCS=1 is at most 1.2", func(t *testing.T) {
		p := points[1]
		load, ok := load01(t, cpuLoad)
		if ok && load <= float64(m.cpus)-1 {
			if p.cpu > 1.2 {
				t.Errorf("CPU-bound speed-up at GOMAXPROCS=1 = %.2f, want <= 1.2", p.cpu)
			}
			return
		}
		// A machine without one free core makes single timings noisy: then only a
		// confident excess (the whole confidence interval above 1.2) counts.
		t.Logf("no free core (during the CPU-bound trials%s): checking the confidence interval %.2f–%.2f instead of the median %.2f", cpuLoad, p.cpuLow, p.cpuHigh, p.cpu)
		if p.cpuLow > 1.2 {
			t.Errorf("CPU-bound speed-up at GOMAXPROCS=1: the whole 95%% CI %.2f–%.2f is above 1.2", p.cpuLow, p.cpuHigh)
		}
	})
	t.Run("CPU-bound speed-up at GOMAXPROCS=2 is at least 1.4", func(t *testing.T) {
		p := points[2]
		if ok, why := quiet01(t, cpuLoad, m); !ok {
			t.Skip(why)
		}
		if p.cpu < 1.4 {
			t.Errorf("CPU-bound speed-up at GOMAXPROCS=2 = %.2f (95%% CI %.2f–%.2f), want >= 1.4", p.cpu, p.cpuLow, p.cpuHigh)
		}
	})
}

// check01Misconception: splitting CPU-bound work pays off up to the cores; 10,000
// goroutines cost more than the best split.
func check01Misconception(t *testing.T, nb *notebook.Notebook, m machine01Info) {
	splits := []float64{1, 2, 4, 8, 16, 100, 1000, 10000}
	ch := charts(t, nb, "misconception", 1)[0]
	y, ideal := series(t, ch, "measured (median, 95% CI)"), series(t, ch, "ideal: total work ÷ min(goroutines, cores)")
	if len(y) != len(splits) || len(ideal) != len(splits) {
		t.Fatalf("the chart has %d and %d points, want %d", len(y), len(ideal), len(splits))
	}
	for i, n := range splits {
		if want := 20 / min(n, float64(m.cores)); abs01(ideal[i]-want) > 1e-9 {
			t.Errorf("ideal time for %v goroutines = %v ms, want %v", n, ideal[i], want)
		}
	}
	// The work is real: one goroutine needs about the 20 ms of work.
	if y[0] < 0.9*20 {
		t.Errorf("one goroutine did 20 ms of work in %.1f ms", y[0])
	}
	// Goroutines are not free: the 10,000 tiny pieces take clearly longer than the best split,
	// on a quiet machine and a busy one alike (we saw about 1.4 to 2.5 times as long).
	fastest := slices.Min(y)
	if last := y[len(y)-1]; last < 1.2*fastest {
		t.Errorf("10,000 goroutines took %.1f ms, less than 1.2× the fastest split (%.1f ms): the overhead does not show", last, fastest)
	}
	out := cell(t, nb, "misconception").Stdout()
	t.Run("splitting pays off up to the cores", func(t *testing.T) {
		if ok, why := quiet01(t, out, m); !ok {
			t.Skip(why)
		}
		if y[0]/fastest < 1.4 {
			t.Errorf("1 goroutine %.1f ms, fastest split %.1f ms: speed-up %.2f, want >= 1.4", y[0], fastest, y[0]/fastest)
		}
	})
}

// test01WorkIsCPUWork compiles the kitchen cell as GoNB does (go build, default flags,
// against this checkout of the course module) with a probe that measures the thread CPU
// time of work(d): it must grow with d and be about d. The kitchen's work is
// workload.For(d); helpers/workload's TestForIsCPUWork adds the control that shows such a
// probe notices when the compiler deletes the arithmetic as dead code.
func test01WorkIsCPUWork(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the probe reads per-thread CPU time, which needs Linux")
	}
	nb, err := notebook.Read(nb01)
	if err != nil {
		t.Fatal(err)
	}
	kitchen := cell(t, nb, "kitchen").Source
	if kept := "workload.For(d)"; !strings.Contains(kitchen, kept) {
		t.Fatalf("the kitchen's work no longer calls %q, whose own test proves it is CPU work; update this test", kept)
	}
	cpu := probe01Work(t, kitchen)
	t.Logf("CPU time of work(d): %v", cpu)
	for d, used := range cpu {
		if used < d*6/10 || used > 3*d {
			t.Errorf("work(%v) used %v of CPU time, want about %v", d, used, d)
		}
	}
	if ratio := float64(cpu[40*time.Millisecond]) / float64(cpu[5*time.Millisecond]); ratio < 5 || ratio > 12 {
		t.Errorf("work(40ms) used %.1f× the CPU time of work(5ms), want about 8", ratio)
	}
}

// probe01Work builds kitchen with a probe main, in a module that uses this checkout of the
// course, and returns the least thread CPU time of three calls of work(d), for d = 5, 10,
// 20 and 40 ms.
func probe01Work(t *testing.T, kitchen string) map[time.Duration]time.Duration {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module probe\n\ngo 1.26\n\nrequire github.com/go-concurrency-lab/course v0.0.0\n\n" +
			"replace github.com/go-concurrency-lab/course => " + strconv.Quote(repoRoot()) + "\n",
		"go.sum":     readFile01(t, filepath.Join(repoRoot(), "go.sum")),
		"kitchen.go": "package main\n\n" + kitchen + "\n",
		"probe.go": `package main

import (
	"fmt"
	"runtime"
	"syscall"
	"time"
	"unsafe"

	"github.com/go-concurrency-lab/course/helpers/workload"
)

// threadCPU returns the CPU time f used on the calling thread (CLOCK_THREAD_CPUTIME_ID,
// exact to the nanosecond, unlike the tick-based getrusage).
func threadCPU(f func()) time.Duration {
	now := func() time.Duration {
		var ts syscall.Timespec
		const clockThreadCPUTimeID = 3
		if _, _, errno := syscall.RawSyscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
			panic(errno)
		}
		return time.Duration(ts.Nano())
	}
	start := now()
	f()
	return now() - start
}

func main() {
	runtime.LockOSThread()
	workload.Calibrate()
	for _, ms := range []int{5, 10, 20, 40} {
		d := time.Duration(ms) * time.Millisecond
		least := time.Duration(1<<63 - 1)
		for range 3 {
			least = min(least, threadCPU(func() { work(d) }))
		}
		fmt.Println(ms, int64(least))
	}
}
`,
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(dir, "probe")
	build := exec.Command("go", "build", "-mod=mod", "-o", bin, ".") // -mod=mod: take the course's requirements as they are
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin).Output()
	if err != nil {
		t.Fatalf("probe: %v", err)
	}
	cpu := map[time.Duration]time.Duration{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var ms, ns int64
		if _, err := fmt.Sscan(line, &ms, &ns); err != nil {
			t.Fatalf("probe printed %q: %v", line, err)
		}
		cpu[time.Duration(ms)*time.Millisecond] = time.Duration(ns)
	}
	if len(cpu) != 4 {
		t.Fatalf("probe printed %q, want four lines", out)
	}
	return cpu
}

// readFile01 returns the text of the file at path.
func readFile01(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func abs01(x float64) float64 { return max(x, -x) }
