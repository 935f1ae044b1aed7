package notebook

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

//go:embed execute.py
var executeScript []byte

// Options control Execute.
type Options struct {
	// CellTimeout stops the run when one cell takes longer (default 5 minutes, a safety
	// net only: timing budgets belong to `make bench`).
	CellTimeout time.Duration
	// Env is added to the kernel's environment, e.g. "GOMAXPROCS=1".
	Env []string
	// OutDir receives the executed copy (default: <repo>/reports/executed).
	OutDir string
	// Name of the executed copy (default: the notebook's file name).
	Name string
	// JupyterRoot is the working directory of the process that launches the kernel
	// (default: the caller's). GoNB takes it as the Jupyter root, where charts copy
	// their echarts asset (into _static/).
	JupyterRoot string

	// Used by `make bench` (internal/bench); all off by default.

	// Dir is the kernel's working directory (default: the notebook's folder), for running a
	// copy of a notebook kept elsewhere as if it were in Dir.
	Dir string

	// Kernel is the kernelspec to run (default "gonb"); give JUPYTER_PATH in Env to
	// use one that is not installed.
	Kernel string
	// AfterCell is the source of an extra cell run after every code cell and not saved,
	// with "{index}" replaced by the cell's index, e.g. a `!*` command copying main.go.
	AfterCell string
	// Repeat runs the cell carrying a tag this many times in all, one run right after the
	// other; the extra runs land in Cell.Repeats.
	Repeat map[string]int
	// RSSInterval, when positive, samples the kernel's process tree for Notebook.PeakRSS
	// and Notebook.CPU.
	RSSInterval time.Duration
	// Complete asks the kernel for a completion at the end of the last code cell after the
	// notebook ran, as JupyterLab does on Tab: GoNB then starts using gopls.
	Complete bool
}

// Root returns the course repository's root: the folder of the go.mod that declares the
// course module, found by walking up from the working directory.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(b, []byte("module github.com/go-concurrency-lab/course\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("notebook.Root: no course go.mod above the working directory")
		}
		dir = parent
	}
}

// Python returns the interpreter of the project's environment: $GOLAB_VENV/bin/python,
// else <repo>/.venv/bin/python. It fails with a hint when the environment is missing.
func Python() (string, error) {
	venv := os.Getenv("GOLAB_VENV")
	if venv == "" {
		root, err := Root()
		if err != nil {
			return "", err
		}
		venv = filepath.Join(root, ".venv")
	}
	py := filepath.Join(venv, "bin", "python")
	if _, err := os.Stat(py); err != nil {
		return "", fmt.Errorf("no Python environment at %s: run `make setup` (or `make test`) first", venv)
	}
	return py, nil
}

// Execute runs the notebook at path headless with the GoNB kernel and returns the
// executed copy, also written to opts.OutDir. It fails only when the run could not
// happen at all; problems inside the notebook are reported by (*Notebook).Problems.
func Execute(ctx context.Context, path string, opts Options) (*Notebook, error) {
	py, err := Python()
	if err != nil {
		return nil, err
	}
	if opts.CellTimeout <= 0 {
		opts.CellTimeout = 5 * time.Minute
	}
	if opts.OutDir == "" {
		root, err := Root()
		if err != nil {
			return nil, err
		}
		opts.OutDir = filepath.Join(root, "reports", "executed")
	}
	if opts.Name == "" {
		opts.Name = filepath.Base(path)
	}
	if err := os.MkdirAll(opts.OutDir, 0o755); err != nil {
		return nil, err
	}
	if opts.OutDir, err = filepath.Abs(opts.OutDir); err != nil { // the launcher may run elsewhere
		return nil, err
	}
	script := filepath.Join(opts.OutDir, ".execute.py")
	if err := os.WriteFile(script, executeScript, 0o644); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	out := filepath.Join(opts.OutDir, opts.Name)
	_ = os.Remove(out)
	cmd := exec.CommandContext(ctx, py, append([]string{script, abs, out}, opts.args()...)...)
	cmd.Env = append(kernelEnv(filepath.Dir(py)), opts.Env...)
	cmd.Dir = opts.JupyterRoot
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("executing %s: %v\n%s", path, err, tail(stderr.String(), 40))
	}
	nb, err := Read(out)
	if err != nil {
		return nil, err
	}
	nb.Path, nb.Executed = path, out
	return nb, nil
}

// args are execute.py's options.
func (opts Options) args() []string {
	args := []string{"--cell-timeout", fmt.Sprint(opts.CellTimeout.Seconds())}
	if opts.Kernel != "" {
		args = append(args, "--kernel", opts.Kernel)
	}
	if opts.Dir != "" {
		args = append(args, "--cwd", opts.Dir)
	}
	if opts.AfterCell != "" {
		args = append(args, "--after-cell", opts.AfterCell)
	}
	tags := slices.Sorted(maps.Keys(opts.Repeat))
	for _, tag := range tags {
		args = append(args, "--repeat", fmt.Sprintf("%s=%d", tag, opts.Repeat[tag]))
	}
	if opts.RSSInterval > 0 {
		args = append(args, "--rss-interval", fmt.Sprint(opts.RSSInterval.Seconds()))
	}
	if opts.Complete {
		args = append(args, "--complete")
	}
	return args
}

// kernelEnv is this process's environment with the Python environment's bin first on
// PATH, so that Jupyter finds the GoNB kernelspec and the kernel finds goimports.
func kernelEnv(bin string) []string {
	env := os.Environ()
	for i, kv := range env {
		if strings.HasPrefix(kv, "PATH=") {
			env[i] = "PATH=" + bin + string(os.PathListSeparator) + strings.TrimPrefix(kv, "PATH=")
			return env
		}
	}
	return append(env, "PATH="+bin)
}

func tail(s string, lines int) string {
	parts := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(parts) > lines {
		parts = parts[len(parts)-lines:]
	}
	return strings.Join(parts, "\n")
}

func nan() float64 { return math.NaN() }

// WithSolutions writes a copy of the notebook at path that keeps only its "setup" cells
// and, for every exercise, the solution (from solutionsDir/NAME.go) in place of the
// starter cell tagged "exercise:NAME", followed by its check cell tagged "check:NAME".
// Running that copy proves each solution passes its check.
//
// After each solution come the exercise's wrong answers, if wrongDir is not "": for every
// file wrongDir/NAME.LABEL.go, in name order, the solution again, then the file's cell
// (tagged "wrong:NAME.LABEL"), then a copy of the check cell tagged "check:NAME.LABEL",
// which should FAIL. GoNB replaces a declaration by a later one of the same name, so a
// wrong answer holds only the declarations in which it differs from the solution.
//
// It returns the copy's path, the exercise names and the wrong answers' NAME.LABELs.
func WithSolutions(path, solutionsDir, wrongDir, outDir string) (string, []string, []string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", nil, nil, err
	}
	var nb map[string]any
	if err := json.Unmarshal(b, &nb); err != nil {
		return "", nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	cells, _ := nb["cells"].([]any)
	checks := map[string]any{}
	for _, c := range cells {
		for _, tag := range cellTags(c) {
			if name, ok := strings.CutPrefix(tag, "check:"); ok {
				checks[name] = c
			}
		}
	}
	var kept []any
	var names, wrong []string
	for _, c := range cells {
		tags := cellTags(c)
		if slices.Contains(tags, "setup") {
			kept = append(kept, c)
			continue
		}
		for _, tag := range tags {
			name, ok := strings.CutPrefix(tag, "exercise:")
			if !ok {
				continue
			}
			check, ok := checks[name]
			if !ok {
				return "", nil, nil, fmt.Errorf("%s: exercise %q has no cell tagged check:%s", path, name, name)
			}
			src, err := SolutionSource(filepath.Join(solutionsDir, name+".go"))
			if err != nil {
				return "", nil, nil, err
			}
			solution := src
			kept = append(kept, withSource(c, solution, "", nil), check)
			names = append(names, name)
			if wrongDir == "" {
				continue
			}
			files, err := filepath.Glob(filepath.Join(wrongDir, name+".*.go"))
			if err != nil {
				return "", nil, nil, err
			}
			for _, f := range files { // Glob sorts them
				label := strings.TrimSuffix(filepath.Base(f), ".go")
				src, err := SolutionSource(f)
				if err != nil {
					return "", nil, nil, err
				}
				suffix := "-" + strings.ReplaceAll(strings.TrimPrefix(label, name+"."), ".", "-")
				kept = append(kept, withSource(c, solution, suffix+"-solution", nil),
					withSource(c, src, suffix, []any{"wrong:" + label}),
					withSource(check, nil, suffix, []any{"check:" + label}))
				wrong = append(wrong, label)
			}
		}
	}
	if len(names) == 0 {
		return "", nil, nil, fmt.Errorf("%s: no cell tagged exercise:NAME", path)
	}
	nb["cells"] = kept
	out, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		return "", nil, nil, err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return "", nil, nil, err
	}
	dst := filepath.Join(outDir, strings.TrimSuffix(filepath.Base(path), ".ipynb")+".solutions.ipynb")
	return dst, names, wrong, os.WriteFile(dst, out, 0o644)
}

// withSource returns a copy of the notebook cell c with the given source (unless nil),
// its id extended by idSuffix, and the given tags (unless nil).
func withSource(c any, source any, idSuffix string, tags []any) map[string]any {
	cell := map[string]any{}
	for k, v := range c.(map[string]any) {
		cell[k] = v
	}
	if source != nil {
		cell["source"] = source
	}
	if id, ok := cell["id"].(string); ok && idSuffix != "" {
		cell["id"] = id + idSuffix
	}
	if tags != nil {
		md := map[string]any{}
		if old, ok := cell["metadata"].(map[string]any); ok {
			for k, v := range old {
				md[k] = v
			}
		}
		md["tags"] = tags
		cell["metadata"] = md
	}
	return cell
}

// SolutionSource reads a solution file and returns the cell source it holds: the file
// minus its leading `//go:build ignore` and `package main` lines, which keep the Go
// tools from building it on its own.
func SolutionSource(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("solution: %w", err)
	}
	lines := strings.Split(string(b), "\n")
	for len(lines) > 0 {
		l := strings.TrimSpace(lines[0])
		if l == "" || strings.HasPrefix(l, "//go:build") || strings.HasPrefix(l, "package ") {
			lines = lines[1:]
			continue
		}
		break
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n"), nil
}

func cellTags(c any) []string {
	m, _ := c.(map[string]any)
	md, _ := m["metadata"].(map[string]any)
	raw, _ := md["tags"].([]any)
	var tags []string
	for _, t := range raw {
		if s, ok := t.(string); ok {
			tags = append(tags, s)
		}
	}
	return tags
}
