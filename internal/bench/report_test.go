package bench

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ph is a cell's phases with the given build and run seconds (0.05 goimports, 0.03 go get).
func ph(build, run float64) *Phases {
	return &Phases{GoImports: 0.05, GoGet: 0.03, GoBuild: build, Run: run, Built: true, Ran: true}
}

// sample is a course of one notebook with a command cell (2), two plain cells (3, 5), and
// two experiment cells (7, 9), run warm twice and cold once.
func sample() Inputs {
	info := NotebookInfo{Name: "01_x.ipynb", Cells: []CellInfo{
		{Index: 2, Tags: []string{"setup"}, Source: "!*go mod edit -replace=a=b"},
		{Index: 3, Tags: []string{"setup"}, Source: "import \"x/helpers\"\n%%\nhelpers.PrintMachine()"},
		{Index: 5, Source: "func f() {}"},
		{Index: 7, Tags: []string{"speedup"}, Source: "%%\nmeasure()"},
		{Index: 9, Source: "%%\nslow()"},
	}}
	warm := func(name string, scale float64, instrumented bool) CourseRun {
		e := Execution{Notebook: "01_x.ipynb", Status: "ok", KernelStart: 0.3 * scale, Total: 100 * scale, LoadBefore: 3, LoadAfter: 5,
			Cells: []CellRun{
				{Index: 2, Seconds: 0.1, Phases: &Phases{Kernel: 0.1}},
				{Index: 3, Seconds: 0.5 * scale, Phases: ph(0.4*scale, 0.001)},
				{Index: 5, Seconds: 0.3 * scale, Phases: ph(0.2*scale, 0.0)},
				{Index: 7, Seconds: 3 * scale, Phases: ph(0.5, 2.4*scale)},
				{Index: 9, Seconds: 6 * scale, Phases: ph(0.5, 5.4*scale)},
			}}
		if instrumented {
			e.Extra = 20
			e.PeakRSS = map[string]int64{"kernel_hwm": 20480, "gopls_hwm": 122880, "toolchain": 133120, "tree": 409600, "client": 76800}
			e.CPU, e.Completion = map[string]float64{"kernel": 0.5, "kernel_children": 40, "gopls": 3}, 12.5
		}
		return CourseRun{Name: name, Kind: warmKind, Instrumented: instrumented, Executions: []Execution{e}}
	}
	cold := CourseRun{Name: "cold", Kind: coldKind, Executions: []Execution{{Notebook: "01_x.ipynb", Status: "ok", KernelStart: 0.9, Total: 180,
		Cells: []CellRun{{Index: 2, Seconds: 2}, {Index: 3, Seconds: 14}, {Index: 5, Seconds: 0.4}, {Index: 7, Seconds: 3.1}, {Index: 9, Seconds: 6.2}}}}}
	return Inputs{
		Machine:   Machine{CPUs: 2, Command: "bench"},
		Notebooks: []NotebookInfo{info},
		Runs:      []CourseRun{warm("warm-1", 1, true), warm("warm-2", 1.2, false), cold},
		Floors: map[string]map[int]*Floor{"01_x.ipynb": {
			3: {Build: 0.3, Run: 0.01, Total: 0.31, MaxRSSKiB: 9000, Imports: []string{"github.com/go-concurrency-lab/course/helpers"}},
			5: {Build: 0.2, Run: 0.01, Total: 0.21},
			7: {Build: 0.4, Run: 2.0, Total: 2.4, MaxRSSKiB: 30000, Imports: []string{"fmt", ChartPackage}},
			9: {Error: "go build: exit status 1: boom"},
		}},
		Disk: &Disk{ColdBuildCache: 400e6, ColdModuleCache: 100e6, Toolchain: 240e6},
	}
}

func value(t *testing.T, p *float64) float64 {
	t.Helper()
	if p == nil {
		t.Fatal("value is nil")
	}
	return *p
}

func TestBuild(t *testing.T) {
	r := Build(sample())
	nb := r.Notebooks[0]
	kinds := ""
	for _, c := range nb.Cells {
		kinds += c.Kind + " "
	}
	if kinds != "command plain plain experiment experiment " {
		t.Errorf("kinds = %s", kinds)
	}
	c3, c7 := nb.Cells[1], nb.Cells[3]
	if !near(value(t, c3.Warm), 0.55) || !near(value(t, c3.Cold), 14) || len(c3.WarmRuns) != 2 {
		t.Errorf("cell 3: warm %v cold %v runs %v", c3.Warm, c3.Cold, c3.WarmRuns)
	}
	if !near(c3.Phases.GoBuild, 0.44) || !near(c7.Phases.Run, 2.64) || !c7.Phases.Ran {
		t.Errorf("median phases: cell 3 %+v, cell 7 %+v", c3.Phases, c7.Phases)
	}
	if !near(value(t, c7.Ratio), 3.3/2.4) || nb.Cells[4].Ratio != nil {
		t.Errorf("ratios: cell 7 %v, cell 9 %v", c7.Ratio, nb.Cells[4].Ratio)
	}
	if nb.FirstCell == nil || nb.FirstCell.Index != 3 || !near(value(t, nb.FirstCell.Cold), 14) {
		t.Errorf("first cell = %+v", nb.FirstCell)
	}
	if !near(value(t, nb.WarmTotal), 110) || !near(value(t, nb.ColdTotal), 180) || !near(value(t, nb.KernelStartWarm), 0.33) {
		t.Errorf("notebook totals: warm %v cold %v kernel start %v", nb.WarmTotal, nb.ColdTotal, nb.KernelStartWarm)
	}
	if res := nb.Resources; res.Gopls != 122880 || res.CellMax != 30000 || res.CellMaxIndex != 7 || res.Tree != 409600 ||
		res.CPUChildren != 40 || res.Completion != 12.5 {
		t.Errorf("resources = %+v", res)
	}

	c := r.Course
	if !near(value(t, c.WarmTotal), 110) || !near(value(t, c.ColdTotal), 180) {
		t.Errorf("course totals: %v %v", c.WarmTotal, c.ColdTotal)
	}
	if c.PlainCells != 2 || c.ExperimentCells != 2 || c.CommandCells != 1 || !near(value(t, c.MedianPlainCell), (0.55+0.33)/2) {
		t.Errorf("course cells = %+v", c)
	}
	if c.FirstCellNB != "01_x.ipynb" || !near(value(t, c.FirstCellWarm), 0.55) || !near(value(t, c.KernelStartCold), 0.9) {
		t.Errorf("first cell: %+v", c)
	}
	if r.Runs[0].Extra != 20 || r.Runs[0].Total != 100 || !r.Runs[0].Complete || r.Runs[0].LoadMax != 5 {
		t.Errorf("run summary = %+v", r.Runs[0])
	}

	if len(r.Slowest) != 5 || r.Slowest[0].Index != 9 || r.Slowest[1].Index != 7 || r.Slowest[4].Index != 2 {
		t.Errorf("slowest = %+v", r.Slowest)
	}
	bd := r.Breakdown
	if !near(bd.Total["go_build"], 0.44+0.22+0.5+0.5) || !near(bd.ByKind[KindExperiment]["run"], 2.64+5.94) ||
		!near(bd.MedianPlain["go_get"], 0.03) || !near(bd.ByKind[KindCommand]["kernel_other"], 0.1) {
		t.Errorf("breakdown = %+v", bd)
	}
	if bd.CellsWithChart != 1 || !near(value(t, bd.BuildWithChart), 0.5) || bd.CellsWithoutChart != 2 ||
		!near(value(t, bd.BuildWithoutChart), (0.44+0.22)/2) {
		t.Errorf("go build by chart import = %+v", bd)
	}
	if r.Floor.Cells != 1 || !near(value(t, r.Floor.MedianRatio), 3.3/2.4) || len(r.Floor.Failed) != 1 ||
		r.Floor.AllCells != 3 || !near(value(t, r.Floor.MedianRatioAll), 0.33/0.21) {
		t.Errorf("floor summary = %+v", r.Floor)
	}
}

// A cell that shows a chart is an experiment however fast its program runs.
func TestChartCellIsExperiment(t *testing.T) {
	in := Inputs{
		Notebooks: []NotebookInfo{{Name: "04_x.ipynb", Cells: []CellInfo{{Index: 7, Source: "%%\nchart.Show(h)"}, {Index: 8, Source: "%%\nf()"}}}},
		Runs: []CourseRun{{Name: "warm-1", Kind: warmKind, Executions: []Execution{{Notebook: "04_x.ipynb", Status: "ok", Cells: []CellRun{
			{Index: 7, Seconds: 0.8, Phases: ph(0.5, 0.04), Charts: true},
			{Index: 8, Seconds: 0.4, Phases: ph(0.3, 0.01)},
		}}}}},
	}
	cells := Build(in).Notebooks[0].Cells
	if cells[0].Kind != KindExperiment || cells[1].Kind != KindPlain {
		t.Errorf("kinds = %s, %s", cells[0].Kind, cells[1].Kind)
	}
}

func TestBudgets(t *testing.T) {
	r := Build(sample())
	results := map[string]Verdict{}
	for _, v := range r.Budgets {
		results[v.Name] = v
	}
	for name, want := range map[string]string{
		"median plain cell, warm":      "FAIL", // 0.44 s
		"every experiment cell, warm":  "FAIL", // cell 9: 6.6 s
		"whole course, warm":           "PASS", // 110 s
		"median cell-over-floor ratio": "PASS", // 1.375
	} {
		if got := results[name].Result; got != want {
			t.Errorf("%s: %s, want %s (%+v)", name, got, want, results[name])
		}
	}
	if d := results["every experiment cell, warm"].Detail; !strings.Contains(d, "01_x cell 9 6.6 s") {
		t.Errorf("experiment detail = %q", d)
	}
	if d := results["median cell-over-floor ratio"].Detail; !strings.Contains(d, "1 floor(s) failed") {
		t.Errorf("floor detail = %q", d)
	}

	// Without floors and with an incomplete warm run: SKIPs.
	in := sample()
	in.Floors = nil
	in.Runs[0].Executions[0].Status = "timeout: cell 9"
	in.Runs[1].Executions[0].Status = "dead kernel"
	r = Build(in)
	for _, v := range r.Budgets {
		if (v.Name == "whole course, warm" || v.Name == "median cell-over-floor ratio") && v.Result != "SKIP" {
			t.Errorf("%s = %s, want SKIP", v.Name, v.Result)
		}
	}
	if r.Runs[0].Complete || r.Notebooks[0].Status == "ok" {
		t.Errorf("an incomplete run counts as complete: %+v", r.Runs[0])
	}
}

func TestVerdictLine(t *testing.T) {
	x, y := 0.31, 250.0
	for v, want := range map[*Verdict]string{
		{Name: "median plain cell, warm", Limit: 0.4, Unit: "s", Value: &x, Result: "PASS", Detail: "40 plain cells"}: "PASS  median plain cell, warm: 0.31 s < 0.40 s (40 plain cells)",
		{Name: "whole course, warm", Limit: 240, Unit: "s", Value: &y, Result: "FAIL"}:                                "FAIL  whole course, warm: 250 s (4m10s) < 240 s (4m0s)",
		{Name: "median cell-over-floor ratio", Limit: 1.5, Unit: "×", Result: "SKIP"}:                                 "SKIP  median cell-over-floor ratio: n/a < 1.50×",
	} {
		if got := v.Line(); got != want {
			t.Errorf("line = %q, want %q", got, want)
		}
	}
}

func TestWriteReport(t *testing.T) {
	in := sample()
	in.Stability = []Stability{
		stability("01_x.ipynb", Headlines[0], "CPU-bound speed-up, GOMAXPROCS=2", "×", []float64{1.6, 1.7, 1.9, 1.8, 1.75}, 5),
		{Notebook: "05_x.ipynb", Tag: "throughput", What: "lock throughput", Flagged: true, Note: "missing: no cell tagged \"throughput\""},
		stability("05_x.ipynb", Headline{Tag: "throughput", What: "lock verdict", Verdict: true}, "RWMutex vs Mutex, lookup only, 100% reads",
			"verdict", []float64{1, 0, -1, 1, 1}, 5),
	}
	r := Build(in)
	dir := t.TempDir()
	if err := r.Write(dir); err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(filepath.Join(dir, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"FAIL  median plain cell, warm: 0.44 s < 0.40 s",
		"FLAG  01_x.ipynb speedup: CPU-bound speed-up, GOMAXPROCS=2 spread 17% > 15% (1.60, 1.70, 1.90, 1.80, 1.75 ×)",
		"FLAG  05_x.ipynb throughput (lock throughput): missing",
		"FLAG  05_x.ipynb throughput: RWMutex vs Mutex, lookup only, 100% reads: contradicted: faster in 3, slower in 1, tie in 1 (faster, tie, slower, faster, faster)",
		"| 05_x | throughput | RWMutex vs Mutex, lookup only, 100% reads | faster, tie, slower, faster, faster | – | contradicted: faster in 3, slower in 1, tie in 1 | FLAG |",
		"| 1 | 01_x.ipynb | 9 | experiment | 6.60 |",
		"| go build | 1.66 |",
		"| 01_x | 7 | 3.30 | 0.40 | 2.00 | 2.40 | 1.38× |",
		"| **largest** | 20 | 120 | 130 |",
		"| 0.5 / 40.0 / 3.0 | 12.50 |",
		"0.50 s for the 1 Go cells whose program imports helpers/chart",
		"| after running every notebook once | 400 MB | 100 MB |",
		"## How to read this report",
	} {
		if !strings.Contains(string(md), want) {
			t.Errorf("report.md lacks %q", want)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Budgets   []Verdict
		Notebooks []struct {
			Cells []struct {
				Kind  string
				Ratio *float64 `json:"floor_ratio"`
			}
		}
		Stability []Stability
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Budgets) != 4 || back.Notebooks[0].Cells[3].Kind != KindExperiment || back.Notebooks[0].Cells[3].Ratio == nil ||
		back.Stability[1].RelativeSpread != nil || math.Abs(*back.Stability[0].RelativeSpread-0.3/1.75) > 1e-9 {
		t.Errorf("report.json round trip: %+v", back)
	}
}
