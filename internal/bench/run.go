// Package bench is `make bench`: it executes the whole course headless several times,
// warm and cold, and reports how long the notebooks and their cells take, where GoNB's
// time per cell goes, how close each experiment cell comes to the same program built and
// run as a plain binary, how stable the headline measurements are, and what memory and
// disk a learner needs. Budgets are printed as PASS/FAIL verdicts, never as tests.
//
// The report logic (Build, Markdown, the log parser, the headline readers) is unit
// tested without a kernel; Run does the executing.
package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

// Config is what Run does.
type Config struct {
	Root        string        // the course repository
	Notebooks   []string      // the notebooks, in order, all in one folder
	Out         string        // the report folder (reports/bench)
	Warm        int           // warm runs; the first is instrumented
	Cold        bool          // one run with empty Go caches
	Repeats     int           // runs of each headline cell in the instrumented run
	Floors      bool          // measure each Go cell's floor in the instrumented run
	SetupDisk   bool          // after the cold run, run setup's pre-build in its caches and measure them again
	CellTimeout time.Duration // safety net per cell
	Command     string        // how the bench was started, for the report
	Progress    io.Writer     // progress lines
}

const kernelName = "golab-bench"

type runner struct {
	cfg       Config
	tmp       string
	installed []byte   // the installed GoNB kernel.json
	notebooks []string // the snapshot of the notebooks, executed in dir
	dir       string   // the notebooks' folder
	floors    map[string]map[int]*Floor
	stability []Stability
	notes     []string
}

// Run executes the course as cfg says, writes report.json and report.md into cfg.Out
// and returns the report.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if len(cfg.Notebooks) == 0 {
		return nil, fmt.Errorf("bench: no notebooks")
	}
	py, err := notebook.Python()
	if err != nil {
		return nil, err
	}
	specPath := filepath.Join(filepath.Dir(filepath.Dir(py)), "share", "jupyter", "kernels", "gonb", "kernel.json")
	installed, err := os.ReadFile(specPath)
	if err != nil {
		return nil, fmt.Errorf("bench: the GoNB kernelspec: %w (run `make setup`)", err)
	}
	tmp, err := os.MkdirTemp("", "golab-bench-")
	if err != nil {
		return nil, err
	}
	defer func() {
		makeWritable(tmp)
		os.RemoveAll(tmp)
	}()
	r := &runner{cfg: cfg, tmp: tmp, installed: installed, floors: map[string]map[int]*Floor{}}
	in := Inputs{Floors: r.floors}
	in.Machine = Machine{CPUs: runtime.NumCPU(), CPUModel: cpuModel(), GoVersion: output(ctx, cfg.Root, "go", "env", "GOVERSION"),
		Commit: commit(ctx, cfg.Root), Start: time.Now(), LoadStart: loadAverage(), Command: cfg.Command}
	// The notebooks are copied once, so that every run executes the same cells even while
	// their authors edit them; the copies run in the notebooks' own folder.
	r.dir = filepath.Dir(cfg.Notebooks[0])
	snapshot := filepath.Join(tmp, "notebooks")
	if err := os.MkdirAll(snapshot, 0o755); err != nil {
		return nil, err
	}
	for _, path := range cfg.Notebooks {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		copyPath := filepath.Join(snapshot, filepath.Base(path))
		if err := os.WriteFile(copyPath, b, 0o644); err != nil {
			return nil, err
		}
		r.notebooks = append(r.notebooks, copyPath)
		nb, err := notebook.Read(copyPath)
		if err != nil {
			return nil, err
		}
		info := NotebookInfo{Name: filepath.Base(path)}
		for _, c := range nb.CodeCells() {
			info.Cells = append(info.Cells, CellInfo{Index: c.Index, Tags: c.Tags, Source: c.Source})
		}
		in.Notebooks = append(in.Notebooks, info)
	}

	r.progress("pre-building the helpers into the Go build cache, as setup does")
	if err := prebuild(ctx, cfg.Root, nil, false); err != nil {
		return nil, err
	}
	for i := 1; i <= cfg.Warm; i++ {
		run, err := r.run(ctx, fmt.Sprintf("warm-%d", i), warmKind, i == 1, nil)
		if err != nil {
			return nil, err
		}
		in.Runs = append(in.Runs, run)
	}
	if cfg.Cold {
		cold := filepath.Join(tmp, "cold")
		env := []string{"GOCACHE=" + filepath.Join(cold, "gocache"), "GOMODCACHE=" + filepath.Join(cold, "gomodcache"),
			"GOFLAGS=" + strings.TrimSpace(os.Getenv("GOFLAGS")+" -modcacherw")}
		run, err := r.run(ctx, "cold", coldKind, false, env)
		if err != nil {
			return nil, err
		}
		in.Runs = append(in.Runs, run)
		in.Disk = r.disk(ctx, cold, env)
	} else {
		r.notes = append(r.notes, "no cold run (-cold=false): no cold times and no disk figures")
	}
	if cfg.Warm == 0 {
		r.notes = append(r.notes, "no warm run (-warm=0): no floors, stability or memory figures")
	} else if !cfg.Floors {
		r.notes = append(r.notes, "floors not measured (-floors=false)")
	}
	in.Stability, in.Notes = r.stability, r.notes
	in.Machine.End, in.Machine.LoadEnd = time.Now(), loadAverage()
	rep := Build(in)
	return rep, rep.Write(cfg.Out)
}

func (r *runner) progress(format string, args ...any) {
	if r.cfg.Progress != nil {
		fmt.Fprintf(r.cfg.Progress, "bench: "+format+"\n", args...)
	}
}

// run executes every notebook once.
func (r *runner) run(ctx context.Context, name, kind string, instrumented bool, env []string) (CourseRun, error) {
	run := CourseRun{Name: name, Kind: kind, Instrumented: instrumented}
	for _, path := range r.notebooks {
		e, nb, err := r.execute(ctx, name, path, instrumented, env)
		if err != nil {
			return run, err
		}
		run.Executions = append(run.Executions, e)
		r.progress("%-7s %-40s %6.1f s  kernel start %.2f s  load %.1f → %.1f  %s", name, e.Notebook, e.Total,
			e.KernelStart, e.LoadBefore, e.LoadAfter, e.Status)
		if instrumented && nb != nil {
			if r.cfg.Repeats > 1 {
				r.stability = append(r.stability, Stabilities(nb)...)
			}
			if r.cfg.Floors {
				r.measureFloors(ctx, e, r.dir)
			}
		}
	}
	return run, nil
}

// execute runs one notebook with a kernelspec of its own that logs into the report folder.
func (r *runner) execute(ctx context.Context, runName, path string, instrumented bool, env []string) (Execution, *notebook.Notebook, error) {
	base := strings.TrimSuffix(filepath.Base(path), ".ipynb")
	logPath := filepath.Join(r.cfg.Out, "logs", runName, base+".log")
	jupyter := filepath.Join(r.tmp, "jupyter", runName+"-"+base)
	specDir := filepath.Join(jupyter, "kernels", kernelName)
	spec, err := KernelSpec(r.installed, logPath)
	if err != nil {
		return Execution{}, nil, err
	}
	if err := os.MkdirAll(specDir, 0o755); err != nil {
		return Execution{}, nil, err
	}
	if err := os.MkdirAll(filepath.Dir(logPath), 0o755); err != nil {
		return Execution{}, nil, err
	}
	os.Remove(logPath)
	if err := os.WriteFile(filepath.Join(specDir, "kernel.json"), spec, 0o644); err != nil {
		return Execution{}, nil, err
	}
	jupyterPath := jupyter
	if p := os.Getenv("JUPYTER_PATH"); p != "" {
		jupyterPath += string(os.PathListSeparator) + p
	}
	opts := notebook.Options{
		Env:         append([]string{"JUPYTER_PATH=" + jupyterPath}, env...),
		OutDir:      filepath.Join(r.cfg.Out, "executed", runName),
		Dir:         r.dir,
		Kernel:      kernelName,
		CellTimeout: r.cfg.CellTimeout,
	}
	if instrumented {
		opts.RSSInterval, opts.Complete = 100*time.Millisecond, true
		if r.cfg.Floors {
			opts.AfterCell = CaptureCell(filepath.Join(r.tmp, "capture", base))
		}
		if r.cfg.Repeats > 1 {
			opts.Repeat = map[string]int{}
			for _, h := range Headlines {
				if strings.HasPrefix(filepath.Base(path), h.Notebook) {
					opts.Repeat[h.Tag] = r.cfg.Repeats
				}
			}
		}
	}
	e := Execution{Notebook: filepath.Base(path), LoadBefore: loadAverage()[0]}
	start := time.Now()
	nb, err := notebook.Execute(ctx, path, opts)
	e.LoadAfter = loadAverage()[0]
	if err != nil {
		if ctx.Err() != nil {
			return e, nil, ctx.Err()
		}
		e.Status = "did not run: " + firstLine(err.Error())
		e.Total = time.Since(start).Seconds()
		return e, nil, nil
	}
	e.Status, e.KernelStart, e.Extra = nb.Status, nb.KernelStart.Seconds(), nb.Extra.Seconds()
	e.Total, e.PeakRSS, e.CPU, e.Completion = (nb.Total - nb.Extra).Seconds(), nb.PeakRSS, nb.CPU, nb.Completion.Seconds()
	for _, p := range nb.Problems() {
		e.Problems = append(e.Problems, firstLine(p))
	}
	var events []Event
	if f, err := os.Open(logPath); err == nil {
		events, err = ParseLog(f, start)
		f.Close()
		if err != nil {
			r.notes = append(r.notes, fmt.Sprintf("%s %s: reading GoNB's log: %v", runName, e.Notebook, err))
		}
	}
	for _, c := range nb.CodeCells() {
		cr := CellRun{Index: c.Index, Seconds: c.Duration.Seconds(), Charts: showsChart(c)}
		if !c.Started.IsZero() {
			cr.Phases = CellPhases(events, c.Started, c.Duration)
		}
		e.Cells = append(e.Cells, cr)
	}
	return e, nb, nil
}

func showsChart(c *notebook.Cell) bool {
	for _, o := range c.Outputs {
		if _, ok := o.Data[notebook.ChartMIME]; ok {
			return true
		}
	}
	return false
}

// measureFloors builds and runs, as plain binaries, the programs captured after each Go
// cell that GoNB built.
func (r *runner) measureFloors(ctx context.Context, e Execution, cwd string) {
	base := strings.TrimSuffix(e.Notebook, ".ipynb")
	floors := map[int]*Floor{}
	r.floors[e.Notebook] = floors
	start := time.Now()
	for _, c := range e.Cells {
		if c.Phases == nil || !c.Phases.Ran {
			continue
		}
		dir := filepath.Join(r.tmp, "capture", base, fmt.Sprint(c.Index))
		if _, err := os.Stat(filepath.Join(dir, "main.go")); err != nil {
			floors[c.Index] = &Floor{Error: "main.go was not captured"}
			continue
		}
		floors[c.Index] = MeasureFloor(ctx, dir, cwd, c.Phases.BuildArgs, r.cfg.CellTimeout)
	}
	r.progress("%-7s %-40s floors of %d cells in %.1f s", "floors", e.Notebook, len(floors), time.Since(start).Seconds())
}

// prebuild compiles the helpers into the build cache as docker/install.sh does (with
// download, `go mod download` first).
func prebuild(ctx context.Context, root string, env []string, download bool) error {
	steps := [][]string{{"build", "./helpers/..."}, {"build", "-race", "./helpers/..."}}
	if download {
		steps = append([][]string{{"mod", "download"}}, steps...)
	}
	for _, args := range steps {
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Dir, cmd.Env = root, append(os.Environ(), env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	return nil
}

// disk measures the cold run's caches, then runs setup's pre-build in them and measures again.
func (r *runner) disk(ctx context.Context, cold string, env []string) *Disk {
	d := &Disk{
		ColdBuildCache:  diskUsage(filepath.Join(cold, "gocache")),
		ColdModuleCache: diskUsage(filepath.Join(cold, "gomodcache")),
		Toolchain:       diskUsage(output(ctx, r.cfg.Root, "go", "env", "GOROOT")),
	}
	if r.cfg.SetupDisk {
		r.progress("running setup's pre-build (go mod download, go build ./helpers/..., -race) in the cold caches")
		if err := prebuild(ctx, r.cfg.Root, env, true); err != nil {
			d.SetupError = firstLine(err.Error())
		} else {
			d.SetupBuildCache = diskUsage(filepath.Join(cold, "gocache"))
			d.SetupModuleCache = diskUsage(filepath.Join(cold, "gomodcache"))
		}
	}
	return d
}

// Write writes report.json and report.md into dir.
func (r *Report) Write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "report.json"), b, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "report.md"), []byte(r.Markdown()), 0o644)
}
