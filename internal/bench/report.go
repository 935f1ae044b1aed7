package bench

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Budgets, checked by the report (never by a timed test).
const (
	PlainCellBudget      = 0.4      // seconds: the median plain cell, warm
	ExperimentCellBudget = 5.0      // seconds: every experiment cell, warm
	CourseBudget         = 4 * 60.0 // seconds: the whole course, warm
	FloorRatioBudget     = 1.5      // the median experiment cell over its floor
	warmKind, coldKind   = "warm", "cold"
)

// Execution is one notebook executed in one run, as measured.
type Execution struct {
	Notebook    string             `json:"notebook"`
	Status      string             `json:"status"`
	Problems    []string           `json:"problems,omitempty"`
	KernelStart float64            `json:"kernel_start_seconds"`
	Total       float64            `json:"total_seconds"` // kernel start included; extra cells and repeats not
	Extra       float64            `json:"extra_seconds"` // the bench's extra cells and repeats
	LoadBefore  float64            `json:"load_before"`   // 1-minute load average
	LoadAfter   float64            `json:"load_after"`
	Cells       []CellRun          `json:"cells"`
	PeakRSS     map[string]int64   `json:"peak_rss_kib,omitempty"`
	CPU         map[string]float64 `json:"cpu_seconds,omitempty"`
	Completion  float64            `json:"completion_seconds,omitempty"` // the first Tab completion's reply
}

// CellRun is one code cell in one execution.
type CellRun struct {
	Index   int     `json:"index"`
	Seconds float64 `json:"seconds"`
	Phases  *Phases `json:"phases,omitempty"`
	Charts  bool    `json:"charts,omitempty"` // the cell showed a chart
}

// CourseRun is one pass over the course.
type CourseRun struct {
	Name         string      `json:"name"`
	Kind         string      `json:"kind"` // "warm" or "cold"
	Instrumented bool        `json:"instrumented"`
	Executions   []Execution `json:"executions"`
}

// NotebookInfo is what the report needs of a notebook's source.
type NotebookInfo struct {
	Name  string
	Cells []CellInfo // code cells
}

// CellInfo is one code cell's source.
type CellInfo struct {
	Index  int
	Tags   []string
	Source string
}

// Floor is a cell's program built with `go build` and run as a plain binary.
type Floor struct {
	Build     float64  `json:"build_seconds"`
	Run       float64  `json:"run_seconds"`
	Total     float64  `json:"total_seconds"`
	MaxRSSKiB int64    `json:"max_rss_kib"`
	ExitCode  int      `json:"exit_code"`
	BuildArgs []string `json:"build_args,omitempty"`
	Imports   []string `json:"imports,omitempty"` // of main.go
	Error     string   `json:"error,omitempty"`
}

// Machine describes where and when the bench ran.
type Machine struct {
	CPUs      int        `json:"cpus"`
	CPUModel  string     `json:"cpu_model"`
	GoVersion string     `json:"go_version"`
	Commit    string     `json:"commit"`
	Start     time.Time  `json:"start"`
	End       time.Time  `json:"end"`
	LoadStart [3]float64 `json:"load_start"`
	LoadEnd   [3]float64 `json:"load_end"`
	Command   string     `json:"command"`
}

// Disk is the disk used by the Go caches and toolchain, in bytes.
type Disk struct {
	// After the cold run, in the caches it started empty: what running every notebook once needs.
	ColdBuildCache  int64 `json:"cold_build_cache_bytes"`
	ColdModuleCache int64 `json:"cold_module_cache_bytes"`
	// The same caches after setup's pre-build as well (go mod download, go build
	// ./helpers/..., go build -race ./helpers/...): what docker/install.sh --warm-up leaves.
	SetupBuildCache  int64  `json:"setup_build_cache_bytes,omitempty"`
	SetupModuleCache int64  `json:"setup_module_cache_bytes,omitempty"`
	Toolchain        int64  `json:"toolchain_bytes"` // GOROOT
	SetupError       string `json:"setup_error,omitempty"`
}

// Inputs is everything measured, for Build.
type Inputs struct {
	Machine   Machine
	Notebooks []NotebookInfo
	Runs      []CourseRun
	Floors    map[string]map[int]*Floor // notebook → cell index → floor
	Stability []Stability
	Disk      *Disk
	Notes     []string
}

// Report is the bench's result: report.json, and report.md rendered from it.
type Report struct {
	Machine   Machine          `json:"machine"`
	Runs      []RunSummary     `json:"runs"`
	Course    CourseSummary    `json:"course"`
	Notebooks []NotebookReport `json:"notebooks"`
	Slowest   []CellRef        `json:"slowest_cells"`
	Breakdown Breakdown        `json:"breakdown"`
	Floor     FloorSummary     `json:"floor"`
	Stability []Stability      `json:"stability"`
	Disk      *Disk            `json:"disk,omitempty"`
	Budgets   []Verdict        `json:"budgets"`
	Notes     []string         `json:"notes,omitempty"`
	RawRuns   []CourseRun      `json:"raw_runs"`
}

// RunSummary is one run's totals.
type RunSummary struct {
	Name         string   `json:"name"`
	Kind         string   `json:"kind"`
	Instrumented bool     `json:"instrumented"`
	Total        float64  `json:"total_seconds"` // the notebooks' totals, bench extras excluded
	Extra        float64  `json:"extra_seconds"`
	Complete     bool     `json:"complete"` // every notebook ran cleanly
	LoadMin      float64  `json:"load_min"`
	LoadMax      float64  `json:"load_max"`
	Problems     []string `json:"problems,omitempty"`
}

// CourseSummary is the course as a whole.
type CourseSummary struct {
	WarmTotal        *float64 `json:"warm_total_seconds"` // median over the complete warm runs
	ColdTotal        *float64 `json:"cold_total_seconds"`
	KernelStartWarm  *float64 `json:"kernel_start_warm_seconds"` // median over notebooks and warm runs
	KernelStartCold  *float64 `json:"kernel_start_cold_seconds"` // the first notebook of the cold run
	FirstCellWarm    *float64 `json:"first_cell_warm_seconds"`   // the first notebook's first Go cell
	FirstCellCold    *float64 `json:"first_cell_cold_seconds"`
	FirstCellNB      string   `json:"first_cell_notebook,omitempty"`
	FirstCellIndex   int      `json:"first_cell_index"`
	PlainCells       int      `json:"plain_cells"`
	ExperimentCells  int      `json:"experiment_cells"`
	CommandCells     int      `json:"command_cells"`
	MedianPlainCell  *float64 `json:"median_plain_cell_seconds"`
	SlowestExpCell   *float64 `json:"slowest_experiment_cell_seconds"`
	MedianFloorRatio *float64 `json:"median_floor_ratio"`
}

// NotebookReport is one notebook over all runs.
type NotebookReport struct {
	Notebook        string            `json:"notebook"`
	Status          string            `json:"status"`
	WarmTotals      []float64         `json:"warm_totals_seconds"`
	WarmTotal       *float64          `json:"warm_total_seconds"`
	ColdTotal       *float64          `json:"cold_total_seconds"`
	KernelStartWarm *float64          `json:"kernel_start_warm_seconds"`
	KernelStartCold *float64          `json:"kernel_start_cold_seconds"`
	FirstCell       *FirstCell        `json:"first_cell,omitempty"`
	Cells           []CellReport      `json:"cells"`
	Resources       NotebookResources `json:"resources"`
	LoadRange       [2]float64        `json:"load_range"`
	byIndex         map[int]*CellReport
}

// FirstCell is a notebook's first Go cell: the one that compiles the helpers.
type FirstCell struct {
	Index int      `json:"index"`
	Warm  *float64 `json:"warm_seconds"`
	Cold  *float64 `json:"cold_seconds"`
}

// CellReport is one code cell over all runs.
type CellReport struct {
	Index     int       `json:"index"`
	Tags      []string  `json:"tags,omitempty"`
	FirstLine string    `json:"first_line"`
	Kind      string    `json:"kind"`
	WarmRuns  []float64 `json:"warm_runs_seconds"`
	Warm      *float64  `json:"warm_seconds"` // median of WarmRuns
	Cold      *float64  `json:"cold_seconds"`
	Phases    *Phases   `json:"phases,omitempty"` // medians over the warm runs
	Floor     *Floor    `json:"floor,omitempty"`
	Ratio     *float64  `json:"floor_ratio,omitempty"` // Warm / Floor.Total
}

// NotebookResources are the peak RSS figures of one notebook, in KiB.
type NotebookResources struct {
	// From the instrumented warm run: the kernel's and gopls's lifetime peaks (VmHWM), and
	// sampled peaks (every 100 ms) of one toolchain process, goimports, one cell
	// program, and the whole kernel process tree; the executing client (nbclient).
	Kernel    int64 `json:"kernel_kib"`
	Gopls     int64 `json:"gopls_kib"`
	Toolchain int64 `json:"toolchain_sampled_kib"`
	GoImports int64 `json:"goimports_sampled_kib"`
	CellTree  int64 `json:"cell_sampled_kib"`
	Tree      int64 `json:"tree_sampled_kib"`
	Client    int64 `json:"client_kib"`
	// The largest peak RSS of a cell's program run as a plain binary (exact, from wait4).
	CellMax      int64 `json:"cell_max_kib"`
	CellMaxIndex int   `json:"cell_max_index"`
	// CPU seconds over the notebook: the kernel, what it started and waited for (goimports,
	// go, the cells' programs), gopls; and how long the first completion (Tab) took.
	CPUKernel   float64 `json:"cpu_kernel_seconds"`
	CPUChildren float64 `json:"cpu_children_seconds"`
	CPUGopls    float64 `json:"cpu_gopls_seconds"`
	Completion  float64 `json:"first_completion_seconds"`
}

// CellRef names a cell of a notebook, with its warm time.
type CellRef struct {
	Notebook  string  `json:"notebook"`
	Index     int     `json:"index"`
	Kind      string  `json:"kind"`
	FirstLine string  `json:"first_line"`
	Warm      float64 `json:"warm_seconds"`
	Phases    *Phases `json:"phases,omitempty"`
}

// Breakdown is where the course's cell time goes, summed over the cells' warm medians.
type Breakdown struct {
	Total       map[string]float64            `json:"total_seconds"`        // phase → seconds
	ByKind      map[string]map[string]float64 `json:"by_kind_seconds"`      // kind → phase → seconds
	MedianPlain map[string]float64            `json:"median_plain_seconds"` // phase → median over plain cells
	CellSeconds float64                       `json:"cell_seconds"`         // the sum of the cells' warm medians
	Unexplained float64                       `json:"cells_without_phases"` // seconds of cells the log did not cover
	// GoNB's go build phase of the Go cells whose program imports helpers/chart (and so
	// links go-echarts), against the others: median seconds and how many cells.
	BuildWithChart    *float64 `json:"go_build_with_chart_seconds"`
	BuildWithoutChart *float64 `json:"go_build_without_chart_seconds"`
	CellsWithChart    int      `json:"cells_with_chart"`
	CellsWithoutChart int      `json:"cells_without_chart"`
}

// ChartPackage is the helper package whose import makes a cell's program link go-echarts.
const ChartPackage = "github.com/go-concurrency-lab/course/helpers/chart"

// FloorSummary sums up the floors of the experiment cells.
type FloorSummary struct {
	Cells       int      `json:"cells"`
	MedianRatio *float64 `json:"median_ratio"`
	// Over every Go cell with a floor, plain cells included (for information).
	AllCells       int      `json:"all_cells"`
	MedianRatioAll *float64 `json:"median_ratio_all"`
	Failed         []string `json:"failed,omitempty"`
}

// Verdict is one budget's PASS, FAIL or SKIP.
type Verdict struct {
	Name   string   `json:"name"`
	Limit  float64  `json:"limit"`
	Unit   string   `json:"unit"`
	Value  *float64 `json:"value"`
	Result string   `json:"result"` // PASS, FAIL or SKIP
	Detail string   `json:"detail,omitempty"`
}

// Line is the verdict as printed: "PASS  name: value < limit (detail)".
func (v Verdict) Line() string {
	val := "n/a"
	if v.Value != nil {
		val = formatValue(*v.Value, v.Unit)
	}
	s := fmt.Sprintf("%-4s  %s: %s < %s", v.Result, v.Name, val, formatValue(v.Limit, v.Unit))
	if v.Detail != "" {
		s += " (" + v.Detail + ")"
	}
	return s
}

func formatValue(x float64, unit string) string {
	switch unit {
	case "s":
		if x >= 60 {
			return fmt.Sprintf("%.0f s (%s)", x, time.Duration(x*float64(time.Second)).Round(time.Second))
		}
		return fmt.Sprintf("%.2f s", x)
	case "×":
		return fmt.Sprintf("%.2f×", x)
	}
	return fmt.Sprintf("%.3g %s", x, unit)
}

func ptr(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// Build computes the report from the measurements.
func Build(in Inputs) *Report {
	r := &Report{Machine: in.Machine, Stability: in.Stability, Disk: in.Disk, Notes: in.Notes, RawRuns: in.Runs}
	for _, run := range in.Runs {
		r.Runs = append(r.Runs, summarizeRun(run, len(in.Notebooks)))
	}
	for _, info := range in.Notebooks {
		r.Notebooks = append(r.Notebooks, buildNotebook(info, in.Runs, in.Floors[info.Name]))
	}
	r.Course = courseSummary(r)
	r.Slowest = slowest(r.Notebooks, 10)
	r.Breakdown = breakdown(r.Notebooks)
	r.Floor = floorSummary(r.Notebooks)
	r.Course.MedianFloorRatio = r.Floor.MedianRatio
	r.Budgets = budgets(r)
	return r
}

func summarizeRun(run CourseRun, notebooks int) RunSummary {
	s := RunSummary{Name: run.Name, Kind: run.Kind, Instrumented: run.Instrumented, Complete: len(run.Executions) == notebooks,
		LoadMin: math.Inf(1), LoadMax: math.Inf(-1)}
	for _, e := range run.Executions {
		s.Total += e.Total
		s.Extra += e.Extra
		s.LoadMin = min(s.LoadMin, e.LoadBefore, e.LoadAfter)
		s.LoadMax = max(s.LoadMax, e.LoadBefore, e.LoadAfter)
		if e.Status != "ok" {
			s.Complete = false
			s.Problems = append(s.Problems, e.Notebook+": "+e.Status)
		}
		for _, p := range e.Problems {
			s.Problems = append(s.Problems, e.Notebook+": "+p)
		}
	}
	if len(run.Executions) == 0 {
		s.LoadMin, s.LoadMax = 0, 0
	}
	return s
}

func buildNotebook(info NotebookInfo, runs []CourseRun, floors map[int]*Floor) NotebookReport {
	nr := NotebookReport{Notebook: info.Name, Status: "ok", byIndex: map[int]*CellReport{},
		LoadRange: [2]float64{math.Inf(1), math.Inf(-1)}}
	nr.Cells = make([]CellReport, len(info.Cells))
	for i, c := range info.Cells {
		nr.Cells[i] = CellReport{Index: c.Index, Tags: c.Tags, FirstLine: firstLine(c.Source), Floor: floors[c.Index]}
		nr.byIndex[c.Index] = &nr.Cells[i]
	}
	phases := map[int][]*Phases{}
	charts := map[int]bool{}
	var warmStarts []float64
	for _, run := range runs {
		for _, e := range run.Executions {
			if e.Notebook != info.Name {
				continue
			}
			nr.LoadRange[0] = min(nr.LoadRange[0], e.LoadBefore, e.LoadAfter)
			nr.LoadRange[1] = max(nr.LoadRange[1], e.LoadBefore, e.LoadAfter)
			if e.Status != "ok" || len(e.Problems) > 0 {
				nr.Status = fmt.Sprintf("%s: %s", run.Name, e.Status)
				if e.Status == "ok" {
					nr.Status = fmt.Sprintf("%s: %d problem(s)", run.Name, len(e.Problems))
				}
			}
			if run.Kind == coldKind {
				nr.ColdTotal, nr.KernelStartCold = ptr(e.Total), ptr(e.KernelStart)
			} else {
				nr.WarmTotals = append(nr.WarmTotals, e.Total)
				warmStarts = append(warmStarts, e.KernelStart)
			}
			for _, cr := range e.Cells {
				c := nr.byIndex[cr.Index]
				if c == nil {
					continue
				}
				charts[cr.Index] = charts[cr.Index] || cr.Charts
				if run.Kind == coldKind {
					c.Cold = ptr(cr.Seconds)
					continue
				}
				c.WarmRuns = append(c.WarmRuns, cr.Seconds)
				if cr.Phases != nil {
					phases[cr.Index] = append(phases[cr.Index], cr.Phases)
				}
			}
			if run.Instrumented {
				nr.Resources = resources(e)
			}
		}
	}
	if math.IsInf(nr.LoadRange[0], 1) {
		nr.LoadRange = [2]float64{}
	}
	nr.WarmTotal, nr.KernelStartWarm = ptr(Median(nr.WarmTotals)), ptr(Median(warmStarts))
	for i := range nr.Cells {
		c := &nr.Cells[i]
		c.Warm = ptr(Median(c.WarmRuns))
		c.Phases = medianPhases(phases[c.Index])
		run := math.NaN()
		switch {
		case c.Phases != nil && c.Phases.Built:
			run = c.Phases.Run
		case c.Phases == nil && c.Floor != nil && c.Floor.Error == "":
			run = c.Floor.Run
		}
		c.Kind = Classify(info.Cells[i].Source, run, charts[c.Index])
		if c.Floor != nil && c.Floor.Error == "" && c.Floor.Total > 0 && c.Warm != nil {
			c.Ratio = ptr(*c.Warm / c.Floor.Total)
		}
		if c.Floor != nil && c.Floor.Error == "" && c.Floor.MaxRSSKiB > nr.Resources.CellMax {
			nr.Resources.CellMax, nr.Resources.CellMaxIndex = c.Floor.MaxRSSKiB, c.Index
		}
		if nr.FirstCell == nil && c.Kind != KindCommand {
			nr.FirstCell = &FirstCell{Index: c.Index, Warm: c.Warm, Cold: c.Cold}
		}
	}
	return nr
}

func resources(e Execution) NotebookResources {
	peak := e.PeakRSS
	return NotebookResources{Kernel: peak["kernel_hwm"], Gopls: peak["gopls_hwm"], Toolchain: peak["toolchain"],
		GoImports: peak["goimports"], CellTree: peak["cell"], Tree: peak["tree"], Client: peak["client"],
		CPUKernel: e.CPU["kernel"], CPUChildren: e.CPU["kernel_children"], CPUGopls: e.CPU["gopls"], Completion: e.Completion}
}

// medianPhases is the phase-by-phase median of ps (nil for none).
func medianPhases(ps []*Phases) *Phases {
	if len(ps) == 0 {
		return nil
	}
	out := &Phases{}
	for _, name := range PhaseNames {
		xs := make([]float64, len(ps))
		for i, p := range ps {
			xs[i] = p.Get(name)
		}
		out.set(name, Median(xs))
	}
	for _, p := range ps {
		out.Ran = out.Ran || p.Ran
		if p.Built && !out.Built {
			out.Built, out.BuildArgs = true, p.BuildArgs
		}
	}
	return out
}

func courseSummary(r *Report) CourseSummary {
	var cs CourseSummary
	var warm []float64
	for _, run := range r.Runs {
		if !run.Complete {
			continue
		}
		if run.Kind == coldKind {
			cs.ColdTotal = ptr(run.Total)
		} else {
			warm = append(warm, run.Total)
		}
	}
	cs.WarmTotal = ptr(Median(warm))
	var starts []float64
	var plain []float64
	slowestExp := math.NaN()
	for i, nb := range r.Notebooks {
		for _, run := range r.RawRuns {
			for _, e := range run.Executions {
				if e.Notebook == nb.Notebook && run.Kind != coldKind {
					starts = append(starts, e.KernelStart)
				}
			}
		}
		if i == 0 {
			cs.KernelStartCold = nb.KernelStartCold
			if nb.FirstCell != nil {
				cs.FirstCellNB, cs.FirstCellIndex = nb.Notebook, nb.FirstCell.Index
				cs.FirstCellWarm, cs.FirstCellCold = nb.FirstCell.Warm, nb.FirstCell.Cold
			}
		}
		for _, c := range nb.Cells {
			switch c.Kind {
			case KindCommand:
				cs.CommandCells++
			case KindPlain:
				cs.PlainCells++
				if c.Warm != nil {
					plain = append(plain, *c.Warm)
				}
			case KindExperiment:
				cs.ExperimentCells++
				if c.Warm != nil && (math.IsNaN(slowestExp) || *c.Warm > slowestExp) {
					slowestExp = *c.Warm
				}
			}
		}
	}
	cs.KernelStartWarm = ptr(Median(starts))
	cs.MedianPlainCell = ptr(Median(plain))
	cs.SlowestExpCell = ptr(slowestExp)
	return cs
}

func slowest(nbs []NotebookReport, n int) []CellRef {
	var all []CellRef
	for _, nb := range nbs {
		for _, c := range nb.Cells {
			if c.Warm != nil {
				all = append(all, CellRef{Notebook: nb.Notebook, Index: c.Index, Kind: c.Kind, FirstLine: c.FirstLine, Warm: *c.Warm, Phases: c.Phases})
			}
		}
	}
	slices.SortStableFunc(all, func(a, b CellRef) int { return cmp.Compare(b.Warm, a.Warm) })
	return all[:min(n, len(all))]
}

func breakdown(nbs []NotebookReport) Breakdown {
	b := Breakdown{Total: map[string]float64{}, ByKind: map[string]map[string]float64{}, MedianPlain: map[string]float64{}}
	plain := map[string][]float64{}
	var withChart, withoutChart []float64
	for _, nb := range nbs {
		for _, c := range nb.Cells {
			if c.Phases != nil && c.Phases.Ran && c.Floor != nil && c.Floor.Error == "" {
				if slices.Contains(c.Floor.Imports, ChartPackage) {
					withChart = append(withChart, c.Phases.GoBuild)
				} else {
					withoutChart = append(withoutChart, c.Phases.GoBuild)
				}
			}
			if c.Warm == nil {
				continue
			}
			b.CellSeconds += *c.Warm
			if c.Phases == nil {
				b.Unexplained += *c.Warm
				continue
			}
			if b.ByKind[c.Kind] == nil {
				b.ByKind[c.Kind] = map[string]float64{}
			}
			for _, name := range PhaseNames {
				v := c.Phases.Get(name)
				b.Total[name] += v
				b.ByKind[c.Kind][name] += v
				if c.Kind == KindPlain {
					plain[name] = append(plain[name], v)
				}
			}
		}
	}
	for name, xs := range plain {
		b.MedianPlain[name] = Median(xs)
	}
	b.BuildWithChart, b.CellsWithChart = ptr(Median(withChart)), len(withChart)
	b.BuildWithoutChart, b.CellsWithoutChart = ptr(Median(withoutChart)), len(withoutChart)
	return b
}

func floorSummary(nbs []NotebookReport) FloorSummary {
	var fs FloorSummary
	var ratios, all []float64
	for _, nb := range nbs {
		for _, c := range nb.Cells {
			if c.Floor != nil && c.Ratio != nil {
				all = append(all, *c.Ratio)
			}
			if c.Kind != KindExperiment || c.Floor == nil {
				continue
			}
			if c.Floor.Error != "" {
				fs.Failed = append(fs.Failed, fmt.Sprintf("%s cell %d: %s", nb.Notebook, c.Index, c.Floor.Error))
				continue
			}
			if c.Ratio != nil {
				ratios = append(ratios, *c.Ratio)
			}
		}
	}
	fs.Cells, fs.MedianRatio = len(ratios), ptr(Median(ratios))
	fs.AllCells, fs.MedianRatioAll = len(all), ptr(Median(all))
	return fs
}

func budgets(r *Report) []Verdict {
	verdict := func(name string, limit float64, unit string, value *float64, detail string) Verdict {
		v := Verdict{Name: name, Limit: limit, Unit: unit, Value: value, Detail: detail, Result: "SKIP"}
		if value != nil {
			v.Result = "FAIL"
			if *value < limit {
				v.Result = "PASS"
			}
		}
		return v
	}
	cs := r.Course
	var slow []string
	for _, nb := range r.Notebooks {
		for _, c := range nb.Cells {
			if c.Kind == KindExperiment && c.Warm != nil && *c.Warm >= ExperimentCellBudget {
				slow = append(slow, fmt.Sprintf("%s cell %d %.1f s", strings.TrimSuffix(nb.Notebook, ".ipynb"), c.Index, *c.Warm))
			}
		}
	}
	expDetail := fmt.Sprintf("slowest of %d experiment cells", cs.ExperimentCells)
	if len(slow) > 0 {
		expDetail += "; over: " + strings.Join(slow, ", ")
	}
	warmRuns := 0
	for _, run := range r.Runs {
		if run.Kind == warmKind && run.Complete {
			warmRuns++
		}
	}
	courseDetail := fmt.Sprintf("median of %d complete warm runs, kernel starts included", warmRuns)
	floorDetail := fmt.Sprintf("over %d experiment cells with a floor", r.Floor.Cells)
	if len(r.Floor.Failed) > 0 {
		floorDetail += fmt.Sprintf("; %d floor(s) failed", len(r.Floor.Failed))
	}
	return []Verdict{
		verdict("median plain cell, warm", PlainCellBudget, "s", cs.MedianPlainCell, fmt.Sprintf("%d plain cells", cs.PlainCells)),
		verdict("every experiment cell, warm", ExperimentCellBudget, "s", cs.SlowestExpCell, expDetail),
		verdict("whole course, warm", CourseBudget, "s", cs.WarmTotal, courseDetail),
		verdict("median cell-over-floor ratio", FloorRatioBudget, "×", r.Floor.MedianRatio, floorDetail),
	}
}
