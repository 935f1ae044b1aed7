package coursetest_test

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

// falseFails, when > 0, makes TestFalseFailRate run: every exercise's solution and check
// as a program of their own, so that the check runs that many times in one process. It
// is a measurement, not part of `make test` (it takes tens of minutes):
//
//	go test ./internal/coursetest/ -run TestFalseFailRate -falsefails 200 -v
var (
	falseFails = flag.Int("falsefails", 0, "TestFalseFailRate: runs of each solution's check under each setting (0 skips it)")
	raceRuns   = flag.Int("raceruns", 10, "TestFalseFailRate: runs of each check's race detector part, which rebuilds the program each time")
)

// TestFalseFailRate counts how often a correct solution FAILs its check, at the
// machine's GOMAXPROCS and at GOMAXPROCS=1, and writes reports/falsefails/NAME.md (NAME: the
// -notebook filter, or all).
//
// The program holds the notebook's cells tagged "setup" (but the first two), the
// solution and the check cell, as GoNB would compose them; its main runs the check
// cell's body -falsefails times. Without GONB_TMP_DIR the checks do not rebuild the
// code with -race, so these runs measure the in-process trials; the race detector's
// part runs -raceruns times more, with GONB_TMP_DIR set to the program's folder.
func TestFalseFailRate(t *testing.T) {
	if *falseFails <= 0 {
		t.Skip("a measurement: run with -falsefails N")
	}
	rows := []string{"| exercise | GOMAXPROCS | runs | FAIL | race detector runs | race FAIL |", "|---|---|---|---|---|---|"}
	for _, path := range notebooks(t) {
		if *only != "" && !strings.Contains(path, *only) {
			continue
		}
		nb, err := notebook.Read(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range nb.Cells {
			for _, tag := range c.Tags {
				name, ok := strings.CutPrefix(tag, "exercise:")
				if !ok {
					continue
				}
				dir, exe := exerciseProgram(t, nb, name)
				for _, procs := range []string{fmt.Sprint(runtime.NumCPU()), "1"} {
					fails, runs := runChecks(t, exe, dir, procs, *falseFails, false)
					raceFails, raced := 0, 0
					if procs != "1" {
						raceFails, raced = runChecks(t, exe, dir, procs, *raceRuns, true)
					}
					row := fmt.Sprintf("| %s | %s | %d | %d | %d | %d |", name, procs, runs, fails, raced, raceFails)
					t.Log(row)
					rows = append(rows, row)
				}
			}
		}
	}
	dir := filepath.Join(repoRoot(), "reports", "falsefails")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	name := "all"
	if *only != "" {
		name = sanitize(*only)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".md"), []byte(strings.Join(rows, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runChecks runs the program's check n times and counts the FAIL verdicts.
func runChecks(t *testing.T, exe, dir, procs string, n int, race bool) (fails, runs int) {
	t.Helper()
	if n == 0 {
		return 0, 0
	}
	reps := n
	if race {
		reps = 1 // one check per process: each run rebuilds with -race
	}
	for range n / reps {
		cmd := exec.Command(exe, fmt.Sprint(reps))
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOMAXPROCS="+procs)
		if race {
			cmd.Env = append(cmd.Env, "GONB_TMP_DIR="+dir)
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", exe, err, tail(string(out), 20))
		}
		for _, line := range strings.Split(string(out), "\n") {
			switch {
			case strings.HasPrefix(line, "PASS:"):
				runs++
			case strings.HasPrefix(line, "FAIL:"):
				runs++
				fails++
				t.Logf("false FAIL (GOMAXPROCS=%s): %s", procs, line)
			}
		}
	}
	return fails, runs
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

var importBlock = regexp.MustCompile(`(?m)^import (\([^)]*\)|"[^"]*")\s*$`)

// exerciseProgram writes and builds the program of exercise name: a main package in a
// module that requires the course, as GoNB's is.
func exerciseProgram(t *testing.T, nb *notebook.Notebook, name string) (dir, exe string) {
	t.Helper()
	solution, err := notebook.SolutionSource(filepath.Join("solutions", name+".go"))
	if err != nil {
		t.Fatal(err)
	}
	check := cell(t, nb, "check:"+name).Source
	var parts []string
	setups := 0
	for _, c := range nb.CodeCells() {
		if c.HasTag("setup") {
			if setups++; setups > 2 {
				parts = append(parts, c.Source)
			}
		}
	}
	parts = append(parts, solution)
	decl, body, _ := strings.Cut(check, "\n%%\n")
	if !strings.Contains(check, "\n%%\n") {
		decl, body = "", check
	}
	parts = append(parts, decl)
	var imports, code []string
	for _, p := range parts {
		for _, m := range importBlock.FindAllStringSubmatch(p, -1) {
			for _, line := range strings.Split(strings.Trim(m[1], "()"), "\n") {
				if line = strings.TrimSpace(line); line != "" && !slices.Contains(imports, line) {
					imports = append(imports, line)
				}
			}
		}
		p = importBlock.ReplaceAllString(p, "")
		p = regexp.MustCompile(`(?m)^func main\(\)`).ReplaceAllString(p, "func exerciseMain()")
		code = append(code, p)
	}
	imports = slices.DeleteFunc(imports, func(s string) bool { return s == `"os"` || s == `"strconv"` })
	src := "package main\n\nimport (\n\t\"os\"\n\t\"strconv\"\n" + strings.Join(imports, "\n") + "\n)\n\n" +
		strings.Join(code, "\n\n") + "\n\nfunc main() {\n\tn := 1 // the race detector's run has no argument\n\tif len(os.Args) > 1 {\n\t\tn, _ = strconv.Atoi(os.Args[1])\n\t}\n\tfor range n {\n\t\tcheckOnce()\n\t}\n}\n\n" +
		"func checkOnce() {\n" + body + "\n}\n"
	dir = t.TempDir()
	mod, err := os.ReadFile(filepath.Join(repoRoot(), "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(repoRoot(), "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"go.mod": strings.Replace(string(mod), "module github.com/go-concurrency-lab/course", "module exercise", 1) +
			"\nrequire github.com/go-concurrency-lab/course v0.0.0\n\nreplace github.com/go-concurrency-lab/course => " + repoRoot() + "\n",
		"go.sum":  string(sum),
		"main.go": src,
	}
	for f, text := range files {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"goimports", "-w", "main.go"}, {"go", "build", "-o", "exercise", "."}} {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %s: %v\n%s\n%s", name, strings.Join(args, " "), err, out, numbered(src))
		}
	}
	return dir, filepath.Join(dir, "exercise")
}

func numbered(src string) string {
	lines := strings.Split(src, "\n")
	for i := range lines {
		lines[i] = fmt.Sprintf("%4d %s", i+1, lines[i])
	}
	return strings.Join(slices.Clip(lines), "\n")
}
