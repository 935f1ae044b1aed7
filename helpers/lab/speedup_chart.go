// Used by notebook 01 (01_concurrency_vs_parallelism.ipynb).

package lab

import (
	"fmt"
	"runtime"
	"time"

	"github.com/go-concurrency-lab/course/helpers"
	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/internal/display"
	"github.com/go-concurrency-lab/course/helpers/stats"
	"github.com/go-concurrency-lab/course/helpers/workload"
)

// ShowSpeedUps shows the speed-up curves of notebook 01's experiment 4, where a
// job of tasks tasks was run one by one and all at once under each GOMAXPROCS
// setting in procs: waits for the wait-bound job and cpus for the CPU-bound one
// (from [SpeedUp]), and load, the [workload.Usage] measured around the CPU-bound
// trials. It prints one line per setting ("GOMAXPROCS=2: wait-bound 6.58× (95% CI
// 6.46–6.76) · CPU-bound 1.90× (95% CI 1.85–1.95)"), the other programs' load,
// a chart with the ideal speed-up as a dashed line, a one-line summary, and a note
// when a container's CPU limit or the GOMAXPROCS variable caps what the curves can
// show. The program's current GOMAXPROCS is taken as its cores. Summaries of the
// wrong length are reported, not shown.
func ShowSpeedUps(tasks int, procs []int, waits, cpus Summaries, load workload.Usage) {
	out := display.Stdout
	if len(procs) == 0 || len(waits) != len(procs) || len(cpus) != len(procs) {
		fmt.Fprintf(out, "lab.ShowSpeedUps: %d settings but %d wait-bound and %d CPU-bound summaries\n", len(procs), len(waits), len(cpus))
		return
	}
	cores, cpusOS := runtime.GOMAXPROCS(0), runtime.NumCPU()
	var x []string
	ideal := chart.LineSeries{Name: "ideal: speed-up = GOMAXPROCS", Dashed: true}
	for i, p := range procs {
		x = append(x, fmt.Sprint(p))
		ideal.Y = append(ideal.Y, float64(p))
		fmt.Fprintf(out, "GOMAXPROCS=%d: wait-bound %.2f× (95%% CI %.2f–%.2f) · CPU-bound %.2f× (95%% CI %.2f–%.2f)\n",
			p, waits[i].Median, waits[i].MedianLow, waits[i].MedianHigh, cpus[i].Median, cpus[i].MedianLow, cpus[i].MedianHigh)
	}
	fmt.Fprintf(out, "During the CPU-bound trials %s.\n", load.Load())
	takeaway := fmt.Sprintf("Waiting gains ×%.1f already on one P; computing gains ×%.2f on one P", waits[0].Median, cpus[0].Median)
	for i, p := range procs {
		if p == cores && cores > 1 {
			takeaway += fmt.Sprintf(" and ×%.2f on %d Ps (= cores)", cpus[i].Median, cores)
		}
	}
	chart.Show(chart.Lines(chart.Labels{
		Title:    fmt.Sprintf("Speed-up of %d tasks run all at once instead of one by one", tasks),
		Subtitle: takeaway,
		X:        "GOMAXPROCS (Ps)",
		Y:        "speed-up (×)",
	}, x, line("wait-bound", waits), line("CPU-bound", cpus), ideal))
	last := len(procs) - 1
	fmt.Fprintf(out, "With %d CPUs and cores=%d (medians of %d trials): %s, and ×%.2f at GOMAXPROCS=%d\n",
		cpusOS, cores, cpus[0].Count, takeaway, cpus[last].Median, procs[last])
	switch limit := helpers.Describe().CPULimit; {
	case limit > 0 && limit < float64(cpusOS):
		fmt.Fprintf(out, "This container may use %.3g CPUs' worth of time: CPU-bound speed-ups beyond about ×%.3g are out of reach, whatever GOMAXPROCS says.\n", limit, limit)
	case cores < cpusOS:
		fmt.Fprintf(out, "Go's default GOMAXPROCS here (%d) is below the %d CPUs the OS offers, because the GOMAXPROCS variable lowered it: settings above it still get more CPUs.\n",
			cores, cpusOS)
	}
}

// ShowSplits shows notebook 01's experiment 5, where one CPU-bound job of total
// work was split into splits[i] goroutines and timed (times, from
// [Milliseconds], one summary per split), with load measured around it. It draws
// the measured times with the ideal, total ÷ min(goroutines, cores), as a dashed
// line, and prints one line: the time of one goroutine, of the fastest split and
// of the last split, and whether the last split was slower than the fastest
// beyond the noise (their 95% confidence intervals do not overlap), with the
// extra time per goroutine. The program's current GOMAXPROCS is taken as its
// cores. Summaries of the wrong length are reported, not shown.
func ShowSplits(splits []int, total time.Duration, times Summaries, load workload.Usage) {
	out := display.Stdout
	if len(splits) == 0 || len(times) != len(splits) {
		fmt.Fprintf(out, "lab.ShowSplits: %d splits but %d summaries\n", len(splits), len(times))
		return
	}
	cores := runtime.GOMAXPROCS(0)
	totalMs := float64(total) / float64(time.Millisecond)
	var x []string
	ideal := chart.LineSeries{Name: "ideal: total work ÷ min(goroutines, cores)", Dashed: true}
	for _, n := range splits {
		x = append(x, stats.FormatNumber(float64(n)))
		ideal.Y = append(ideal.Y, totalMs/float64(max(min(n, cores), 1)))
	}
	best, last := leastMedian(times), len(splits)-1
	chart.Show(chart.Lines(chart.Labels{
		Title: fmt.Sprintf("One CPU-bound job (%s ms of work) split into more and more goroutines", stats.FormatNumber(totalMs)),
		Subtitle: fmt.Sprintf("Fastest with %s (%.1f ms); %s take %.1f ms",
			goroutines(x[best]), times[best].Median, goroutines(x[last]), times[last].Median),
		X: "goroutines the job is split into",
		Y: "time for the whole job (ms)",
	}, x, line("measured (median, 95% CI)", times), ideal))
	verdict := "within the noise of the fastest split"
	if times[last].MedianLow > times[best].MedianHigh { // the two confidence intervals do not overlap
		verdict = fmt.Sprintf("slower than the fastest split beyond the noise: about %.2f µs more per goroutine",
			(times[last].Median-times[best].Median)*1000/float64(max(splits[last], 1)))
	}
	fmt.Fprintf(out, "cores=%d: 1 goroutine %.1f ms · fastest %s %.1f ms (95%% CI %.1f–%.1f) · %s %.1f ms (95%% CI %.1f–%.1f), %s · %s\n",
		cores, times[0].Median, goroutines(x[best]), times[best].Median, times[best].MedianLow, times[best].MedianHigh,
		goroutines(x[last]), times[last].Median, times[last].MedianLow, times[last].MedianHigh, verdict, load.Load())
}

// goroutines returns "1 goroutine" or "n goroutines" for the count n as text.
func goroutines(n string) string {
	if n == "1" {
		return "1 goroutine"
	}
	return n + " goroutines"
}

// line returns summaries as one line of a chart.Lines chart named name: the
// medians, one per x category, with their 95% confidence intervals as a band.
func line(name string, summaries Summaries) chart.LineSeries {
	l := chart.LineSeries{Name: name}
	for _, s := range summaries {
		l.Y = append(l.Y, s.Median)
		l.Low = append(l.Low, s.MedianLow)
		l.High = append(l.High, s.MedianHigh)
	}
	return l
}

// leastMedian returns the index of the summary with the least median (the
// first of equal ones): for times, the fastest way. It returns -1 for no
// summaries.
func leastMedian(summaries Summaries) int {
	least := -1
	for i, s := range summaries {
		if least < 0 || s.Median < summaries[least].Median {
			least = i
		}
	}
	return least
}
