package bench

import (
	"fmt"
	"math"
	"strings"
)

// table renders a markdown table.
type table struct {
	b    *strings.Builder
	cols int
}

func newTable(b *strings.Builder, header ...string) table {
	fmt.Fprintf(b, "| %s |\n|%s\n", strings.Join(header, " | "), strings.Repeat(" --- |", len(header)))
	return table{b, len(header)}
}

func (t table) row(cells ...string) {
	for i, c := range cells {
		cells[i] = strings.ReplaceAll(c, "|", `\|`)
	}
	fmt.Fprintf(t.b, "| %s |\n", strings.Join(cells, " | "))
}

func sec(p *float64) string {
	if p == nil {
		return "–"
	}
	return fmt.Sprintf("%.2f", *p)
}

func secv(x float64) string { return sec(&x) }

func mib(kib int64) string {
	if kib == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f", float64(kib)/1024)
}

func mb(bytes int64) string {
	if bytes == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f MB", float64(bytes)/1e6)
}

func runsList(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf("%.2f", x)
	}
	return strings.Join(parts, ", ")
}

// Markdown renders the report for people: report.md.
func (r *Report) Markdown() string {
	var b strings.Builder
	m := r.Machine
	fmt.Fprintf(&b, "# Course benchmark\n\n")
	fmt.Fprintf(&b, "`%s`, %s to %s, commit %s.  \n", m.Command, m.Start.Format("2006-01-02 15:04:05 MST"), m.End.Format("15:04:05"), m.Commit)
	fmt.Fprintf(&b, "Machine: %d CPUs (%s), %s. Load average (1, 5, 15 min) at the start %s, at the end %s.\n\n",
		m.CPUs, m.CPUModel, m.GoVersion, loads(m.LoadStart), loads(m.LoadEnd))
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, run := range r.Runs {
		lo, hi = min(lo, run.LoadMin), max(hi, run.LoadMax)
	}
	if hi >= float64(m.CPUs)/2 {
		fmt.Fprintf(&b, "> The 1-minute load average went from %.1f to %.1f during the runs on %d CPUs: other programs "+
			"competed for the CPUs, so absolute times are noisy and measurements spread wider than on an idle machine.\n\n", lo, hi, m.CPUs)
	}
	fmt.Fprintf(&b, "Times are wall-clock seconds; \"warm\" is the median over the warm runs. See [How to read this report](#how-to-read-this-report).\n\n")

	b.WriteString("## Budgets\n\n```\n")
	for _, v := range r.Budgets {
		b.WriteString(v.Line() + "\n")
	}
	b.WriteString("```\n\n")

	r.stabilityMarkdown(&b)
	r.courseMarkdown(&b)
	r.slowestMarkdown(&b)
	r.breakdownMarkdown(&b)
	r.floorMarkdown(&b)
	r.resourcesMarkdown(&b)
	r.cellsMarkdown(&b)
	if len(r.Notes) > 0 {
		b.WriteString("## Notes\n\n")
		for _, n := range r.Notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
		b.WriteString("\n")
	}
	b.WriteString(howToRead)
	return b.String()
}

func loads(l [3]float64) string { return fmt.Sprintf("%.2f, %.2f, %.2f", l[0], l[1], l[2]) }

// StabilityLines are the FLAG lines of the headline measurements whose spread is too wide.
func (r *Report) StabilityLines() []string {
	var out []string
	for _, s := range r.Stability {
		if !s.Flagged {
			continue
		}
		switch {
		case s.Name == "":
			out = append(out, fmt.Sprintf("FLAG  %s %s (%s): %s", s.Notebook, s.Tag, s.What, s.Note))
		case s.PointSpread != nil:
			out = append(out, fmt.Sprintf("FLAG  %s %s: %s spread %.1f points > %.0f points (%s %s)", s.Notebook, s.Tag, s.Name,
				*s.PointSpread, PointsLimit, runsList(s.Values), s.Unit))
		case s.RelativeSpread != nil:
			out = append(out, fmt.Sprintf("FLAG  %s %s: %s spread %.0f%% > %.0f%% (%s %s)", s.Notebook, s.Tag, s.Name,
				100**s.RelativeSpread, 100*SpreadLimit, runsList(s.Values), s.Unit))
		default:
			out = append(out, fmt.Sprintf("FLAG  %s %s: %s: %s (%s)", s.Notebook, s.Tag, s.Name, s.Note, s.runs()))
		}
	}
	return out
}

func (r *Report) stabilityMarkdown(b *strings.Builder) {
	b.WriteString("## Stability of the headline measurements\n\n")
	if len(r.Stability) == 0 {
		b.WriteString("No headline measurements were taken (no notebook 01, 04 or 05, or `-repeats` below 2).\n\n")
		return
	}
	fmt.Fprintf(b, "Each headline cell ran %s in a row in the instrumented warm run. Relative spread = (max − min) / median; "+
		"above %.0f%% is flagged. A share of trials (the lost-update shares) is judged by its spread in percentage points, "+
		"max − min, instead: above %.0f points is flagged. Its relative spread, shown in brackets, divides by a median that "+
		"for a rare event is near 0. A verdict (05's \"RWMutex vs Mutex: faster\") is flagged only when its runs contradict "+
		"each other, faster in one and slower in another; *mixed* means a win in some runs and a tie in others.\n\n",
		r.repeatsText(), 100*SpreadLimit, PointsLimit)
	if lines := r.StabilityLines(); len(lines) > 0 {
		b.WriteString("```\n" + strings.Join(lines, "\n") + "\n```\n\n")
	}
	t := newTable(b, "notebook", "cell tag", "value", "runs", "median", "spread", "flag")
	for _, s := range r.Stability {
		spread, median := "–", fmt.Sprintf("%.3g", s.Median)
		switch {
		case s.Verdict:
			spread, median = s.Note, "–"
		case s.PointSpread != nil && s.RelativeSpread != nil:
			spread = fmt.Sprintf("%.1f points (%.0f%%)", *s.PointSpread, 100**s.RelativeSpread)
		case s.PointSpread != nil:
			spread = fmt.Sprintf("%.1f points", *s.PointSpread)
		case s.RelativeSpread != nil:
			spread = fmt.Sprintf("%.0f%%", 100**s.RelativeSpread)
		case s.Note != "":
			spread = s.Note
		}
		flag := ""
		if s.Flagged {
			flag = "FLAG"
		}
		name := s.Name
		if name == "" {
			name = s.What
		}
		t.row(strings.TrimSuffix(s.Notebook, ".ipynb"), s.Tag, name, s.runs(), median, spread, flag)
	}
	b.WriteString("\n")
}

// runs lists the values of the runs with their unit, or a verdict's words.
func (s Stability) runs() string {
	if !s.Verdict {
		return runsList(s.Values) + " " + s.Unit
	}
	words := make([]string, len(s.Values))
	for i, v := range s.Values {
		words[i] = verdictWords[v]
	}
	return strings.Join(words, ", ")
}

func (r *Report) repeatsText() string {
	most := 0
	for _, s := range r.Stability {
		most = max(most, len(s.Values))
	}
	return fmt.Sprintf("%d times", most)
}

func (r *Report) courseMarkdown(b *strings.Builder) {
	c := r.Course
	b.WriteString("## The course\n\n")
	fmt.Fprintf(b, "- Whole course, warm: **%s s** (median of the complete warm runs); cold: **%s s**.\n", sec(c.WarmTotal), sec(c.ColdTotal))
	fmt.Fprintf(b, "- Kernel start: %s s warm (median over notebooks and runs), %s s cold (first notebook).\n", sec(c.KernelStartWarm), sec(c.KernelStartCold))
	if c.FirstCellNB != "" {
		fmt.Fprintf(b, "- First Go cell of the course (%s cell %d, compiles the helpers): **%s s warm, %s s cold**.\n",
			c.FirstCellNB, c.FirstCellIndex, sec(c.FirstCellWarm), sec(c.FirstCellCold))
	}
	fmt.Fprintf(b, "- Code cells: %d plain, %d experiment, %d command (see the kinds below).\n\n", c.PlainCells, c.ExperimentCells, c.CommandCells)
	t := newTable(b, "run", "kind", "total (s)", "bench extras (s)", "1-min load", "complete", "problems")
	for _, run := range r.Runs {
		kind := run.Kind
		if run.Instrumented {
			kind += ", instrumented"
		}
		t.row(run.Name, kind, secv(run.Total), secv(run.Extra), fmt.Sprintf("%.1f–%.1f", run.LoadMin, run.LoadMax),
			fmt.Sprint(run.Complete), strings.Join(run.Problems, "; "))
	}
	b.WriteString("\n")
	t = newTable(b, "notebook", "warm total (s)", "warm runs (s)", "cold total (s)", "kernel start warm / cold (s)",
		"first Go cell", "first cell warm / cold (s)", "1-min load", "status")
	for _, nb := range r.Notebooks {
		first, firstT := "–", "–"
		if nb.FirstCell != nil {
			first = fmt.Sprintf("cell %d", nb.FirstCell.Index)
			firstT = sec(nb.FirstCell.Warm) + " / " + sec(nb.FirstCell.Cold)
		}
		t.row(nb.Notebook, sec(nb.WarmTotal), runsList(nb.WarmTotals), sec(nb.ColdTotal),
			sec(nb.KernelStartWarm)+" / "+sec(nb.KernelStartCold), first, firstT,
			fmt.Sprintf("%.1f–%.1f", nb.LoadRange[0], nb.LoadRange[1]), nb.Status)
	}
	b.WriteString("\n")
}

func (r *Report) slowestMarkdown(b *strings.Builder) {
	fmt.Fprintf(b, "## The %d slowest cells (warm)\n\n", len(r.Slowest))
	t := newTable(b, "#", "notebook", "cell", "kind", "warm (s)", "go build (s)", "run (s)", "first line")
	for i, c := range r.Slowest {
		build, run := "–", "–"
		if c.Phases != nil {
			build, run = secv(c.Phases.GoBuild), secv(c.Phases.Run)
		}
		t.row(fmt.Sprint(i+1), c.Notebook, fmt.Sprint(c.Index), c.Kind, secv(c.Warm), build, run, "`"+c.FirstLine+"`")
	}
	b.WriteString("\n")
}

var phaseLabels = map[string]string{
	"goimports":    "goimports",
	"go_get":       "go get",
	"go_build":     "go build",
	"run":          "run (the program)",
	"kernel_other": "kernel, other",
	"client":       "client and messages",
}

func (r *Report) breakdownMarkdown(b *strings.Builder) {
	bd := r.Breakdown
	b.WriteString("## Where the time goes\n\n")
	fmt.Fprintf(b, "Sum of the cells' warm medians, split by GoNB's own log (-v=2). All cells: %.1f s", bd.CellSeconds)
	if bd.Unexplained > 0 {
		fmt.Fprintf(b, " (%.1f s in cells the log did not cover)", bd.Unexplained)
	}
	b.WriteString(".\n\n")
	t := newTable(b, "phase", "all cells (s)", "share", "plain (s)", "experiment (s)", "command (s)", "median plain cell (s)")
	var total float64
	for _, name := range PhaseNames {
		total += bd.Total[name]
	}
	for _, name := range PhaseNames {
		share := "–"
		if total > 0 {
			share = fmt.Sprintf("%.0f%%", 100*bd.Total[name]/total)
		}
		t.row(phaseLabels[name], secv(bd.Total[name]), share, secv(bd.ByKind[KindPlain][name]),
			secv(bd.ByKind[KindExperiment][name]), secv(bd.ByKind[KindCommand][name]), secv(bd.MedianPlain[name]))
	}
	b.WriteString("\n")
	if bd.CellsWithChart+bd.CellsWithoutChart > 0 {
		fmt.Fprintf(b, "GoNB's go build, median: %s s for the %d Go cells whose program imports helpers/chart (and links go-echarts), "+
			"%s s for the %d that do not. A remembered declaration that uses a package keeps it imported, and linked, "+
			"in every later cell of the notebook.\n\n", sec(bd.BuildWithChart), bd.CellsWithChart, sec(bd.BuildWithoutChart), bd.CellsWithoutChart)
	}
}

func (r *Report) floorMarkdown(b *strings.Builder) {
	b.WriteString("## Overhead against the floor\n\n")
	fmt.Fprintf(b, "Floor: the cell's program (GoNB's main.go, go.mod and go.sum, captured right after the cell ran) built with "+
		"`go build` and its flags, then run as a plain binary in the notebook's folder; measured after each notebook of the "+
		"instrumented run. Ratio = warm cell time / (build + run). Median over %d experiment cells: **%s** "+
		"(over all %d Go cells with a floor, plain ones included: %s).\n\n",
		r.Floor.Cells, ratioText(r.Floor.MedianRatio), r.Floor.AllCells, ratioText(r.Floor.MedianRatioAll))
	for _, f := range r.Floor.Failed {
		fmt.Fprintf(b, "- floor failed: %s\n", f)
	}
	t := newTable(b, "notebook", "cell", "warm (s)", "floor build (s)", "floor run (s)", "floor (s)", "ratio", "first line")
	for _, nb := range r.Notebooks {
		for _, c := range nb.Cells {
			if c.Kind != KindExperiment || c.Floor == nil || c.Floor.Error != "" {
				continue
			}
			t.row(strings.TrimSuffix(nb.Notebook, ".ipynb"), fmt.Sprint(c.Index), sec(c.Warm), secv(c.Floor.Build),
				secv(c.Floor.Run), secv(c.Floor.Total), ratioText(c.Ratio), "`"+c.FirstLine+"`")
		}
	}
	b.WriteString("\n")
}

func ratioText(p *float64) string {
	if p == nil {
		return "–"
	}
	return fmt.Sprintf("%.2f×", *p)
}

func (r *Report) resourcesMarkdown(b *strings.Builder) {
	b.WriteString("## Resources\n\n")
	b.WriteString("Peak RSS in MiB, from the instrumented warm run. kernel and gopls: lifetime peaks (VmHWM); after the " +
		"last cell the bench asks for one completion, as a learner's Tab would, so that gopls loads the packages as in " +
		"interactive use. Sampled every 100 ms (a short process can peak between samples): the largest toolchain process " +
		"(go, compile, link), goimports, the cell's program, and the sum over the kernel's whole process tree (gopls " +
		"included). client: the Python process running nbclient (JupyterLab's server takes its place in a workshop). " +
		"cell max: the largest peak of a cell's program run as a plain binary (exact). CPU: seconds of CPU time over the " +
		"notebook's instrumented run, its headline repeats and extra cells included.\n\n")
	t := newTable(b, "notebook", "kernel (gonb)", "gopls", "toolchain", "goimports", "cell (sampled)", "kernel tree", "client",
		"cell max (plain binary)", "CPU s: kernel / started by it / gopls", "first completion (s)")
	var peak NotebookResources
	for _, nb := range r.Notebooks {
		res := nb.Resources
		cellMax := mib(res.CellMax)
		if res.CellMax > 0 {
			cellMax += fmt.Sprintf(" (cell %d)", res.CellMaxIndex)
		}
		t.row(nb.Notebook, mib(res.Kernel), mib(res.Gopls), mib(res.Toolchain), mib(res.GoImports), mib(res.CellTree),
			mib(res.Tree), mib(res.Client), cellMax, fmt.Sprintf("%.1f / %.1f / %.1f", res.CPUKernel, res.CPUChildren, res.CPUGopls),
			secv(res.Completion))
		peak = NotebookResources{Kernel: max(peak.Kernel, res.Kernel), Gopls: max(peak.Gopls, res.Gopls),
			Toolchain: max(peak.Toolchain, res.Toolchain), GoImports: max(peak.GoImports, res.GoImports),
			CellTree: max(peak.CellTree, res.CellTree), Tree: max(peak.Tree, res.Tree), Client: max(peak.Client, res.Client),
			CellMax: max(peak.CellMax, res.CellMax)}
	}
	t.row("**largest**", mib(peak.Kernel), mib(peak.Gopls), mib(peak.Toolchain), mib(peak.GoImports), mib(peak.CellTree),
		mib(peak.Tree), mib(peak.Client), mib(peak.CellMax), "", "")
	b.WriteString("\n")
	if d := r.Disk; d != nil {
		fmt.Fprintf(b, "Disk, Go caches that started empty (the cold run):\n\n")
		t := newTable(b, "when", "build cache", "module cache")
		t.row("after running every notebook once", mb(d.ColdBuildCache), mb(d.ColdModuleCache))
		if d.SetupError != "" {
			t.row("after setup's pre-build too", "failed: "+d.SetupError, "")
		} else if d.SetupBuildCache > 0 {
			t.row("after setup's pre-build too (what `docker/install.sh --warm-up` leaves)", mb(d.SetupBuildCache), mb(d.SetupModuleCache))
		}
		fmt.Fprintf(b, "\nGo toolchain (GOROOT): %s.\n\n", mb(d.Toolchain))
	}
}

func (r *Report) cellsMarkdown(b *strings.Builder) {
	b.WriteString("## Every cell\n\n")
	b.WriteString("Warm: the median, then each warm run. Phases are warm medians. Kinds: *command* has no Go code; " +
		"*experiment* is a Go cell whose program runs 0.1 s or more; *plain* is every other Go cell.\n\n")
	for _, nb := range r.Notebooks {
		fmt.Fprintf(b, "### %s\n\n", nb.Notebook)
		t := newTable(b, "cell", "kind", "tags", "warm (s)", "warm runs", "cold (s)", "goimports", "go get", "go build", "run",
			"kernel", "client", "floor (s)", "ratio", "first line")
		for _, c := range nb.Cells {
			ph := make([]string, len(PhaseNames))
			for i, name := range PhaseNames {
				ph[i] = "–"
				if c.Phases != nil {
					ph[i] = secv(c.Phases.Get(name))
				}
			}
			floor := "–"
			if c.Floor != nil {
				floor = secv(c.Floor.Total)
				if c.Floor.Error != "" {
					floor = "failed"
				}
			}
			cells := []string{fmt.Sprint(c.Index), c.Kind, strings.Join(c.Tags, " "), sec(c.Warm), runsList(c.WarmRuns), sec(c.Cold)}
			cells = append(cells, ph...)
			cells = append(cells, floor, ratioText(c.Ratio), "`"+c.FirstLine+"`")
			t.row(cells...)
		}
		b.WriteString("\n")
	}
}

const howToRead = `## How to read this report

- **Runs.** The bench executes every notebook (` + "`notebooks/NN_*.ipynb`" + `) headless with GoNB through the
  notebook tests' harness: three times with the Go caches warm, then once cold (empty GOCACHE and GOMODCACHE
  in a temporary folder, modules fetched from the module proxy). The first warm run is *instrumented*: after
  each cell it runs an extra, unsaved ` + "`!*`" + ` cell that copies GoNB's main.go, go.mod and go.sum; it runs
  each headline cell five times; and it samples memory. Its totals leave that extra time out.
- **Warm** is the median over the warm runs; a cell's time is nbclient's wall time for the cell, what a
  learner waits for. A notebook's total includes its kernel start.
- **Kinds of cells.** *command*: only special commands and shell lines (` + "`%goflags`, `!go version`" + `);
  *experiment*: the program runs 0.1 s or more (median of GoNB's run phase); *plain*: every other Go cell,
  whose time is GoNB's overhead plus the build.
- **Phases** come from GoNB's own log (the kernel runs from a copy of the kernelspec with ` + "`-v=2 -extra_log`" + `):
  goimports, go get, go build, run (the program, including sending its output), kernel other (message
  handling, composing main.go, special and shell commands), client (time the kernel was idle while the
  cell ran: Jupyter messages and nbclient).
- **Floor**: the same program built with ` + "`go build`" + ` and run as a plain binary, the least a kernel that
  compiles each cell can take. Outside a notebook the helpers print charts as text instead of sending them.
- **Stability**: relative spread = (max − min) / median of the five runs of a headline cell; FLAG above 15%.
  The values are read from the data of the cell's charts (the JSON copy helpers/chart sends with each chart),
  not from the sentences the cell prints; a run whose charts lack a series the bench needs is counted as missing.
  A share of trials in percent (lost updates in 04) is judged in percentage points instead, max − min; FLAG above
  15 points. A verdict in 05 (faster, tie or slower, from the 95% CIs) is flagged when one run says faster and
  another slower.
- **Budgets** are verdicts on this run, not tests: on a loaded machine a FAIL may be the load, so compare
  the load column and rerun on a quiet machine before acting on one.
`
